public import CaseEngine
public import SimCore

/// A scenario compiled into integer-indexed tables: what the handler reads on every event.
public struct HallNetwork: Sendable {
    /// One window group: its hall, its windows (a range of global window indices) and services.
    public struct Group: Sendable {
        public var hall: Int
        public var windows: Range<Int>
    }

    /// One arrival source: a service arriving at a hall, with the groups that can serve it.
    public struct Source: Sendable {
        public var hall: Int
        public var service: Int
        /// Mean time between arrivals, in seconds.
        public var meanInterarrival: Double
        /// Eligible groups, as a range into ``HallNetwork/routes``, in the order the hall lists them.
        public var routes: Range<Int>
        /// Stream labels, so each source draws its own numbers.
        public var arrivalLabel: String
        public var serviceLabel: String
    }

    public var catalog: Catalog
    public var serviceTimes: [Distribution]
    public var groups: [Group]
    public var sources: [Source]
    public var routes: [Int]
    public var windowCount: Int
    public var stop: StopRule

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

        var halls: [Catalog.Hall] = []
        var hallIndex: [String: Int] = [:]
        var catalogGroups: [Catalog.Group] = []
        var groups: [Group] = []
        var groupsServing: [[Int]: [Int]] = [:]
        var window = 0
        for (h, hall) in spec.halls.enumerated() {
            guard hallIndex.updateValue(h, forKey: hall.id) == nil else { throw ModelError("duplicate hall '\(hall.id)'") }
            halls.append(Catalog.Hall(id: hall.id, tier: hall.tier.rawValue))
            for g in hall.windows {
                guard g.count > 0 else { throw ModelError("window group '\(hall.id)/\(g.id)' needs at least one window") }
                let index = groups.count
                groups.append(Group(hall: h, windows: window ..< window + g.count))
                catalogGroups.append(Catalog.Group(id: g.id, hall: h, servers: g.count))
                window += g.count
                for s in g.serves {
                    guard let si = serviceIndex[s] else { throw ModelError("window group '\(hall.id)/\(g.id)' serves unknown service '\(s)'") }
                    groupsServing[[h, si], default: []].append(index)
                }
            }
        }
        guard groups.count <= Int(UInt16.max), halls.count <= Int(UInt16.max), spec.services.count <= Int(UInt16.max),
              spec.halls.allSatisfy({ $0.windows.allSatisfy { $0.count <= Int(UInt16.max) } })
        else { throw ModelError("more than 65,535 halls, groups, services or windows in a group") }

        var sources: [Source] = []
        var routes: [Int] = []
        for d in spec.demand {
            guard let h = hallIndex[d.hall] else { throw ModelError("demand names unknown hall '\(d.hall)'") }
            guard let s = serviceIndex[d.service] else { throw ModelError("demand names unknown service '\(d.service)'") }
            guard let eligible = groupsServing[[h, s]] else { throw ModelError("no window group in hall '\(d.hall)' serves '\(d.service)'") }
            let rate: Double
            switch d.arrivals {
            case .poisson(let perSecond): rate = perSecond
            }
            guard rate > 0, rate.isFinite else { throw ModelError("arrival rate of '\(d.service)' at '\(d.hall)' must be positive") }
            let start = routes.count
            routes.append(contentsOf: eligible)
            sources.append(Source(
                hall: h, service: s, meanInterarrival: 1 / rate, routes: start ..< routes.count,
                arrivalLabel: "arrivals/\(d.hall)/\(d.service)", serviceLabel: "service/\(d.hall)/\(d.service)"
            ))
        }
        guard !sources.isEmpty else { throw ModelError("there is no demand") }

        catalog = Catalog(scenario: spec.name, seed: spec.seed, halls: halls, groups: catalogGroups, services: spec.services.map(\.id))
        serviceTimes = spec.services.map(\.serviceTime)
        self.groups = groups
        self.sources = sources
        self.routes = routes
        windowCount = window
        stop = spec.stop
    }
}

/// A spec that cannot be compiled.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
