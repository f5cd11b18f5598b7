public import CaseEngine
import SimCore

extension HallNetwork {
    /// How often each (day type, weekday, month) occurs in a run's days: the weights that turn a
    /// per-day-type volume into the volume of the whole run without walking every day per source.
    public struct DayCounts: Sendable {
        /// Days counted (at most ``window``; the rest are scaled to it).
        public var days: Int
        /// `count[type][weekday − 1][month − 1]`.
        var count: [[[Double]]]
        /// The most days walked one by one; longer runs repeat them in proportion.
        static let window = 4 * 366

        /// The days of a run of `days` days on `calendar`.
        public init(calendar: ServiceCalendar, days: Int) {
            self.days = days
            count = Array(repeating: Array(repeating: Array(repeating: 0, count: 12), count: 7), count: DayType.allCases.count)
            let walked = min(days, Self.window)
            guard walked > 0 else { return }
            let scale = Double(days) / Double(walked)
            for index in 0 ..< walked {
                let date = calendar.date(ofDay: index)
                count[Int(calendar.dayType(date).rawValue)][date.weekday.rawValue - 1][date.month - 1] += scale
            }
        }

        /// Σ weekday × month factors of `profile` over the days of type `type`.
        func weight(_ type: DayType, _ profile: DemandProfile) -> Double {
            var sum = 0.0
            for w in 0 ..< 7 {
                for m in 0 ..< 12 where count[Int(type.rawValue)][w][m] > 0 {
                    sum += count[Int(type.rawValue)][w][m] * profile.weekday[w] * profile.monthly[m]
                }
            }
            return sum
        }

        /// How many days of type `type` there are.
        func days(_ type: DayType) -> Double { count[Int(type.rawValue)].reduce(0) { $0 + $1.reduce(0, +) } }
    }

    /// A day of type `type`, for what depends only on the type (hours, rosters, rotation).
    static func representative(_ type: DayType) -> Day {
        Day(index: 0, type: type, weekday: .monday, month: 1)
    }

    /// The expected cases of source `s` over `counts`' days: its share of its entry's volume on
    /// open days, and of the closed days' volume when the entry moves it to the next opening.
    public func expectedVolume(source s: Int, over counts: DayCounts) -> Double {
        let source = sources[s]
        var total = 0.0
        for type in DayType.allCases {
            let day = Self.representative(type)
            let weight = counts.weight(type, source.profile)
            guard weight > 0 else { continue }
            var seconds = Self.integral(source.profile.hourly, over: entryIntervals(source: s, on: day))
            if seconds == 0, source.closedDays == .nextOpening, let hours = halls[source.hall].hours {
                seconds = Self.integral(source.profile.hourly, over: hours[Int(DayType.workday.rawValue)])
            }
            total += source.entryRate * seconds * weight
        }
        return source.share * total
    }

    /// Offered window work against staffed window time at one hall over the days of one type.
    public struct DayTypeLoad: Sendable, Equatable {
        public var hall: Int
        public var type: DayType
        /// Expected seconds of service asked of the hall's window groups on those days.
        public var offered: Double
        /// Staffed window-seconds of the groups serving that demand on those days.
        public var capacity: Double
        /// Expected cases beyond what the windows can serve (0 when they keep up).
        public var excessCases: Double
    }

    /// The day types on which a hall's window groups are offered more work than their staffed
    /// time can serve, over all days of the type in `counts`: the queue can never empty.
    /// A peak hour alone does not count — only the whole day type.
    public func overloads(over counts: DayCounts) -> [DayTypeLoad] {
        var found: [DayTypeLoad] = []
        var byHall = Array(repeating: [Int](), count: halls.count)
        for s in sources.indices where !sources[s].spreadsVolume { byHall[sources[s].hall].append(s) }
        for h in halls.indices {
            for type in DayType.allCases where counts.days(type) > 0 {
                let day = Self.representative(type)
                var offered = 0.0
                var cases = 0.0
                var eligible = Set<Int>()
                for s in byHall[h] {
                    let source = sources[s]
                    let seconds = Self.integral(source.profile.hourly, over: entryIntervals(source: s, on: day))
                    let volume = source.rate * seconds * counts.weight(type, source.profile)
                    guard volume > 0 else { continue }
                    cases += volume
                    offered += volume * source.serviceTime.mean
                    for r in source.routes { eligible.insert(routes[r]) }
                }
                guard offered > 0 else { continue }
                var capacity = 0.0
                for g in eligible {
                    let steps = staffingSteps(group: g, on: day)
                    for (i, step) in steps.enumerated() {
                        let end = i + 1 < steps.count ? steps[i + 1].at : ServiceCalendar.dayTicks
                        capacity += Double(step.count) * Double(end - step.at) / Double(SimTime.ticksPerSecond)
                    }
                }
                capacity *= counts.days(type)
                if offered > capacity {
                    found.append(DayTypeLoad(hall: h, type: type, offered: offered, capacity: capacity,
                                             excessCases: cases * (1 - capacity / offered)))
                }
            }
        }
        return found
    }
}

extension HallNetwork {
    /// Whether source `s`'s entry finds its hall closed on every day with weekday `weekday`
    /// (1 Monday … 7 Sunday) among the first `days` days (a year at most is looked at).
    public func neverOpen(source s: Int, weekday: Int, days: Int) -> Bool {
        var seen = false
        for index in 0 ..< min(days, 366) {
            let date = calendar.date(ofDay: index)
            guard date.weekday.rawValue == weekday else { continue }
            seen = true
            if !entryIntervals(source: s, on: day(index)).isEmpty { return false }
        }
        return seen
    }

    /// Whether group `g` has no staffed window on any day type that occurs in `counts`.
    public func neverStaffed(group g: Int, over counts: DayCounts) -> Bool {
        DayType.allCases.allSatisfy { type in
            counts.days(type) == 0 || staffingSteps(group: g, on: Self.representative(type)).allSatisfy { $0.count == 0 }
        }
    }
}
