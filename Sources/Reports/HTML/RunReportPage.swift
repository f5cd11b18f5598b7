public import Foundation

/// `report.html` of a run: drawn from the run's summary.json (headline figures, halls, groups,
/// the service network) and report-data.json (daily series, day profiles), nothing computed
/// anew but bands and shares of those figures. A replicated run's figures are the means across
/// replications, each with its 95% half-width (`_ci95`), drawn as bands. docs/report.md lists the sections.
public struct RunReportPage {
    /// The file's name in a results folder.
    public static let fileName = "report.html"
    /// Window groups charted one by one at most; every group is in the table.
    public static let chartedGroups = 12
    /// Groups in the utilisation heatmap at most (the busiest).
    public static let heatmapGroups = 40

    let summary: JSONValue
    let data: ReportData?

    /// Why a results folder's files cannot make a report (the CLI exits with 2).
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The page of a run from its summary.json bytes and its report data (absent in a folder
    /// written before report-data.json existed: the page then has no charts by hour or day).
    public init(summary: Data, data: ReportData?) throws(Unreadable) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: summary), value.object != nil, value["scenario"]?.string != nil else {
            throw Unreadable(description: "summary.json is not a run's summary")
        }
        self.summary = value
        self.data = data
    }

    var replications: Int { Int(summary["replications"]?.number ?? 1) }

    /// The page.
    public func html() -> String {
        let scenario = summary["scenario"]?.string ?? "?"
        var subtitle = replications > 1 ? "\(replications) replications (seed \(Self.text(summary["seed"])) for the first)" : "One run, seed \(Self.text(summary["seed"]))"
        if let s = summary["simulated_s"]?.number { subtitle += " · \(Format.duration(s)) simulated" }
        if let range = summary["range"], let start = range["start_s"]?.number {
            subtitle += " · figures from \(range["from"]?.string ?? Format.duration(start)) to \(range["to"]?.string ?? "the end")"
        }
        var page = HTMLDocument(title: "hallsim report · \(scenario)", subtitle: subtitle)
        headline(&page)
        if let data {
            daily(&page, data)
            profiles(&page, data)
            heatmap(&page, data)
        }
        places(&page)
        network(&page)
        return page.render()
    }

    /// The words for the bands of this run's charts.
    var bandWords: String {
        replications > 1
            ? "Bands: the 95% confidence interval of the mean across the \(replications) replications."
            : "One run: no interval across replications."
    }

    // MARK: Headline

    func headline(_ page: inout HTMLDocument) {
        var cards = "<div class=\"cards\">"
        func card(_ label: String, _ object: JSONValue?, _ key: String, path: String, unit: String = "", share: Bool = false) {
            guard let object, let v = object[key]?.number else { return }
            let ci = object[key + "_ci95"]?.number
            let text = share ? Format.percent(v) : Format.number(v) + unit
            let ciText = ci.map { " <span class=\"ci\">± " + (share ? Format.percent($0) : Format.number($0)) + "</span>" } ?? ""
            cards += "<div class=\"card\"><div class=\"label\">\(HTMLDocument.escape(label))</div>"
            cards += "<div class=\"value\" data-figure=\"\(path)\" data-value=\"\(Format.exact(v))\">\(HTMLDocument.escape(text))\(ciText)</div></div>"
        }
        let cases = summary["cases"], waits = summary["wait_s"]
        card("Cases arrived", cases, "arrived", path: "cases.arrived")
        card("Completed", cases, "completed", path: "cases.completed")
        card("Gave up", cases, "abandoned", path: "cases.abandoned")
        card("Mean wait", waits, "mean", path: "wait_s.mean", unit: " s")
        card("Median wait (p50)", waits, "p50", path: "wait_s.p50", unit: " s")
        card("p90 wait", waits, "p90", path: "wait_s.p90", unit: " s")
        card("Service level", summary, "service_level", path: "service_level", share: true)
        cards += "</div>\n"
        var intro = replications > 1 ? "Means across \(replications) replications, ± the 95% half-width across them." : "The run's overall figures (summary.json)."
        if let target = summary["service_level_target_s"]?.number { intro += " Service level: share of waits within \(Format.duration(target))." }
        page.section("headline", "Headline figures", intro: intro, cards)
    }

    // MARK: Daily series

    func daily(_ page: inout HTMLDocument, _ data: ReportData) {
        let d = data.daily
        guard d.dates.count > 1 else { return }
        var chart = SVGChart(title: "", xLabel: "date", yLabel: "")
        chart.width = 1100
        var html = "<div class=\"charts\">"
        for (title, unit, series) in [("Cases submitted per day", "cases per day", d.cases), ("Mean wait per day", "wait (s)", d.wait_mean_s), ("People who gave up per day", "people per day", d.abandoned)] {
            chart.title = title
            chart.yLabel = unit
            html += chart.lines(x: d.dates, [line(series, name: title.lowercased())])
        }
        page.section("daily", "Day by day", intro: "Each event on the day it happened (a wait on the day the case was called). " + bandWords, html + "</div>")
    }

    /// A line from a series, with its replications' band when it has one.
    func line(_ s: ReportData.Series, name: String, colour: String = SVGChart.colours[0]) -> SVGChart.Line {
        var l = SVGChart.Line(name: name, values: s.values, colour: colour)
        if let ci = s.ci95 {
            l.band = (Self.offset(s.values, ci, by: -1), Self.offset(s.values, ci, by: 1))
            l.bandName = "95% interval of the mean across \(replications) replications"
        }
        return l
    }

    static func offset(_ values: [Double?], _ ci: [Double?], by sign: Double) -> [Double?] {
        values.indices.map { i in values[i].map { v in v + sign * ((i < ci.count ? ci[i] : nil) ?? 0) } }
    }

    // MARK: Day profiles

    /// The groups to chart: those of the busiest halls (by arrivals in summary.json), busiest first, front desks only.
    func chartedGroups(_ data: ReportData, limit: Int) -> [ReportData.Profile] {
        let halls = summary["halls"]?.array ?? []
        var arrivals: [String: Double] = [:]
        for h in halls { if let id = h["hall"]?.string { arrivals[id] = h["arrived"]?.number ?? 0 } }
        let called = data.groups.map { $0.called.values.reduce(0) { $0 + ($1 ?? 0) } }
        let order = data.groups.indices.filter { data.groups[$0].kind == nil || data.groups[$0].kind == "kiosk" }.sorted { a, b in
            let ha = arrivals[data.groups[a].hall] ?? 0, hb = arrivals[data.groups[b].hall] ?? 0
            return ha != hb ? ha > hb : called[a] != called[b] ? called[a] > called[b] : a < b
        }
        return order.prefix(limit).map { data.groups[$0] }
    }

    func profiles(_ page: inout HTMLDocument, _ data: ReportData) {
        let hours = (0..<24).map { String(format: "%02d", $0) }
        var html = ""
        let groups = chartedGroups(data, limit: Self.chartedGroups)
        for p in groups {
            html += "<h3>\(HTMLDocument.escape(p.hall)) · \(HTMLDocument.escape(p.group))</h3><div class=\"charts\">"
            for (k, key) in data.keys.enumerated() {
                let r = (k * 24)..<(k * 24 + 24)
                guard p.called.values[r].contains(where: { ($0 ?? 0) > 0 }) else { continue }
                func part(_ s: ReportData.Series) -> ReportData.Series {
                    ReportData.Series(Array(s.values[r]), ci95: s.ci95.map { Array($0[r]) })
                }
                var wait = SVGChart(title: "Wait by hour, \(key)", xLabel: "hour of day", yLabel: "wait (s)")
                var lines = [line(part(p.wait_mean_s), name: "mean wait")]
                if replications == 1 {
                    lines[0].band = (Array(p.wait_p50_s.values[r]), Array(p.wait_p90_s.values[r]))
                    lines[0].bandName = "p50–p90 of the waits of the hour"
                } else {
                    lines.append(SVGChart.Line(name: "p50 (mean across replications)", values: Array(p.wait_p50_s.values[r]), colour: SVGChart.colours[1], dashed: true))
                    lines.append(SVGChart.Line(name: "p90 (mean across replications)", values: Array(p.wait_p90_s.values[r]), colour: SVGChart.colours[4], dashed: true))
                }
                wait.width = 540
                html += wait.lines(x: hours, lines)
                var load = SVGChart(title: "Staffed windows and queue, \(key)", xLabel: "hour of day", yLabel: "windows / people")
                load.width = 540
                html += load.lines(
                    x: hours, [line(part(p.queue_mean), name: "people waiting (time-average)", colour: SVGChart.colours[1])],
                    bars: [SVGChart.Bars(name: "windows staffed (time-average)", values: Array(p.staffed_mean.values[r]))]
                )
            }
            html += "</div>\n"
        }
        let intro = "Per window group of the busiest halls (\(groups.count) of \(data.groups.count) groups; every group is in the table below), by hour of day and \(data.slices.replacingOccurrences(of: "_", with: " ")): waits by the hour the case was called. "
            + (replications == 1 ? "Band: the p50–p90 of the hour's waits." : bandWords + " Dashed: the p50 and p90 of the hour's waits.")
        page.section("profiles", "Wait, queue and staffed windows by hour", intro: intro, html)
    }

    func heatmap(_ page: inout HTMLDocument, _ data: ReportData) {
        let groups = chartedGroups(data, limit: Self.heatmapGroups)
        guard !groups.isEmpty else { return }
        let hours = (0..<24).map { String(format: "%02d", $0) }
        var html = ""
        for (k, key) in data.keys.enumerated() {
            let r = (k * 24)..<(k * 24 + 24)
            guard groups.contains(where: { $0.utilisation.values[r].contains { $0 != nil } }) else { continue }
            var chart = SVGChart(title: "Utilisation by hour, \(key)", xLabel: "hour of day", yLabel: "window group")
            chart.width = 1100
            html += chart.heatmap(rows: groups.map { "\($0.hall) · \($0.group)" }, columns: hours, groups.map { Array($0.utilisation.values[r]) })
        }
        page.section("utilisation", "Utilisation by group and hour", intro: "Busy window-time over staffed window-time in each hour (blank: nobody staffed). " + (replications > 1 ? "Means across replications." : ""), html)
    }

    // MARK: Helpers

    static func text(_ v: JSONValue?) -> String {
        switch v {
        case .integer(let i)?: String(i)
        case .number(let d)?: Format.number(d)
        case .string(let s)?: s
        case .bool(let b)?: String(b)
        default: "-"
        }
    }
}

// MARK: Places: figure cells of halls, groups and tiers

extension RunReportPage {
    /// A figure cell of `object`'s member `key` (with its `_ci95` when replicated); `path` names it in `data-figure`.
    static func cell(_ object: JSONValue, _ key: String, path: String, share: Bool = false) -> HTMLTable.Cell {
        let member = key.split(separator: ".").reduce(Optional(object)) { $0?[String($1)] }
        let parent = key.split(separator: ".").dropLast().reduce(Optional(object)) { $0?[String($1)] }
        let last = String(key.split(separator: ".").last!)
        let ci = parent?[last + "_ci95"]?.number
        return share ? .share(member?.number, figure: path, ci95: ci) : .number(member?.number, figure: path, ci95: ci)
    }

    /// Tiers, halls and window groups from summary.json, each in a sortable table.
    func places(_ page: inout HTMLDocument) {
        var html = ""
        let tiers = summary["tiers"]?.array ?? []
        if tiers.count > 1 {
            html += "<h3>Tiers</h3>" + placeTable(tiers, name: "tiers", id: { $0["tier"]?.string ?? "?" }, first: "tier")
        }
        let halls = summary["halls"]?.array ?? []
        if halls.count > 1 {
            html += "<h3>Halls (\(halls.count))</h3><div class=\"scroll\">"
                + placeTable(halls, name: "halls", id: { $0["hall"]?.string ?? "?" }, first: "hall") + "</div>"
        }
        let groups = summary["groups"]?.array ?? []
        var table = HTMLTable(columns: ["hall", "group", "kind", "windows", "arrived", "served", "gave up", "mean wait (s)", "p90 wait (s)", "service level", "utilisation", "queue (mean)", "staffed (mean)"])
        table.sortable = true
        table.name = "groups"
        for g in groups {
            let id = "groups[\(g["hall"]?.string ?? "?")/\(g["group"]?.string ?? "?")\(g["kind"]?.string.map { "/" + $0 } ?? "")]"
            table.rows.append([
                .text(g["hall"]?.string ?? "?"), .text(g["group"]?.string ?? "?"), .text(g["kind"]?.string ?? "windows"),
                Self.cell(g, "servers", path: id + ".servers"), Self.cell(g, "arrived", path: id + ".arrived"),
                Self.cell(g, "served", path: id + ".served"), Self.cell(g, "abandoned", path: id + ".abandoned"),
                Self.cell(g, "wait_s.mean", path: id + ".wait_s.mean"), Self.cell(g, "wait_s.p90", path: id + ".wait_s.p90"),
                Self.cell(g, "service_level", path: id + ".service_level", share: true),
                Self.cell(g, "utilisation", path: id + ".utilisation", share: true),
                Self.cell(g, "queue_mean", path: id + ".queue_mean"), Self.cell(g, "staffed_mean", path: id + ".staffed_mean"),
            ])
        }
        html += "<h3>Window groups (\(groups.count))</h3><div class=\"scroll\">" + table.render() + "</div>"
        let plusMinus = replications > 1 ? " ±: the 95% half-width across the replications." : " ± on a group's mean wait: its 95% half-width within the run (batch means)."
        page.section("places", "Halls and window groups", intro: "Every hall and group of summary.json; click a heading to sort." + plusMinus, html)
    }

    func placeTable(_ places: [JSONValue], name: String, id: (JSONValue) -> String, first: String) -> String {
        let tiers = first == "tier"
        var table = HTMLTable(columns: [first, tiers ? "halls" : "tier", "arrived", "served", "gave up", "mean wait (s)", "p90 wait (s)", "service level", "utilisation", "queue (mean)"])
        table.sortable = true
        table.name = name
        for p in places {
            let path = "\(name)[\(id(p))]"
            table.rows.append([
                .text(id(p)), tiers ? Self.cell(p, "halls", path: path + ".halls") : .text(p["tier"]?.string ?? ""), Self.cell(p, "arrived", path: path + ".arrived"),
                Self.cell(p, "served", path: path + ".served"), Self.cell(p, "abandoned", path: path + ".abandoned"),
                Self.cell(p, "wait_s.mean", path: path + ".wait_s.mean"), Self.cell(p, "wait_s.p90", path: path + ".wait_s.p90"),
                Self.cell(p, "service_level", path: path + ".service_level", share: true),
                Self.cell(p, "utilisation", path: path + ".utilisation", share: true), Self.cell(p, "queue_mean", path: path + ".queue_mean"),
            ])
        }
        return table.render()
    }
}

// MARK: The service network's sections

extension RunReportPage {
    /// The service network's sections, each only when summary.json has that part: channels, back
    /// office, bundles, escalation, hotline and ratings.
    func network(_ page: inout HTMLDocument) {
        channels(&page)
        departments(&page)
        for (key, heading, intro) in [
            ("bundles", "Bundles", "Cases handled as one bundle of several services."),
            ("escalation", "Escalation", "Cases escalated (complaints, missed deadlines, contested decisions) and how they ended."),
            ("hotline", "Hotline", "Calls to the hotline, how they were answered, and the replies of the units it dispatched to."),
            ("ratings", "Ratings", "Ratings after service, the callbacks bad ones brought, and complaints."),
        ] {
            guard let object = summary[key], object.object != nil else { continue }
            page.section(key, heading, intro: intro, facts(object, path: key))
        }
    }

    func channels(_ page: inout HTMLDocument) {
        guard let channels = summary["channels"]?.array, !channels.isEmpty else { return }
        let names = channels.map { $0["channel"]?.string ?? "?" }
        var chart = SVGChart(title: "Cases by channel", xLabel: "channel", yLabel: "cases")
        chart.width = 620
        let arrived = ReportData.Series(channels.map { $0["arrived"]?.number }, ci95: replications > 1 ? channels.map { $0["arrived_ci95"]?.number } : nil)
        var html = chart.lines(x: names, [], bars: [SVGChart.Bars(name: "cases arrived", values: arrived.values, colour: SVGChart.colours[0])])
        var table = HTMLTable(columns: ["channel", "arrived", "closed", "gave up", "transferred", "open", "escalated", "lead time mean (h)", "lead time p90 (h)"])
        table.name = "channels"
        for (c, name) in zip(channels, names) {
            let path = "channels[\(name)]"
            table.rows.append([.text(name)] + ["arrived", "closed", "abandoned", "transferred", "open", "escalated", "lead_time_h.mean", "lead_time_h.p90"].map {
                Self.cell(c, $0, path: path + "." + $0)
            })
        }
        html += table.render()
        page.section("channels", "Channels", intro: "How cases came in, and how long they took from submission to their end.", html)
    }

    func departments(_ page: inout HTMLDocument) {
        guard let departments = summary["departments"]?.array, !departments.isEmpty else { return }
        var table = HTMLTable(columns: ["hall", "department", "staff", "received", "decided", "on time (promised)", "on time (statutory)", "late p50 (wd)", "late p90 (wd)", "late max (wd)", "backlog mean", "backlog max", "utilisation"])
        table.sortable = true
        table.name = "departments"
        for d in departments {
            let path = "departments[\(d["hall"]?.string ?? "?")/\(d["department"]?.string ?? "?")]"
            let counts: [String] = ["staff", "received", "decided"]
            let shares: [String] = ["on_time_promised", "on_time_statutory"]
            let levels: [String] = ["lateness_wd.p50", "lateness_wd.p90", "lateness_wd.max", "backlog.mean", "backlog.max"]
            var row: [HTMLTable.Cell] = [.text(d["hall"]?.string ?? "?"), .text(d["department"]?.string ?? "?")]
            row += counts.map { Self.cell(d, $0, path: path + "." + $0) }
            row += shares.map { Self.cell(d, $0, path: path + "." + $0, share: true) }
            row += levels.map { Self.cell(d, $0, path: path + "." + $0) }
            row.append(Self.cell(d, "utilisation", path: path + ".utilisation", share: true))
            table.rows.append(row)
        }
        var html = ""
        let named = departments.map { "\($0["hall"]?.string ?? "?") · \($0["department"]?.string ?? "?")" }
        var shares = SVGChart(title: "Decided on time", xLabel: "department", yLabel: "share on time")
        shares.width = 1100
        html += shares.lines(
            x: named, [SVGChart.Line(name: "on time against the statutory limit", values: departments.map { $0["on_time_statutory"]?.number }, colour: SVGChart.colours[4], dots: true)],
            bars: [SVGChart.Bars(name: "on time against the promised date", values: departments.map { $0["on_time_promised"]?.number })]
        )
        func received(_ department: JSONValue) -> Double { department["received"]?.number ?? 0 }
        let busiest = zip(named, departments).sorted { received($0.1) > received($1.1) }.prefix(SVGChart.colours.count)
        if let period = busiest.first?.1["backlog"]?["series_period_d"]?.number {
            let length = busiest.map { $0.1["backlog"]?["series"]?.array?.count ?? 0 }.max() ?? 0
            var chart = SVGChart(title: "Backlog over time (busiest departments)", xLabel: "day of the run (end of each \(Format.number(period))-day period)", yLabel: "cases in the work list")
            chart.width = 1100
            let x = (0..<length).map { Format.number(Double($0 + 1) * period) }
            html += chart.lines(x: x, busiest.enumerated().map { i, entry in
                SVGChart.Line(name: entry.0, values: (entry.1["backlog"]?["series"]?.array ?? []).map(\.number), colour: SVGChart.colours[i])
            })
        }
        html += "<div class=\"scroll\">" + table.render() + "</div>"
        page.section("departments", "Back office", intro: "Decisions on time against the promised and the statutory limit (working days), lateness past the promised date, and the work list over time." + (replications > 1 ? " Means across replications; the table gives their 95% half-widths." : ""), html)
    }

    /// The numbers of a section as a two-column table, nested members by their dotted path.
    func facts(_ object: JSONValue, path: String) -> String {
        var table = HTMLTable(columns: ["figure", "value"])
        table.name = "facts"
        func add(_ value: JSONValue, _ key: String, _ parent: JSONValue) {
            if let members = value.object {
                for k in members.keys.sorted() where !k.hasSuffix("_ci95") { add(members[k]!, key.isEmpty ? k : key + "." + k, value) }
            } else if let list = value.array {
                table.rows.append([.text(key), .text("\(list.count) entries")])
            } else if value.number != nil {
                let last = String(key.split(separator: ".").last ?? "")
                let share = last.contains("share") || last.contains("rate") || last == "satisfied" || last.hasPrefix("answered_within")
                table.rows.append([.text(key), Self.cell(parent, last, path: path + "." + key, share: share)])
            }
        }
        add(object, "", object)
        return table.render()
    }
}
