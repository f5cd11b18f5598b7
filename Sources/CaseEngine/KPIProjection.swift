public import SimCore

/// The key figures of a run, folded from its case events.
///
/// Everything a summary reports comes from here, so a run and a replay of its
/// log report the same figures. Memory is constant in the number of events.
public struct KPIProjection: CaseEventSink {
    /// Figures of one window group.
    public struct GroupFigures: Sendable {
        public var waits = WaitStatistics()
        /// Cases waiting in the group's queue.
        public var queue = TimeWeighted()
        /// Windows busy serving.
        public var busy = TimeWeighted()
        public var ticketed = 0
        public var served = 0
    }

    /// Figures of one service at one window group.
    public struct ServiceFigures: Sendable {
        public var group: Int
        public var service: Int
        public var ticketed = 0
        public var served = 0
        public var called = 0
        /// Sum of waits, in ticks.
        public var waitTotal: Int64 = 0
        /// Longest wait, in ticks.
        public var waitMax: Int64 = 0

        /// The mean wait in seconds (0 before anyone was called).
        public var waitMeanSeconds: Double { called == 0 ? 0 : Double(waitTotal) / Double(called) / Double(SimTime.ticksPerSecond) }
    }

    public let catalog: Catalog
    public private(set) var groups: [GroupFigures]
    /// Figures per (group, service) pair, in the order the pairs were first seen.
    public private(set) var services: [ServiceFigures] = []
    /// Index into `services` of each (group, service) pair, at `group * catalog.services.count + service`; -1 until seen.
    var serviceSlot: [Int32]
    /// Waits of all cases called, in the order they were called (the histogram is merged from the groups' on demand).
    var waits = WaitStatistics()
    public private(set) var submitted = 0
    public private(set) var completed = 0
    public private(set) var abandoned = 0
    /// The time of the last event folded (the run's end once `.runEnded` is in).
    public private(set) var clock: SimTime = .zero
    /// Whether the run's end marker has been folded.
    public private(set) var ended = false
    /// The number of events folded.
    public private(set) var events = 0
    /// The kernel events the run handled, as its end marker records them.
    public private(set) var kernelEvents = 0

    public init(catalog: Catalog) {
        self.catalog = catalog
        groups = Array(repeating: GroupFigures(), count: catalog.groups.count)
        serviceSlot = Array(repeating: -1, count: catalog.groups.count * catalog.services.count)
    }

    /// The slot of the (group, service) pair of `e`, created on first sight.
    mutating func slot(_ e: CaseEvent) -> Int {
        let key = Int(e.group) * catalog.services.count + Int(e.service)
        let existing = serviceSlot[key]
        if existing >= 0 { return Int(existing) }
        serviceSlot[key] = Int32(services.count)
        services.append(ServiceFigures(group: Int(e.group), service: Int(e.service)))
        return services.count - 1
    }

    /// The (group, service) pairs ordered by group, then service, as reports list them.
    public var servicesInCatalogOrder: [ServiceFigures] {
        services.sorted { ($0.group, $0.service) < ($1.group, $1.service) }
    }

    /// Folds one event.
    /// - Complexity: O(1).
    @inlinable
    public mutating func record(_ e: CaseEvent) {
        apply(e)
    }

    @usableFromInline
    mutating func apply(_ e: CaseEvent) {
        events &+= 1
        clock = e.time
        switch e.kind {
        case .submitted:
            submitted &+= 1
        case .ticketIssued:
            groups.withUnsafeMutableBufferPointer { groups in
                let g = Int(e.group)
                groups[g].ticketed &+= 1
                groups[g].queue.change(by: 1, at: e.time)
            }
            services[slot(e)].ticketed &+= 1
        case .called:
            groups.withUnsafeMutableBufferPointer { groups in
                let g = Int(e.group)
                groups[g].queue.change(by: -1, at: e.time)
                groups[g].busy.change(by: 1, at: e.time)
                groups[g].waits.add(e.value)
            }
            let s = slot(e)
            services[s].called &+= 1
            services[s].waitTotal &+= e.value
            if e.value > services[s].waitMax { services[s].waitMax = e.value }
            waits.batches.add(Double(e.value))
            if e.value > waits.longest { waits.longest = e.value }
        case .serviceCompleted:
            groups.withUnsafeMutableBufferPointer { groups in
                let g = Int(e.group)
                groups[g].busy.change(by: -1, at: e.time)
                groups[g].served &+= 1
            }
            services[slot(e)].served &+= 1
            completed &+= 1
        case .accepted, .materialsRequested:
            if e.value == Int64(CaseState.Phase.called.rawValue) || e.value == Int64(CaseState.Phase.inService.rawValue) {
                groups[Int(e.group)].busy.change(by: -1, at: e.time)
                groups[Int(e.group)].served &+= 1
                services[slot(e)].served &+= 1
            }
        case .abandoned:
            if e.value == Int64(CaseState.Phase.queued.rawValue) { groups[Int(e.group)].queue.change(by: -1, at: e.time) }
            abandoned &+= 1
        case .noShow:
            if e.value == Int64(CaseState.Phase.called.rawValue) { groups[Int(e.group)].busy.change(by: -1, at: e.time) }
            abandoned &+= 1
        case .closed, .transferred:
            completed &+= 1
        case .serviceStarted, .forwarded, .resubmitted, .approved, .rejected, .resultReady, .delivered, .pickedUp,
             .escalated:
            break
        case .staffingChanged:
            break
        case .runEnded:
            ended = true
            kernelEvents = Int(e.value)
        }
    }

    /// Cases submitted and not yet finished.
    public var inSystem: Int { submitted - completed - abandoned }

    /// The simulated span covered, in seconds.
    public var simulatedSeconds: Double { clock.seconds }

    /// The distribution of all waits (merged from the groups' histograms), with the exact mean, CI and maximum.
    public var allWaits: WaitStatistics {
        var merged = waits
        for g in groups { merged.mergeDistribution(g.waits) }
        return merged
    }
}
