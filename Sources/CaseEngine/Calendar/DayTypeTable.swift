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
