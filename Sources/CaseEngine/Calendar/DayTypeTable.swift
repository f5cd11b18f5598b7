public import SimCore

/// A calendar's day types precomputed for fast lookups: no hashing, no allocation, O(log h)
/// in the number h of holidays and adjusted working days.
///
/// It answers what ``ServiceCalendar`` answers (day types, working days, working-day
/// deadlines) with the same rules, but by arithmetic on whole weeks plus a sorted
/// list of the exceptional days, so a projection can ask on every event and a back
/// office can date millions of deadlines. Its memory is the calendar's exceptions,
/// not the horizon.
public struct DayTypeTable: Sendable, Equatable {
    /// The epoch day (days since 1970-01-01) of the calendar's start, day index 0.
    public let startEpochDay: Int
    /// Bit `i` is set when ISO weekday `i + 1` (Monday 0 … Sunday 6) is a weekend day.
    let weekendMask: UInt8
    /// Working days in a week by the weekday rule alone.
    let workingPerWeek: Int
    /// Holidays and adjusted working days as epoch days, ascending.
    let exceptionDays: [Int]
    /// The day type of each entry of `exceptionDays`.
    let exceptionTypes: [DayType]

    public init(_ calendar: ServiceCalendar) {
        startEpochDay = calendar.start.epochDay
        var mask: UInt8 = 0
        for day in calendar.weekend { mask |= 1 << UInt8(day.rawValue - 1) }
        weekendMask = mask
        workingPerWeek = 7 - mask.nonzeroBitCount
        var exceptions: [Int: DayType] = [:]
        for day in calendar.workingDays { exceptions[day.epochDay] = .workday }
        for day in calendar.holidays { exceptions[day.epochDay] = .holiday }
        let sorted = exceptions.sorted { $0.key < $1.key }
        exceptionDays = sorted.map(\.key)
        exceptionTypes = sorted.map(\.value)
    }

    /// The weekday of an epoch day, from 0 for Monday (1970-01-01 was a Thursday).
    @inline(__always)
    static func weekdayIndex(epochDay: Int) -> Int { ((epochDay % 7) + 7 + 3) % 7 }

    /// Whether the weekday rule alone makes an epoch day a working day.
    @inline(__always)
    func isWeekdayWorking(epochDay: Int) -> Bool { weekendMask & (1 << UInt8(Self.weekdayIndex(epochDay: epochDay))) == 0 }

    /// The index of the first exception on or after `epochDay`.
    func firstException(atOrAfter epochDay: Int) -> Int {
        var low = 0
        var high = exceptionDays.count
        while low < high {
            let mid = (low + high) / 2
            if exceptionDays[mid] < epochDay { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The kind of an epoch day.
    public func dayType(epochDay: Int) -> DayType {
        let i = firstException(atOrAfter: epochDay)
        if i < exceptionDays.count, exceptionDays[i] == epochDay { return exceptionTypes[i] }
        return isWeekdayWorking(epochDay: epochDay) ? .workday : .weekend
    }

    /// The kind of the day with index `day` (0 is the calendar's start).
    public func dayType(ofDay day: Int) -> DayType { dayType(epochDay: startEpochDay + day) }

    /// The kind of `date`.
    public func dayType(_ date: CalendarDate) -> DayType { dayType(epochDay: date.epochDay) }

    /// Whether `date` counts as a working day.
    public func isWorkingDay(_ date: CalendarDate) -> Bool { dayType(date) == .workday }

    func isWorking(epochDay: Int) -> Bool { dayType(epochDay: epochDay) == .workday }

    /// Working days among the epoch days after `a` up to and including `b` (`a <= b`).
    func countWorking(after a: Int, through b: Int) -> Int {
        let span = b - a
        var count = (span / 7) * workingPerWeek
        var day = b - span % 7 + 1
        while day <= b {
            if isWeekdayWorking(epochDay: day) { count += 1 }
            day += 1
        }
        var i = firstException(atOrAfter: a + 1)
        while i < exceptionDays.count, exceptionDays[i] <= b {
            let byRule = isWeekdayWorking(epochDay: exceptionDays[i])
            let actual = exceptionTypes[i] == .workday
            if byRule != actual { count += actual ? 1 : -1 }
            i += 1
        }
        return count
    }

    /// The working days after `from` up to and including `to` (negative when `to` is earlier),
    /// as ``ServiceCalendar/workingDays(from:to:)`` counts them.
    public func workingDays(from: CalendarDate, to: CalendarDate) -> Int {
        let a = from.epochDay
        let b = to.epochDay
        return b >= a ? countWorking(after: a, through: b) : -countWorking(after: b, through: a)
    }

    /// The deadline `n` working days after `date`, by the rule of ``ServiceCalendar/adding(workingDays:to:)``.
    public func adding(workingDays n: Int, to date: CalendarDate) -> CalendarDate {
        precondition(workingPerWeek > 0, "a calendar whose weekend is the whole week has no working days to count")
        let a = date.epochDay
        guard n != 0 else { return date }
        let weeks = (n.magnitude - 1) / UInt(workingPerWeek)
        if n > 0 {
            // Start from whole weeks that hold at most n working days by rule, then step.
            var b = a + Int(weeks) * 7
            var count = countWorking(after: a, through: b)
            while count < n {
                b += 1
                if isWorking(epochDay: b) { count += 1 }
            }
            while count > n || !isWorking(epochDay: b) {
                if isWorking(epochDay: b) { count -= 1 }
                b -= 1
            }
            return CalendarDate(epochDay: b)
        }
        let target = Int(n.magnitude)
        // Working days in [b, a): those after b - 1 through a - 1.
        var b = a - Int(weeks) * 7
        var count = countWorking(after: b - 1, through: a - 1)
        while count < target {
            b -= 1
            if isWorking(epochDay: b) { count += 1 }
        }
        while count > target || !isWorking(epochDay: b) {
            if isWorking(epochDay: b) { count -= 1 }
            b += 1
        }
        return CalendarDate(epochDay: b)
    }
}

// Back-office deadlines counted in working days.
//
// The rules, the same for ``DayTypeTable`` (fast) and ``ServiceCalendar`` (the set-based reference):
//
// - A working day is a day whose type is `.workday`: Monday to Friday (by the calendar's
//   weekend) unless a public holiday, plus every adjusted working day (a weekend day worked
//   to make up for a holiday bridge). A holiday listed as an adjusted working day too is a holiday.
// - **Due date.** The clock starts on the start day, which never counts, whatever its kind:
//   the due date of a limit of N working days is the Nth working day after the start day
//   (1 working day from a Friday is the next working day, from a Saturday or a holiday too;
//   a limit of 0 is due on the start day itself). This is exactly
//   `adding(workingDays: N, to: start)` for N >= 0, which these functions call.
// - **Deadline moment.** A case is due by the end of its due date: the midnight starting the
//   next day, in ticks since the calendar's start. A decision at time t is on time iff
//   t < that moment, i.e. iff it falls on or before the due date.
// - **Lateness.** A decision on or before the due date is 0 working days late. A later one is
//   late by the working days after the due date up to and including the decision day
//   (`workingDays(from: due, to: decidedOn)`), but by at least 1: a decision on the Saturday
//   after a Friday due date, or during a holiday week, counts 0 working days and is still late,
//   so it is 1 late, like a decision on the first working day after the due date.
//
// So for a working-day limit N and any start s: `workingDays(from: s, to: dueDate(N, s)) == N`,
// and `workingDaysLate(decidedOn: dueDate(N + k, s), due: dueDate(N, s)) == k` for k >= 1.

extension DayTypeTable {
    /// The date a limit of `limit` working days ends when the clock starts on `start`: the
    /// `limit`th working day after `start` (the start day itself never counts; 0 is `start`).
    ///
    /// The same as ``adding(workingDays:to:)`` for `limit >= 0`.
    /// Precondition: `limit >= 0`.
    /// - Complexity: no allocation; O((1 + k) · log h) for h exceptions (holidays and adjusted
    ///   working days) in the calendar and k of them between `start` and the due date (a few
    ///   for real deadlines), whatever the limit.
    public func dueDate(workingDays limit: Int, from start: CalendarDate) -> CalendarDate {
        precondition(limit >= 0, "a working-day limit is never negative")
        return adding(workingDays: limit, to: start)
    }

    /// How many working days late a decision on `decidedOn` is for a case due on `due`: 0 on
    /// or before `due`, else the working days after `due` up to and including `decidedOn`, at
    /// least 1 (a decision on a non-working day right after the due date is 1 late).
    /// - Complexity: no allocation; O(log h + k) for k exceptions between `due` and `decidedOn`.
    public func workingDaysLate(decidedOn: CalendarDate, due: CalendarDate) -> Int {
        decidedOn <= due ? 0 : max(1, workingDays(from: due, to: decidedOn))
    }

    /// The index (0 for the calendar's start) of the day containing `time` (`time >= 0`).
    func dayIndex(at time: SimTime) -> Int {
        precondition(time.ticks >= 0, "a time before the calendar's start")
        return Int(time.ticks / ServiceCalendar.dayTicks)
    }

    /// The deadline moment of a limit of `limit` working days whose clock starts at `time`:
    /// the midnight that ends the due date (``dueDate(workingDays:from:)`` of the day
    /// containing `time`), in ticks since the calendar's start. A decision at `t` is on time
    /// iff `t < deadline`.
    ///
    /// Preconditions: `limit >= 0`, `time >= 0`.
    public func deadline(workingDays limit: Int, from time: SimTime) -> SimTime {
        let start = CalendarDate(epochDay: startEpochDay + dayIndex(at: time))
        let due = dueDate(workingDays: limit, from: start)
        return SimTime(ticks: Int64(due.epochDay - startEpochDay + 1) * ServiceCalendar.dayTicks)
    }

    /// How many working days late a decision at `decidedAt` is for a ``deadline(workingDays:from:)``
    /// of `deadline` (a midnight): 0 when `decidedAt < deadline`, else
    /// ``workingDaysLate(decidedOn:due:)`` of the decision day and the due date (the day
    /// ending at `deadline`), so at least 1.
    ///
    /// Precondition: both times `>= 0`.
    public func workingDaysLate(decidedAt: SimTime, deadline: SimTime) -> Int {
        if decidedAt < deadline { return 0 }
        let decided = dayIndex(at: decidedAt)
        let due = dayIndex(at: deadline - SimTime(ticks: 1))
        return workingDaysLate(
            decidedOn: CalendarDate(epochDay: startEpochDay + decided), due: CalendarDate(epochDay: startEpochDay + due)
        )
    }
}
