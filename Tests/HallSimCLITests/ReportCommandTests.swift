import Foundation
import HallSimTesting
import Testing

/// The attributes of every tag of an HTML page, in order (names lower-case, values unescaped).
func htmlTags(_ html: String) -> [(name: String, attributes: [String: String])] {
    var tags: [(String, [String: String])] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
        rest = rest[rest.index(after: open)...]
        guard let close = rest.firstIndex(of: ">") else { break }
        let tag = rest[..<close]
        rest = rest[rest.index(after: close)...]
        guard let first = tag.first, first.isLetter else { continue }
        let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
        var attributes: [String: String] = [:]
        var s = tag.dropFirst(name.count)
        while true {
            s = s.drop { $0.isWhitespace || $0 == "/" }
            let key = s.prefix { $0 != "=" && !$0.isWhitespace && $0 != "/" }
            guard !key.isEmpty else { break }
            s = s.dropFirst(key.count)
            var value = ""
            if s.first == "=" {
                s = s.dropFirst()
                if s.first == "\"" {
                    s = s.dropFirst()
                    value = String(s.prefix { $0 != "\"" })
                    s = s.dropFirst(value.count + 1)
                } else {
                    value = String(s.prefix { !$0.isWhitespace })
                    s = s.dropFirst(value.count)
                }
            }
            attributes[key.lowercased()] = value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        tags.append((name, attributes))
    }
    return tags
}

/// Every figure a report prints with its source: `data-figure` path → `data-value`.
func reportFigures(_ html: String) -> [(path: String, value: Double)] {
    htmlTags(html).compactMap { tag in
        guard let path = tag.attributes["data-figure"], let text = tag.attributes["data-value"], let value = Double(text) else { return nil }
        return (path, value)
    }
}

/// The ids of the page's sections, in order.
func reportSections(_ html: String) -> [String] {
    htmlTags(html).filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
}

/// A JSON document read with `JSONDecoder`, which reads every number back exactly as written
/// (`JSONSerialization` on Linux may be one unit in the last place off).
indirect enum ExactJSON: Decodable {
    case number(Double), text(String), list([ExactJSON]), object([String: ExactJSON]), other

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .other } else if (try? c.decode(Bool.self)) != nil { self = .other }
        else if let d = try? c.decode(Double.self) { self = .number(d) } else if let s = try? c.decode(String.self) { self = .text(s) }
        else if let l = try? c.decode([ExactJSON].self) { self = .list(l) } else { self = .object(try c.decode([String: ExactJSON].self)) }
    }

    static func read(_ url: URL) throws -> ExactJSON { try JSONDecoder().decode(ExactJSON.self, from: Data(contentsOf: url)) }

    subscript(_ key: String) -> ExactJSON? { if case .object(let o) = self { o[key] } else { nil } }
    var text: String? { if case .text(let s) = self { s } else if case .number(let d) = self { d == d.rounded() ? String(Int(d)) : "\(d)" } else { nil } }
}

/// The value a report's figure path names in a results document: `cases.arrived`,
/// `groups[hall/group].wait_s.mean`, `halls[id].utilisation`, `figures[place/name/kpi].difference.mean` …
func resolve(_ path: String, in document: ExactJSON) -> Double? {
    var current: ExactJSON? = document
    var rest = Substring(path)
    while !rest.isEmpty {
        let name = rest.prefix { $0 != "." && $0 != "[" }
        rest = rest.dropFirst(name.count)
        current = current?[String(name)]
        if rest.first == "[" {
            let key = rest.dropFirst().prefix { $0 != "]" }
            rest = rest.dropFirst(key.count + 2)
            guard case .list(let list)? = current else { return nil }
            current = list.first { e in
                func t(_ k: String) -> String { e[k]?.text ?? "" }
                let ids: [String] = switch name {
                case "groups": ["\(t("hall"))/\(t("group"))" + (e["kind"]?.text.map { "/" + $0 } ?? ""), t("group")]
                case "departments": ["\(t("hall"))/\(t("department"))", t("department")]
                case "workday", "weekend", "holiday": [t("start")]
                case "shifts": [t("shift")]
                case "figures": ["\(t("place"))/\(t("name"))/\(t("kpi"))"]
                case "variants": [t("variant")]
                default: ["hall", "tier", "channel"].compactMap { e[$0]?.text }
                }
                return ids.contains(String(key))
            }
        }
        if rest.first == "." { rest = rest.dropFirst() }
    }
    if case .number(let d)? = current { return d }
    return nil
}

private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// Every figure a run's report prints is the one of summary.json, for each bundled scenario
/// (a week of each, one run and three replications); the sections the scenario has are there.
@Test(arguments: ["tongling-weekend", "wenling-channels", "jiangmen-hotline", "pooling", "mmc"])
func runReportPrintsTheFiguresOfSummaryJSON(_ name: String) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/\(name).yaml").path
    for replications in [1, 3] {
        let out = dir.appendingPathComponent("r\(replications)")
        let r = try CommandRunner.hallsim(["run", file, "--horizon", "7d", "--no-log", "--report", "--replications", "\(replications)", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try read(out.appendingPathComponent("report.html"))
        let summary = try ExactJSON.read(out.appendingPathComponent("summary.json"))
        let figures = reportFigures(html)
        guard case .list(let list)? = summary["groups"] else { Issue.record("no groups"); return }
        let groups = list.count
        #expect(figures.count >= 6 + 9 * groups, "\(name): \(figures.count) figures")
        for (path, value) in figures {
            let expected = resolve(path, in: summary)
            #expect(expected == value, "\(name) ×\(replications): \(path) is \(value) in the report, \(expected.map { "\($0)" } ?? "absent") in summary.json")
        }
        let sections = reportSections(html)
        #expect(Array(sections.prefix(4)) == ["headline", "daily", "profiles", "utilisation"], "\(name): \(sections)")
        for part in ["channels", "departments", "escalation", "hotline", "ratings"] {
            #expect(sections.contains(part) == (summary[part] != nil), "\(name): section \(part)")
        }
    }
}

/// report-data.json holds what summary.json does not, from the same fold: its days add up to the
/// run's totals, each group's hours to the group's calls; with replications every series has its half-widths.
@Test func reportDataAddsUpToTheSummary() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/tongling-weekend.yaml").path
    for replications in [1, 2] {
        let out = dir.appendingPathComponent("r\(replications)")
        let r = try CommandRunner.hallsim(["run", file, "--horizon", "14d", "--no-log", "--replications", "\(replications)", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try json(try read(out.appendingPathComponent("summary.json")))
        let data = try json(try read(out.appendingPathComponent("report-data.json")))
        #expect(data["format"] as? String == "hallsim report data" && data["version"] as? Int == 1)
        let daily = try #require(data["daily"] as? [String: Any])
        func total(_ series: Any?) -> Double { ((series as? [String: Any])?["values"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue }.reduce(0, +) }
        let cases = try #require(summary["cases"] as? [String: Any])
        #expect((daily["dates"] as? [String])?.count == 14)
        #expect(abs(total(daily["cases"]) - (cases["arrived"] as! NSNumber).doubleValue) < 1e-6 * total(daily["cases"]) + 1e-9)
        #expect(abs(total(daily["abandoned"]) - (cases["abandoned"] as! NSNumber).doubleValue) < 1e-6 * total(daily["abandoned"]) + 1e-9)
        let profiles = try #require(data["groups"] as? [[String: Any]])
        for p in profiles {
            let key = "groups[\(p["hall"]!)/\(p["group"]!)\((p["kind"] as? String).map { "/" + $0 } ?? "")].wait_s.count"
            let count = try #require(resolve(key, in: try ExactJSON.read(out.appendingPathComponent("summary.json"))))
            #expect(abs(total(p["called"]) - count) <= 1e-5 * count, "\(key)")
            let band = (p["wait_mean_s"] as? [String: Any])?["ci95"]
            #expect((band != nil) == (replications > 1))
        }
        #expect((data["band"] != nil) == (replications > 1))
    }
}

/// Three days of a bundled scenario run with `--report` and without a log: its results folder and the scenario file.
private func reportedRun(_ scenario: String) throws -> (folder: URL, file: String) {
    let out = try CommandRunner.temporaryFolder().appendingPathComponent("out")
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/\(scenario).yaml").path
    let r = try CommandRunner.hallsim(["run", file, "--horizon", "3d", "--no-log", "--report", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    return (out, file)
}

/// `hallsim report DIR` rebuilds the page `run --report` wrote, byte for byte, from a run without
/// its log; the folder stays a results folder a later run may replace.
@Test func reportCommandRebuildsTheRunsPageFromTheFolder() throws {
    let (out, file) = try reportedRun("pooling")
    let written = try read(out.appendingPathComponent("report.html"))
    try FileManager.default.removeItem(at: out.appendingPathComponent("report.html"))
    let r = try CommandRunner.hallsim(["report", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try read(out.appendingPathComponent("report.html")) == written)
    #expect(try read(out.appendingPathComponent(".hallsim-results")).split(separator: "\n").contains("report.html"))
    #expect(try CommandRunner.hallsim(["run", file, "--horizon", "1d", "--no-log", "--out", out.path]).status == 0)
}

/// A half-written page that an earlier `hallsim report` left when it was killed (its process is
/// gone) does not make the folder foreign: the next one removes it and writes the page.
@Test func reportCommandClearsWhatAKilledReportLeft() throws {
    let (out, _) = try reportedRun("pooling")
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let leftover = out.appendingPathComponent(".report.html.tmp-\(finished.processIdentifier)")
    try Data("<!DOCTYPE html><html><bo".utf8).write(to: leftover)
    let r = try CommandRunner.hallsim(["report", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: leftover.path))
    #expect(try read(out.appendingPathComponent("report.html")).hasSuffix("</html>\n"))
}

/// Nothing in a report is fetched: no element has a source or a link other than to its own sections.
@Test func reportsFetchNothing() throws {
    let html = try read(try reportedRun("wenling-channels").folder.appendingPathComponent("report.html"))
    for tag in htmlTags(html) {
        for key in ["src", "href", "action", "srcset", "xlink:href", "data"] {
            if let value = tag.attributes[key] { #expect(value.hasPrefix("#"), "<\(tag.name) \(key)=\(value)>") }
        }
    }
    #expect(!html.contains("url("), "a style fetches")
    #expect(!html.contains("@import"), "a style fetches")
    #expect(htmlTags(html).filter { $0.name == "svg" }.allSatisfy { $0.attributes["aria-label"]?.isEmpty == false })
}

/// A comparison's and a sweep's pages print the figures of comparison.json and sweep.json.
@Test func experimentReportsPrintTheFiguresOfTheirJSON() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/pooling-one-queue.yaml").path
    let compare = dir.appendingPathComponent("compare")
    var r = try CommandRunner.hallsim(["compare", file, "--demand-factor", "1.1", "--replications", "3", "--horizon", "2d", "--report", "--out", compare.path])
    #expect(r.status == 0, "\(r.stderr)")
    var html = try read(compare.appendingPathComponent("report.html"))
    var document = try ExactJSON.read(compare.appendingPathComponent("comparison.json"))
    var figures = reportFigures(html)
    guard case .list(let compared)? = document["figures"] else { Issue.record("no figures"); return }
    #expect(figures.count >= 3 * compared.count)
    for (path, value) in figures { #expect(resolve(path, in: document) == value, "\(path)") }
    #expect(reportSections(html) == ["verdicts", "variants", "differences"])

    let sweep = dir.appendingPathComponent("sweep")
    r = try CommandRunner.hallsim(["sweep", file, "--vary", "halls.county.windows.one-window.count=7..9", "--replications", "3", "--horizon", "2d", "--report", "--out", sweep.path])
    #expect(r.status == 0, "\(r.stderr)")
    html = try read(sweep.appendingPathComponent("report.html"))
    document = try ExactJSON.read(sweep.appendingPathComponent("sweep.json"))
    figures = reportFigures(html)
    #expect(figures.count >= 3)
    for (path, value) in figures { #expect(resolve(path, in: document) == value, "\(path)") }
    #expect(reportSections(html) == ["parameter", "variants", "figures"])
}

/// A staffing run's page prints the figures of staff.json (the plan by slot, rosters, ties,
/// departments), and `hallsim report` rebuilds it byte for byte.
@Test func staffingReportPrintsTheFiguresOfStaffJSON() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writePermitsScenario(in: dir, horizon: "30d", windows: 3, perHour: 15)
    let out = dir.appendingPathComponent("staff")
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "p90_wait<=10m", "--target", "on_time_promised>=0.95", "--replications", "4", "--report", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try read(out.appendingPathComponent("report.html"))
    let document = try ExactJSON.read(out.appendingPathComponent("staff.json"))
    let figures = reportFigures(html)
    #expect(figures.contains { $0.path.hasSuffix(".windows") } && figures.contains { $0.path.hasPrefix("departments[") } && figures.contains { $0.path.contains(".shifts[") })
    for (path, value) in figures { #expect(resolve(path, in: document) == value, "\(path)") }
    #expect(reportSections(html) == ["summary", "plan", "rosters", "ties", "robustness", "departments"])
    let again = try CommandRunner.hallsim(["report", out.path])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try read(out.appendingPathComponent("report.html")) == html)
}

/// `hallsim report` on what is not a results folder is bad input (exit 2), with the reason.
@Test func reportCommandRefusesWhatIsNotAResultsFolder() throws {
    let dir = try CommandRunner.temporaryFolder()
    var r = try CommandRunner.hallsim(["report", dir.appendingPathComponent("missing").path])
    #expect(r.status == 2 && r.stderr.contains("holds no summary.json"), "\(r.stderr)")
    try Data("{}".utf8).write(to: dir.appendingPathComponent("summary.json"))
    r = try CommandRunner.hallsim(["report", dir.path])
    #expect(r.status == 2 && r.stderr.contains("not a run's summary"), "\(r.stderr)")
}
