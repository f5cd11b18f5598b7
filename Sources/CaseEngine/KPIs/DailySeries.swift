import SimCore

/// A run's figures day by day over its whole horizon: cases submitted, people called and the sum
/// of their waits, people who gave up. What a report's daily chart draws, so that seasonal peaks
/// and holiday weeks show (docs/report.md).
///
/// Each event counts on the day of its own time (a wait on the day its case was called), over
/// the whole run whatever span the summary covers. Memory: four integers per simulated day,
/// reserved up front for the days the caller expects; a later day grows the table once.
public struct DailySeries: CaseEventSink, Sendable {
    /// One day's counts.
    public struct Day: Sendable, Equatable {
        /// Cases submitted (first and return visits, every channel).
        public var submitted = 0
        /// People called to a window, and the sum of their waits in ticks.
        public var called = 0
        public var waitTicks: Int64 = 0
        /// People who gave up: reneged, balked, sent home or did not come when called.
        public var abandoned = 0
    }

    /// The epoch day (days since 1970-01-01) of day 0.
    public let startEpochDay: Int
    /// The days, from day 0 to the last day an event fell on.
    public private(set) var days: [Day]
    /// Days that saw an event (`days` may hold more, reserved).
    public private(set) var count = 0

    /// A series over `catalog`'s calendar, with room for `expectedDays` days.
    public init(catalog: Catalog, expectedDays: Int = 1) {
        startEpochDay = catalog.calendar.start.epochDay
        days = Array(repeating: Day(), count: Swift.max(1, expectedDays))
    }

    /// The date of day `day`, `YYYY-MM-DD`.
    public func date(_ day: Int) -> String { CalendarDate(epochDay: startEpochDay + day).description }

    /// The days that saw an event, in order.
    public var covered: ArraySlice<Day> { days[0..<count] }

    @inlinable
    public mutating func record(_ e: CaseEvent) {
        switch e.kind {
        case .submitted, .called, .abandoned, .noShow: tally(e)
        default: return
        }
    }

    /// Counts `e` on its day.
    @usableFromInline
    mutating func tally(_ e: CaseEvent) {
        let day = Int(Swift.max(0, e.time.ticks) / ServiceCalendar.dayTicks)
        if day >= days.count { grow(to: day) }
        if day >= count { count = day + 1 }
        switch e.kind {
        case .submitted:
            days[day].submitted &+= 1
        case .called:
            days[day].called &+= 1
            days[day].waitTicks &+= e.value
        default:
            days[day].abandoned &+= 1
        }
    }

    /// Makes room for day `day` and a year beyond it.
    @inline(never)
    mutating func grow(to day: Int) {
        days.append(contentsOf: repeatElement(Day(), count: day + 366 - days.count))
    }
}
