public import SimCore

/// A department's backlog over time: the level now, its time average and peak, and the level at
/// the end of every week (of the run from time zero, or of the span the figures cover from its
/// start: ``restart(at:)``), in bounded memory.
///
/// The series keeps at most ``capacity`` periods: when it fills, neighbouring periods are merged
/// (each pair keeps the level at its end) and the period doubles — 7 days, then 14, 28, …
public struct BacklogSeries: Sendable, Equatable {
    /// The most periods kept.
    public static let capacity = 128
    /// One week, in ticks.
    public static let week = SimTime.days(7).ticks

    /// The level (cases in the work list or being worked) and its time integral.
    public internal(set) var level = TimeWeighted()
    /// The length of one period of ``ends``, in ticks.
    public internal(set) var period = BacklogSeries.week
    /// The level at the end of each complete period so far.
    public internal(set) var ends: [Int64] = []
    /// Where the first period starts, in ticks.
    public internal(set) var origin: Int64 = 0

    public init() {}

    /// Forgets the history before `t` ticks, keeping the level: the average, the peak and the
    /// periods start there.
    mutating func restart(at t: Int64) {
        level.restart(at: SimTime(ticks: t))
        ends = []
        period = Self.week
        origin = t
    }

    /// Changes the level by `delta` at `t` ticks (not earlier than the last change).
    @inline(__always)
    mutating func change(by delta: Int64, at t: Int64) {
        advance(to: t)
        level.change(by: delta, at: SimTime(ticks: t))
    }

    /// Records the level at the end of every period that ended by `t` (a change at a period's
    /// end belongs to the next period).
    mutating func advance(to t: Int64) {
        while origin &+ Int64(ends.count + 1) &* period <= t {
            ends.append(level.level)
            if ends.count == Self.capacity { coarsen() }
        }
    }

    /// Doubles the period, keeping the level at the end of each new period; an odd last period
    /// (the first half of an unfinished one) is dropped and recorded again when that period ends.
    mutating func coarsen() {
        ends = stride(from: 1, to: ends.count, by: 2).map { ends[$0] }
        period &*= 2
    }

    /// The series up to `end` ticks with a period of at least `period`: the level at the end of
    /// each complete period, then the level at `end` when `end` falls inside a period.
    public func ends(until end: Int64, period wanted: Int64) -> [Int64] {
        var copy = self
        copy.advance(to: end)
        while copy.period < wanted { copy.coarsen() }
        var out = copy.ends
        if end > origin &+ Int64(out.count) &* copy.period { out.append(copy.level.level) }
        return out
    }
}
