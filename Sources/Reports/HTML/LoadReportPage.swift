public import Foundation

/// `load-report.html` of a load (`hallsim load --report`, docs/load.md): drawn from the load's
/// summary.json alone — latency percentiles by command, the per-second latency of the commands
/// due in each second, offered against answered commands per second, and the `--max` stages.
public struct LoadReportPage {
    /// The file's name in a load's results folder.
    public static let fileName = "load-report.html"

    let summary: JSONValue

    /// The page of a load from its summary.json bytes.
    public init(summary: Data) throws(RunReportPage.Unreadable) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: summary), value["timeline"]?.array != nil, value["latency"] != nil else {
            throw RunReportPage.Unreadable(description: "summary.json is not a load's summary")
        }
        self.summary = value
    }

    /// The page.
    public func html() -> String {
        let s = summary
        let subtitle = "\(s["scenario"]?.string ?? "?") against \(s["target"]?.string ?? "?") · speed \(Format.number(s["speed"]?.number ?? 0))x · "
            + "\(Format.number(s["connections"]?.number ?? 0)) connection(s), batch \(Format.number(s["batch"]?.number ?? 0)) · \(Format.duration(s["wall_s"]?.number ?? 0)) wall"
        var page = HTMLDocument(title: "hallsim load · \(s["scenario"]?.string ?? "?")", subtitle: subtitle)
        page.section("latency", "Latency from the intended time", intro: "Each command's latency counts from the time the schedule meant it to be sent, so time spent behind a stalled target shows.", percentiles())
        page.section("timeline", "Second by second", timeline())
        if let stages = s["max"]?["stages"]?.array, !stages.isEmpty { page.section("max", "The --max ramp", ramp(stages)) }
        return page.render()
    }

    func percentiles() -> String {
        let columns = ["p50", "p90", "p99", "p99_9", "max"]
        var table = HTMLTable(columns: ["commands", "count", "mean ms", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"], sortable: true, name: "load-latency")
        func row(_ name: String, _ p: JSONValue?) {
            guard let p else { return }
            table.rows.append([.text(name), .number(p["count"]?.number), .number(p["mean_ms"]?.number)] + columns.map { .number(p[$0 + "_ms"]?.number) })
        }
        row("all", summary["latency"])
        for (name, p) in (summary["latency_by_command"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) { row(name, p) }
        row("send lateness", summary["send_lateness"])
        row("connection wait", summary["connection_wait"])
        let all = summary["latency"]
        let chart = SVGChart(title: "Latency percentiles, all commands", xLabel: "percentile", yLabel: "ms")
        let svg = chart.lines(x: ["p50", "p90", "p99", "p99.9", "max"], [.init(name: "latency", values: columns.map { all?[$0 + "_ms"]?.number })])
        return chart.figure(svg, description: "Latency of all commands at the 50th, 90th, 99th and 99.9th percentiles and the maximum, in milliseconds.",
                            legend: chart.swatch(SVGChart.colours[0], "latency from the intended time", opacity: 1), table: table)
    }

    func timeline() -> String {
        let seconds = summary["timeline"]?.array ?? []
        let x = seconds.map { Format.number($0["second"]?.number ?? 0) }
        func series(_ key: String) -> [Double?] { seconds.map { $0[key]?.number } }
        var table = HTMLTable(columns: ["second", "offered", "sent", "answered", "errors", "p50 ms", "p99 ms"], name: "load-timeline")
        for sec in seconds {
            table.rows.append([.number(sec["second"]?.number)] + ["offered", "sent", "answered", "errors", "p50_ms", "p99_ms"].map { .number(sec[$0]?.number) })
        }
        let latency = SVGChart(title: "Latency of the commands due each second", xLabel: "second", yLabel: "ms")
        let latencySVG = latency.lines(x: x, [
            .init(name: "p50", values: series("p50_ms")),
            .init(name: "p99", values: series("p99_ms"), colour: SVGChart.colours[1]),
        ])
        var out = latency.figure(latencySVG, description: "The 50th and 99th percentile latency of the commands due in each second of the load, in milliseconds.",
                                 legend: latency.swatch(SVGChart.colours[0], "p50", opacity: 1) + latency.swatch(SVGChart.colours[1], "p99", opacity: 1), table: table)
        let rate = SVGChart(title: "Commands per second", xLabel: "second", yLabel: "commands")
        let rateSVG = rate.lines(x: x, [
            .init(name: "answered", values: series("answered")),
            .init(name: "errors", values: series("errors"), colour: SVGChart.colours[4]),
        ], bars: [.init(name: "offered", values: series("offered"))])
        out += rate.figure(rateSVG, description: "Commands due (bars), answered and refused or lost (lines) in each second of the load.",
                           legend: rate.swatch("#c9d6e3", "offered", opacity: 1) + rate.swatch(SVGChart.colours[0], "answered", opacity: 1) + rate.swatch(SVGChart.colours[4], "errors", opacity: 1),
                           table: table)
        return "<div class=\"charts\">" + out + "</div>"
    }

    func ramp(_ stages: [JSONValue]) -> String {
        var table = HTMLTable(columns: ["speed", "offered /s", "achieved /s", "p99 ms", "errors", "passed"], name: "load-max")
        for st in stages {
            table.rows.append([.number(st["speed"]?.number), .number(st["offered_per_s"]?.number), .number(st["achieved_per_s"]?.number),
                               .number(st["p99_ms"]?.number), .share(st["error_share"]?.number), .text(st["passed"]?.bool == true ? "yes" : "no")])
        }
        let chart = SVGChart(title: "Achieved rate and p99 by stage", xLabel: "speed-up", yLabel: "commands/s")
        let svg = chart.lines(x: stages.map { Format.number($0["speed"]?.number ?? 0) }, [.init(name: "achieved", values: stages.map { $0["achieved_per_s"]?.number })],
                              bars: [.init(name: "offered", values: stages.map { $0["offered_per_s"]?.number })])
        return chart.figure(svg, description: "Offered (bars) and achieved (line) commands per second at each stage of the --max ramp.",
                            legend: chart.swatch("#c9d6e3", "offered", opacity: 1) + chart.swatch(SVGChart.colours[0], "achieved", opacity: 1), table: table)
    }
}
