public import SimCore

/// The names and sizes behind the indices in case events (halls, window groups, services),
/// and what reports need to read the events: the calendar and the service-level target.
///
/// A run writes its catalog ahead of its events, so a stored log can be read
/// and reported without the scenario that produced it.
public struct Catalog: Sendable, Equatable {
    public struct Hall: Sendable, Equatable {
        public var id: String
        public var tier: String
        /// Index of the hall one tier up in ``Catalog/halls``, if any.
        public var parent: Int?
        /// `hall`, `outlet` (a bank or post outlet) or `hotline`.
        public var kind: String
        /// The wait within which people count as answered on time here (the hotline's 15 s), if set.
        public var waitTarget: SimTime?

        public init(id: String, tier: String, parent: Int? = nil, kind: String = "hall", waitTarget: SimTime? = nil) {
            self.id = id
            self.tier = tier
            self.parent = parent
            self.kind = kind
            self.waitTarget = waitTarget
        }
    }

    /// What a group of servers is.
    public enum GroupKind: UInt8, Sendable, Equatable, CaseIterable {
        /// Staffed windows (or, at the hotline, agents) with a queue of people.
        case window = 0
        /// Self-service kiosks with a queue of people.
        case kiosk = 1
        /// A back-office department: desks (`servers` is its staff) working through forwarded cases.
        case department = 2
        /// The escalation desk ("couldn't get it done" window).
        case escalation = 3

        /// The name used in reports and the JSON Lines export.
        public var name: String {
            switch self {
            case .window: "window"
            case .kiosk: "kiosk"
            case .department: "department"
            case .escalation: "escalation"
            }
        }
    }

    /// A service's deadlines and, for a bundle, its parts.
    public struct ServiceTerms: Sendable, Equatable {
        /// The statutory limit in working days, for a service decided in the back office.
        public var statutory: Int?
        /// The promised limit in working days.
        public var promised: Int?
        /// For a bundle, its part services as indices into ``Catalog/services``.
        public var parts: [Int]

        public init(statutory: Int? = nil, promised: Int? = nil, parts: [Int] = []) {
            self.statutory = statutory
            self.promised = promised
            self.parts = parts
        }
    }

    public struct Group: Sendable, Equatable {
        public var id: String
        /// Index of the group's hall in ``Catalog/halls``.
        public var hall: Int
        /// Number of windows (kiosks, agents, or a department's staff).
        public var servers: Int
        public var kind: GroupKind

        public init(id: String, hall: Int, servers: Int, kind: GroupKind = .window) {
            self.id = id
            self.hall = hall
            self.servers = servers
            self.kind = kind
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var halls: [Hall]
    public var groups: [Group]
    public var services: [String]
    /// Deadlines and bundle parts per service, parallel to ``services``; empty when no service has any.
    public var terms: [ServiceTerms]
    /// The calendar the run followed: event times map to dates, day types and hours through it.
    public var calendar: ServiceCalendar
    /// The wait within which a called case counts as served on time, if the scenario sets one.
    public var serviceLevelTarget: SimTime?

    /// The start date of a catalog built without a calendar: Monday 1 January 2024.
    public static let defaultStart = CalendarDate(year: 2024, month: 1, day: 1)!

    public init(
        scenario: String, seed: UInt64, halls: [Hall], groups: [Group], services: [String],
        calendar: ServiceCalendar = ServiceCalendar(start: Catalog.defaultStart), serviceLevelTarget: SimTime? = nil,
        terms: [ServiceTerms] = []
    ) {
        self.scenario = scenario
        self.seed = seed
        self.halls = halls
        self.groups = groups
        self.services = services
        self.calendar = calendar
        self.serviceLevelTarget = serviceLevelTarget
        self.terms = terms
    }

    /// The terms of service `s` (none when the catalog has no terms).
    public func terms(of s: Int) -> ServiceTerms { s < terms.count ? terms[s] : ServiceTerms() }

    /// Whether the run used anything beyond halls' windows: kiosks, departments, an escalation desk,
    /// outlets, the hotline, deadlines or bundles.
    public var hasNetwork: Bool {
        groups.contains { $0.kind != .window } || halls.contains { $0.kind != "hall" }
            || terms.contains { $0.statutory != nil || !$0.parts.isEmpty }
    }
}
