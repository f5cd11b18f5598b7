public import SimCore

/// A run's figures day by day over its whole horizon: cases submitted, people called and the sum
/// of their waits, people who gave up. What a report's daily chart draws, so that seasonal peaks
/// and holiday weeks show (docs/report.md).
///
/// Each event counts on the day of its own time (a wait on the day its case was called), over
/// the whole run whatever span the summary covers. Memory: four integers per simulated day,
/// reserved up front for the days the caller expects; a later day grows the table once.
///
/// The day events are falling on is counted in a ``Day`` held inline and written into the table
/// when an event falls on another day, so that an event touches no array: no copy-on-write check
/// and no division per event.
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
    /// Every day but the open one, as last written back.
    var table: [Day]
    /// The counts of day `openDay`, which `table` does not hold yet.
    @usableFromInline var open = Day()
    var openDay = 0
    /// The ticks `openDay` spans, `[openStart, openEnd)` (none before the first event).
    @usableFromInline var openStart = Int64.max
    @usableFromInline var openEnd = Int64.min
    /// Days that saw an event (`days` may hold more, reserved).
    public private(set) var count = 0

    /// A series over `catalog`'s calendar, with room for `expectedDays` days.
    public init(catalog: Catalog, expectedDays: Int = 1) {
        startEpochDay = catalog.calendar.start.epochDay
        table = Array(repeating: Day(), count: Swift.max(1, expectedDays))
    }

    /// The days, from day 0 to the last day an event fell on (and any reserved beyond).
    public var days: [Day] {
        var all = table
        all[openDay] = open
        return all
    }

    /// The date of day `day`, `YYYY-MM-DD`.
    public func date(_ day: Int) -> String { CalendarDate(epochDay: startEpochDay + day).description }

    /// The days that saw an event, in order.
    public var covered: ArraySlice<Day> { days[0..<count] }

    @inlinable @inline(__always)
    public mutating func record(_ e: CaseEvent) {
        switch e.kind {
        case .submitted:
            openOn(e.time.ticks)
            open.submitted &+= 1
        case .called:
            openOn(e.time.ticks)
            open.called &+= 1
            open.waitTicks &+= e.value
        case .abandoned, .noShow:
            openOn(e.time.ticks)
            open.abandoned &+= 1
        default:
            return
        }
    }

    /// Makes the day of `ticks` the open one, unless it is already.
    @inlinable @inline(__always)
    mutating func openOn(_ ticks: Int64) {
        if ticks < openStart || ticks >= openEnd { switchDay(to: ticks) }
    }

    /// Writes the open day into the table and opens the day of `ticks` (day 0 for a time before zero).
    @usableFromInline @inline(never)
    mutating func switchDay(to ticks: Int64) {
        let day = Int(Swift.max(0, ticks) / ServiceCalendar.dayTicks)
        table[openDay] = open
        if day >= table.count {
            // Room for day `day` and a year beyond it.
            table.append(contentsOf: repeatElement(Day(), count: day + 366 - table.count))
        }
        if day >= count { count = day + 1 }
        open = table[day]
        openDay = day
        openStart = day == 0 ? Int64.min : Int64(day) * ServiceCalendar.dayTicks
        openEnd = (Int64(day) + 1) * ServiceCalendar.dayTicks
    }
}
