import CaseEngine
@testable import HallModel
import SimCore
import Testing

private func deskNetwork(_ spec: EscalationSpec?) throws -> HallNetwork {
    try floorNetwork { $0.escalation = spec }
}

@Test func escalationDeskIsAbsentWithoutASpec() throws {
    var desk = EscalationDesk(try deskNetwork(nil), seed: 1)
    var office = RandomStream(seed: 1, label: "x")
    #expect(desk.group == nil && !desk.takesSecondGiveUps && !desk.tooManyVisits(100))
    let contested = desk.contests(&office)
    #expect(!contested)
    var fresh = RandomStream(seed: 1, label: "x")
    let (a, b) = (office.nextOpenUnit(), fresh.nextOpenUnit())
    #expect(a == b, "no draw without a desk")
}

@Test func escalationDeskCountsVisitsAgainstMaxVisits() throws {
    let desk = EscalationDesk(try deskNetwork(EscalationSpec(hall: "h", handling: .deterministic(60), maxVisits: 2)), seed: 1)
    #expect(!desk.tooManyVisits(1))
    #expect(desk.tooManyVisits(2))
    #expect(desk.group != nil)
}

@Test func escalationDeskTransfersItsShare() throws {
    var all = EscalationDesk(try deskNetwork(EscalationSpec(hall: "h", handling: .deterministic(60), transfer: 1)), seed: 1)
    var none = EscalationDesk(try deskNetwork(EscalationSpec(hall: "h", handling: .deterministic(60), transfer: 0)), seed: 1)
    #expect(all.transfers() && !none.transfers())
    #expect(all.handlingTicks() == SimTime.minutes(1).ticks)
}

@Test func ratingsAreBadMoreOftenTheLongerTheWaitBeyondTheTarget() throws {
    let network = try floorNetwork { $0.ratings = RatingSpec(share: 1, bad: 0, perMinute: 1, target: .minutes(5)) }
    var ratings = Ratings(network, seed: 1)
    #expect(ratings.rate(source: 0, wait: SimTime.minutes(5).ticks)?.bad == false)
    #expect(ratings.rate(source: 0, wait: SimTime.minutes(6).ticks)?.bad == true)
}

@Test func ratingsAreAbsentWithoutASpec() throws {
    var ratings = Ratings(try floorNetwork(), seed: 1)
    #expect(ratings.rate(source: 0, wait: 0)?.bad == nil)
}

@Test func escalationDeskWorksAnEscalatedCaseAtItsDeskAndClosesIt() throws {
    let network = try deskNetwork(EscalationSpec(hall: "h", handling: .deterministic(60), transfer: 0))
    var context = FloorContext(network: network, sink: EventBuffer())
    var groups = WindowGroups(network)
    var desks = BackOfficeDesks(network)
    var desk = EscalationDesk(network, seed: 1)
    var scheduler = Scheduler<HallEvent>()
    let g = try #require(desk.group)
    desks.setStaffing(g, 1, desks: network.groups[g].windows, &groups, &context.sink, &scheduler)
    let r = context.submitCase(service: 0, hall: 0, channel: .walkIn, source: 0, scheduler.now)
    desk.escalate(r, from: .submitted, scheduler.now, &desks, &groups, &context, &scheduler)
    #expect(context.sink.events.map(\.kind) == [.staffingChanged, .submitted, .escalated, .workStarted])
    #expect(context.sink.events.last?.value == SimTime.minutes(1).ticks)
    guard case .serviceEnd(let w)? = scheduler.next(notAfter: .never) else { Issue.record("no desk end"); return }
    #expect(desks.finish(Int(w)).record == Int32(r))
    desk.resolve(r, &context, &scheduler)
    #expect(context.sink.events.last?.kind == .closed && context.finishedCount == 1)
}
