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
