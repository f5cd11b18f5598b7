/// How days are sorted into classes that are planned apart: by kind of day alone (workday,
/// weekend, holiday), or also by weekday (a Monday apart from a Tuesday) or by month (a March
/// apart from an April).
///
/// Classes are numbered densely, kind of day first: with `.weekday`, class `type × 7 + weekday − 1`;
/// with `.month`, `type × 12 + month − 1`. A class that no day of a run falls in simply stays empty.
public enum DayPartition: String, Sendable, CaseIterable {
    case dayType = "day_type"
    case weekday
    case month

    /// The number of classes (some may hold no day of a given calendar).
    public var classCount: Int {
        switch self {
        case .dayType: DayType.allCases.count
        case .weekday: DayType.allCases.count * 7
        case .month: DayType.allCases.count * 12
        }
    }

    /// The class of a day of kind `type` on `weekday` in `month` (1…12).
    @inline(__always)
    public func index(type: DayType, weekday: Weekday, month: Int) -> Int {
        switch self {
        case .dayType: Int(type.rawValue)
        case .weekday: Int(type.rawValue) * 7 + weekday.rawValue - 1
        case .month: Int(type.rawValue) * 12 + month - 1
        }
    }

    /// The class of `date`, whose kind is `type`.
    @inline(__always)
    public func index(of date: CalendarDate, type: DayType) -> Int {
        self == .dayType ? Int(type.rawValue) : index(type: type, weekday: date.weekday, month: date.month)
    }

    /// What the days of class `index` share.
    public func dayClass(_ index: Int) -> DayClass {
        precondition(index >= 0 && index < classCount, "a class of this partition")
        switch self {
        case .dayType: return DayClass(type: DayType(rawValue: UInt8(index))!)
        case .weekday: return DayClass(type: DayType(rawValue: UInt8(index / 7))!, weekday: Weekday(rawValue: index % 7 + 1)!)
        case .month: return DayClass(type: DayType(rawValue: UInt8(index / 12))!, month: index % 12 + 1)
        }
    }

    /// Every class, in index order.
    public var classes: [DayClass] { (0 ..< classCount).map(dayClass) }
}

/// The days planned together: one kind of day, and where asked one weekday or one month of it.
public struct DayClass: Sendable, Hashable, CustomStringConvertible {
    public var type: DayType
    /// The weekday, when classes are by weekday.
    public var weekday: Weekday?
    /// The month (1…12), when classes are by month.
    public var month: Int?

    public init(type: DayType, weekday: Weekday? = nil, month: Int? = nil) {
        self.type = type
        self.weekday = weekday
        self.month = month
    }

    /// Whether a day of kind `type` on `weekday` in `month` belongs to the class.
    public func contains(type: DayType, weekday: Weekday, month: Int) -> Bool {
        type == self.type && (self.weekday.map { $0 == weekday } ?? true) && (self.month.map { $0 == month } ?? true)
    }

    /// `workday`, `workday mon`, `weekend mar`.
    public var description: String {
        var text = type.description
        if let weekday { text += " " + weekday.shortName }
        if let month { text += " " + DayClass.monthNames[month - 1] }
        return text
    }

    /// Months as scenarios write them.
    public static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
}
