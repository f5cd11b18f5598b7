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
        /// Whether some shift is worked only on some weekdays or months, so staffing depends on the date, not only the kind of day.
        var isRosteredByDate: Bool { roster.contains { $0.contains(where: \.isFiltered) } }
        /// Whether the group opens on rotated weekend days (when its hall rotates).
        public var onRotation: Bool
        /// Windows, kiosks, a department's desks or the escalation desk.
        public var kind: Catalog.GroupKind = .window
        /// When the group works, if not when its hall is open (kiosks, departments, the escalation desk).
        public var ownHours: GroupHours = .hall
        /// What its queue does while it is unstaffed during the day; `nil`: as its hall's `atClose`.
        public var atBreak: BreakPolicy? = nil
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
        /// Base arrival rate per second, times the demand's factor and the channel's share.
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
        /// The demand entry's rate per second while the hall is open (base rate × factor, before the share).
        public var entryRate: Double = 0
        /// The channel's share of the entry's volume.
        public var share: Double = 1
        /// What becomes of the entry's volume on days its hall or service is closed.
        public var closedDays: ClosedDays = .lost
        /// Whether the service is offered on rotated weekend days (the entry's, whatever the channel).
        public var serviceOnRotation: Bool = false
        /// Whether the channel spreads its share of the day's volume over its own hours with `shape`
        /// (online, mobile, kiosks) rather than arriving at the entry's rate in the hall's hours.
        public var spreadsVolume: Bool { isRemote || channel == .kiosk }
        /// The channel's intra-day shape when it spreads its share: 24 factors from 00:00.
        public var shape: [Double] = []
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
            || sources.contains { !$0.profile.isFlat || ($0.spreadsVolume && !$0.shape.allSatisfy { $0 == 1 }) }
    }

    /// Compiles `spec`, which must already be valid (the `Scenarios` module checks files).
    ///
    /// The steps (1–5 methods of ``NetworkCompiler``; 6 ``OfficeTables``; 7, which fills the
    /// network's own tables, the network's `compileRatings` and `compileTerms`):
    /// 1. services: their index by id, the stop rule and the scenario's behaviour;
    /// 2. halls, in file order, each with its window groups, kiosks and departments — every group
    ///    a range of global window indices, in that order;
    /// 3. the escalation desk, the last group;
    /// 4. sources: each demand entry × channel with its eligible groups (its routes) and pick-up routes;
    /// 5. the catalog: halls with their parents, groups and services, for the projections;
    /// 6. offices: back office, materials, results and bundles per service, and the department
    ///    deciding each (hall, service);
    /// 7. ratings and the service terms of the catalog.
    ///
    /// Every rule a scenario must keep is checked once, in `Scenarios`, where the problem gets its
    /// FILE:LINE:COLUMN. What the steps find wrong here is a spec built in code that breaks one of
    /// those rules — a bug in the caller, not a user error — and stops the program with
    /// ``invalid(_:)``'s message.
    public init(_ spec: ScenarioSpec) {
        var compiler = NetworkCompiler(spec)
        compiler.compileHalls()
        compiler.compileEscalationDesk()
        compiler.compileSources()
        compiler.linkParents()
        catalog = compiler.catalog()
        calendar = spec.calendar
        serviceTimes = spec.services.map(\.serviceTime)
        halls = compiler.halls
        groups = compiler.groups
        sources = compiler.sources
        routes = compiler.routes
        windowCount = compiler.window
        stop = spec.stop
        let tables = OfficeTables(
            spec, serviceIndex: compiler.serviceIndex, departmentIndex: compiler.departmentIndex,
            hallParents: compiler.catalogHalls.map(\.parent), sources: compiler.sources
        )
        offices = tables.offices
        incomplete = tables.incomplete
        results = tables.results
        parts = tables.parts
        officeRoute = tables.officeRoute
        officeHops = tables.officeHops
        escalationGroup = compiler.escalationGroup
        escalation = spec.escalation
        compileRatings(spec)
        compileTerms(spec)
    }

    /// Step 7: the rating rules, and the wait beyond which bad ratings grow.
    mutating func compileRatings(_ spec: ScenarioSpec) {
        ratings = spec.ratings
        guard let r = spec.ratings else { return }
        guard [r.share, r.bad, r.complaint].allSatisfy({ (0 ... 1).contains($0) }), r.perMinute >= 0 else {
            invalid("rating shares must be in 0...1 and per_minute not negative")
        }
        if let problem = r.callback.validated() { invalid("the callback time: \(problem)") }
        ratingTarget = (r.target ?? spec.serviceLevelTarget ?? .minutes(15)).ticks
    }

    /// Step 7: each service's limits and parts in the catalog, when any service has them.
    mutating func compileTerms(_ spec: ScenarioSpec) {
        var terms: [Catalog.ServiceTerms] = []
        for s in spec.services.indices {
            terms.append(Catalog.ServiceTerms(statutory: offices[s]?.statutory, promised: offices[s]?.promised, parts: parts[s]))
        }
        if terms.contains(where: { $0 != Catalog.ServiceTerms() }) { catalog.terms = terms }
    }
}

/// Stops at a spec that breaks a rule `Scenarios` checks (see ``HallNetwork/init(_:)``): an
/// invariant of every spec read from a file, so reaching it is a bug.
func invalid(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    preconditionFailure("invalid scenario spec (a rule the scenario checks missed): \(message)", file: file, line: line)
}
