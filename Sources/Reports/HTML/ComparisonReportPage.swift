import Experiments
public import Foundation

/// `report.html` of a comparison, drawn from comparison.json: per figure of the whole run and
/// of each tier, both variants' means with their 95% intervals and the p10–p90 spread of their
/// replications (an interval plot), then every paired difference with its interval and verdict.
public struct ComparisonReportPage {
    /// The figures drawn as interval plots: the run's, then each tier's.
    static let plotted: Set<String> = ["overall", "tier"]

    let document: JSONValue

    /// The page of the comparison whose comparison.json holds `data`.
    public init(comparison data: Data) throws(RunReportPage.Unreadable) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), value["figures"]?.array != nil, value["baseline"]?.string != nil else {
            throw RunReportPage.Unreadable(description: "comparison.json is not a comparison")
        }
        document = value
    }

    public func html() -> String {
        let baseline = document["baseline"]?.string ?? "?", variant = document["variant"]?.string ?? "?"
        let replications = Int(document["replications"]?.number ?? 0)
        let confidence = document["confidence"]?.number ?? 0.95
        var page = HTMLDocument(
            title: "hallsim comparison · \(variant) against \(baseline)",
            subtitle: "\(replications) replications on common random numbers · paired \(Format.number(100 * confidence))% intervals of variant − baseline"
        )
        let figures = document["figures"]?.array ?? []
        var verdicts: [String: Int] = [:]
        for f in figures { verdicts[f["verdict"]?.string ?? "?", default: 0] += 1 }
        let counts = verdicts.keys.sorted().map { "<div class=\"card\"><div class=\"label\">\(HTMLDocument.escape($0))</div><div class=\"value\" data-verdict=\"\(HTMLDocument.escape($0))\" data-value=\"\(verdicts[$0]!)\">\(verdicts[$0]!)</div></div>" }
        page.section("verdicts", "Verdicts", intro: "\(figures.count) figures compared, each by its paired difference variant − baseline.", "<div class=\"cards\">" + counts.joined() + "</div>")

        var plots = "<div class=\"charts\">"
        for f in figures where Self.plotted.contains(f["place"]?.string ?? "") {
            let kpi = f["kpi"]?.string ?? "?", place = Self.place(f)
            var chart = SVGChart(title: "\(place): \(kpi)", xLabel: Self.unit(kpi), yLabel: "variant")
            chart.width = 540
            plots += chart.intervals([Self.interval("baseline", f["baseline"]), Self.interval("variant", f["variant"])])
        }
        page.section("variants", "Both variants", intro: "Per figure: the mean across replications (dot), its 95% confidence interval (bar), and the p10–p90 of the replications' values (whiskers: what one run may show).", plots + "</div>")

        var table = HTMLTable(columns: ["place", "figure", "baseline", "variant", "difference", "unpaired ± (for scale)", "verdict"])
        table.sortable = true
        table.name = "differences"
        for f in figures {
            let path = "figures[\(f["place"]?.string ?? "?")/\(f["name"]?.string ?? "")/\(f["kpi"]?.string ?? "?")]"
            let d = f["difference"]
            let verdict = HTMLTable.Cell.text(f["verdict"]?.string ?? "?")
            table.rows.append([
                .text(Self.place(f)), .text(f["kpi"]?.string ?? "?"),
                .number(f["baseline"]?["mean"]?.number, figure: path + ".baseline.mean", ci95: f["baseline"]?["ci95"]?.number),
                .number(f["variant"]?["mean"]?.number, figure: path + ".variant.mean", ci95: f["variant"]?["ci95"]?.number),
                .number(d?["mean"]?.number, figure: path + ".difference.mean", ci95: d?["ci95"]?.number),
                .number(d?["unpaired_ci95"]?.number), verdict,
            ])
        }
        let headline = figures.filter { Self.plotted.contains($0["place"]?.string ?? "") }
        var diff = SVGChart(title: "Paired differences, variant − baseline", xLabel: "difference (the figure's unit)", yLabel: "figure")
        diff.width = 1100
        let rows = headline.map { f -> SVGChart.Interval in
            let d = f["difference"], mean = d?["mean"]?.number ?? 0, ci = d?["ci95"]?.number
            return SVGChart.Interval(name: "\(Self.place(f)) \(f["kpi"]?.string ?? "") (\(f["verdict"]?.string ?? ""))", mean: mean, lower: ci.map { mean - $0 }, upper: ci.map { mean + $0 }, p10: nil, p90: nil)
        }
        page.section("differences", "Paired differences and verdicts", intro: "Each figure's mean difference with its paired 95% interval; an interval clear of 0 is a verdict (better, worse, higher or lower), one that covers 0 is no significant difference. Click a heading to sort.", diff.intervals(rows) + "<div class=\"scroll\">" + table.render() + "</div>")
        return page.render()
    }

    static func place(_ f: JSONValue) -> String {
        let kind = f["place"]?.string ?? "?", name = f["name"]?.string ?? ""
        return name.isEmpty ? kind : "\(kind) \(name)"
    }

    /// The unit of a KPI's values, from its name.
    static func unit(_ kpi: String) -> String {
        if kpi.hasSuffix("_s") { return "\(kpi) (s)" }
        if kpi.hasSuffix("_h") { return "\(kpi) (h)" }
        if kpi.contains("share") || kpi.contains("level") || kpi == "utilisation" || kpi.hasPrefix("on_time") { return "\(kpi) (share)" }
        return kpi
    }

    /// A side's mean, interval and spread (from its per-replication values).
    static func interval(_ name: String, _ side: JSONValue?) -> SVGChart.Interval {
        let mean = side?["mean"]?.number ?? 0, ci = side?["ci95"]?.number
        let values = (side?["values"]?.array ?? []).compactMap(\.number)
        let spread = values.isEmpty ? nil : Spread(values)
        return SVGChart.Interval(name: name, mean: mean, lower: ci.map { mean - $0 }, upper: ci.map { mean + $0 }, p10: spread?.p10, p90: spread?.p90)
    }
}
