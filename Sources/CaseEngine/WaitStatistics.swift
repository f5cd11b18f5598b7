public import Histogram
public import SimCore

/// Streaming statistics of waits: exact mean and maximum, percentiles from an
/// HdrHistogram, and a batch-means confidence interval for the mean.
public struct WaitStatistics: Sendable {
    /// The longest wait the histogram resolves (waits beyond it count at this value): 400 days.
    public static let highestTrackable = UInt64(SimTime.days(400).ticks)

    @usableFromInline var histogram: Histogram<UInt64>
    @usableFromInline var batches: BatchMeans
    @usableFromInline var longest: Int64 = 0

    public init() {
        histogram = Histogram(highestTrackableValue: Self.highestTrackable, numberOfSignificantValueDigits: .three)
        batches = BatchMeans()
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

    /// The wait at `percentile` (0–100) in seconds, to the histogram's three significant digits.
    public func percentileSeconds(_ percentile: Double) -> Double {
        guard count > 0 else { return 0 }
        return Double(histogram.valueAtPercentile(percentile)) / Double(SimTime.ticksPerSecond)
    }

    /// Adds another set's histogram and maximum into this one (not its batches).
    public mutating func mergeDistribution(_ other: WaitStatistics) {
        histogram.add(other.histogram)
        longest = Swift.max(longest, other.longest)
    }
}
