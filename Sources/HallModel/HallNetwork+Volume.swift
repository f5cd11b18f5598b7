import CaseEngine
import SimCore

extension HallNetwork {
    /// Expected cases of the demand entries on closed days: lost, or moved to the next opening.
    public struct ClosedDayVolume: Sendable, Equatable {
        public var lost: Double = 0
        public var moved: Double = 0

        public init(lost: Double = 0, moved: Double = 0) {
            self.lost = lost
            self.moved = moved
        }
    }

    /// The hours a walk-in of source `s`'s entry may come on `day` (the hall's, or none on a
    /// rotated weekend without the service), whatever the source's own channel.
    func entryIntervals(source s: Int, on day: Day) -> [DayInterval] {
        let source = sources[s]
        let hall = halls[source.hall]
        if day.isRotationDay, hall.rotationHours != nil, hall.hours != nil, !source.serviceOnRotation { return [] }
        return openIntervals(hall: source.hall, on: day)
    }

    /// The expected cases of source `s`'s whole entry (all channels) on `day`: the entry's rate
    /// integrated over the hours the hall offers the service that day; 0 on a closed day.
    func volume(source s: Int, on day: Day) -> Double {
        let source = sources[s]
        let dayRate = source.entryRate * source.profile.weekday[day.weekday.rawValue - 1] * source.profile.monthly[day.month - 1]
        guard dayRate > 0 else { return 0 }
        return dayRate * Self.integral(source.profile.hourly, over: entryIntervals(source: s, on: day))
    }

    /// The expected cases of source `s`'s whole entry on `day` if it is closed (the volume of the
    /// hall's working-day hours, with the day's weekday and month factors), or 0 if it is open.
    func closedVolume(source s: Int, on day: Day) -> Double {
        let source = sources[s]
        guard let hours = halls[source.hall].hours, entryIntervals(source: s, on: day).isEmpty else { return 0 }
        let dayRate = source.entryRate * source.profile.weekday[day.weekday.rawValue - 1] * source.profile.monthly[day.month - 1]
        guard dayRate > 0 else { return 0 }
        return dayRate * Self.integral(source.profile.hourly, over: hours[Int(DayType.workday.rawValue)])
    }

    /// The closed-day volume of source `s`'s entry moved to `day`: that of the closed days just
    /// before it (back to the calendar's start, a year at most); 0 if `day` is closed itself.
    func movedVolume(source s: Int, to day: Day) -> Double {
        guard !entryIntervals(source: s, on: day).isEmpty else { return 0 }
        var moved = 0.0
        var index = day.index - 1
        while index >= 0, index >= day.index - 366 {
            let before = self.day(index)
            guard entryIntervals(source: s, on: before).isEmpty else { break }
            moved += closedVolume(source: s, on: before)
            index -= 1
        }
        return moved
    }

    /// The expected cases lost or moved on closed days among the first `days` days, over all sources
    /// (each source its share of its entry's). An entry whose people all walk in and that loses
    /// its closed days has no demand on them to speak of (as before channels split volumes): it is
    /// not counted.
    public func closedDayVolume(days: Int) -> ClosedDayVolume {
        var total = ClosedDayVolume()
        let counted = sources.indices.filter {
            sources[$0].closedDays == .nextOpening || sources[$0].share < 1 || sources[$0].spreadsVolume
        }
        guard !counted.isEmpty else { return total }
        for index in 0 ..< max(0, days) {
            let day = day(index)
            for s in counted {
                let v = sources[s].share * closedVolume(source: s, on: day)
                switch sources[s].closedDays {
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
            let day = day(index)
            var segments: [RateSegment] = []
            rateSegments(source: s, on: day, into: &segments)
            total += segments.reduce(0) { $0 + $1.rate * Double($1.to - $1.from) / Double(SimTime.ticksPerSecond) }
        }
        return total
    }

    /// ∫ `hourly` over `intervals`, in factor × seconds (each step's factor over the part of it
    /// inside; `hourly` has one factor per equal step of the day: 24 for hours).
    static func integral(_ hourly: [Double], over intervals: [DayInterval]) -> Double {
        let step = ServiceCalendar.dayTicks / Int64(hourly.count)
        var sum = 0.0
        for open in intervals {
            var from = open.from
            while from < open.to {
                let h = Int(from / step)
                let to = min(open.to, Int64(h + 1) * step)
                sum += hourly[h] * Double(to - from)
                from = to
            }
        }
        return sum / Double(SimTime.ticksPerSecond)
    }
}
