public import SimCore

/// Streaming statistics of waits: exact mean and maximum, percentiles from a
/// ``WaitHistogram`` (HdrHistogram's layout, two significant digits: 1%), and a batch-means
/// confidence interval for the mean.
public struct WaitStatistics: Sendable {
    /// The longest wait the histogram resolves (waits beyond it count at this value): 400 days.
    public static let highestTrackable = WaitHistogram.highestTrackable

    @usableFromInline var histogram = WaitHistogram()
    @usableFromInline var batches: BatchMeans
    @usableFromInline var longest: Int64 = 0

    /// Empty statistics.
    public init() {
        batches = BatchMeans()
    }

    /// The waits at the 50th, 90th and 99th percentiles of `histogram` in seconds, from one scan (0 when it is empty).
    static func percentileSeconds(of histogram: WaitHistogram) -> (p50: Double, p90: Double, p99: Double) {
        let (p50, p90, p99) = histogram.values(atPercentiles: 50, 90, 99)
        let tick = Double(SimTime.ticksPerSecond)
        return (Double(p50) / tick, Double(p90) / tick, Double(p99) / tick)
    }

    /// Adds one wait, in ticks.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func add(_ wait: Int64) {
        histogram.record(UInt64(wait))
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

    /// The wait at `percentile` (0–100) in seconds, to the histogram's two significant digits.
    public func percentileSeconds(_ percentile: Double) -> Double {
        guard count > 0 else { return 0 }
        return Double(histogram.value(atPercentile: percentile)) / Double(SimTime.ticksPerSecond)
    }

    /// The waits at the 50th, 90th and 99th percentiles in seconds, from one scan of the histogram (0 without waits).
    public var percentiles: (p50: Double, p90: Double, p99: Double) {
        guard count > 0 else { return (0, 0, 0) }
        return Self.percentileSeconds(of: histogram)
    }

    /// Adds another set's histogram and maximum into this one (not its batches).
    public mutating func mergeDistribution(_ other: WaitStatistics) {
        histogram.add(other.histogram)
        longest = Swift.max(longest, other.longest)
    }
}
