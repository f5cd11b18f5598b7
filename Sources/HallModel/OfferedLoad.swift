public import CaseEngine
import SimCore

/// What a network's demand asks of it over a run, from its rates, hours and rosters alone (no
/// simulation): the expected cases of each source, the volume of closed days, and the day types
/// whose window work exceeds the staffed time. The run's estimate and the scenario's warnings
/// read it.
public struct OfferedLoad: Sendable {
    /// The network day by day, whose days the expectations add up.
    let daily: NetworkDays

    /// The load of `network`.
    public init(_ network: HallNetwork) {
        daily = NetworkDays(network)
    }

    /// The network whose demand this is.
    var network: HallNetwork { daily.network }

    /// The expected cases of source `s` over `counts`' days: its share of its entry's volume on
    /// open days, and of the closed days' volume when the entry moves it to the next opening.
    public func expectedVolume(source s: Int, over counts: DayCounts) -> Double {
        let source = network.sources[s]
        var total = 0.0
        for type in DayType.allCases {
            let day = NetworkDays.representative(type)
            let weight = counts.weight(type, source.profile)
            guard weight > 0 else { continue }
            var seconds = NetworkDays.integral(source.profile.hourly, over: daily.entryIntervals(source: s, on: day))
            if seconds == 0, source.closedDays == .nextOpening, let hours = network.halls[source.hall].hours {
                seconds = NetworkDays.integral(source.profile.hourly, over: hours[Int(DayType.workday.rawValue)])
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
        let network = network
        // Read field by field below: binding a whole source would copy it (its profile, label, behaviour) per hall and day type.
        let sources = network.sources
        var byHall = Array(repeating: [Int](), count: network.halls.count)
        for s in sources.indices where !sources[s].spreadsVolume { byHall[sources[s].hall].append(s) }
        for h in network.halls.indices {
            for type in DayType.allCases where counts.days(type) > 0 {
                let day = NetworkDays.representative(type)
                var offered = 0.0
                var cases = 0.0
                var eligible = Set<Int>()
                for s in byHall[h] {
                    let seconds = NetworkDays.integral(sources[s].profile.hourly, over: daily.entryIntervals(source: s, on: day))
                    let volume = sources[s].rate * seconds * counts.weight(type, sources[s].profile)
                    guard volume > 0 else { continue }
                    cases += volume
                    offered += volume * sources[s].serviceTime.mean
                    for r in sources[s].routes { eligible.insert(network.routes[r]) }
                }
                guard offered > 0 else { continue }
                var capacity = 0.0
                for g in eligible where !network.groups[g].isRosteredByDate {
                    capacity += staffedSeconds(group: g, on: day)
                }
                capacity *= counts.days(type)
                for g in eligible where network.groups[g].isRosteredByDate {
                    for (date, n) in counts.dates(type) { capacity += n * staffedSeconds(group: g, on: date) }
                }
                if offered > capacity {
                    found.append(DayTypeLoad(hall: h, type: type, offered: offered, capacity: capacity,
                                             excessCases: cases * (1 - capacity / offered)))
                }
            }
        }
        return found
    }

    /// Whether source `s`'s entry finds its hall closed on every day with weekday `weekday`
    /// (1 Monday … 7 Sunday) among the first `days` days (a year at most is looked at).
    public func neverOpen(source s: Int, weekday: Int, days: Int) -> Bool {
        var seen = false
        for index in 0 ..< min(days, 366) {
            let date = network.calendar.date(ofDay: index)
            guard date.weekday.rawValue == weekday else { continue }
            seen = true
            if !daily.entryIntervals(source: s, on: daily.day(index)).isEmpty { return false }
        }
        return seen
    }

    /// Whether group `g` has no staffed window on any day that occurs in `counts`.
    public func neverStaffed(group g: Int, over counts: DayCounts) -> Bool {
        DayType.allCases.allSatisfy { type in
            if network.groups[g].isRosteredByDate {
                return counts.dates(type).allSatisfy { daily.staffingSteps(group: g, on: $0.day).allSatisfy { $0.count == 0 } }
            }
            return counts.days(type) == 0 || daily.staffingSteps(group: g, on: NetworkDays.representative(type)).allSatisfy { $0.count == 0 }
        }
    }


    /// Staffed window-seconds of group `g` on `day`.
    func staffedSeconds(group g: Int, on day: NetworkDays.Day) -> Double {
        let steps = daily.staffingSteps(group: g, on: day)
        var seconds = 0.0
        for (i, step) in steps.enumerated() {
            let end = i + 1 < steps.count ? steps[i + 1].at : ServiceCalendar.dayTicks
            seconds += Double(step.count) * Double(end - step.at) / Double(SimTime.ticksPerSecond)
        }
        return seconds
    }

    /// Expected cases of the demand entries on closed days: lost, or moved to the next opening.
    public struct ClosedDayVolume: Sendable, Equatable {
        public var lost: Double = 0
        public var moved: Double = 0

        public init(lost: Double = 0, moved: Double = 0) {
            self.lost = lost
            self.moved = moved
        }
    }

    /// The expected cases lost or moved on closed days among the first `days` days, over all sources
    /// (each source its share of its entry's). An entry whose people all walk in and that loses
    /// its closed days has no demand on them to speak of (as before channels split volumes): it is
    /// not counted.
    public func closedDayVolume(days: Int) -> ClosedDayVolume {
        var total = ClosedDayVolume()
        let counted = network.sources.indices.filter {
            network.sources[$0].closedDays == .nextOpening || network.sources[$0].share < 1 || network.sources[$0].spreadsVolume
        }
        guard !counted.isEmpty else { return total }
        for index in 0 ..< max(0, days) {
            let day = daily.day(index)
            for s in counted {
                let v = network.sources[s].share * daily.closedVolume(source: s, on: day)
                switch network.sources[s].closedDays {
                case .lost: total.lost += v
                case .nextOpening: total.moved += v
                }
            }
        }
        return total
    }

    /// The expected cases of source `s` over the first `days` days (its share of its entry's
    /// volume, with moved volume where it arrives): what a run of that length should count.
    public func expectedCases(source s: Int, days: Int) -> Double {
        var total = 0.0
        for index in 0 ..< max(0, days) {
            let day = daily.day(index)
            var segments: [NetworkDays.RateSegment] = []
            daily.rateSegments(source: s, on: day, into: &segments)
            total += segments.reduce(0) { $0 + $1.rate * Double($1.to - $1.from) / Double(SimTime.ticksPerSecond) }
        }
        return total
    }
}
