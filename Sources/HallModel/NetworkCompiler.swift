import CaseEngine
import SimCore

/// Compiles a ``ScenarioSpec`` into the tables of a ``HallNetwork``, one named step at a time
/// (the order is in ``HallNetwork/init(_:)``).
///
/// A spec read by `Scenarios` has been checked with every problem's position; the invariants
/// here (``invalid(_:)``) stop a spec built in code that breaks those rules, and keep indices
/// inside their 16-bit and 32-bit fields.
struct NetworkCompiler {
    typealias Group = HallNetwork.Group
    typealias Hall = HallNetwork.Hall

    let spec: ScenarioSpec
    var serviceIndex: [String: Int] = [:]
    var hallIndex: [String: Int] = [:]
    var catalogHalls: [Catalog.Hall] = []
    var catalogGroups: [Catalog.Group] = []
    var halls: [Hall] = []
    var groups: [Group] = []
    /// A hall and a service, as indices.
    struct HallService: Hashable {
        var hall: Int
        var service: Int
        init(_ hall: Int, _ service: Int) {
            self.hall = hall
            self.service = service
        }
    }
    /// Window groups serving each hall and service.
    var groupsServing: [HallService: [Int]] = [:]
    /// The halls and services offered on rotated weekend days.
    var rotationServices: Set<HallService> = []
    /// The kiosk group offering each hall and service.
    var kioskServing: [HallService: Int] = [:]
    var departmentIndex: [DepartmentKey: Int] = [:]
    var escalationGroup: Int?
    var sources: [HallNetwork.Source] = []
    var routes: [Int] = []
    /// The next global window index.
    var window = 0

    /// Step 1: indexes the services, and checks the stop rule and the scenario's behaviour.
    init(_ spec: ScenarioSpec) {
        self.spec = spec
        for (i, s) in spec.services.enumerated() {
            guard serviceIndex.updateValue(i, forKey: s.id) == nil else { invalid("duplicate service '\(s.id)'") }
            if let problem = s.serviceTime.validated() { invalid("service '\(s.id)': \(problem)") }
        }
        guard spec.services.count <= Int(UInt16.max) else { invalid("more than 65,535 services") }
        guard spec.stop.cases != nil || spec.stop.horizon != nil else { invalid("the stop rule needs cases or a horizon") }
        if let n = spec.stop.cases, n <= 0 || n > Int(UInt32.max) { invalid("stop.cases must be in 1...\(UInt32.max)") }
        if let h = spec.stop.horizon, h <= .zero || h >= .end { invalid("the horizon must be positive and before the end of the clock") }
        Self.check(spec.behaviour, "the scenario's behaviour")
    }

    /// Adds a group of `count` windows (kiosks, desks) and its catalog entry; returns its index.
    mutating func addGroup(_ group: (Range<Int>) -> Group, _ entry: Catalog.Group, count: Int, _ what: String) -> Int {
        guard count > 0 else { invalid("\(what) needs at least one window") }
        guard count <= Int(UInt16.max), groups.count < Int(UInt16.max) else {
            invalid("\(what): more than 65,535 windows in a group or groups in the network")
        }
        groups.append(group(window ..< window + count))
        catalogGroups.append(entry)
        window += count
        return groups.count - 1
    }

    /// Step 2: the halls in file order, each followed by its window groups, its kiosks and its departments.
    mutating func compileHalls() {
        guard spec.halls.count <= Int(UInt16.max) else { invalid("more than 65,535 halls") }
        let noRoster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        for (h, hall) in spec.halls.enumerated() {
            guard hallIndex.updateValue(h, forKey: hall.id) == nil else { invalid("duplicate hall '\(hall.id)'") }
            catalogHalls.append(Catalog.Hall(id: hall.id, tier: hall.tier.rawValue, kind: hall.kind.rawValue, waitTarget: hall.waitTarget))
            halls.append(Self.compileHall(hall))
            let groupIDs = Set(hall.windows.map(\.id))
            if let rotation = hall.rotation {
                for g in rotation.groups where !groupIDs.contains(g) {
                    invalid("the rotation of hall '\(hall.id)' names unknown window group '\(g)'")
                }
            }
            for g in hall.windows {
                let what = "window group '\(hall.id)/\(g.id)'"
                let roster = Self.roster(g.roster, count: g.count, what)
                let onRotation = hall.rotation?.groups.contains(g.id) ?? false
                let index = addGroup(
                    { Group(hall: h, windows: $0, roster: roster, onRotation: onRotation, atBreak: g.atBreak ?? hall.atBreak) },
                    Catalog.Group(id: g.id, hall: h, servers: g.count), count: g.count, what
                )
                for s in g.serves {
                    guard let si = serviceIndex[s] else { invalid("\(what) serves unknown service '\(s)'") }
                    groupsServing[HallService(h, si), default: []].append(index)
                    if onRotation, hall.rotation?.services.contains(s) == true { rotationServices.insert(HallService(h, si)) }
                }
            }
            if let kiosks = hall.kiosks {
                let hours = Self.groupHours(kiosks.hours, hall.id, "kiosks")
                let index = addGroup(
                    { Group(hall: h, windows: $0, roster: noRoster, onRotation: false, kind: .kiosk, ownHours: hours) },
                    Catalog.Group(id: "kiosks", hall: h, servers: kiosks.count, kind: .kiosk), count: kiosks.count,
                    "the kiosks of hall '\(hall.id)'"
                )
                for s in kiosks.services {
                    guard let si = serviceIndex[s] else { invalid("the kiosks of hall '\(hall.id)' offer unknown service '\(s)'") }
                    kioskServing[HallService(h, si)] = index
                }
            }
            for d in hall.departments {
                let key = DepartmentKey(hall: h, id: d.id)
                guard departmentIndex[key] == nil else { invalid("hall '\(hall.id)' lists department '\(d.id)' twice") }
                let what = "department '\(hall.id)/\(d.id)'"
                guard d.staff > 0 else { invalid("\(what) needs a staff of at least 1") }
                let roster = Self.roster(d.roster, count: d.staff, "\(hall.id)/\(d.id)")
                let hours = Self.groupHours(d.hours ?? DepartmentSpec.standardHours, hall.id, "department '\(d.id)'")
                departmentIndex[key] = addGroup(
                    { Group(hall: h, windows: $0, roster: roster, onRotation: false, kind: .department, ownHours: hours) },
                    Catalog.Group(id: d.id, hall: h, servers: d.staff, kind: .department), count: d.staff, what
                )
            }
        }
    }

    /// Step 3: the escalation desk, after every hall's groups.
    mutating func compileEscalationDesk() {
        guard let e = spec.escalation else { return }
        guard let h = hallIndex[e.hall] else { invalid("the escalation desk names unknown hall '\(e.hall)'") }
        guard e.staff > 0 else { invalid("the escalation desk needs a staff of at least 1") }
        if let problem = e.handling.validated() { invalid("the escalation desk's handling time: \(problem)") }
        guard (0 ... 1).contains(e.transfer), (0 ... 1).contains(e.contest), e.maxVisits >= 1 else {
            invalid("the escalation desk's shares must be in 0...1 and max_visits at least 1")
        }
        let hours = Self.groupHours(e.hours ?? DepartmentSpec.standardHours, e.hall, "the escalation desk")
        let noRoster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        escalationGroup = addGroup(
            { Group(hall: h, windows: $0, roster: noRoster, onRotation: false, kind: .escalation, ownHours: hours) },
            Catalog.Group(id: "escalation", hall: h, servers: e.staff, kind: .escalation), count: e.staff, "the escalation desk"
        )
    }

    /// Step 5: links each hall to its parent in the catalog.
    mutating func linkParents() {
        for (h, hall) in spec.halls.enumerated() {
            guard let parent = hall.parent else { continue }
            guard let p = hallIndex[parent] else { invalid("hall '\(hall.id)' names unknown parent '\(parent)'") }
            catalogHalls[h].parent = p
        }
    }

    /// Step 5: the catalog of names the projections report under.
    func catalog() -> Catalog {
        Catalog(
            scenario: spec.name, seed: spec.seed, halls: catalogHalls, groups: catalogGroups, services: spec.services.map(\.id),
            calendar: spec.calendar, serviceLevelTarget: spec.serviceLevelTarget
        )
    }
}

/// A department of a hall, by the hall's index and the department's id.
struct DepartmentKey: Hashable {
    var hall: Int
    var id: String
}

extension NetworkCompiler {
    /// Step 4: every demand entry × channel with a share becomes an arrival source, with its
    /// eligible groups (a range of ``routes``) and the groups where its results are picked up.
    ///
    /// - Walk-ins, outlet and hotline demand go to the hall's window groups serving the service;
    ///   kiosk demand to the hall's kiosks; online and mobile demand to no group at all.
    /// - The rate is the entry's, times its factor and the channel's share (how channels spread
    ///   their share of the day's volume: ``NetworkDays/rateSegments(source:on:into:)``); the
    ///   behaviour is the scenario's, overridden key by key by the entry's; appointments apply to
    ///   walk-ins only.
    /// - Each source draws from streams labelled `hall/service` (walk-ins) or `hall/service/channel`.
    mutating func compileSources() {
        for d in spec.demand {
            guard let h = hallIndex[d.hall] else { invalid("demand names unknown hall '\(d.hall)'") }
            guard let s = serviceIndex[d.service] else { invalid("demand names unknown service '\(d.service)'") }
            let hallKind = spec.halls[h].kind
            var shares = d.channels.isEmpty ? [ChannelShare(.walkIn, 1)] : d.channels
            if hallKind != .hall {
                guard d.channels.isEmpty else { invalid("demand at \(hallKind.rawValue) '\(d.hall)' cannot split over channels") }
                shares = [ChannelShare(hallKind == .outlet ? .outlet : .hotline, 1)]
            }
            let total = shares.reduce(0) { $0 + $1.share }
            guard shares.allSatisfy({ $0.share >= 0 && $0.share <= 1 }), abs(total - 1) < 1e-9 else {
                invalid("the channel shares of '\(d.service)' at '\(d.hall)' must be in 0...1 and sum to 1")
            }
            let pickupStart = routes.count
            routes.append(contentsOf: groupsServing[HallService(h, s)] ?? [])
            let pickupRoutes = pickupStart ..< routes.count
            for share in shares where share.share > 0 {
                addSource(d, hall: h, service: s, channel: share.channel, share: share.share, pickupRoutes: pickupRoutes)
            }
        }
        guard !sources.isEmpty else { invalid("there is no demand") }
        let labels = sources.map(\.label)
        guard Set(labels).count == labels.count else { invalid("two demand entries for the same service and hall") }
    }

    /// One source: demand entry `d` at hall `h` for service `s` by `channel`.
    mutating func addSource(
        _ d: DemandSpec, hall h: Int, service s: Int, channel: CaseEvent.Channel, share: Double, pickupRoutes: Range<Int>
    ) {
        let eligible: [Int]
        switch channel {
        case .walkIn, .outlet, .hotline:
            guard let groups = groupsServing[HallService(h, s)] else { invalid("no window group in hall '\(d.hall)' serves '\(d.service)'") }
            eligible = groups
        case .kiosk:
            guard let g = kioskServing[HallService(h, s)] else { invalid("no kiosk in hall '\(d.hall)' offers '\(d.service)'") }
            eligible = [g]
        case .online, .mobile:
            eligible = []
        default:
            invalid("demand of '\(d.service)' at '\(d.hall)' cannot come by channel \(channel)")
        }
        let base: Double
        switch d.arrivals {
        case .poisson(let perSecond): base = perSecond
        }
        let rate = base * d.factor * share
        guard rate > 0, rate.isFinite else { invalid("arrival rate of '\(d.service)' at '\(d.hall)' must be positive") }
        let p = d.profile
        guard p.hourly.count >= 24, ServiceCalendar.dayTicks % Int64(p.hourly.count) == 0, p.weekday.count == 7, p.monthly.count == 12, p.remoteHourly.count == 24,
              [p.hourly, p.weekday, p.monthly, p.remoteHourly].allSatisfy({ $0.allSatisfy { $0 >= 0 && $0.isFinite } })
        else { invalid("the demand profile of '\(d.service)' at '\(d.hall)' needs 24 hourly (or a finer step of the day), 7 weekday, 12 monthly and 24 remote hourly factors, none negative") }
        var behaviour = spec.behaviour
        if let own = d.behaviour {
            behaviour.patience = own.patience ?? behaviour.patience
            behaviour.balkAt = own.balkAt ?? behaviour.balkAt
            behaviour.returnVisit = own.returnVisit ?? behaviour.returnVisit
        }
        Self.check(behaviour, "the behaviour of '\(d.service)' at '\(d.hall)'")
        if let a = d.appointments { Self.check(a, "the appointments of '\(d.service)' at '\(d.hall)'") }
        let start = routes.count
        routes.append(contentsOf: eligible)
        let service = spec.services[s]
        sources.append(HallNetwork.Source(
            hall: h, service: s, rate: rate, profile: p, onRotation: rotationServices.contains(HallService(h, s)) || channel == .kiosk,
            routes: start ..< routes.count, behaviour: behaviour,
            label: channel == .walkIn ? "\(d.hall)/\(d.service)" : "\(d.hall)/\(d.service)/\(channel)",
            appointments: channel == .walkIn ? d.appointments : nil, channel: channel,
            serviceTime: channel == .kiosk ? service.selfServiceTime ?? service.serviceTime : service.serviceTime,
            pickupRoutes: pickupRoutes, entryRate: base * d.factor, share: share, closedDays: d.closedDays,
            serviceOnRotation: rotationServices.contains(HallService(h, s)),
            shape: channel == .online || channel == .mobile ? p.remoteHourly : p.hourly
        ))
    }
}

/// The parts of a spec compiled and checked on their own: opening hours, rosters, behaviour and appointments.
extension NetworkCompiler {
    /// A hall's opening hours as sorted intervals per day type; checks they lie inside the day and do not overlap.
    static func compileHall(_ hall: HallSpec) -> Hall {
        func checked(_ intervals: [DayInterval]) -> [DayInterval] {
            let sorted = intervals.sorted { $0.from < $1.from }
            for (i, x) in sorted.enumerated() {
                guard x.from >= 0, x.from < x.to, x.to <= ServiceCalendar.dayTicks else {
                    invalid("hall '\(hall.id)' has an opening interval outside the day or empty")
                }
                if i > 0, sorted[i - 1].to > x.from { invalid("hall '\(hall.id)' has overlapping opening intervals") }
            }
            return sorted
        }
        var hours: [[DayInterval]]?
        if case .schedule(let byType) = hall.hours {
            var table = Array(repeating: [DayInterval](), count: DayType.allCases.count)
            for (type, intervals) in byType { table[Int(type.rawValue)] = checked(intervals) }
            hours = table
        }
        let rotationHours = hall.rotation.map { r in checked(r.hours) }
        return Hall(hours: hours, atClose: hall.atClose, rotationHours: rotationHours)
    }

    /// Checks the behaviour rules of the scenario or of a demand entry.
    static func check(_ b: BehaviourSpec, _ what: @autoclosure () -> String) {
        if let p = b.patience, let problem = p.validated() { invalid("\(what()): patience \(problem)") }
        if let n = b.balkAt, n < 1 { invalid("\(what()): balk_at must be at least 1") }
        if let r = b.returnVisit {
            guard (0 ... 1).contains(r.probability) else { invalid("\(what()): the return probability must be in 0...1") }
            if let problem = r.afterDays.validated() { invalid("\(what()): return delay \(problem)") }
        }
    }

    /// A group's shifts per day type, each day's sorted by start.
    static func roster(_ shifts: [RosterShift], count: Int, _ what: String) -> [[RosterShift]] {
        var roster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        for shift in shifts {
            guard shift.count >= 0, shift.count <= count, shift.interval.from < shift.interval.to, shift.months.allSatisfy({ (1 ... 12).contains($0) }) else {
                invalid("\(what) has an invalid shift")
            }
            roster[Int(shift.day.rawValue)].append(shift)
        }
        return roster.map { $0.sorted { $0.interval.from < $1.interval.from } }
    }

    /// A group's own hours as intervals per day type.
    static func groupHours(_ hours: OpeningHours, _ hall: String, _ what: String) -> HallNetwork.GroupHours {
        let compiled = compileHall(HallSpec(id: "\(hall)' (\(what))", tier: .city, hours: hours, windows: []))
        return .schedule(compiled.hours ?? Array(repeating: NetworkDays.wholeDay, count: DayType.allCases.count))
    }

    /// Checks the appointment rules of a demand entry.
    static func check(_ a: AppointmentSpec, _ what: @autoclosure () -> String) {
        guard (0 ... 1).contains(a.share) else { invalid("\(what()): the share must be in 0...1") }
        guard (0 ... 1).contains(a.noShow) else { invalid("\(what()): the no-show probability must be in 0...1") }
        guard a.slot > .zero else { invalid("\(what()): the slot must be positive") }
        guard a.lead >= .zero else { invalid("\(what()): the lead must not be negative") }
        guard a.perSlot >= 1 else { invalid("\(what()): per_slot must be at least 1") }
        guard a.punctuality.shift.isFinite else { invalid("\(what()): the punctuality is not finite") }
        if let problem = a.punctuality.spread.validated() { invalid("\(what()): punctuality \(problem)") }
    }
}
