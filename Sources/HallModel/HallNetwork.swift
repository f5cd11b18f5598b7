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
        /// Windows, kiosks, a department's desks or the escalation desk.
        public var kind: Catalog.GroupKind = .window
        /// When the group works, if not when its hall is open (kiosks, departments, the escalation desk).
        public var ownHours: GroupHours = .hall
    }

    /// When a group works.
    public enum GroupHours: Sendable {
        /// When its hall is open (with the hall's rotation).
        case hall
        /// Open intervals per day type (index by `DayType.rawValue`).
        case schedule([[DayInterval]])
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
        /// The channel these people come by.
        public var channel: CaseEvent.Channel = .walkIn
        /// Time at the window or kiosk, in seconds.
        public var serviceTime: Distribution = .deterministic(0)
        /// Window groups of the hall serving the service, for picking results up (a range into ``HallNetwork/routes``).
        public var pickupRoutes: Range<Int> = 0 ..< 0
        /// Online and mobile: no window, any hour.
        public var isRemote: Bool { channel == .online || channel == .mobile }
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
    /// What follows acceptance, per service; see ``Office``.
    public var offices: [Office?] = []
    public var incomplete: [IncompleteSpec?] = []
    public var results: [ResultSpec] = []
    /// Part services of each bundle (empty for other services).
    public var parts: [[Int]] = []
    /// Per hall × service (`hall * services + service`): the department group that decides a case accepted there, or -1.
    public var officeRoute: [Int32] = []
    /// Per hall × service: tiers the file travels up to reach that department.
    public var officeHops: [UInt8] = []
    /// The escalation desk's group, and its rules.
    public var escalationGroup: Int?
    public var escalation: EscalationSpec?
    public var ratings: RatingSpec?
    /// The wait beyond which bad ratings grow, in ticks.
    public var ratingTarget: Int64 = 0

    /// The back office of a service, compiled.
    public struct Office: Sendable {
        public var share: Double
        public var work: Distribution
        public var reject: Double
        public var transfer: Int64
        public var statutory: Int
        public var promised: Int
    }

    /// Whether anything changes with the time of day or the date: opening hours, rosters,
    /// rotation or demand profiles. A network without any runs without day events.
    public var followsCalendar: Bool {
        halls.contains { $0.hours != nil || $0.rotationHours != nil }
            || groups.contains { !$0.roster.allSatisfy(\.isEmpty) }
            || groups.contains { if case .schedule = $0.ownHours { true } else { false } }
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
        var kioskServing: [[Int]: Int] = [:]
        var departmentIndex: [DepartmentKey: Int] = [:]
        var window = 0
        for (h, hall) in spec.halls.enumerated() {
            guard hallIndex.updateValue(h, forKey: hall.id) == nil else { throw ModelError("duplicate hall '\(hall.id)'") }
            catalogHalls.append(Catalog.Hall(id: hall.id, tier: hall.tier.rawValue, kind: hall.kind.rawValue, waitTarget: hall.waitTarget))
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
                let roster = try Self.roster(g.roster, count: g.count, "window group '\(hall.id)/\(g.id)'")
                let onRotation = hall.rotation?.groups.contains(g.id) ?? false
                groups.append(Group(hall: h, windows: window ..< window + g.count, roster: roster, onRotation: onRotation))
                catalogGroups.append(Catalog.Group(id: g.id, hall: h, servers: g.count))
                window += g.count
                for s in g.serves {
                    guard let si = serviceIndex[s] else { throw ModelError("window group '\(hall.id)/\(g.id)' serves unknown service '\(s)'") }
                    groupsServing[[h, si], default: []].append(index)
                    if onRotation, hall.rotation?.services.contains(s) == true { rotationServices.insert([h, si]) }
                }
            }
            if let kiosks = hall.kiosks {
                guard kiosks.count > 0 else { throw ModelError("the kiosks of hall '\(hall.id)' need a count of at least 1") }
                let index = groups.count
                groups.append(Group(
                    hall: h, windows: window ..< window + kiosks.count, roster: Array(repeating: [], count: DayType.allCases.count),
                    onRotation: false, kind: .kiosk, ownHours: try Self.groupHours(kiosks.hours, hall.id, "kiosks")
                ))
                catalogGroups.append(Catalog.Group(id: "kiosks", hall: h, servers: kiosks.count, kind: .kiosk))
                window += kiosks.count
                for s in kiosks.services {
                    guard let si = serviceIndex[s] else { throw ModelError("the kiosks of hall '\(hall.id)' offer unknown service '\(s)'") }
                    kioskServing[[h, si]] = index
                }
            }
            for d in hall.departments {
                guard d.staff > 0 else { throw ModelError("department '\(hall.id)/\(d.id)' needs a staff of at least 1") }
                guard departmentIndex[DepartmentKey(hall: h, id: d.id)] == nil else {
                    throw ModelError("hall '\(hall.id)' lists department '\(d.id)' twice")
                }
                departmentIndex[DepartmentKey(hall: h, id: d.id)] = groups.count
                groups.append(Group(
                    hall: h, windows: window ..< window + d.staff, roster: try Self.roster(d.roster, count: d.staff, "\(hall.id)/\(d.id)"),
                    onRotation: false, kind: .department,
                    ownHours: try Self.groupHours(d.hours ?? DepartmentSpec.standardHours, hall.id, "department '\(d.id)'")
                ))
                catalogGroups.append(Catalog.Group(id: d.id, hall: h, servers: d.staff, kind: .department))
                window += d.staff
            }
        }
        var escalationGroup: Int?
        if let e = spec.escalation {
            guard let h = hallIndex[e.hall] else { throw ModelError("the escalation desk names unknown hall '\(e.hall)'") }
            guard e.staff > 0 else { throw ModelError("the escalation desk needs a staff of at least 1") }
            if let problem = e.handling.validated() { throw ModelError("the escalation desk's handling time: \(problem)") }
            guard (0 ... 1).contains(e.transfer), (0 ... 1).contains(e.contest), e.maxVisits >= 1 else {
                throw ModelError("the escalation desk's shares must be in 0...1 and max_visits at least 1")
            }
            escalationGroup = groups.count
            groups.append(Group(
                hall: h, windows: window ..< window + e.staff, roster: Array(repeating: [], count: DayType.allCases.count),
                onRotation: false, kind: .escalation,
                ownHours: try Self.groupHours(e.hours ?? DepartmentSpec.standardHours, e.hall, "the escalation desk")
            ))
            catalogGroups.append(Catalog.Group(id: "escalation", hall: h, servers: e.staff, kind: .escalation))
            window += e.staff
        }
        guard groups.count <= Int(UInt16.max), catalogHalls.count <= Int(UInt16.max), spec.services.count <= Int(UInt16.max),
              spec.halls.allSatisfy({ $0.windows.allSatisfy { $0.count <= Int(UInt16.max) } })
        else { throw ModelError("more than 65,535 halls, groups, services or windows in a group") }

        var sources: [Source] = []
        var routes: [Int] = []
        for d in spec.demand {
            guard let h = hallIndex[d.hall] else { throw ModelError("demand names unknown hall '\(d.hall)'") }
            guard let s = serviceIndex[d.service] else { throw ModelError("demand names unknown service '\(d.service)'") }
            let hallKind = spec.halls[h].kind
            var shares = d.channels.isEmpty ? [ChannelShare(.walkIn, 1)] : d.channels
            if hallKind != .hall {
                guard d.channels.isEmpty else { throw ModelError("demand at \(hallKind.rawValue) '\(d.hall)' cannot split over channels") }
                shares = [ChannelShare(hallKind == .outlet ? .outlet : .hotline, 1)]
            }
            let total = shares.reduce(0) { $0 + $1.share }
            guard shares.allSatisfy({ $0.share >= 0 && $0.share <= 1 }), abs(total - 1) < 1e-9 else {
                throw ModelError("the channel shares of '\(d.service)' at '\(d.hall)' must be in 0...1 and sum to 1")
            }
            let pickupStart = routes.count
            routes.append(contentsOf: groupsServing[[h, s]] ?? [])
            let pickupRoutes = pickupStart ..< routes.count
            for share in shares where share.share > 0 {
            let channel = share.channel
            let eligible: [Int]
            switch channel {
            case .walkIn, .outlet, .hotline:
                guard let groups = groupsServing[[h, s]] else { throw ModelError("no window group in hall '\(d.hall)' serves '\(d.service)'") }
                eligible = groups
            case .kiosk:
                guard let g = kioskServing[[h, s]] else { throw ModelError("no kiosk in hall '\(d.hall)' offers '\(d.service)'") }
                eligible = [g]
            case .online, .mobile:
                eligible = []
            default:
                throw ModelError("demand of '\(d.service)' at '\(d.hall)' cannot come by channel \(channel)")
            }
            let base: Double
            switch d.arrivals {
            case .poisson(let perSecond): base = perSecond
            }
            let rate = base * d.factor * share.share
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
            let service = spec.services[s]
            sources.append(Source(
                hall: h, service: s, rate: rate, profile: p, onRotation: rotationServices.contains([h, s]) || channel == .kiosk,
                routes: start ..< routes.count, behaviour: behaviour,
                label: channel == .walkIn ? "\(d.hall)/\(d.service)" : "\(d.hall)/\(d.service)/\(channel)",
                appointments: channel == .walkIn ? d.appointments : nil, channel: channel,
                serviceTime: channel == .kiosk ? service.selfServiceTime ?? service.serviceTime : service.serviceTime,
                pickupRoutes: pickupRoutes
            ))
            }
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
        try compileOffices(spec, serviceIndex: serviceIndex, departmentIndex: departmentIndex, hallParents: catalogHalls.map(\.parent))
        self.escalationGroup = escalationGroup
        escalation = spec.escalation
        ratings = spec.ratings
        if let r = spec.ratings {
            guard [r.share, r.bad, r.complaint].allSatisfy({ (0 ... 1).contains($0) }), r.perMinute >= 0 else {
                throw ModelError("rating shares must be in 0...1 and per_minute not negative")
            }
            if let problem = r.callback.validated() { throw ModelError("the callback time: \(problem)") }
            ratingTarget = (r.target ?? spec.serviceLevelTarget ?? .minutes(15)).ticks
        }
        var terms: [Catalog.ServiceTerms] = []
        for s in spec.services.indices {
            terms.append(Catalog.ServiceTerms(statutory: offices[s]?.statutory, promised: offices[s]?.promised, parts: parts[s]))
        }
        if terms.contains(where: { $0 != Catalog.ServiceTerms() }) { catalog.terms = terms }
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
