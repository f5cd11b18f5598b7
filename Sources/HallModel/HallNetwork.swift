public import CaseEngine
public import SimCore

/// A scenario compiled into integer-indexed tables: what the handler reads on every event.
public struct HallNetwork: Sendable {
    /// One hall's opening rules.
    public struct Hall: Sendable {
        /// Open intervals per day type (index by `DayType.rawValue`); `nil` means open around the clock.
        public var hours: [[DayInterval]]?
        public var atClose: ClosingPolicy
        /// Open intervals on rotated weekend days, when the hall rotates.
        public var rotationHours: [DayInterval]?
    }

    /// One window group: its hall, its windows (a range of global window indices) and staffing rules.
    public struct Group: Sendable {
        public var hall: Int
        public var windows: Range<Int>
        /// Staffed windows per day type (index by `DayType.rawValue`) as shifts; empty for the whole group whenever open.
        public var roster: [[RosterShift]]
        /// Whether the group opens on rotated weekend days (when its hall rotates).
        public var onRotation: Bool
    }

    /// One arrival source: a service arriving at a hall, with the groups that can serve it.
    public struct Source: Sendable {
        public var hall: Int
        public var service: Int
        /// Base arrival rate per second, times the demand's factor.
        public var rate: Double
        public var profile: DemandProfile
        /// Whether the service is offered on rotated weekend days.
        public var onRotation: Bool
        /// Eligible groups, as a range into ``HallNetwork/routes``, in the order the hall lists them.
        public var routes: Range<Int>
        /// How these people behave while waiting.
        public var behaviour: BehaviourSpec
        /// Stream labels, so each source draws its own numbers.
        public var label: String
        /// The share that books slots instead of walking in, and how they keep them; `nil` for walk-ins only.
        public var appointments: AppointmentSpec? = nil
    }

    public var catalog: Catalog
    public var calendar: ServiceCalendar
    public var serviceTimes: [Distribution]
    public var halls: [Hall]
    public var groups: [Group]
    public var sources: [Source]
    public var routes: [Int]
    public var windowCount: Int
    public var stop: StopRule

    /// Whether anything changes with the time of day or the date: opening hours, rosters,
    /// rotation or demand profiles. A network without any runs without day events.
    public var followsCalendar: Bool {
        halls.contains { $0.hours != nil || $0.rotationHours != nil }
            || groups.contains { !$0.roster.allSatisfy(\.isEmpty) }
            || sources.contains { !$0.profile.isFlat }
    }

    /// Compiles `spec`, which must already be valid (the `Scenarios` module checks files).
    /// - Throws: ``ModelError`` naming the first inconsistency in a spec built in code.
    public init(_ spec: ScenarioSpec) throws(ModelError) {
        var serviceIndex: [String: Int] = [:]
        for (i, s) in spec.services.enumerated() {
            guard serviceIndex.updateValue(i, forKey: s.id) == nil else { throw ModelError("duplicate service '\(s.id)'") }
            if let problem = s.serviceTime.validated() { throw ModelError("service '\(s.id)': \(problem)") }
        }
        guard spec.stop.cases != nil || spec.stop.horizon != nil else { throw ModelError("the stop rule needs cases or a horizon") }
        if let n = spec.stop.cases, n <= 0 || n > Int(UInt32.max) { throw ModelError("stop.cases must be in 1...\(UInt32.max)") }
        if let h = spec.stop.horizon, h <= .zero { throw ModelError("the horizon must be positive") }
        try Self.check(spec.behaviour, "the scenario's behaviour")

        var catalogHalls: [Catalog.Hall] = []
        var halls: [Hall] = []
        var hallIndex: [String: Int] = [:]
        var catalogGroups: [Catalog.Group] = []
        var groups: [Group] = []
        var groupsServing: [[Int]: [Int]] = [:]
        var rotationServices: Set<[Int]> = []
        var window = 0
        for (h, hall) in spec.halls.enumerated() {
            guard hallIndex.updateValue(h, forKey: hall.id) == nil else { throw ModelError("duplicate hall '\(hall.id)'") }
            catalogHalls.append(Catalog.Hall(id: hall.id, tier: hall.tier.rawValue))
            halls.append(try Self.compileHall(hall))
            let groupIDs = Set(hall.windows.map(\.id))
            if let rotation = hall.rotation {
                for g in rotation.groups where !groupIDs.contains(g) {
                    throw ModelError("the rotation of hall '\(hall.id)' names unknown window group '\(g)'")
                }
            }
            for g in hall.windows {
                guard g.count > 0 else { throw ModelError("window group '\(hall.id)/\(g.id)' needs at least one window") }
                let index = groups.count
                var roster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
                for shift in g.roster {
                    guard shift.count >= 0, shift.count <= g.count, shift.interval.from < shift.interval.to else {
                        throw ModelError("window group '\(hall.id)/\(g.id)' has an invalid shift")
                    }
                    roster[Int(shift.day.rawValue)].append(shift)
                }
                let onRotation = hall.rotation?.groups.contains(g.id) ?? false
                groups.append(Group(hall: h, windows: window ..< window + g.count, roster: roster.map { $0.sorted { $0.interval.from < $1.interval.from } }, onRotation: onRotation))
                catalogGroups.append(Catalog.Group(id: g.id, hall: h, servers: g.count))
                window += g.count
                for s in g.serves {
                    guard let si = serviceIndex[s] else { throw ModelError("window group '\(hall.id)/\(g.id)' serves unknown service '\(s)'") }
                    groupsServing[[h, si], default: []].append(index)
                    if onRotation, hall.rotation?.services.contains(s) == true { rotationServices.insert([h, si]) }
                }
            }
        }
        guard groups.count <= Int(UInt16.max), catalogHalls.count <= Int(UInt16.max), spec.services.count <= Int(UInt16.max),
              spec.halls.allSatisfy({ $0.windows.allSatisfy { $0.count <= Int(UInt16.max) } })
        else { throw ModelError("more than 65,535 halls, groups, services or windows in a group") }

        var sources: [Source] = []
        var routes: [Int] = []
        for d in spec.demand {
            guard let h = hallIndex[d.hall] else { throw ModelError("demand names unknown hall '\(d.hall)'") }
            guard let s = serviceIndex[d.service] else { throw ModelError("demand names unknown service '\(d.service)'") }
            guard let eligible = groupsServing[[h, s]] else { throw ModelError("no window group in hall '\(d.hall)' serves '\(d.service)'") }
            let base: Double
            switch d.arrivals {
            case .poisson(let perSecond): base = perSecond
            }
            let rate = base * d.factor
            guard rate > 0, rate.isFinite else { throw ModelError("arrival rate of '\(d.service)' at '\(d.hall)' must be positive") }
            let p = d.profile
            guard p.hourly.count == 24, p.weekday.count == 7, p.monthly.count == 12,
                  (p.hourly + p.weekday + p.monthly).allSatisfy({ $0 >= 0 && $0.isFinite })
            else { throw ModelError("the demand profile of '\(d.service)' at '\(d.hall)' needs 24 hourly, 7 weekday and 12 monthly factors, none negative") }
            var behaviour = spec.behaviour
            if let own = d.behaviour {
                behaviour.patience = own.patience ?? behaviour.patience
                behaviour.balkAt = own.balkAt ?? behaviour.balkAt
                behaviour.returnVisit = own.returnVisit ?? behaviour.returnVisit
            }
            try Self.check(behaviour, "the behaviour of '\(d.service)' at '\(d.hall)'")
            if let a = d.appointments { try Self.check(a, "the appointments of '\(d.service)' at '\(d.hall)'") }
            let start = routes.count
            routes.append(contentsOf: eligible)
            sources.append(Source(
                hall: h, service: s, rate: rate, profile: p, onRotation: rotationServices.contains([h, s]),
                routes: start ..< routes.count, behaviour: behaviour, label: "\(d.hall)/\(d.service)", appointments: d.appointments
            ))
        }
        guard !sources.isEmpty else { throw ModelError("there is no demand") }
        let labels = sources.map(\.label)
        guard Set(labels).count == labels.count else { throw ModelError("two demand entries for the same service and hall") }

        for (h, hall) in spec.halls.enumerated() {
            guard let parent = hall.parent else { continue }
            guard let p = hallIndex[parent] else { throw ModelError("hall '\(hall.id)' names unknown parent '\(parent)'") }
            catalogHalls[h].parent = p
        }
        catalog = Catalog(
            scenario: spec.name, seed: spec.seed, halls: catalogHalls, groups: catalogGroups, services: spec.services.map(\.id),
            calendar: spec.calendar, serviceLevelTarget: spec.serviceLevelTarget
        )
        calendar = spec.calendar
        serviceTimes = spec.services.map(\.serviceTime)
        self.halls = halls
        self.groups = groups
        self.sources = sources
        self.routes = routes
        windowCount = window
        stop = spec.stop
    }

    static func compileHall(_ hall: HallSpec) throws(ModelError) -> Hall {
        func checked(_ intervals: [DayInterval]) throws(ModelError) -> [DayInterval] {
            let sorted = intervals.sorted { $0.from < $1.from }
            for (i, x) in sorted.enumerated() {
                guard x.from >= 0, x.from < x.to, x.to <= ServiceCalendar.dayTicks else {
                    throw ModelError("hall '\(hall.id)' has an opening interval outside the day or empty")
                }
                if i > 0, sorted[i - 1].to > x.from { throw ModelError("hall '\(hall.id)' has overlapping opening intervals") }
            }
            return sorted
        }
        var hours: [[DayInterval]]?
        if case .schedule(let byType) = hall.hours {
            var table = Array(repeating: [DayInterval](), count: DayType.allCases.count)
            for (type, intervals) in byType { table[Int(type.rawValue)] = try checked(intervals) }
            hours = table
        }
        let rotationHours = try hall.rotation.map { r throws(ModelError) in try checked(r.hours) }
        return Hall(hours: hours, atClose: hall.atClose, rotationHours: rotationHours)
    }

    static func check(_ b: BehaviourSpec, _ what: String) throws(ModelError) {
        if let p = b.patience, let problem = p.validated() { throw ModelError("\(what): patience \(problem)") }
        if let n = b.balkAt, n < 1 { throw ModelError("\(what): balk_at must be at least 1") }
        if let r = b.returnVisit {
            guard (0 ... 1).contains(r.probability) else { throw ModelError("\(what): the return probability must be in 0...1") }
            if let problem = r.afterDays.validated() { throw ModelError("\(what): return delay \(problem)") }
        }
    }
}

/// A spec that cannot be compiled.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
