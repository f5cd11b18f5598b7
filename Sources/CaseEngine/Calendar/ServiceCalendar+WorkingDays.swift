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
