public import SimCore

/// A scenario as plain values, units resolved: what the simulator is asked to run.
///
/// Scenario files are parsed and checked into this shape by the `Scenarios`
/// module; tests and tools may also build one in code. Times are ``SimTime``,
/// rates are per second, service times are distributions in seconds.
public struct ScenarioSpec: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    public var stop: StopRule
    public var services: [ServiceSpec]
    public var halls: [HallSpec]
    public var demand: [DemandSpec]

    public init(name: String, seed: UInt64 = 1, stop: StopRule, services: [ServiceSpec], halls: [HallSpec], demand: [DemandSpec]) {
        self.name = name
        self.seed = seed
        self.stop = stop
        self.services = services
        self.halls = halls
        self.demand = demand
    }
}

/// When a run ends: after a number of arrived cases have all left, at a time horizon, or whichever comes first.
public struct StopRule: Sendable, Equatable {
    /// Arrivals stop after this many cases; the run ends when the last of them has left.
    public var cases: Int?
    /// The run ends at this time, whatever is still in the system.
    public var horizon: SimTime?

    public init(cases: Int? = nil, horizon: SimTime? = nil) {
        self.cases = cases
        self.horizon = horizon
    }
}

/// A service (an item of the catalogue) and how long it takes at a window.
public struct ServiceSpec: Sendable, Equatable {
    public var id: String
    /// Service time at the window, in seconds.
    public var serviceTime: Distribution

    public init(id: String, serviceTime: Distribution) {
        self.id = id
        self.serviceTime = serviceTime
    }
}

/// The tier of a hall in the service network.
public enum Tier: String, Sendable, Equatable, CaseIterable {
    case city, county, town, village
}

/// When a hall is open.
public enum OpeningHours: Sendable, Equatable {
    /// Open around the clock.
    case always
}

/// A service hall with its window groups.
public struct HallSpec: Sendable, Equatable {
    public var id: String
    public var tier: Tier
    /// The id of the hall one tier up, if any.
    public var parent: String?
    public var hours: OpeningHours
    public var windows: [WindowGroupSpec]

    public init(id: String, tier: Tier, parent: String? = nil, hours: OpeningHours = .always, windows: [WindowGroupSpec]) {
        self.id = id
        self.tier = tier
        self.parent = parent
        self.hours = hours
        self.windows = windows
    }
}

/// A group of identical windows sharing one FIFO queue and serving a set of services.
public struct WindowGroupSpec: Sendable, Equatable {
    public var id: String
    /// Number of windows (servers) in the group.
    public var count: Int
    /// Ids of the services the group serves.
    public var serves: [String]

    public init(id: String, count: Int, serves: [String]) {
        self.id = id
        self.count = count
        self.serves = serves
    }
}

/// How cases of one service arrive at one hall.
public struct DemandSpec: Sendable, Equatable {
    public var service: String
    public var hall: String
    public var arrivals: ArrivalProcess

    public init(service: String, hall: String, arrivals: ArrivalProcess) {
        self.service = service
        self.hall = hall
        self.arrivals = arrivals
    }
}

/// An arrival process.
public enum ArrivalProcess: Sendable, Equatable {
    /// A homogeneous Poisson process with the given rate in arrivals per second.
    case poisson(perSecond: Double)
}
