public import CaseEngine
import SimCore

/// How often each (day type, weekday, month) occurs in a run's days: the weights that turn a
/// per-day-type volume into the volume of the whole run without walking every day per source.
public struct DayCounts: Sendable {
    /// Days counted (at most ``window``; the rest are scaled to it).
    public var days: Int
    /// Days at `(type × 7 + weekday − 1) × 12 + month − 1` (``slot(_:_:_:)``).
    var count: [Double]
    /// The most days walked one by one; longer runs repeat them in proportion.
    static let window = 4 * 366

    /// The days of a run of `days` days on `calendar`.
    public init(calendar: ServiceCalendar, days: Int) {
        self.days = days
        count = Array(repeating: 0, count: DayType.allCases.count * 7 * 12)
        let walked = min(days, Self.window)
        guard walked > 0 else { return }
        let scale = Double(days) / Double(walked)
        for index in 0 ..< walked {
            let date = calendar.date(ofDay: index)
            count[Self.slot(calendar.dayType(date), date.weekday.rawValue - 1, date.month - 1)] += scale
        }
    }

    /// The weekday and month classes of the days of type `type` that occur, each as a representative
    /// day with the number of days in it.
    func dates(_ type: DayType) -> [(day: NetworkDays.Day, count: Double)] {
        var out: [(day: NetworkDays.Day, count: Double)] = []
        for w in 0 ..< 7 {
            for m in 0 ..< 12 where count[Self.slot(type, w, m)] > 0 {
                out.append((NetworkDays.Day(index: 0, type: type, weekday: Weekday(rawValue: w + 1)!, month: m + 1), count[Self.slot(type, w, m)]))
            }
        }
        return out
    }

    /// Σ weekday × month factors of `profile` over the days of type `type`.
    func weight(_ type: DayType, _ profile: DemandProfile) -> Double {
        var sum = 0.0
        for w in 0 ..< 7 {
            for m in 0 ..< 12 where count[Self.slot(type, w, m)] > 0 {
                sum += count[Self.slot(type, w, m)] * profile.weekday[w] * profile.monthly[m]
            }
        }
        return sum
    }

    /// How many days of type `type` there are.
    func days(_ type: DayType) -> Double {
        // Weekday by weekday, each over its months (the order the sum has always been taken in).
        (0 ..< 7).reduce(0) { sum, w in sum + count[Self.slot(type, w, 0) ..< Self.slot(type, w, 0) + 12].reduce(0, +) }
    }

    /// The place in ``count`` of the days of type `type`, weekday `weekday` (0 Monday … 6 Sunday), month `month` (0–11).
    static func slot(_ type: DayType, _ weekday: Int, _ month: Int) -> Int { (Int(type.rawValue) * 7 + weekday) * 12 + month }
}
