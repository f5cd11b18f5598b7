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

        public init(id: String, tier: String, parent: Int? = nil) {
            self.id = id
            self.tier = tier
            self.parent = parent
        }
    }

    public struct Group: Sendable, Equatable {
        public var id: String
        /// Index of the group's hall in ``Catalog/halls``.
        public var hall: Int
        /// Number of windows.
        public var servers: Int
        public init(id: String, hall: Int, servers: Int) {
            self.id = id
            self.hall = hall
            self.servers = servers
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var halls: [Hall]
    public var groups: [Group]
    public var services: [String]
    /// The calendar the run followed: event times map to dates, day types and hours through it.
    public var calendar: ServiceCalendar
    /// The wait within which a called case counts as served on time, if the scenario sets one.
    public var serviceLevelTarget: SimTime?

    /// The start date of a catalog built without a calendar: Monday 1 January 2024.
    public static let defaultStart = CalendarDate(year: 2024, month: 1, day: 1)!

    public init(
        scenario: String, seed: UInt64, halls: [Hall], groups: [Group], services: [String],
        calendar: ServiceCalendar = ServiceCalendar(start: Catalog.defaultStart), serviceLevelTarget: SimTime? = nil
    ) {
        self.scenario = scenario
        self.seed = seed
        self.halls = halls
        self.groups = groups
        self.services = services
        self.calendar = calendar
        self.serviceLevelTarget = serviceLevelTarget
    }
}
