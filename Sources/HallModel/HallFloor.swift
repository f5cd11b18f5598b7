public import CaseEngine
public import DequeModule
public import SimCore

/// What the kernel schedules for the halls.
public enum HallEvent: Sendable {
    /// The next case from an arrival source.
    case arrival(source: Int32)
    /// A window finishes the case in hand.
    case serviceEnd(window: Int32)
}

/// The physical state of the halls — queues, windows, arrival streams — and how it reacts to events.
///
/// Every change a case goes through is reported to the sink as a ``CaseEvent``;
/// the floor keeps no statistics of its own.
///
/// Routing: a walk-in goes to the first eligible group (in the hall's order)
/// with a free window; if none is free, to the group with the fewest waiting
/// per window, ties to the first listed.
public struct HallFloor<Sink: CaseEventSink>: EventHandler {
    @usableFromInline struct Waiting {
        @usableFromInline var caseID: UInt32
        @usableFromInline var service: UInt16
        @usableFromInline var arrival: Int64
        @usableFromInline var duration: Int64

        @inlinable init(caseID: UInt32, service: UInt16, arrival: Int64, duration: Int64) {
            self.caseID = caseID
            self.service = service
            self.arrival = arrival
            self.duration = duration
        }
    }

    @usableFromInline struct InService {
        @usableFromInline var caseID: UInt32
        @usableFromInline var service: UInt16
        @usableFromInline var duration: Int64

        @inlinable init(caseID: UInt32, service: UInt16, duration: Int64) {
            self.caseID = caseID
            self.service = service
            self.duration = duration
        }
    }

    @usableFromInline struct Source {
        @usableFromInline var hall: UInt16
        @usableFromInline var service: UInt16
        @usableFromInline var meanInterarrival: Double
        @usableFromInline var routes: Range<Int>
    }

    @usableFromInline let sources: [Source]
    @usableFromInline let routes: [Int]
    @usableFromInline let serviceTimes: [Distribution]
    @usableFromInline let windowGroup: [UInt16]
    @usableFromInline let groupHall: [UInt16]
    @usableFromInline let groupFirstWindow: [Int]
    @usableFromInline let groupServers: [Int]
    @usableFromInline var arrivalStreams: [RandomStream]
    @usableFromInline var serviceStreams: [RandomStream]
    @usableFromInline var queues: [Deque<Waiting>]
    @usableFromInline var free: [[Int32]]
    @usableFromInline var windows: [InService]
    @usableFromInline let caseLimit: Int
    /// Cases that have arrived.
    @inlinable public var arrived: Int { arrivedCount }
    /// Cases that have left.
    @inlinable public var finished: Int { finishedCount }
    @usableFromInline var arrivedCount = 0
    @usableFromInline var finishedCount = 0
    /// Receives every case event.
    public var sink: Sink

    /// Sets up empty halls for `network`, with random streams derived from `seed`.
    public init(network: HallNetwork, seed: UInt64, sink: Sink) {
        sources = network.sources.map {
            Source(hall: UInt16($0.hall), service: UInt16($0.service), meanInterarrival: $0.meanInterarrival, routes: $0.routes)
        }
        routes = network.routes
        serviceTimes = network.serviceTimes
        var windowGroup = [UInt16](repeating: 0, count: network.windowCount)
        for (g, group) in network.groups.enumerated() {
            for w in group.windows { windowGroup[w] = UInt16(g) }
        }
        self.windowGroup = windowGroup
        groupHall = network.groups.map { UInt16($0.hall) }
        groupFirstWindow = network.groups.map(\.windows.lowerBound)
        groupServers = network.groups.map(\.windows.count)
        arrivalStreams = network.sources.map { RandomStream(seed: seed, label: $0.arrivalLabel) }
        serviceStreams = network.sources.map { RandomStream(seed: seed, label: $0.serviceLabel) }
        queues = network.groups.map { _ in Deque(minimumCapacity: 64) }
        free = network.groups.map { $0.windows.reversed().map(Int32.init) }
        windows = Array(repeating: InService(caseID: 0, service: 0, duration: 0), count: network.windowCount)
        caseLimit = network.stop.cases ?? Int.max
        self.sink = sink
    }

    /// Schedules each source's first arrival.
    public mutating func start(_ scheduler: inout Scheduler<HallEvent>) {
        for s in sources.indices { scheduleArrival(Int32(s), &scheduler) }
    }

    @inlinable
    public mutating func handle(_ event: HallEvent, scheduler: inout Scheduler<HallEvent>) {
        switch event {
        case .arrival(let source): arrive(source, &scheduler)
        case .serviceEnd(let window): finishService(Int(window), &scheduler)
        }
    }

    @inlinable
    mutating func scheduleArrival(_ source: Int32, _ scheduler: inout Scheduler<HallEvent>) {
        var rng = arrivalStreams[Int(source)]
        let gap = Distribution.exponential(mean: sources[Int(source)].meanInterarrival, &rng)
        arrivalStreams[Int(source)] = rng
        scheduler.schedule(.arrival(source: source), after: .seconds(gap))
    }

    @inlinable
    mutating func arrive(_ s: Int32, _ scheduler: inout Scheduler<HallEvent>) {
        guard arrivedCount < caseLimit else { return }
        let now = scheduler.now
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        arrivedCount &+= 1
        let source = sources[Int(s)]
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: source.hall, service: source.service, channel: .walkIn))
        var rng = serviceStreams[Int(s)]
        let duration = max(0, SimTime.seconds(serviceTimes[Int(source.service)].sample(&rng)).ticks)
        serviceStreams[Int(s)] = rng
        let g = route(source.routes)
        sink.record(CaseEvent(.ticketIssued, at: now, case: caseID, hall: source.hall, group: UInt16(g), service: source.service))
        if let w = free[g].popLast() {
            beginService(window: Int(w), group: g, caseID: caseID, service: source.service, wait: 0, duration: duration, scheduler: &scheduler)
        } else {
            queues[g].append(Waiting(caseID: caseID, service: source.service, arrival: now.ticks, duration: duration))
        }
        if arrivedCount < caseLimit { scheduleArrival(s, &scheduler) }
    }

    @inlinable
    func route(_ candidates: Range<Int>) -> Int {
        if candidates.count == 1 { return routes[candidates.lowerBound] }
        var best = routes[candidates.lowerBound]
        var bestLoad = Double.infinity
        for r in candidates {
            let g = routes[r]
            if !free[g].isEmpty { return g }
            let load = Double(queues[g].count + 1) / Double(groupServers[g])
            if load < bestLoad {
                best = g
                bestLoad = load
            }
        }
        return best
    }

    @inlinable
    mutating func beginService(
        window w: Int, group g: Int, caseID: UInt32, service: UInt16, wait: Int64, duration: Int64,
        scheduler: inout Scheduler<HallEvent>
    ) {
        windows[w] = InService(caseID: caseID, service: service, duration: duration)
        sink.record(CaseEvent(
            .called, at: scheduler.now, case: caseID, hall: groupHall[g], group: UInt16(g), service: service,
            window: UInt16(w - groupFirstWindow[g]), value: wait
        ))
        scheduler.schedule(.serviceEnd(window: Int32(w)), after: SimTime(ticks: duration))
    }

    @inlinable
    mutating func finishService(_ w: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let g = Int(windowGroup[w])
        let done = windows[w]
        sink.record(CaseEvent(
            .serviceCompleted, at: scheduler.now, case: done.caseID, hall: groupHall[g], group: UInt16(g),
            service: done.service, window: UInt16(w - groupFirstWindow[g]), value: done.duration
        ))
        finishedCount &+= 1
        if let next = queues[g].popFirst() {
            beginService(
                window: w, group: g, caseID: next.caseID, service: next.service, wait: scheduler.now.ticks - next.arrival,
                duration: next.duration, scheduler: &scheduler
            )
        } else {
            free[g].append(Int32(w))
        }
        if finishedCount == caseLimit { scheduler.stop() }
    }
}
