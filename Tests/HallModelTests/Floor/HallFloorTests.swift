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
