/// Replications to a precision: the fewest replications whose interval for a figure is within
/// a relative target of its mean (the sequential rule of Hoad, Robinson and Davies, 2010).
///
/// The rule is applied to replications in their order, after a minimum count, so the answer is
/// the same however many ran in parallel: a runner may run ahead, and discards what comes after
/// the replication where the rule stopped.
public struct PrecisionRule: Sendable, Equatable {
    /// The largest half-width allowed, as a share of the mean (0.05 for 5%).
    public var relativeHalfWidth: Double
    /// Replications always run before the rule is looked at (at least 2, for an interval).
    public var minimum: Int
    /// Replications at most; the rule gives up there.
    public var maximum: Int
    /// The interval's confidence level.
    public var confidence: Double

    public init(relativeHalfWidth: Double, minimum: Int = 3, maximum: Int = 100, confidence: Double = 0.95) {
        precondition(relativeHalfWidth > 0, "a precision target is positive")
        precondition(minimum >= 2 && maximum >= minimum, "at least two replications, and no fewer at most than at least")
        self.relativeHalfWidth = relativeHalfWidth
        self.minimum = minimum
        self.maximum = maximum
        self.confidence = confidence
    }

    /// Whether the rule stops at the first `values.count` replications.
    public func isMet(by values: ArraySlice<Double>) -> Bool {
        guard values.count >= minimum else { return false }
        let estimate = Estimate(Array(values), confidence: confidence)
        guard let halfWidth = estimate.halfWidth else { return false }
        return halfWidth <= relativeHalfWidth * abs(estimate.mean)
    }

    /// The number of replications the rule stops at, among `values` (in replication order):
    /// the first count from ``minimum`` on whose interval meets the target; `nil` if none of the
    /// first ``maximum`` does.
    /// - Complexity: O(n²) in the number of replications looked at (each count recomputes its interval).
    public func stoppingCount(_ values: [Double]) -> Int? {
        let last = min(values.count, maximum)
        guard last >= minimum else { return nil }
        return (minimum ... last).first { isMet(by: values[..<$0]) }
    }
}
