import CaseEngine
import SimCore

/// The window groups of every hall — windows, kiosks, department desks and the escalation desk —
/// with who is on duty, who is free, and the queues of people waiting for a window.
///
/// - Queues: each group has a FIFO of walk-ins and a second FIFO of appointment holders, called
///   first. A waiting person sits in a slot that the queue entry and the patience timer both point
///   to; a slot's generation is bumped when it is vacated, so stale entries and timers are skipped.
/// - Routing: a walk-in goes to the first eligible group (in the hall's order) with a free window;
///   if none is free, to the staffed group with the fewest waiting per staffed window, ties to the
///   first listed; if none is staffed, to the first group.
/// - Windows are free, busy or off duty; a group's `target` is how many should be on duty. A
///   window that finishes a visit calls the next person while its group keeps working (no more on
///   duty than the target, or draining the queue at closing); otherwise it goes off duty.
struct WindowGroups: ~Copyable {
    /// A person waiting in a queue.
    struct Waiting {
        var caseID: UInt32
        var service: UInt16
        var visit: UInt16
        var source: Int32
        var group: UInt16
        var arrival: Int64
        var duration: Int64
        var channel: CaseEvent.Channel
        /// Bumped whenever the slot is vacated, so stale queue entries and timers are recognised.
        var generation: UInt32
        /// The case's record when it has one (a return with materials, a pick-up), else -1.
        var record: Int32 = -1
        /// Whether the person comes to pick a result up.
        var pickup = false

        /// Which visit this is, as queue events carry it.
        @inline(__always)
        var visitKind: CaseEvent.Visit { pickup ? .pickup : (visit > 0 || record >= 0 ? .returning : .first) }
    }

    /// A queue entry: a slot, valid while the slot keeps its generation.
    struct Ticket {
        var slot: Int32
        var generation: UInt32
    }

    /// The visit a window is serving.
    struct InService {
        var caseID: UInt32
        var service: UInt16
        var duration: Int64
        var channel: CaseEvent.Channel
        var source: Int32 = 0
        var record: Int32 = -1
        var pickup = false
        var wait: Int64 = 0
    }

    /// One group's queues and windows, in buffers it owns alone (it cannot be copied).
    struct Group: ~Copyable {
        var queue = FloorQueue<Ticket>(minimumCapacity: 16)
        /// Appointment holders, called before `queue` (nothing allocated until someone books).
        var booked = FloorQueue<Ticket>()
        /// People really waiting (the queues may also hold stale tickets).
        var waiting = 0
        /// Free windows, the one freed last on top; with room for every window of the group.
        var free: FloorTable<Int32>
        /// Windows off duty, the next to come on duty on top.
        var off: FloorTable<Int32>
        var onDuty: Int
        var target: Int
        /// Closing with the serve-the-queue policy: busy windows go on while anyone waits.
        var draining = false

        /// Whether a window that just finished stays on duty.
        var keepsWorking: Bool { onDuty <= target || (draining && waiting > 0) }
    }

    var table: FloorTable<Group>
    /// What each window (by global index) is serving.
    var windows: FloorTable<InService>
    var slots = SlotList<Waiting>()
    // Read-only tables of the compiled network, indexed by window, group or route (never out of
    // range: every index comes from the network or from the floor's own events).
    let windowGroup: FloorTable<UInt16>
    let groupHall: FloorTable<UInt16>
    let groupFirstWindow: FloorTable<Int>
    let groupKind: FloorTable<Catalog.GroupKind>
    /// Eligible groups of every source, as ranges given by the sources (``HallNetwork/routes``).
    let routes: FloorTable<Int>

    /// Every group of `network`, all windows off duty, nobody waiting.
    init(_ network: HallNetwork) {
        table = FloorTable(count: network.groups.count) { g in
            let windows = network.groups[g].windows
            return Group(free: FloorTable(capacity: windows.count), off: FloorTable(windows.reversed().map(Int32.init)), onDuty: 0, target: 0)
        }
        windows = FloorTable(repeating: InService(caseID: 0, service: 0, duration: 0, channel: .walkIn), count: network.windowCount)
        var windowGroup = [UInt16](repeating: 0, count: network.windowCount)
        for (g, group) in network.groups.enumerated() {
            for w in group.windows { windowGroup[w] = UInt16(g) }
        }
        self.windowGroup = FloorTable(windowGroup)
        groupHall = FloorTable(network.groups.map { UInt16($0.hall) })
        groupFirstWindow = FloorTable(network.groups.map(\.windows.lowerBound))
        groupKind = FloorTable(network.groups.map(\.kind))
        routes = FloorTable(network.routes)
    }

    /// Group `g`.
    @inline(__always)
    subscript(g: Int) -> Group {
        _read { yield table[g] }
        _modify { yield &table[g] }
    }

    /// The number of groups.
    var count: Int { table.count }

    /// Takes a free window of group `g` (the one freed last), or `nil` when none is free.
    @inline(__always)
    mutating func takeFree(_ g: Int) -> Int32? {
        table[g].free.popLast()
    }

    /// Whether group `g` is a department's desks or the escalation desk (works tasks, not queues).
    @inline(__always)
    func isDesk(_ g: Int) -> Bool { groupKind[g].rawValue >= Catalog.GroupKind.department.rawValue }

    /// Window `w`'s number within its group `g`.
    @inline(__always)
    func windowIndex(_ w: Int, in g: Int) -> UInt16 { UInt16(w - groupFirstWindow[g]) }

    /// The group a walk-in joins among `candidates` (see the type's documentation). Inlined: most
    /// sources have one eligible group, and reading it costs less than the call.
    /// Mutating only so that the table is passed by reference, not copied.
    @inline(__always)
    mutating func route(_ candidates: Range<Int>) -> Int {
        if candidates.count == 1 { return routes[candidates.lowerBound] }
        return routeAmong(candidates)
    }

    /// ``route(_:)`` among two or more eligible groups.
    @inline(never)
    mutating func routeAmong(_ candidates: Range<Int>) -> Int {
        var best = routes[candidates.lowerBound]
        var bestLoad = Double.infinity
        for r in candidates {
            let g = routes[r]
            if !table[g].free.isEmpty { return g }
            guard table[g].target > 0 else { continue }
            let load = Double(table[g].waiting + 1) / Double(table[g].target)
            if load < bestLoad {
                best = g
                bestLoad = load
            }
        }
        return best
    }

    /// Puts `person` in a slot of group `g`'s queue (the booked one for appointment holders).
    /// - Returns: the slot and its generation, for a patience timer.
    @inline(__always)
    mutating func enqueue(_ person: Waiting, group g: Int, booked: Bool = false) -> Ticket {
        let slot: Int
        if let reused = slots.reuse() {
            let generation = slots[reused].generation
            slots[reused] = person
            slots[reused].generation = generation
            slot = reused
        } else {
            slot = slots.insert(person)
        }
        let ticket = Ticket(slot: Int32(slot), generation: slots[slot].generation)
        if booked { table[g].booked.append(ticket) } else { table[g].queue.append(ticket) }
        table[g].waiting &+= 1
        return ticket
    }

    /// Whether `ticket` still points to the person it was issued for.
    @inline(__always)
    func isLive(_ ticket: Ticket) -> Bool { slots[Int(ticket.slot)].generation == ticket.generation }

    /// Takes the person in `slot` out of group `g`'s queue (called, or gone).
    @inline(__always)
    mutating func leave(_ slot: Int, group g: Int) -> Waiting {
        let person = slots[slot]
        slots[slot].generation &+= 1
        slots.release(slot)
        table[g].waiting &-= 1
        return person
    }

    /// The next ticket of group `g`, appointment holders first, live or stale.
    @inline(__always)
    mutating func popTicket(_ g: Int) -> Ticket? {
        if let t = table[g].booked.popFirst() { return t }
        return table[g].queue.popFirst()
    }

    /// The next person really waiting in group `g`, appointment holders first, taken out of the queue.
    @inline(__always)
    mutating func next(in g: Int) -> Waiting? {
        while let ticket = popTicket(g) {
            guard isLive(ticket) else { continue }
            return leave(Int(ticket.slot), group: g)
        }
        return nil
    }

    /// Window `w` of group `g` goes off duty.
    @inline(__always)
    mutating func goOff(_ w: Int, group g: Int) {
        table[g].onDuty &-= 1
        table[g].off.append(Int32(w))
    }

    /// Free windows of group `g` go off duty until no more than `count` are on duty.
    mutating func sendFreeOff(_ g: Int, downTo count: Int) {
        while table[g].onDuty > count, let w = table[g].free.popLast() {
            table[g].onDuty &-= 1
            table[g].off.append(w)
        }
    }

    /// Whether any of the groups `candidates` (a range into ``routes``) has windows on duty now.
    func anyStaffed(_ candidates: Range<Int>) -> Bool {
        candidates.contains { table[routes[$0]].target > 0 }
    }

    /// Group `g` (windows or desks) is to have `count` staffed from now: its `staffingChanged` event.
    mutating func setTarget<Sink: CaseEventSink>(_ g: Int, _ count: Int, _ sink: inout Sink, _ now: SimTime) {
        table[g].target = count
        sink.recordOwned(CaseEvent(.staffingChanged, at: now, hall: groupHall[g], group: UInt16(g), value: Int64(count)))
    }

    /// Windows of group `g` go off duty (free ones) or come on duty, calling waiting people, until
    /// `count` are on duty or would be once the busy ones finish.
    mutating func staff<Sink: CaseEventSink>(_ g: Int, _ count: Int, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>) {
        sendFreeOff(g, downTo: count)
        while table[g].onDuty < count, let w = table[g].off.popLast() {
            table[g].onDuty &+= 1
            if !callNext(g, to: Int(w), &sink, &scheduler) { table[g].free.append(w) }
        }
    }

    /// Window `w` of group `g` starts serving a case, due to end after `duration` ticks.
    mutating func beginService<Sink: CaseEventSink>(
        window w: Int, group g: Int, caseID: UInt32, service: UInt16, channel: CaseEvent.Channel, wait: Int64, duration: Int64,
        source: Int32, record: Int32 = -1, pickup: Bool = false, visit: CaseEvent.Visit = .first,
        _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) {
        windows[w] = InService(
            caseID: caseID, service: service, duration: duration, channel: channel, source: source, record: record, pickup: pickup, wait: wait
        )
        var called = CaseEvent(
            .called, at: scheduler.now, case: caseID, hall: groupHall[g], group: UInt16(g), service: service,
            window: windowIndex(w, in: g), channel: channel, value: wait
        )
        called.visit = visit
        sink.recordOwned(called)
        scheduler.scheduleUnlessPastEnd(.serviceEnd(window: Int32(w)), after: duration)
    }

    /// Window `w` of group `g` starts serving `person`, who waited since their arrival.
    @inline(__always)
    mutating func serve<Sink: CaseEventSink>(
        _ person: Waiting, window w: Int, group g: Int, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) {
        beginService(
            window: w, group: g, caseID: person.caseID, service: person.service, channel: person.channel,
            wait: scheduler.now.ticks - person.arrival, duration: person.duration, source: person.source, record: person.record,
            pickup: person.pickup, visit: person.visitKind, &sink, &scheduler
        )
    }

    /// Calls the next person really waiting in group `g` to window `w`, appointment holders
    /// first; returns whether there was one.
    mutating func callNext<Sink: CaseEventSink>(_ g: Int, to w: Int, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard let person = next(in: g) else { return false }
        serve(person, window: w, group: g, &sink, &scheduler)
        return true
    }

    /// A person with a record takes a place in group `g`'s queue, or a free window at once (no balking).
    /// - Returns: their place in the queue, for a patience timer; `nil` when served at once.
    @discardableResult
    mutating func join<Sink: CaseEventSink>(
        _ person: Waiting, group g: Int, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) -> Ticket? {
        if let w = takeFree(g) {
            serve(person, window: Int(w), group: g, &sink, &scheduler)
            return nil
        }
        return enqueue(person, group: g)
    }

    /// Window `w` of group `g` finished a visit: it goes off duty, calls the next person, or waits free.
    @inline(__always)
    mutating func release<Sink: CaseEventSink>(_ w: Int, group g: Int, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>) {
        if !table[g].keepsWorking {
            goOff(w, group: g)
        } else if !callNext(g, to: w, &sink, &scheduler) {
            if table[g].onDuty > table[g].target {
                goOff(w, group: g)
            } else {
                table[g].free.append(Int32(w))
            }
        }
    }
}
