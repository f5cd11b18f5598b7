import CaseEngine
@testable import HallModel
import SimCore
import Testing

@Test func hallFloorLeavesAServiceLongerThanTheClockInServiceAtTheEnd() throws {
    let network = try floorNetwork(groups: [1], cases: 3) { $0.services[0].serviceTime = .deterministic(1e300) }
    let (outcome, sink) = HallRun.run(network, seed: 1, sink: EventBuffer())
    let kinds = sink.events.map(\.kind)
    #expect(kinds.filter { $0 == .called }.count == 1)
    #expect(!kinds.contains(.serviceCompleted))
    #expect(kinds.filter { $0 == .submitted }.count == 3)
    #expect(outcome.end < SimTime.end)
}

@Test func hallFloorNeverSchedulesAReturnVisitBeyondTheClock() throws {
    let network = try floorNetwork(groups: [1], cases: 3) {
        $0.behaviour = BehaviourSpec(balkAt: 1, returnVisit: ReturnVisitSpec(probability: 1, afterDays: .deterministic(1e300)))
        $0.services[0].serviceTime = .deterministic(1e6)
    }
    let (_, sink) = HallRun.run(network, seed: 1, sink: EventBuffer())
    #expect(sink.events.contains { $0.kind == .abandoned })
    #expect(sink.events.allSatisfy { $0.time < SimTime.end })
}

/// The floor records into its sink's storage without a copy-on-write check per case event
/// (``FloorContext/ownSink()``, once per kernel event): a copy of the sink, the one the caller
/// passed in or one read from the floor mid-run, must still keep its own figures.
@Test func hallFloorLeavesCopiesOfItsSinkAsTheyWere() throws {
    let network = HallNetwork(mmc(lambdaPerHour: 540, meanService: 60, c: 10, cases: 2_000))
    let passed = KPIProjection(catalog: network.catalog)
    var simulation = Simulation(handler: HallFloor(network: network, seed: 1, sink: passed), capacity: 64)
    simulation.handler.start(&simulation.scheduler)
    simulation.run(until: .hours(1))
    #expect(passed.events == 0)
    #expect(passed.services.isEmpty)
    let early = simulation.handler.sink
    let (events, served, ticketed) = (early.events, early.group(0).served, early.services.map(\.ticketed))
    #expect(events > 0)
    simulation.run()
    #expect(simulation.handler.sink.events > events)
    #expect(early.events == events)
    #expect(early.group(0).served == served)
    #expect(early.services.map(\.ticketed) == ticketed)
    #expect(passed.events == 0)
}
