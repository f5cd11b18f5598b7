import SimCore

/// A figure estimated from independent replications: its mean across them and the
/// two-sided Student-t interval of that mean.
///
/// Replications are independent runs (their own seeds), so their values are independent
/// observations of the figure and the interval is exact for normal values and close to it
/// for the averages of a run that a replication reports.
public struct Estimate: Sendable, Equatable {
    /// The mean across replications.
    public var mean: Double
    /// The half-width of the interval at ``confidence``; `nil` with fewer than two replications.
    public var halfWidth: Double?
    /// The number of replications.
    public var count: Int
    /// The interval's confidence level (0.95 unless corrected for several comparisons).
    public var confidence: Double

    /// The estimate from `values`, one per replication.
    /// - Complexity: O(n).
    public init(_ values: [Double], confidence: Double = 0.95) {
        precondition(!values.isEmpty, "an estimate needs at least one replication")
        precondition(confidence > 0 && confidence < 1, "a confidence level is between 0 and 1")
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        self.mean = mean
        self.count = values.count
        self.confidence = confidence
        if values.count >= 2 {
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            halfWidth = StudentT.factor(confidence: confidence, degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
        } else {
            halfWidth = nil
        }
    }

    /// The interval's ends, or `nil` without a half-width.
    public var interval: ClosedRange<Double>? { halfWidth.map { (mean - $0) ... (mean + $0) } }

    /// The half-width as a share of the mean's size (`nil` without a half-width or for a mean of 0).
    public var relativeHalfWidth: Double? {
        guard let halfWidth, mean != 0 else { return nil }
        return halfWidth / abs(mean)
    }
}

/// How a figure varies from replication to replication: what a planner should expect of one
/// day, month or year, as opposed to how sure the mean is (``Estimate``).
public struct Spread: Sendable, Equatable {
    public var min: Double
    /// The 10th and 90th percentiles across replications (linear interpolation between order
    /// statistics, the usual "type 7" definition).
    public var p10: Double
    public var p90: Double
    public var max: Double

    /// The spread of `values`, one per replication.
    /// - Complexity: O(n log n).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a spread needs at least one replication")
        let sorted = values.sorted()
        min = sorted[0]
        max = sorted[sorted.count - 1]
        p10 = Self.percentile(0.10, ofSorted: sorted)
        p90 = Self.percentile(0.90, ofSorted: sorted)
    }

    /// The `q` percentile (0…1) of `sorted`, interpolated linearly between order statistics.
    public static func percentile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = Swift.min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return sorted[below] + weight * (sorted[above] - sorted[below])
    }
}

/// The Bonferroni correction: with `comparisons` intervals at `familyConfidence / …` each, all of
/// them hold together with at least `familyConfidence`.
public enum Bonferroni {
    /// The confidence level each of `comparisons` intervals needs so that all hold together with
    /// `familyConfidence` (0.95 over 5 comparisons: 0.99 each).
    public static func confidence(eachOf comparisons: Int, familyConfidence: Double = 0.95) -> Double {
        precondition(comparisons >= 1, "at least one comparison")
        return 1 - (1 - familyConfidence) / Double(comparisons)
    }
}
