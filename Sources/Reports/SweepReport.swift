public import Experiments
public import Foundation

/// A sweep as the `sweep` and `merge` commands print and write it: a text table of the overall
/// figures per variant, `sweep.csv` (one row per variant and figure), `sweep.json` (the same),
/// and `replications.csv` (every replication's value). docs/experiments.md defines the columns.
///
/// Everything here is computed from the plan and the runs' figures alone, so a sweep merged
/// from shards writes the same bytes as one run on one machine.
public struct SweepReport: Sendable {
    public var scenario: String
    public var plan: Plan
    public var runs: [[FigureSet]]
    public var sweep: Sweep
    /// The warm-up each variant applied, in variant order, when `--warmup` gave one (`nil` for a
    /// variant whose runs did not say it: results lines written before they carried it).
    public var warmups: [Summary.Warmup?]?

    public init(scenario: String, plan: Plan, runs: [[FigureSet]]) {
        self.scenario = scenario
        self.plan = plan
        self.runs = runs
        sweep = Sweep(runs)
    }

    /// The varied paths, in the order of `--vary`.
    var paths: [String] { (plan.variants.first ?? []).map(Self.path) }

    static func path(_ assignment: String) -> String { String(assignment.prefix { $0 != "=" }) }
    static func value(_ assignment: String) -> String { String(assignment.drop { $0 != "=" }.dropFirst()) }

    // MARK: Text

    /// The overall figures a planner reads first, one row per variant.
    static let headline: [KPI] = [.waitMean, .waitP90, .serviceLevel, .abandonedShare]

    public func text() -> String {
        let variants = plan.variants
        var out = "hallsim sweep · \(scenario) · \(variants.count) variants × \(sweep.replications) replications on common random numbers\n"
        out += "intervals: \(TextTable.fixed(100 * sweep.confidence, 2))% per variant and \(TextTable.fixed(100 * sweep.differenceConfidence, 2))% per difference "
        out += "(together 95%, Bonferroni); differences are from variant 1\n\n"
        var header = ["variant"] + paths + (warmups == nil ? [] : ["warm-up"])
        var present: [KPI] = []
        for kpi in Self.headline where sweep.variants.allSatisfy({ $0.contains { $0.key == FigureKey(.overall, kpi) } }) {
            present.append(kpi)
            header.append(kpi.label)
        }
        header += ["Δ mean wait (s)", "verdict"]
        var table = [header]
        for (v, cells) in sweep.variants.enumerated() {
            var row = ["\(v + 1)"] + variants[v].map(Self.value)
            if let warmups { row.append(warmups[v].map(Self.warmup) ?? plan.runs.first { $0.variant == v + 1 }.flatMap(\.warmup).map { "\($0) (cut not recorded)" } ?? "-") }
            for kpi in present {
                let cell = cells.first { $0.key == FigureKey(.overall, kpi) }!
                row.append(ComparisonReport.interval(cell.estimate, ComparisonReport.digits(kpi)))
            }
            let wait = cells.first { $0.key == FigureKey(.overall, .waitMean) }
            row.append(wait?.difference.map { ComparisonReport.interval($0.difference, 1) } ?? "-")
            row.append(wait?.verdict?.rawValue ?? "-")
            table.append(row)
        }
        out += TextTable.render(table)
        out += "\nsweep.csv has every figure of every place; replications.csv every replication's value\n"
        return out
    }

    /// A variant's warm-up as its cell says it: the cut, and how it was found.
    static func warmup(_ w: Summary.Warmup) -> String {
        TextTable.duration(w.truncation_s) + (w.method == "mser5" ? " (MSER-5\(w.reliable == false ? ", at the limit" : ""))" : "")
    }

    // MARK: CSV

    public func csv() -> String {
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        let variants = plan.variants
        var out = (["variant"] + paths.map(ComparisonReport.quoted)).joined(separator: ",")
        out += ",place,name,kpi,mean,half_width,p10,p90,min,max,difference_mean,difference_half_width,verdict\n"
        for (v, cells) in sweep.variants.enumerated() {
            let prefix = (["\(v + 1)"] + variants[v].map { ComparisonReport.quoted(Self.value($0)) }).joined(separator: ",")
            for c in cells {
                out += prefix + "," + [
                    c.key.scope.kind, ComparisonReport.quoted(c.key.scope.name), c.key.kpi.rawValue,
                    number(c.estimate.mean), number(c.estimate.halfWidth), number(c.spread.p10), number(c.spread.p90),
                    number(c.spread.min), number(c.spread.max), number(c.difference?.difference.mean),
                    number(c.difference?.difference.halfWidth), c.verdict?.rawValue ?? "",
                ].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// Every replication's value of every figure: `variant,replication,seed,place,name,kpi,value`.
    public func replicationsCSV() -> String {
        var out = "variant,replication,seed,place,name,kpi,value\n"
        let seeds = Dictionary(plan.runs.map { ($0.replication, $0.seed) }, uniquingKeysWith: { a, _ in a })
        for (v, sets) in runs.enumerated() {
            for (r, set) in sets.enumerated() {
                for key in set.values.keys.sorted() {
                    out += "\(v + 1),\(r + 1),\(seeds[r + 1] ?? 0),\(key.scope.kind),\(ComparisonReport.quoted(key.scope.name)),\(key.kpi.rawValue),\(set.values[key]!)\n"
                }
            }
        }
        return out
    }

    // MARK: JSON

    struct Document: Encodable {
        struct Figure: Encodable {
            var place: String
            var name: String
            var kpi: String
            var mean: Double
            var half_width: Double?
            var p10: Double
            var p90: Double
            var min: Double
            var max: Double
            var difference_mean: Double?
            var difference_half_width: Double?
            var verdict: String?
        }

        struct Variant: Encodable {
            var variant: Int
            var set: [String]
            var warmup: Summary.Warmup?
            var figures: [Figure]
        }

        var scenario: String
        var replications: Int
        var seeds: [UInt64]
        var confidence: Double
        var difference_confidence: Double
        var variants: [Variant]
    }

    public func jsonData() throws -> Data {
        let variants = plan.variants
        let seeds = plan.runs.filter { $0.variant == 1 }.map(\.seed)
        let document = Document(
            scenario: scenario, replications: sweep.replications, seeds: seeds, confidence: sweep.confidence,
            difference_confidence: sweep.differenceConfidence,
            variants: sweep.variants.enumerated().map { v, cells in
                Document.Variant(variant: v + 1, set: variants[v], warmup: warmups?[v] ?? nil, figures: cells.map { c in
                    Document.Figure(
                        place: c.key.scope.kind, name: c.key.scope.name, kpi: c.key.kpi.rawValue, mean: c.estimate.mean,
                        half_width: c.estimate.halfWidth, p10: c.spread.p10, p90: c.spread.p90, min: c.spread.min, max: c.spread.max,
                        difference_mean: c.difference?.difference.mean, difference_half_width: c.difference?.difference.halfWidth,
                        verdict: c.verdict?.rawValue
                    )
                })
            }
        )
        return try ResultsJSON.data(document)
    }
}
