public import Experiments
public import Foundation

/// A comparison of two variants as the `compare` command prints and writes it: a text table,
/// `comparison.csv` (one row per figure) and `comparison.json` (the same, with the
/// per-replication values). docs/experiments.md defines every column.
public struct ComparisonReport: Sendable {
    public var baseline: String
    public var variant: String
    public var comparison: Comparison
    public var partners: StreamPartners
    public var seeds: [UInt64]
    /// The warm-up of each variant, when `--warmup` gave one.
    public var warmups: (baseline: Summary.Warmup, variant: Summary.Warmup)?

    public init(baseline: String, variant: String, comparison: Comparison, partners: StreamPartners, seeds: [UInt64]) {
        self.baseline = baseline
        self.variant = variant
        self.comparison = comparison
        self.partners = partners
        self.seeds = seeds
    }

    /// Tables longer than this show the overall and tier rows and the significant ones only.
    public static let fullTableRows = 60

    // MARK: Text

    public func text() -> String {
        let c = comparison
        var out = "hallsim compare · baseline \(baseline) · variant \(variant)\n"
        out += "\(c.replications) replications on common random numbers · paired \(TextTable.fixed(100 * c.confidence, 0))% intervals of variant − baseline\n"
        out += streamsLine() + "\n\n"
        let shown = c.rows.count <= Self.fullTableRows
            ? c.rows
            : c.rows.filter { $0.key.scope == .overall || $0.key.scope.kind == "tier" || $0.verdict != .noSignificantDifference }
        var table = [["place", "figure", "baseline", "variant", "difference", "verdict"]]
        for row in shown {
            let digits = Self.digits(row.key.kpi)
            table.append([
                row.key.scope.description, row.key.kpi.label,
                TextTable.fixed(row.baseline.mean, digits), TextTable.fixed(row.variant.mean, digits),
                Self.interval(row.difference.difference, digits), row.verdict.rawValue,
            ])
        }
        out += TextTable.render(table)
        let hidden = c.rows.count - shown.count
        if hidden > 0 { out += "… and \(hidden) figures with no significant difference (comparison.csv has every figure)\n" }
        func count(_ verdicts: PairedDifference.Verdict...) -> Int { c.rows.filter { verdicts.contains($0.verdict) }.count }
        out += "\n\(c.rows.count) figures compared: \(count(.better)) better, \(count(.worse)) worse, "
        let moved = count(.higher, .lower)
        if moved > 0 { out += "\(moved) higher or lower (neither better nor worse in itself), " }
        out += "\(count(.noSignificantDifference)) with no significant difference"
        out += c.unpaired.isEmpty ? "\n" : "; \(c.unpaired.count) not paired (comparison.csv)\n"
        return out
    }

    func streamsLine() -> String {
        if partners.complete { return "every arrival stream of one variant has its partner in the other" }
        var parts: [String] = []
        if !partners.baselineOnly.isEmpty { parts.append("baseline only: " + Self.list(partners.baselineOnly)) }
        if !partners.variantOnly.isEmpty { parts.append("variant only: " + Self.list(partners.variantOnly)) }
        return "streams without a partner (their figures are not on common random numbers): " + parts.joined(separator: "; ")
    }

    static func list(_ names: [String]) -> String {
        names.count <= 6 ? names.joined(separator: ", ") : names.prefix(6).joined(separator: ", ") + " and \(names.count - 6) more"
    }

    static func digits(_ kpi: KPI) -> Int {
        switch kpi {
        case .waitMean, .waitP90: 1
        case .queueMean, .leadTimeMean, .leadTimeP90, .backlogMean: 2
        case .serviceLevel, .abandonedShare, .utilisation, .onTimePromised, .onTimeStatutory: 3
        }
    }

    static func interval(_ e: Estimate, _ digits: Int) -> String {
        TextTable.fixed(e.mean, digits) + (e.halfWidth.map { " ± " + TextTable.fixed($0, digits) } ?? "")
    }

    // MARK: CSV

    public static let csvHeader = "place,name,kpi,baseline_mean,baseline_ci95,variant_mean,variant_ci95,difference_mean,difference_ci95,unpaired_ci95,verdict"

    /// One row per figure compared, then one per figure not paired (its verdict says why).
    public func csv() -> String {
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        var out = Self.csvHeader + "\n"
        for row in comparison.rows {
            let d = row.difference
            out += [
                row.key.scope.kind, Self.quoted(row.key.scope.name), row.key.kpi.rawValue,
                number(row.baseline.mean), number(row.baseline.halfWidth), number(row.variant.mean), number(row.variant.halfWidth),
                number(d.difference.mean), number(d.difference.halfWidth), number(d.unpairedHalfWidth), row.verdict.rawValue,
            ].joined(separator: ",") + "\n"
        }
        for u in comparison.unpaired {
            out += [u.key.scope.kind, Self.quoted(u.key.scope.name), u.key.kpi.rawValue, "", "", "", "", "", "", "", u.reason.rawValue]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    // MARK: JSON

    struct Document: Encodable {
        struct Side: Encodable {
            var mean: Double
            var ci95: Double?
            var values: [Double]
        }

        struct Difference: Encodable {
            var mean: Double
            var ci95: Double?
            var unpaired_ci95: Double?
        }

        struct Figure: Encodable {
            var place: String
            var name: String
            var kpi: String
            var baseline: Side
            var variant: Side
            var difference: Difference
            var verdict: String
        }

        struct Unpaired: Encodable {
            var place: String
            var name: String
            var kpi: String
            var reason: String
        }

        struct Streams: Encodable {
            var baseline_only: [String]
            var variant_only: [String]
        }

        var baseline: String
        var variant: String
        var replications: Int
        var seeds: [UInt64]
        var confidence: Double
        var streams_without_partner: Streams
        var figures: [Figure]
        var unpaired: [Unpaired]
        var warmup: [String: Summary.Warmup]?
    }

    public func jsonData() throws -> Data {
        let c = comparison
        let document = Document(
            baseline: baseline, variant: variant, replications: c.replications, seeds: seeds, confidence: c.confidence,
            streams_without_partner: .init(baseline_only: partners.baselineOnly, variant_only: partners.variantOnly),
            figures: c.rows.map { row in
                Document.Figure(
                    place: row.key.scope.kind, name: row.key.scope.name, kpi: row.key.kpi.rawValue,
                    baseline: .init(mean: row.baseline.mean, ci95: row.baseline.halfWidth, values: row.baselineValues),
                    variant: .init(mean: row.variant.mean, ci95: row.variant.halfWidth, values: row.variantValues),
                    difference: .init(
                        mean: row.difference.difference.mean, ci95: row.difference.difference.halfWidth,
                        unpaired_ci95: row.difference.unpairedHalfWidth
                    ),
                    verdict: row.verdict.rawValue
                )
            },
            unpaired: c.unpaired.map { .init(place: $0.key.scope.kind, name: $0.key.scope.name, kpi: $0.key.kpi.rawValue, reason: $0.reason.rawValue) },
            warmup: warmups.map { ["baseline": $0.baseline, "variant": $0.variant] }
        )
        return try ResultsJSON.data(document)
    }
}
