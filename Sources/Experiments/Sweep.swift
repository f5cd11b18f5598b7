/// The figures of a sweep: every variant's figures across its replications, with intervals
/// corrected for the number of variants, and each variant's paired difference from the first.
///
/// With V variants, each variant's interval is at the Bonferroni level 1 − 0.05/V, so that all
/// V intervals of a figure hold together with 95%; the V − 1 differences from the first variant
/// are at 1 − 0.05/(V − 1). All variants of replication r ran on the same seed.
public struct Sweep: Sendable {
    /// One figure of one variant.
    public struct Cell: Sendable {
        public var key: FigureKey
        public var estimate: Estimate
        public var spread: Spread
        /// The paired difference from the first variant (absent for the first, and where the
        /// first variant does not have the figure in every replication).
        public var difference: PairedDifference?
        public var verdict: PairedDifference.Verdict?
    }

    /// The cells of each variant, in figure order; a figure is kept only where the variant has it
    /// in every replication.
    public var variants: [[Cell]]
    public var replications: Int
    /// The confidence level of each variant's intervals, and of each difference's.
    public var confidence: Double
    public var differenceConfidence: Double

    /// - Precondition: every variant has the same number of replications, at least one.
    public init(_ runs: [[FigureSet]], familyConfidence: Double = 0.95) {
        precondition(!runs.isEmpty && runs.allSatisfy { $0.count == runs[0].count && !$0.isEmpty }, "the same replications in every variant")
        replications = runs[0].count
        let confidence = Bonferroni.confidence(eachOf: runs.count, familyConfidence: familyConfidence)
        let differenceConfidence = Bonferroni.confidence(eachOf: max(1, runs.count - 1), familyConfidence: familyConfidence)
        self.confidence = confidence
        self.differenceConfidence = differenceConfidence
        let first = runs[0]
        variants = runs.enumerated().map { v, sets in
            Comparison.keys(sets).sorted().compactMap { key -> Cell? in
                let values = sets.compactMap { $0[key] }
                guard values.count == sets.count else { return nil }
                var cell = Cell(key: key, estimate: Estimate(values, confidence: confidence), spread: Spread(values))
                let base = first.compactMap { $0[key] }
                if v > 0, base.count == first.count {
                    let d = PairedDifference(baseline: base, variant: values, confidence: differenceConfidence)
                    cell.difference = d
                    cell.verdict = d.verdict(key.kpi.direction)
                }
                return cell
            }
        }
    }
}
