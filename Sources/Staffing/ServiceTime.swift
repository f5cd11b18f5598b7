/// The distribution of a service time, described by its survival function P(S > u) (u in seconds).
public enum ServiceTime: Sendable, Hashable {
    /// Exponential with the given mean: P(S > u) = e^{−u/mean}.
    case exponential(mean: Double)
    /// Always exactly the given duration: P(S > u) = 1 for u < d, 0 after.
    case deterministic(Double)
    /// A table of survival values, linear between its points and 0 beyond the last.
    case table(SurvivalTable)

    /// The mean service time E[S] = ∫₀^∞ P(S > u) du in seconds.
    public var mean: Double {
        switch self {
        case let .exponential(mean): mean
        case let .deterministic(d): d
        case let .table(table): table.mean
        }
    }
}

/// A survival function P(S > u) given by points (u, P(S > u)), linear between them; two points
/// at the same time make a jump (an atom of the service time); zero beyond the last point.
public struct SurvivalTable: Sendable, Hashable {
    /// The times u in seconds, non-decreasing from 0.
    public let times: [Double]
    /// The survival values, non-increasing, in [0, 1].
    public let survival: [Double]

    /// A table from `points` (time, survival); `nil` when the times do not start at 0 and never
    /// decrease, or the values are not non-increasing within [0, 1].
    public init?(points: [(time: Double, survival: Double)]) {
        guard let first = points.first, first.time == 0 else { return nil }
        for (p, q) in zip(points, points.dropFirst()) where q.time < p.time || q.survival > p.survival { return nil }
        guard points.allSatisfy({ $0.time.isFinite && $0.survival >= 0 && $0.survival <= 1 }) else { return nil }
        times = points.map(\.time)
        survival = points.map(\.survival)
    }

    /// ∫ P(S > u) du over the table (trapezoids).
    public var mean: Double {
        var total = 0.0
        for i in 1 ..< max(times.count, 1) { total += (times[i] - times[i - 1]) * (survival[i] + survival[i - 1]) / 2 }
        return total
    }
}
