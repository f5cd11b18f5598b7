/// Two variants compared figure by figure on common random numbers.
///
/// Replication r of both variants ran on the same seed (``Replications/seed(_:of:)``), so each
/// figure is compared by its per-replication differences `variant − baseline` and their paired
/// interval (``PairedDifference``). A figure is compared only where every replication of both
/// variants has it; the others are listed in ``unpaired`` with the reason.
public struct Comparison: Sendable {
    /// One figure of both variants and what the variant changes.
    public struct Row: Sendable {
        public var key: FigureKey
        public var baseline: Estimate
        public var variant: Estimate
        public var difference: PairedDifference
        public var verdict: PairedDifference.Verdict
        /// The per-replication values, in replication order.
        public var baselineValues: [Double]
        public var variantValues: [Double]
    }

    /// A figure that could not be paired, and why.
    public struct Unpaired: Sendable, Equatable {
        public enum Reason: String, Sendable {
            /// The place or figure exists in the baseline only (a group removed, a hall renamed).
            case baselineOnly = "baseline only"
            case variantOnly = "variant only"
            /// Both have it, but not in every replication (no decision with a promised limit in one run).
            case notInEveryReplication = "not in every replication"
        }

        public var key: FigureKey
        public var reason: Reason
    }

    public var rows: [Row]
    public var unpaired: [Unpaired]
    public var replications: Int
    /// The confidence level of each interval.
    public var confidence: Double

    /// Compares `variant[r]` with `baseline[r]`, replication by replication.
    /// - Precondition: one figure set per replication on both sides, the same number of them.
    public init(baseline: [FigureSet], variant: [FigureSet], confidence: Double = 0.95) {
        precondition(baseline.count == variant.count && !baseline.isEmpty, "both variants need the same replications")
        replications = baseline.count
        self.confidence = confidence
        let inBaseline = Self.keys(baseline), inVariant = Self.keys(variant)
        var rows: [Row] = []
        var unpaired: [Unpaired] = []
        for key in inBaseline.union(inVariant).sorted() {
            let a = baseline.compactMap { $0[key] }, b = variant.compactMap { $0[key] }
            if a.isEmpty || b.isEmpty {
                unpaired.append(Unpaired(key: key, reason: a.isEmpty ? .variantOnly : .baselineOnly))
            } else if a.count < replications || b.count < replications {
                unpaired.append(Unpaired(key: key, reason: .notInEveryReplication))
            } else {
                let difference = PairedDifference(baseline: a, variant: b, confidence: confidence)
                rows.append(Row(
                    key: key, baseline: Estimate(a, confidence: confidence), variant: Estimate(b, confidence: confidence),
                    difference: difference, verdict: difference.verdict(key.kpi.direction), baselineValues: a, variantValues: b
                ))
            }
        }
        self.rows = rows
        self.unpaired = unpaired
    }

    static func keys(_ sets: [FigureSet]) -> Set<FigureKey> {
        sets.reduce(into: Set<FigureKey>()) { $0.formUnion($1.values.keys) }
    }

    /// Rows whose interval excludes 0.
    public var significant: [Row] { rows.filter { $0.verdict != .noSignificantDifference } }
}
