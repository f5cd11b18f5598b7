public import SimCore

/// What kind of day a date is for a service hall.
public enum DayType: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    /// A working day: Monday to Friday, or a weekend day adjusted to a working day.
    case workday = 0
    /// A weekend day that is not a holiday (when weekend rotation applies).
    case weekend = 1
    /// A public holiday.
    case holiday = 2

    public var description: String {
        switch self {
        case .workday: "workday"
        case .weekend: "weekend"
        case .holiday: "holiday"
        }
    }

    public static func < (a: DayType, b: DayType) -> Bool { a.rawValue < b.rawValue }
}

/// The calendar a run follows: its first day, weekend days, public holidays and
/// adjusted working days, and the mapping from simulated time to dates.
///
/// Time zero is midnight at the start of ``start``; every day has 24 hours.
/// A holiday wins over an adjusted working day listed on the same date.
public struct ServiceCalendar: Sendable, Equatable {
    /// The date at time zero.
    public var start: CalendarDate
    /// The days of the week that are not working days (Saturday and Sunday by default).
    public var weekend: Set<Weekday>
    /// Public holidays: closed, and not counted as working days.
    public var holidays: Set<CalendarDate>
    /// Weekend days worked in exchange for a holiday: they count as working days.
    public var workingDays: Set<CalendarDate>

    public init(
        start: CalendarDate, weekend: Set<Weekday> = [.saturday, .sunday], holidays: Set<CalendarDate> = [],
        workingDays: Set<CalendarDate> = []
    ) {
        self.start = start
        self.weekend = weekend
        self.holidays = holidays
        self.workingDays = workingDays
    }

    /// Ticks in one day.
    public static let dayTicks = SimTime.days(1).ticks

    /// The kind of day `date` is.
    public func dayType(_ date: CalendarDate) -> DayType {
        if holidays.contains(date) { return .holiday }
        if workingDays.contains(date) { return .workday }
        return weekend.contains(date.weekday) ? .weekend : .workday
    }

    /// The index of the day containing `time`, from 0 for ``start``.
    @inlinable
    public func dayIndex(at time: SimTime) -> Int { Int(time.ticks / Self.dayTicks) }

    /// The date of the day with index `day`.
    public func date(ofDay day: Int) -> CalendarDate { start.adding(days: day) }

    /// The date containing `time`.
    public func date(at time: SimTime) -> CalendarDate { date(ofDay: dayIndex(at: time)) }

    /// The time at midnight starting day `day`.
    @inlinable
    public func midnight(ofDay day: Int) -> SimTime { SimTime(ticks: Int64(day) * Self.dayTicks) }

    /// The time of day of `time`, in ticks since midnight.
    @inlinable
    public func timeOfDay(_ time: SimTime) -> Int64 { time.ticks % Self.dayTicks }
}

extension ServiceCalendar {
    /// Whether `date` counts as a working day: a workday that is not a holiday (an adjusted working day counts).
    public func isWorkingDay(_ date: CalendarDate) -> Bool { dayType(date) == .workday }

    /// The deadline `workingDays` working days after `date`.
    ///
    /// The rule: day 0 is the acceptance day (`date`), whatever its kind; the
    /// deadline is the end of the Nth working day after it. So 1 working day from a
    /// Friday is the following Monday, and from a Saturday too; 0 is `date` itself.
    /// Holidays never count, adjusted working days always do. A negative count goes
    /// back: the |N|th working day before `date`.
    ///
    /// Precondition: the weekend leaves at least one day of the week a working day.
    /// - Complexity: O(days walked); ``DayTypeTable/adding(workingDays:to:)`` gives the same answer in O(log).
    public func adding(workingDays n: Int, to date: CalendarDate) -> CalendarDate {
        precondition(weekend.count < 7, "a calendar whose weekend is the whole week has no working days to count")
        let step = n >= 0 ? 1 : -1
        var day = date
        var left = n.magnitude
        while left > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The working days after `from` up to and including `to` (negative when `to` is earlier).
    ///
    /// The inverse of ``adding(workingDays:to:)`` on working days:
    /// `workingDays(from: d, to: adding(workingDays: n, to: d)) == n`. For a case
    /// finished on `f` with deadline `due`, `workingDays(from: due, to: f)` is its
    /// lateness in working days (0 or less is on time).
    /// - Complexity: O(days between).
    public func workingDays(from: CalendarDate, to: CalendarDate) -> Int {
        if to < from { return -workingDays(from: to, to: from) }
        var count = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }
}

// Back-office deadlines by the set-based reference: the rules are DayTypeTable's (DayTypeTable.swift).
extension ServiceCalendar {
    /// The date a limit of `limit` working days ends when the clock starts on `start`, as
    /// ``DayTypeTable/dueDate(workingDays:from:)`` (the `limit`th working day after `start`;
    /// 0 is `start`): ``adding(workingDays:to:)`` for `limit >= 0`.
    /// - Complexity: O(days to the due date).
    public func dueDate(workingDays limit: Int, from start: CalendarDate) -> CalendarDate {
        precondition(limit >= 0, "a working-day limit is never negative")
        return adding(workingDays: limit, to: start)
    }

    /// Working days late, as ``DayTypeTable/workingDaysLate(decidedOn:due:)``: 0 on or before
    /// `due`, else `max(1, workingDays(from: due, to: decidedOn))`.
    /// - Complexity: O(days between).
    public func workingDaysLate(decidedOn: CalendarDate, due: CalendarDate) -> Int {
        decidedOn <= due ? 0 : max(1, workingDays(from: due, to: decidedOn))
    }

    /// The deadline moment, as ``DayTypeTable/deadline(workingDays:from:)``: midnight ending the
    /// due date of the day containing `time`.
    public func deadline(workingDays limit: Int, from time: SimTime) -> SimTime {
        precondition(time.ticks >= 0, "a time before the calendar's start")
        let due = dueDate(workingDays: limit, from: date(at: time))
        return midnight(ofDay: due.epochDay - start.epochDay + 1)
    }

    /// Working days late at `decidedAt` for a deadline moment, as
    /// ``DayTypeTable/workingDaysLate(decidedAt:deadline:)``.
    public func workingDaysLate(decidedAt: SimTime, deadline: SimTime) -> Int {
        precondition(decidedAt.ticks >= 0 && deadline.ticks >= 0, "a time before the calendar's start")
        if decidedAt < deadline { return 0 }
        return workingDaysLate(decidedOn: date(at: decidedAt), due: date(at: deadline - SimTime(ticks: 1)))
    }
}
