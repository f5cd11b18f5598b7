public import Foundation

/// `report.html` of a sweep, drawn from sweep.json: each overall figure against the varied
/// parameters (mean with its interval as a band, the replications' p10 and p90 dashed), the
/// variants side by side as interval plots, and every variant's overall figures with their
/// paired differences from variant 1 and verdicts.
public struct SweepReportPage {
    /// The overall figures drawn, when the sweep has them.
    static let drawn = ["wait_mean_s", "wait_p90_s", "service_level", "abandoned_share", "utilisation", "queue_mean"]

    let document: JSONValue

    /// The page of the sweep whose sweep.json holds `data`.
    public init(sweep data: Data) throws(RunReportPage.Unreadable) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), value["variants"]?.array != nil else {
            throw RunReportPage.Unreadable(description: "sweep.json is not a sweep")
        }
        document = value
    }

    public func html() -> String {
        let variants = document["variants"]?.array ?? []
        let replications = Int(document["replications"]?.number ?? 0)
        let confidence = document["confidence"]?.number ?? 0.95
        var page = HTMLDocument(
            title: "hallsim sweep · \(document["scenario"]?.string ?? "?")",
            subtitle: "\(variants.count) variants × \(replications) replications on common random numbers · \(Format.number(100 * confidence))% intervals per variant (together 95%, Bonferroni)"
        )
        let labels = variants.map { v in (v["set"]?.array ?? []).compactMap(\.string).map { $0.split(separator: ".").last.map(String.init) ?? $0 }.joined(separator: ", ") }
        func overall(_ v: JSONValue, _ kpi: String) -> JSONValue? {
            v["figures"]?.array?.first { $0["place"]?.string == "overall" && $0["kpi"]?.string == kpi }
        }
        var charts = "<div class=\"charts\">", plots = "<div class=\"charts\">"
        for kpi in Self.drawn where variants.allSatisfy({ overall($0, kpi) != nil }) {
            let cells = variants.map { overall($0, kpi)! }
            let means = cells.map { $0["mean"]?.number }
            let halves = cells.map { $0["half_width"]?.number }
            var chart = SVGChart(title: "\(kpi) against the varied parameter", xLabel: "variant (the values set)", yLabel: ComparisonReportPage.unit(kpi))
            chart.width = 540
            var mean = SVGChart.Line(name: "mean", values: means)
            mean.band = (RunReportPage.offset(means, halves, by: -1), RunReportPage.offset(means, halves, by: 1))
            mean.bandName = "\(Format.number(100 * confidence))% interval of the mean"
            charts += chart.lines(x: labels, [
                mean,
                SVGChart.Line(name: "p10 of the replications", values: cells.map { $0["p10"]?.number }, colour: SVGChart.colours[5], dashed: true),
                SVGChart.Line(name: "p90 of the replications", values: cells.map { $0["p90"]?.number }, colour: SVGChart.colours[4], dashed: true),
            ])
            var smore = SVGChart(title: kpi, xLabel: ComparisonReportPage.unit(kpi), yLabel: "variant")
            smore.width = 540
            plots += smore.intervals(zip(labels, cells).map { name, c in
                let m = c["mean"]?.number ?? 0, h = c["half_width"]?.number
                return SVGChart.Interval(name: name, mean: m, lower: h.map { m - $0 }, upper: h.map { m + $0 }, p10: c["p10"]?.number, p90: c["p90"]?.number)
            })
        }
        page.section("parameter", "Figures against the varied parameter", intro: "The overall figures of each variant: mean across replications, its interval as a band, and the p10 and p90 of the replications' values.", charts + "</div>")
        page.section("variants", "Variants side by side", intro: "Per variant: the mean (dot), its interval (bar) and the p10–p90 of the replications (whiskers).", plots + "</div>")

        var table = HTMLTable(columns: ["variant", "set", "figure", "mean", "p10", "p90", "difference from variant 1", "verdict"])
        table.sortable = true
        table.name = "sweep"
        for (v, label) in zip(variants, labels) {
            let n = Int(v["variant"]?.number ?? 0)
            for f in v["figures"]?.array ?? [] where f["place"]?.string == "overall" {
                let kpi = f["kpi"]?.string ?? "?"
                let path = "variants[\(n)].figures[overall//\(kpi)]"
                table.rows.append([
                    .number(Double(n)), .text(label), .text(kpi),
                    .number(f["mean"]?.number, figure: path + ".mean", ci95: f["half_width"]?.number),
                    .number(f["p10"]?.number, figure: path + ".p10"), .number(f["p90"]?.number, figure: path + ".p90"),
                    .number(f["difference_mean"]?.number, figure: path + ".difference_mean", ci95: f["difference_half_width"]?.number),
                    .text(f["verdict"]?.string ?? "-"),
                ])
            }
        }
        page.section("figures", "Overall figures and differences", intro: "Differences are paired, from variant 1; sweep.csv has every place.", "<div class=\"scroll\">" + table.render() + "</div>")
        return page.render()
    }
}
