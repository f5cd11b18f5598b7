/// The names and sizes behind the indices in case events: halls, window groups, services.
///
/// A run writes its catalog ahead of its events, so a stored log can be read
/// and reported without the scenario that produced it.
public struct Catalog: Sendable, Equatable {
    public struct Hall: Sendable, Equatable {
        public var id: String
        public var tier: String
        public init(id: String, tier: String) {
            self.id = id
            self.tier = tier
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

    public init(scenario: String, seed: UInt64, halls: [Hall], groups: [Group], services: [String]) {
        self.scenario = scenario
        self.seed = seed
        self.halls = halls
        self.groups = groups
        self.services = services
    }
}
