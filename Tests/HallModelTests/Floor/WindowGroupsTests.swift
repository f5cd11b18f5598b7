import CaseEngine
@testable import HallModel
import SimCore
import Testing

@Test func windowGroupsStartWithEveryWindowOffDutyAndNobodyWaiting() throws {
    let groups = WindowGroups(try floorNetwork(groups: [2, 3]))
    #expect(groups.count == 2)
    #expect(groups[0].off.elements == [1, 0] && groups[1].off.elements == [4, 3, 2])
    #expect(groups[1].onDuty == 0 && groups[1].waiting == 0)
    #expect(groups.windowIndex(3, in: 1) == 1)
}

@Test func windowGroupsRouteToTheFirstGroupWithAFreeWindow() throws {
    var groups = WindowGroups(try floorNetwork(groups: [1, 1]))
    groups[1].free = FloorTable([1])
    #expect(groups.route(0 ..< 2) == 1)
    groups[0].free = FloorTable([0])
    #expect(groups.route(0 ..< 2) == 0)
}

@Test func windowGroupsRouteToTheFewestWaitingPerStaffedWindowWhenNoneIsFree() throws {
    var groups = WindowGroups(try floorNetwork(groups: [1, 2]))
    groups[0].target = 1
    groups[1].target = 2
    _ = groups.enqueue(waiting(0), group: 0)
    #expect(groups.route(0 ..< 2) == 1, "group 1: 1 / 2 per window beats group 0: 2 / 1")
    _ = groups.enqueue(waiting(1), group: 1)
    _ = groups.enqueue(waiting(2), group: 1)
    _ = groups.enqueue(waiting(3), group: 1)
    #expect(groups.route(0 ..< 2) == 0, "ties (2 per window each) go to the first listed")
}

@Test func windowGroupsCallAppointmentHoldersBeforeWalkIns() throws {
    var groups = WindowGroups(try floorNetwork())
    _ = groups.enqueue(waiting(1), group: 0)
    _ = groups.enqueue(waiting(2), group: 0, booked: true)
    #expect(groups.next(in: 0)?.caseID == 2)
    #expect(groups.next(in: 0)?.caseID == 1)
    #expect(groups.next(in: 0) == nil)
}

@Test func windowGroupsSkipTicketsOfPeopleWhoLeft() throws {
    var groups = WindowGroups(try floorNetwork())
    let gone = groups.enqueue(waiting(1), group: 0)
    _ = groups.enqueue(waiting(2), group: 0)
    _ = groups.leave(Int(gone.slot), group: 0)
    let live = groups.isLive(gone)
    #expect(!live)
    let reused = groups.enqueue(waiting(3), group: 0)
    #expect(reused.slot == gone.slot && reused.generation != gone.generation, "the slot is reused under a new generation")
    #expect(groups[0].waiting == 2)
    #expect(groups.next(in: 0)?.caseID == 2)
    #expect(groups.next(in: 0)?.caseID == 3)
}

@Test func windowGroupsSendFreeWindowsOffDutyDownToTheTarget() throws {
    var groups = WindowGroups(try floorNetwork(groups: [3]))
    groups[0].free = FloorTable([0, 1, 2])
    groups[0].onDuty = 3
    groups.sendFreeOff(0, downTo: 1)
    #expect(groups[0].onDuty == 1 && groups[0].free.elements == [0] && groups[0].off.elements.suffix(2) == [2, 1])
}

/// One group of one window, staffed and free.
private func oneFreeWindow(_ sink: inout EventBuffer, _ scheduler: inout Scheduler<HallEvent>) throws -> WindowGroups {
    var groups = WindowGroups(try floorNetwork(groups: [1]))
    groups.setTarget(0, 1, &sink, scheduler.now)
    groups.staff(0, 1, &sink, &scheduler)
    return groups
}

@Test func windowGroupsCallTheNextPersonToAReleasedWindowAndSendItOffAboveTheTarget() throws {
    var sink = EventBuffer()
    var scheduler = Scheduler<HallEvent>()
    var groups = try oneFreeWindow(&sink, &scheduler)
    let window = groups.takeFree(0)
    let w = Int(try #require(window))
    _ = groups.enqueue(waiting(1, arrival: 0), group: 0)
    scheduler.advance(to: SimTime(ticks: 90))
    groups.release(w, group: 0, &sink, &scheduler)
    let called = sink.events.filter { $0.kind == .called }
    #expect(called.map(\.caseID) == [1] && called.first?.value == 90, "called with the time waited")
    #expect(groups[0].waiting == 0 && groups.windows[w].caseID == 1)
    groups.setTarget(0, 0, &sink, scheduler.now)
    groups.release(w, group: 0, &sink, &scheduler)
    #expect(groups[0].onDuty == 0 && groups[0].free.isEmpty && groups[0].off.elements == [Int32(w)])
}

@Test func windowGroupsServeAPersonWithARecordAtOnceOrQueueThem() throws {
    var sink = EventBuffer()
    var scheduler = Scheduler<HallEvent>()
    var groups = try oneFreeWindow(&sink, &scheduler)
    #expect(groups.join(waiting(1), group: 0, &sink, &scheduler) == nil, "a free window serves at once")
    let place = groups.join(waiting(2), group: 0, &sink, &scheduler)
    #expect(place != nil && groups[0].waiting == 1)
    #expect(sink.events.filter { $0.kind == .called }.map(\.caseID) == [1])
}
