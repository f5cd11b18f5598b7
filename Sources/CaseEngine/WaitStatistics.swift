public import Histogram
public import SimCore

/// Streaming statistics of waits: exact mean and maximum, percentiles from an
/// HdrHistogram, and a batch-means confidence interval for the mean.
public struct WaitStatistics: Sendable {
    /// The longest wait the histogram resolves (waits beyond it count at this value): 400 days.
    public static let highestTrackable: UInt64 = 34_560_000_000_000

    @usableFromInline var histogram: Histogram<UInt64>
    @usableFromInline var batches: BatchMeans
    @usableFromInline var longest: Int64 = 0

    /// Empty statistics whose percentiles keep `significantDigits` (three by default: 0.1%).
    public init(significantDigits: SignificantDigits = .three) {
        histogram = Self.histogram(significantDigits)
        batches = BatchMeans()
    }

    /// An empty histogram of waits in ticks up to ``highestTrackable``.
    static func histogram(_ digits: SignificantDigits) -> Histogram<UInt64> {
        Histogram(highestTrackableValue: Self.highestTrackable, numberOfSignificantValueDigits: digits)
    }

    /// The wait at `percentile` (0–100) of `histogram`, in seconds (0 when it is empty).
    static func percentileSeconds(_ percentile: Double, of histogram: Histogram<UInt64>) -> Double {
        guard histogram.totalCount > 0 else { return 0 }
        return Double(histogram.valueAtPercentile(percentile)) / Double(SimTime.ticksPerSecond)
    }

    /// Adds one wait, in ticks.
    /// - Complexity: O(1).
    @inlinable
    public mutating func add(_ wait: Int64) {
        _ = histogram.record(Swift.min(UInt64(wait), Self.highestTrackable))
        batches.add(Double(wait))
        if wait > longest { longest = wait }
    }

    /// The number of waits.
    public var count: Int { batches.count }
    /// The mean wait in seconds.
    public var meanSeconds: Double { batches.mean / Double(SimTime.ticksPerSecond) }
    /// The 95% half-width of the mean wait in seconds, when there are enough batches.
    public var meanHalfWidthSeconds: Double? { batches.halfWidth95.map { $0 / Double(SimTime.ticksPerSecond) } }
    /// The longest wait in seconds.
    public var maxSeconds: Double { Double(longest) / Double(SimTime.ticksPerSecond) }

    /// The wait at `percentile` (0–100) in seconds, to the histogram's significant digits.
    public func percentileSeconds(_ percentile: Double) -> Double {
        guard count > 0 else { return 0 }
        return Self.percentileSeconds(percentile, of: histogram)
    }

    /// Adds another set's histogram and maximum into this one (not its batches).
    public mutating func mergeDistribution(_ other: WaitStatistics) {
        histogram.add(other.histogram)
        longest = Swift.max(longest, other.longest)
    }
}
