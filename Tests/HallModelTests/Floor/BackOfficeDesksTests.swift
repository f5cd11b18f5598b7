import CaseEngine
@testable import HallModel
import SimCore
import Testing

@Test func backOfficeDesksEndATaskAfterItsWork() throws {
    var desks = BackOfficeDesks(try floorNetwork(departments: [2]))
    var scheduler = Scheduler<HallEvent>()
    desks.start(2, WorkItem(record: 7, remaining: 500), &scheduler)
    #expect(desks.endTimes[2] == 500)
    guard case .serviceEnd(let w)? = scheduler.next(notAfter: .never) else { Issue.record("no desk end"); return }
    #expect(w == 2 && scheduler.now.ticks == 500)
    #expect(desks.finish(2).record == 7 && desks.endTimes[2] == -1)
}

@Test func backOfficeDesksPutAnInterruptedTaskBackAtTheFrontWithTheWorkLeft() throws {
    var desks = BackOfficeDesks(try floorNetwork(departments: [1]))
    var scheduler = Scheduler<HallEvent>()
    desks.add(WorkItem(record: 2, remaining: 10), to: 1)
    desks.start(1, WorkItem(record: 1, remaining: 500), &scheduler)
    scheduler.advance(to: SimTime(ticks: 200))
    #expect(desks.interrupt(1, group: 1, &scheduler))
    #expect(!desks.interrupt(1, group: 1, &scheduler), "an idle desk has nothing to put back")
    let next = desks.next(in: 1)
    let first = try #require(next)
    #expect(first.record == 1 && first.remaining == 300)
    #expect(desks.next(in: 1)?.record == 2)
    #expect(scheduler.next(notAfter: .never) == nil, "the interrupted end is cancelled")
}

@Test func backOfficeDesksNeverEndATaskLongerThanTheClock() throws {
    var desks = BackOfficeDesks(try floorNetwork(departments: [1]))
    var scheduler = Scheduler<HallEvent>()
    scheduler.advance(to: SimTime(ticks: 1))
    desks.start(1, WorkItem(record: 1, remaining: SimTime.end.ticks), &scheduler)
    #expect(scheduler.pendingCount == 0)
    #expect(desks.interrupt(1, group: 1, &scheduler))
}

@Test func backOfficeDesksStopWhenStaffingDropsAndResumeTheTaskWhenItRises() throws {
    let network = try floorNetwork(departments: [1])
    var groups = WindowGroups(network)
    var desks = BackOfficeDesks(network)
    var sink = EventBuffer()
    var scheduler = Scheduler<HallEvent>()
    let g = 1
    let range = network.groups[g].windows
    desks.setStaffing(g, 1, desks: range, &groups, &sink, &scheduler)
    desks.enqueueWork(g, WorkItem(caseID: 4, remaining: 500), &groups, &sink, &scheduler)
    desks.enqueueWork(g, WorkItem(caseID: 5, remaining: 70), &groups, &sink, &scheduler)
    scheduler.advance(to: SimTime(ticks: 200))
    desks.setStaffing(g, 0, desks: range, &groups, &sink, &scheduler)
    #expect(groups[g].onDuty == 0 && groups[g].free.isEmpty)
    #expect(scheduler.next(notAfter: .never) == nil, "the stopped desk's end is cancelled")
    desks.setStaffing(g, 1, desks: range, &groups, &sink, &scheduler)
    let started = sink.events.filter { $0.kind == .workStarted }
    #expect(started.map(\.caseID) == [4, 4], "the stopped task comes back before the one waiting behind it")
    #expect(started.map(\.value) == [500, 300])
    #expect(sink.events.filter { $0.kind == .staffingChanged }.map(\.value) == [1, 0, 1])
    guard case .serviceEnd(let w)? = scheduler.next(notAfter: .never) else { Issue.record("no desk end"); return }
    #expect(scheduler.now.ticks == 500 && desks.finish(Int(w)).caseID == 4)
    desks.release(Int(w), group: g, &groups, &sink, &scheduler)
    #expect(sink.events.last?.kind == .workStarted && sink.events.last?.caseID == 5, "the free desk takes the next task")
}
