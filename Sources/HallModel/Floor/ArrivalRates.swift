import CaseEngine
import SimCore

/// Each arrival source's rate over the day being drawn: the constant-rate segments
/// ``NetworkDays/rateSegments(source:on:into:)`` computes, kept per source so that a day the
/// segments are known to equal a recent day's costs a comparison instead of the computation.
///
/// A source's segments depend on the day only through the kind of day (its hours, rotation),
/// the weekday's and the month's factors of its profile, and — for an entry that moves closed
/// days' volume to the next opening — the closed days just before it. So, but for those
/// entries, a day with the same kind and the same two factors as one of the last two days
/// computed has the same segments: a village desk computes its working day's and its closed
/// day's once each and reuses them, instead of once per source per day.
struct ArrivalRates: ~Copyable {
    /// What makes two days' segments of a source equal: the kind of day and the profile's factors.
    struct Key: Equatable {
        var type: UInt8
        var weekday: Double
        var month: Double

        /// No day: equal to no key of a day.
        static let none = Key(type: .max, weekday: .nan, month: .nan)
    }

    /// The network's days (its calendar, hours and demand).
    let daily: NetworkDays
    /// Per source: whether its segments depend on the days before (volume moved from closed days).
    let movesClosedDays: [Bool]
    /// Per source: the weekday factors (Monday first) and month factors of its profile.
    let weekdayFactors: [[Double]]
    let monthFactors: [[Double]]
    /// Per source: the segments of the day `day[s]`, and the key they were computed for.
    var segments: [[NetworkDays.RateSegment]]
    var day: [Int]
    var key: [Key]
    /// Per source: the segments of the other day kept, and its key.
    var spare: [[NetworkDays.RateSegment]]
    var spareKey: [Key]
    /// The days drawn in so far, by index from the calendar's start (filled as they come).
    var days: [NetworkDays.Day] = []

    /// The rates of `daily`'s sources, none computed yet.
    init(_ daily: NetworkDays) {
        self.daily = daily
        let sources = daily.network.sources
        movesClosedDays = sources.map { $0.closedDays == .nextOpening }
        weekdayFactors = sources.map(\.profile.weekday)
        monthFactors = sources.map(\.profile.monthly)
        segments = Array(repeating: [], count: sources.count)
        spare = segments
        day = Array(repeating: -1, count: sources.count)
        key = Array(repeating: .none, count: sources.count)
        spareKey = key
    }

    /// The day with index `index`, computed once.
    @inline(__always)
    mutating func calendarDay(_ index: Int) -> NetworkDays.Day {
        if index < days.count { return days[index] }
        return addDays(through: index)
    }

    @inline(never)
    mutating func addDays(through index: Int) -> NetworkDays.Day {
        while days.count <= index { days.append(daily.day(days.count)) }
        return days[index]
    }

    /// Makes `segments[s]` source `s`'s segments of day `index`.
    @inline(__always)
    mutating func prepare(_ s: Int, day index: Int) {
        guard day[s] != index else { return }
        day[s] = index
        let d = calendarDay(index)
        if movesClosedDays[s] {
            daily.rateSegments(source: s, on: d, into: &segments[s])
            return
        }
        let k = Key(type: d.type.rawValue, weekday: weekdayFactors[s][d.weekday.rawValue - 1], month: monthFactors[s][d.month - 1])
        if k == key[s] { return }
        swap(&segments[s], &spare[s])
        swap(&key[s], &spareKey[s])
        if k == key[s] { return }
        daily.rateSegments(source: s, on: d, into: &segments[s])
        key[s] = k
    }
}
