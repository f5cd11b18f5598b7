/// A streaming 95% confidence interval for the mean of a correlated series, by batch means.
///
/// Observations are summed into consecutive batches; when ``maxBatches`` batches
/// are full, neighbours are merged pairwise and the batch size doubles. Memory
/// is constant and at the end there are between `maxBatches / 2` and
/// `maxBatches` full batches, long enough that their means are nearly
/// independent when the run is long. The partial last batch is left out of the
/// interval (but not out of ``mean``).
public struct BatchMeans: Sendable, Equatable {
    public static let maxBatches = 64

    @usableFromInline var sums: [Double]
    @usableFromInline var batchSize: Int = 1
    @usableFromInline var current: Double = 0
    @usableFromInline var inCurrent: Int = 0
    @usableFromInline var total: Double = 0
    /// The number of observations.
    @inlinable public var count: Int { observations }
    @usableFromInline var observations: Int = 0

    public init() {
        sums = []
        sums.reserveCapacity(Self.maxBatches)
    }

    /// Adds one observation.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func add(_ x: Double) {
        current += x
        total += x
        inCurrent &+= 1
        observations &+= 1
        if inCurrent == batchSize { closeBatch() }
    }

    @usableFromInline
    mutating func closeBatch() {
        sums.append(current)
        current = 0
        inCurrent = 0
        if sums.count == Self.maxBatches {
            for i in 0 ..< Self.maxBatches / 2 { sums[i] = sums[2 * i] + sums[2 * i + 1] }
            sums.removeLast(Self.maxBatches / 2)
            batchSize *= 2
        }
    }

    /// The mean of all observations (0 when there are none).
    public var mean: Double { count == 0 ? 0 : total / Double(count) }

    /// The number of full batches the interval is built from.
    public var batches: Int { sums.count }

    /// The half-width of the 95% confidence interval for the mean, or `nil` with fewer than 10 full batches.
    public var halfWidth95: Double? {
        let k = sums.count
        guard k >= 10 else { return nil }
        let size = Double(batchSize)
        let means = sums.map { $0 / size }
        let m = means.reduce(0, +) / Double(k)
        let s2 = means.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(k - 1)
        return StudentT.quantile975(degreesOfFreedom: k - 1) * (s2 / Double(k)).squareRoot()
    }
}
