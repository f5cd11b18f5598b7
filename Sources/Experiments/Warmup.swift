public import CaseEngine
import SimCore

/// MSER-5: where to cut the start of a run whose first observations are biased by its
/// start (an empty hall at opening, an empty back office on the first day).
///
/// The series (e.g. waits in order of arrival) is grouped into batches of five and replaced by
/// their means Y₁…Yₘ. For each candidate cut d (in batches), the marginal standard error
/// MSER(d) = Σᵢ₌d₊₁…ₘ (Yᵢ − Ȳ(d))² / (m − d)², with Ȳ(d) the mean of the batches kept, weighs
/// the variance of what is kept against how much is kept; the cut is the d that minimises it,
/// searched in the first half of the run only. A cut at the end of that half means the run is too
/// short to tell where its start stops mattering, which ``Result/reliable`` says.
public enum MSER {
    /// A cut and the evidence for it.
    public struct Result: Sendable, Equatable {
        /// Observations to drop from the start (a multiple of the batch size).
        public var truncatedObservations: Int
        /// Batches to drop from the start.
        public var truncatedBatches: Int
        /// The batch means the rule looked at.
        public var batchMeans: [Double]
        /// MSER(d) for every candidate cut d, from 0 to half the batches.
        public var statistic: [Double]
        /// Whether the cut lies inside the first half rather than at its end (where a longer run
        /// would be needed to find it).
        public var reliable: Bool
    }

    /// The MSER cut of `series` with batches of `batchSize` (5 for MSER-5). Observations past
    /// the last whole batch are not looked at. `nil` when the series has fewer than two batches.
    /// - Complexity: O(n).
    public static func truncation(of series: [Double], batchSize: Int = 5) -> Result? {
        precondition(batchSize >= 1, "batches hold at least one observation")
        let m = series.count / batchSize
        guard m >= 2 else { return nil }
        let means = (0 ..< m).map { b in series[(b * batchSize) ..< ((b + 1) * batchSize)].reduce(0, +) / Double(batchSize) }
        // Sums of the kept batches and of their squares for every cut, from the end backwards.
        var sum = [Double](repeating: 0, count: m + 1)
        var squares = [Double](repeating: 0, count: m + 1)
        for i in stride(from: m - 1, through: 0, by: -1) {
            sum[i] = sum[i + 1] + means[i]
            squares[i] = squares[i + 1] + means[i] * means[i]
        }
        func mser(_ d: Int) -> Double {
            let kept = Double(m - d)
            let deviations = max(0, squares[d] - sum[d] * sum[d] / kept)
            return deviations / (kept * kept)
        }
        let statistic = (0 ... m / 2).map(mser)
        let cut = statistic.indices.min { statistic[$0] < statistic[$1] } ?? 0
        return Result(
            truncatedObservations: cut * batchSize, truncatedBatches: cut, batchMeans: means,
            statistic: statistic, reliable: cut < m / 2
        )
    }
}

/// The waits of a run in order of arrival, for ``MSER`` to find its warm-up (`--warmup auto`).
///
/// Folds `.called` events: each carries its wait, so its visit arrived at `time − wait`. Keeps
/// one (arrival, wait) pair per call — only when a warm-up is searched for.
public struct WaitSeries: CaseEventSink, Sendable {
    var calls: [(arrival: Int64, wait: Int64)] = []

    public init() {}

    public mutating func record(_ e: CaseEvent) {
        guard e.kind == .called else { return }
        calls.append((e.time.ticks &- e.value, e.value))
    }

    /// The number of waits folded.
    public var count: Int { calls.count }

    /// The MSER-5 cut of the waits in order of arrival, as a time: the arrival of the first wait
    /// kept (zero when nothing is cut), with the rule's evidence; `nil` with fewer than ten waits.
    public func warmup(batchSize: Int = 5) -> (ticks: Int64, result: MSER.Result)? {
        let ordered = calls.enumerated().sorted { ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset) }.map(\.element)
        guard let result = MSER.truncation(of: ordered.map { Double($0.wait) }, batchSize: batchSize) else { return nil }
        let cut = result.truncatedObservations
        return (cut == 0 ? 0 : Swift.max(0, ordered[cut].arrival), result)
    }
}
