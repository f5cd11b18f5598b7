import CaseEngine
import SimCore

/// A network's days: what each day of the calendar is, when its halls are open, when its groups
/// are staffed and at what rate each source's people arrive, day by day.
///
/// The floor asks it at each midnight and when it looks ahead for the next opening; the
/// expectations of a run (``OfferedLoad``) add its days up.
struct NetworkDays: Sendable {
    /// The network whose hours, rosters and demand the days follow.
    let network: HallNetwork

    /// The days of `network`.
    init(_ network: HallNetwork) {
        self.network = network
    }

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

    /// Open around the clock.
    static let wholeDay = [DayInterval(from: 0, to: ServiceCalendar.dayTicks)]

    /// A day of type `type`, for what depends only on the type (hours, rosters, rotation).
    static func representative(_ type: DayType) -> Day {
        Day(index: 0, type: type, weekday: .monday, month: 1)
    }

    /// The day with index `index` (0 is the calendar's start date).
    func day(_ index: Int) -> Day {
        let date = network.calendar.date(ofDay: index)
        return Day(index: index, type: network.calendar.dayType(date), weekday: date.weekday, month: date.month)
    }

    /// When hall `h` is open on `day`, rotation aside.
    func openIntervals(hall h: Int, on day: Day) -> [DayInterval] {
        let hall = network.halls[h]
        guard let hours = hall.hours else { return Self.wholeDay }
        if day.isRotationDay, let rotation = hall.rotationHours { return rotation }
        return hours[Int(day.type.rawValue)]
    }

    /// When people of source `s` may arrive on `day`: the hall's hours, and on a rotated
    /// weekend only if the service is on the rotation.
    func arrivalIntervals(source s: Int, on day: Day) -> [DayInterval] {
        let source = network.sources[s]
        if source.isRemote { return Self.wholeDay }
        if source.channel == .kiosk, case .schedule(let own) = network.groups[network.routes[source.routes.lowerBound]].ownHours {
            return own[Int(day.type.rawValue)]
        }
        if day.isRotationDay, network.halls[source.hall].rotationHours != nil, network.halls[source.hall].hours != nil, !source.onRotation { return [] }
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
        let source = network.sources[s]
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
        let group = network.groups[g]
        let hall = network.halls[group.hall]
        let full = group.windows.count
        let open: [DayInterval]
        if case .schedule(let own) = group.ownHours {
            open = own[Int(day.type.rawValue)]
        } else if day.isRotationDay, hall.rotationHours != nil, hall.hours != nil {
            open = group.onRotation ? openIntervals(hall: group.hall, on: day) : []
        } else {
            open = openIntervals(hall: group.hall, on: day)
        }
        // A kind of day with shifts follows them: a day none of them is worked on has no one on duty.
        let shifts = group.roster[Int(day.type.rawValue)]
        func staffed(_ t: Int64) -> Int {
            guard open.contains(where: { $0.from <= t && t < $0.to }) else { return 0 }
            guard !shifts.isEmpty else { return full }
            var on = 0
            for shift in shifts where shift.interval.from <= t && t < shift.interval.to && shift.applies(weekday: day.weekday, month: day.month) {
                on += shift.count
            }
            return on.clamped(to: 0 ... full)
        }
        // The times the count may change at, ascending and each once (a few: this runs for every
        // group every day, so they are sorted in place on the stack).
        var steps: [(at: Int64, count: Int)] = []
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: 1 + 2 * (open.count + shifts.count)) { points in
            var n = 0
            func add(_ t: Int64) {
                var i = n
                while i > 0, points[i - 1] > t {
                    points[i] = points[i - 1]
                    i -= 1
                }
                points[i] = t
                n += 1
            }
            add(0)
            for x in open { add(x.from); add(x.to) }
            for s in shifts where s.applies(weekday: day.weekday, month: day.month) { add(s.interval.from); add(s.interval.to) }
            for i in 0 ..< n where (i == 0 || points[i] != points[i - 1]) && points[i] < ServiceCalendar.dayTicks {
                let count = staffed(points[i])
                if steps.last?.count != count { steps.append((points[i], count)) }
            }
        }
        return steps
    }

    /// The first moment at or after `time` when hall `h` is open, looking up to `days` days ahead.
    func nextOpening(hall h: Int, from time: SimTime, days: Int = 366) -> SimTime? {
        guard network.halls[h].hours != nil else { return time }
        let first = network.calendar.dayIndex(at: time)
        for index in first ..< first + days {
            let midnight = network.calendar.midnight(ofDay: index).ticks
            let tod = index == first ? network.calendar.timeOfDay(time) : 0
            for x in openIntervals(hall: h, on: day(index)) where x.to > tod {
                return SimTime(ticks: midnight + max(x.from, tod))
            }
        }
        return nil
    }

    /// The first moment at or after `time` when people of source `s` may arrive, looking up to `days` days ahead.
    func nextOpening(source s: Int, from time: SimTime, days: Int = 366) -> SimTime? {
        let first = network.calendar.dayIndex(at: time)
        for index in first ..< first + days {
            let day = day(index)
            let midnight = network.calendar.midnight(ofDay: index).ticks
            let tod = index == first ? network.calendar.timeOfDay(time) : 0
            for x in arrivalIntervals(source: s, on: day) where x.to > tod {
                return SimTime(ticks: midnight + max(x.from, tod))
            }
        }
        return nil
    }

    /// The hours a walk-in of source `s`'s entry may come on `day` (the hall's, or none on a
    /// rotated weekend without the service), whatever the source's own channel.
    func entryIntervals(source s: Int, on day: Day) -> [DayInterval] {
        let source = network.sources[s]
        let hall = network.halls[source.hall]
        if day.isRotationDay, hall.rotationHours != nil, hall.hours != nil, !source.serviceOnRotation { return [] }
        return openIntervals(hall: source.hall, on: day)
    }

    /// The expected cases of source `s`'s whole entry (all channels) on `day`: the entry's rate
    /// integrated over the hours the hall offers the service that day; 0 on a closed day.
    func volume(source s: Int, on day: Day) -> Double {
        let source = network.sources[s]
        let dayRate = source.entryRate * source.profile.weekday[day.weekday.rawValue - 1] * source.profile.monthly[day.month - 1]
        guard dayRate > 0 else { return 0 }
        return dayRate * Self.integral(source.profile.hourly, over: entryIntervals(source: s, on: day))
    }

    /// The expected cases of source `s`'s whole entry on `day` if it is closed (the volume of the
    /// hall's working-day hours, with the day's weekday and month factors), or 0 if it is open.
    func closedVolume(source s: Int, on day: Day) -> Double {
        let source = network.sources[s]
        guard let hours = network.halls[source.hall].hours, entryIntervals(source: s, on: day).isEmpty else { return 0 }
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

    /// Per group, when at least one of its windows is staffed, from its hours, roster and rotation
    /// (``staffingSteps(group:on:)``).
    func staffedHours() -> StaffedHours {
        StaffedHours(table: network.groups.indices.map { g in
            // Staffing depends on the kind of day alone unless a shift is worked only on some weekdays or months.
            network.groups[g].isRosteredByDate
                ? StaffedHours.dateKeys.map { staffedIntervals(group: g, on: $0) }
                : DayType.allCases.map { staffedIntervals(group: g, on: Self.representative($0)) }
        })
    }

    /// The intervals of `day` when group `g` has at least one window staffed.
    func staffedIntervals(group g: Int, on day: Day) -> [DayInterval] {
        let steps = staffingSteps(group: g, on: day)
        var out: [DayInterval] = []
        for (i, step) in steps.enumerated() where step.count > 0 {
            let end = i + 1 < steps.count ? steps[i + 1].at : ServiceCalendar.dayTicks
            if let last = out.last, last.to == step.at {
                out[out.count - 1].to = end
            } else {
                out.append(DayInterval(from: step.at, to: end))
            }
        }
        return out
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

/// When each group has windows staffed, per kind of day; for a group with shifts worked only on
/// some weekdays or months, per kind of day, weekday and month.
struct StaffedHours: Sendable {
    /// Per group: the staffed intervals of each key, a kind of day (3 keys) or a kind, weekday and
    /// month (``dateKeys``, 252 keys).
    let table: [[[DayInterval]]]

    /// The keys of a group staffed by date.
    static let dateKeyCount = 3 * 7 * 12

    /// One representative day of every kind, weekday and month, in key order.
    static let dateKeys: [NetworkDays.Day] = DayType.allCases.flatMap { type in
        Weekday.allCases.flatMap { weekday in (1 ... 12).map { NetworkDays.Day(index: 0, type: type, weekday: weekday, month: $0) } }
    }

    /// When group `g` is staffed on `day`.
    @inline(__always)
    func intervals(group g: Int, on day: NetworkDays.Day) -> [DayInterval] {
        let type = Int(day.type.rawValue)
        return table[g].count == Self.dateKeyCount ? table[g][(type * 7 + day.weekday.rawValue - 1) * 12 + day.month - 1] : table[g][type]
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
