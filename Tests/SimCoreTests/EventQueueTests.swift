import SimCore
import Testing

struct Recorder: EventHandler {
    var seen: [Int] = []
    var times: [SimTime] = []
    mutating func handle(_ event: Int, scheduler: inout Scheduler<Int>) {
        seen.append(event)
        times.append(scheduler.now)
    }
}

@Test func sameTimeEventsRunInScheduleOrder() {
    var sim = Simulation(handler: Recorder())
    for i in 0 ..< 1000 { sim.scheduler.schedule(i, at: .seconds(Double(i % 3))) }
    sim.run()
    let expected = (0 ..< 1000).filter { $0 % 3 == 0 } + (0 ..< 1000).filter { $0 % 3 == 1 } + (0 ..< 1000).filter { $0 % 3 == 2 }
    #expect(sim.handler.seen == expected)
}

@Test func eventsComeOutInTimeThenSequenceOrderForManySeeds() {
    for seed in 0 ..< 300 {
        var rng = RandomStream(seed: UInt64(seed))
        var queue = EventQueue<Int>()
        // What is still queued, as (time, label); labels grow with each push, so sorting by
        // (time, label) is the order the queue promises: time, then scheduling order.
        var reference: [(Int64, Int)] = []
        var label = 0
        for _ in 0 ..< 200 {
            if rng.next() % 3 != 0 || queue.isEmpty {
                let t = Int64(rng.next() % 20)
                queue.push(label, at: SimTime(ticks: t))
                reference.append((t, label))
                label += 1
            } else {
                // The scheduler's pop leaves a hole at the root for the next operation; the plain one does not.
                let e = rng.next() % 2 == 0 ? queue.pop()! : queue.pop(notAfter: .never)!
                let i = reference.indices.min { reference[$0] < reference[$1] }!
                #expect(reference[i] == (e.time.ticks, e.event), "seed \(seed)")
                reference.remove(at: i)
            }
            let ordered = queue.isHeapOrdered()
            #expect(ordered)
        }
        var drained: [(Int64, Int)] = []
        while let e = queue.pop() { drained.append((e.time.ticks, e.event)) }
        let expected = reference.sorted { $0 < $1 }
        #expect(drained.count == expected.count, "seed \(seed)")
        #expect(zip(drained, expected).allSatisfy { $0 == $1 }, "seed \(seed): the final drain is out of order")
        let empty = queue.isEmpty
        #expect(empty)
    }
}

@Test func cancelledEventsNeverFire() {
    var sim = Simulation(handler: Recorder())
    var ids: [EventID] = []
    for i in 0 ..< 100 { ids.append(sim.scheduler.schedule(i, at: .seconds(Double(i % 7)))) }
    for (i, id) in ids.enumerated() where i % 4 == 1 { sim.scheduler.cancel(id) }
    sim.run()
    #expect(sim.handler.seen.count == 75)
    #expect(!sim.handler.seen.contains { $0 % 4 == 1 })
    #expect(sim.eventsHandled == 75)
}

@Test func runUntilStopsAtTheLimitAndLeavesLaterEventsQueued() {
    var sim = Simulation(handler: Recorder())
    sim.scheduler.schedule(1, at: .seconds(5))
    sim.scheduler.schedule(2, at: .seconds(10))
    sim.scheduler.schedule(3, at: .seconds(15))
    let handled = sim.run(until: .seconds(10))
    #expect(handled == 2)
    #expect(sim.now == .seconds(10))
    #expect(sim.scheduler.pendingCount == 1)
    sim.run(until: .seconds(12))
    #expect(sim.now == .seconds(12))
    let stepped = sim.step()
    #expect(stepped)
    #expect(sim.handler.seen == [1, 2, 3])
    #expect(sim.handler.times == [.seconds(5), .seconds(10), .seconds(15)])
    let steppedAgain = sim.step()
    #expect(!steppedAgain)
}

struct Stopper: EventHandler {
    var count = 0
    mutating func handle(_ event: Int, scheduler: inout Scheduler<Int>) {
        count += 1
        scheduler.schedule(event + 1, after: .seconds(1))
        if count == 10 { scheduler.stop() }
    }
}

@Test func aHandlerCanStopTheRunAndSchedulingContinuesFromNow() {
    var sim = Simulation(handler: Stopper())
    sim.scheduler.schedule(0, at: .zero)
    sim.run(until: .seconds(100))
    #expect(sim.handler.count == 10)
    #expect(sim.now == .seconds(9))
}

@Test func simTimeHasMicrosecondTicks() {
    #expect(SimTime.seconds(1).ticks == 1_000_000)
    #expect(SimTime.minutes(1.5) == .seconds(90))
    #expect(SimTime.hours(2).seconds == 7200)
    #expect(SimTime.seconds(0.0000004).ticks == 0)
    #expect(SimTime.seconds(0.0000006).ticks == 1)
}

/// The tests run with the checks of debug builds (`make test` passes `-D HALLSIM_CHECKS`): an
/// event that is not pending cannot be cancelled. Fails if the tests' build lost those checks.
@Test func cancellingAnEventThatIsNotPendingIsCaughtInTheTestsBuild() async {
    await #expect(processExitsWith: .failure) {
        var scheduler = Scheduler<Int>()
        _ = scheduler.schedule(1, at: SimTime(ticks: 5))
        scheduler.cancel(EventID(sequence: 999))
    }
}

/// The scheduler's pop leaves the root empty until the next operation (``EventQueue``'s
/// invariants): counts, the first entry and lookups skip the hole, a push fills it, and so does the next pop.
/// (The queue is non-copyable: what the expectations check is read into locals first.)
@Test func aPopLeavesAHoleThatTheNextPushOrPopFills() {
    var queue = EventQueue<Int>()
    for (i, t) in [5, 3, 8, 1, 9].enumerated() { queue.push(i, at: SimTime(ticks: Int64(t))) }
    let popped = queue.pop(notAfter: .never)?.event
    let afterPop = (count: queue.count, first: queue.first?.event, has0: queue.contains(sequence: 0),
                    has3: queue.contains(sequence: 3), ordered: queue.isHeapOrdered())
    #expect(popped == 3)
    #expect(afterPop.count == 4 && afterPop.first == 1 && afterPop.has0 && !afterPop.has3 && afterPop.ordered)
    queue.push(5, at: SimTime(ticks: 2))
    let afterPush = (count: queue.count, first: queue.first?.event, ordered: queue.isHeapOrdered())
    #expect(afterPush.count == 5 && afterPush.first == 5 && afterPush.ordered)
    var order: [Int] = []
    while let e = queue.pop(notAfter: .never) { order.append(e.event) }
    let drained = (empty: queue.isEmpty, noFirst: queue.first == nil)
    #expect(order == [5, 1, 0, 2, 4])
    #expect(drained.empty && drained.noFirst)
    queue.push(6, at: SimTime(ticks: 4))
    queue.push(7, at: SimTime(ticks: 3))
    let early = queue.pop(notAfter: SimTime(ticks: 2))?.event
    let due = queue.pop(notAfter: SimTime(ticks: 3))?.event
    #expect(early == nil && due == 7)
    queue.removeAll()
    let cleared = queue.isEmpty
    queue.push(8, at: SimTime(ticks: 1))
    let last = queue.pop()?.event
    #expect(cleared && last == 8)
}
