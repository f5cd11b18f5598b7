public import SimCore

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
