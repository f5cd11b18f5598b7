import CaseEngine
@testable import HallModel
import SimCore
import Testing

@Test func floorContextOpensACaseWithItsSubmittedEventAndStopsWhenEveryCaseIsOut() throws {
    var context = FloorContext(network: try floorNetwork(cases: 2), sink: EventBuffer())
    var scheduler = Scheduler<HallEvent>()
    let r = context.submitCase(service: 0, hall: 0, channel: .online, source: 0, link: 9, scheduler.now)
    #expect(context.records[r].caseID == 0 && context.arrivedCount == 1)
    #expect(context.sink.events.map(\.kind) == [.submitted] && context.sink.events.first?.value == 9)
    let second = context.nextCaseID()
    #expect(second == 1 && !context.takesCases, "the stop rule's two cases have arrived")
    context.caseEnded(r, &scheduler)
    let stoppedEarly = scheduler.isStopRequested
    #expect(!stoppedEarly, "one case is still in")
    #expect(context.records.open(CaseRecord()) == r, "the ended case's record is free again")
    context.caseEnded(nil, &scheduler)
    let stopped = scheduler.isStopRequested
    #expect(stopped && context.finishedCount == 2)
}
