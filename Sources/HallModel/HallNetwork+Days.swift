import CaseEngine
import SimCore

extension HallNetwork {
    /// What a day is: its type, weekday and month, and whether halls that rotate follow their rotation.
    struct Day {
        var index: Int
        var type: DayType
        var weekday: Weekday
        var month: Int

        /// Whether rotating halls open only their rotation groups and services today.
        var isRotationDay: Bool { type == .weekend }
    }

    /// An interval of a day with a constant arrival rate (per second).
    struct RateSegment {
        var from: Int64
        var to: Int64
        var rate: Double
    }

    static let wholeDay = [DayInterval(from: 0, to: ServiceCalendar.dayTicks)]

    /// The day with index `index` (0 is the calendar's start date).
    func day(_ index: Int) -> Day {
        let date = calendar.date(ofDay: index)
        return Day(index: index, type: calendar.dayType(date), weekday: date.weekday, month: date.month)
    }

    /// When hall `h` is open on `day`, rotation aside.
    func openIntervals(hall h: Int, on day: Day) -> [DayInterval] {
        let hall = halls[h]
        guard let hours = hall.hours else { return Self.wholeDay }
        if day.isRotationDay, let rotation = hall.rotationHours { return rotation }
        return hours[Int(day.type.rawValue)]
    }

    /// When people of source `s` may arrive on `day`: the hall's hours, and on a rotated
    /// weekend only if the service is on the rotation.
    func arrivalIntervals(source s: Int, on day: Day) -> [DayInterval] {
        let source = sources[s]
        if source.isRemote { return Self.wholeDay }
        if source.channel == .kiosk, case .schedule(let own) = groups[routes[source.routes.lowerBound]].ownHours {
            return own[Int(day.type.rawValue)]
        }
        if day.isRotationDay, halls[source.hall].rotationHours != nil, halls[source.hall].hours != nil, !source.onRotation { return [] }
        return openIntervals(hall: source.hall, on: day)
    }

    /// The arrival rate of source `s` over `day`, as constant segments inside its open intervals (the profile's steps of the day split them).
    ///
    /// A channel that arrives in the hall's hours (walk-ins, outlets, the hotline) has the entry's
    /// rate × its share, shaped by the profile; a channel that spreads its share (online, mobile,
    /// kiosks) has its share of the day's volume (``volume(source:on:)``, plus any volume moved
    /// from closed days) spread over its own hours in proportion to its shape.
    func rateSegments(source s: Int, on day: Day, into segments: inout [RateSegment]) {
        segments.removeAll(keepingCapacity: true)
        let source = sources[s]
        let moved = source.closedDays == .nextOpening ? movedVolume(source: s, to: day) : 0
        let hourly: [Double]
        var dayFactor: Double
        if source.spreadsVolume {
            let volume = source.share * (volume(source: s, on: day) + moved)
            let spread = Self.integral(source.shape, over: arrivalIntervals(source: s, on: day))
            guard volume > 0, spread > 0 else { return }
            dayFactor = volume / spread
            hourly = source.shape
        } else {
            dayFactor = source.rate * source.profile.weekday[day.weekday.rawValue - 1] * source.profile.monthly[day.month - 1]
            if moved > 0 {
                let open = volume(source: s, on: day)
                if open > 0 { dayFactor *= (open + moved) / open }
            }
            hourly = source.profile.hourly
        }
        guard dayFactor > 0 else { return }
        let step = ServiceCalendar.dayTicks / Int64(hourly.count)
        for open in arrivalIntervals(source: s, on: day) {
            var from = open.from
            while from < open.to {
                let h = Int(from / step)
                let to = min(open.to, Int64(h + 1) * step)
                let rate = dayFactor * hourly[h]
                if rate > 0 {
                    if let last = segments.last, last.to == from, last.rate == rate {
                        segments[segments.count - 1].to = to
                    } else {
                        segments.append(RateSegment(from: from, to: to, rate: rate))
                    }
                }
                from = to
            }
        }
    }

    /// Staffed windows of group `g` over `day`: (time of day, count) steps, the first at 00:00.
    func staffingSteps(group g: Int, on day: Day) -> [(at: Int64, count: Int)] {
        let group = groups[g]
        let hall = halls[group.hall]
        let full = group.windows.count
        let open: [DayInterval]
        if case .schedule(let own) = group.ownHours {
            open = own[Int(day.type.rawValue)]
        } else if day.isRotationDay, hall.rotationHours != nil, hall.hours != nil {
            open = group.onRotation ? openIntervals(hall: group.hall, on: day) : []
        } else {
            open = openIntervals(hall: group.hall, on: day)
        }
        let shifts = group.roster[Int(day.type.rawValue)]
        func staffed(_ t: Int64) -> Int {
            guard open.contains(where: { $0.from <= t && t < $0.to }) else { return 0 }
            guard !shifts.isEmpty else { return full }
            return shifts.filter { $0.interval.from <= t && t < $0.interval.to }.reduce(0) { $0 + $1.count }.clamped(to: 0 ... full)
        }
        var points = Set<Int64>([0])
        for x in open { points.insert(x.from); points.insert(x.to) }
        for s in shifts { points.insert(s.interval.from); points.insert(s.interval.to) }
        var steps: [(at: Int64, count: Int)] = []
        for t in points.sorted() where t < ServiceCalendar.dayTicks {
            let n = staffed(t)
            if steps.last?.count != n { steps.append((t, n)) }
        }
        return steps
    }

    /// The first moment at or after `time` when hall `h` is open, looking up to `days` days ahead.
    func nextOpening(hall h: Int, from time: SimTime, days: Int = 366) -> SimTime? {
        guard halls[h].hours != nil else { return time }
        let first = calendar.dayIndex(at: time)
        for index in first ..< first + days {
            let midnight = calendar.midnight(ofDay: index).ticks
            let tod = index == first ? calendar.timeOfDay(time) : 0
            for x in openIntervals(hall: h, on: day(index)) where x.to > tod {
                return SimTime(ticks: midnight + max(x.from, tod))
            }
        }
        return nil
    }

    /// The first moment at or after `time` when people of source `s` may arrive, looking up to `days` days ahead.
    func nextOpening(source s: Int, from time: SimTime, days: Int = 366) -> SimTime? {
        let first = calendar.dayIndex(at: time)
        for index in first ..< first + days {
            let day = day(index)
            let midnight = calendar.midnight(ofDay: index).ticks
            let tod = index == first ? calendar.timeOfDay(time) : 0
            for x in arrivalIntervals(source: s, on: day) where x.to > tod {
                return SimTime(ticks: midnight + max(x.from, tod))
            }
        }
        return nil
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
