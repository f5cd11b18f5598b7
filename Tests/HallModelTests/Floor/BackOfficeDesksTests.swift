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
