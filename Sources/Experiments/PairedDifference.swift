import SimCore

/// The difference a variant makes to a figure, judged on common random numbers.
///
/// Replication r of both variants runs on the same seed, so the same people come with the
/// same needs to both wherever the model is the same; the per-replication differences
/// `variant − baseline` cancel most of the noise both share, and their Student-t interval (the
/// paired-t interval) is much narrower than one that treats the two sets as independent.
public struct PairedDifference: Sendable, Equatable {
    /// Which way is better for a figure.
    public enum Direction: String, Sendable {
        /// Waits, abandonment, lateness, backlog.
        case lowerIsBetter = "lower"
        /// Service level, on-time shares, satisfaction.
        case higherIsBetter = "higher"
    }

    /// What the interval says of a variant against the baseline.
    public enum Verdict: String, Sendable {
        case better
        case worse
        /// For a figure that is neither better nor worse in itself (utilisation): the interval
        /// lies above or below 0.
        case higher
        case lower
        /// The interval covers 0, or there are too few replications to say.
        case noSignificantDifference = "no significant difference"
    }

    /// The mean per-replication difference (variant − baseline) and its paired interval.
    public var difference: Estimate
    /// The half-width the same replications would give if they were not paired (Welch's
    /// interval on two independent samples), to show what common random numbers gained.
    public var unpairedHalfWidth: Double?

    /// Pairs `variant[r]` with `baseline[r]`, replication by replication.
    /// - Precondition: both have one value per replication, the same number of them.
    public init(baseline: [Double], variant: [Double], confidence: Double = 0.95) {
        precondition(baseline.count == variant.count && !baseline.isEmpty, "pairs need one value per replication on both sides")
        difference = Estimate(zip(variant, baseline).map { $0 - $1 }, confidence: confidence)
        unpairedHalfWidth = Self.welchHalfWidth(baseline, variant, confidence: confidence)
    }

    /// Better, worse, or no significant difference, for a figure where `direction` is better
    /// (higher or lower for a figure without a better direction). An interval that covers 0 (or
    /// touches it) is no significant difference; so is a difference without an interval (one
    /// replication).
    public func verdict(_ direction: Direction?) -> Verdict {
        guard let interval = difference.interval, !interval.contains(0) else { return .noSignificantDifference }
        let lower = interval.upperBound < 0
        guard let direction else { return lower ? .lower : .higher }
        return (lower == (direction == .lowerIsBetter)) ? .better : .worse
    }

    /// Welch's two-sided half-width for the difference of the means of two independent samples,
    /// with the Welch–Satterthwaite degrees of freedom.
    static func welchHalfWidth(_ a: [Double], _ b: [Double], confidence: Double) -> Double? {
        guard a.count >= 2, b.count >= 2 else { return nil }
        func meanAndVariance(_ v: [Double]) -> (Double, Double) {
            let m = v.reduce(0, +) / Double(v.count)
            return (m, v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1))
        }
        let (_, va) = meanAndVariance(a), (_, vb) = meanAndVariance(b)
        let sa = va / Double(a.count), sb = vb / Double(b.count)
        let se2 = sa + sb
        guard se2 > 0 else { return 0 }
        let df = se2 * se2 / (sa * sa / Double(a.count - 1) + sb * sb / Double(b.count - 1))
        let factor = StudentT.factor(confidence: confidence, degreesOfFreedom: max(1, Int(df.rounded(.down))))
        return factor * se2.squareRoot()
    }
}
