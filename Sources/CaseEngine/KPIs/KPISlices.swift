/// How a run's figures are sliced: the key beside the hour of day in every cell and row of
/// `kpis.csv` (docs/kpis.md, *Slices*).
///
/// `dayType` (the default) keeps three keys, `weekday` seven and `month` twelve (months of
/// the year, pooled across years), so the projection's memory stays flat; only `date` builds
/// one key per day of the run, and only when asked.
public struct KPISlices: Sendable, Equatable {
    /// What the key beside the hour is.
    public enum By: String, Sendable, CaseIterable {
        /// `workday`, `weekend` or `holiday`, as the calendar says for the date.
        case dayType = "day_type"
        /// `monday` … `sunday`.
        case weekday
        /// `january` … `december`.
        case month
        /// The date, `YYYY-MM-DD`.
        case date
    }

    public var by: By
    /// Days the `date` keys cover from the calendar's start (day 0); a later day counts in the last. Unused otherwise.
    public var days: Int

    public init(by: By = .dayType, days: Int = 1) {
        self.by = by
        self.days = Swift.max(1, days)
    }

    /// By day type: today's slices.
    public static let byDayType = KPISlices()

    /// How many keys there are.
    public var keys: Int {
        switch by {
        case .dayType: 3
        case .weekday: 7
        case .month: 12
        case .date: days
        }
    }

    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// The key of day `day` (from the calendar's start, not negative).
    func key(ofDay day: Int, _ days: DayTypeTable) -> Int {
        switch by {
        case .dayType: Int(days.dayType(ofDay: day).rawValue)
        case .weekday: DayTypeTable.weekdayIndex(epochDay: days.startEpochDay + day)
        case .month: CalendarDate(epochDay: days.startEpochDay + day).month - 1
        case .date: Swift.min(day, self.days - 1)
        }
    }

    /// The text of key `key` in reports.
    func label(_ key: Int, _ days: DayTypeTable) -> String {
        switch by {
        case .dayType: DayType(rawValue: UInt8(key))!.description
        case .weekday: Self.weekdayNames[key]
        case .month: Self.monthNames[key]
        case .date: CalendarDate(epochDay: days.startEpochDay + key).description
        }
    }
}
