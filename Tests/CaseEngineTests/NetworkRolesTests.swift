@testable import CaseEngine
import SimCore
import Testing

/// The parts of ``NetworkProjection``, each on its own: ``NetworkTerms``, ``NetworkCounts``,
/// ``DepartmentBacklogs``, ``NetworkSpan`` and ``NetworkCasePaths`` (the projection's own tests
/// check them together, through events).
@Suite struct NetworkRolesTests {
    static let days = DayTypeTable(octoberCalendar)

    @Test func networkTermsReadDepartmentsHotlinesLimitsAndBundlesFromTheCatalog() {
        let terms = NetworkTerms(catalog: Net.catalog, days: Self.days)
        #expect(terms.departments == [Int(Net.social), Int(Net.housing)])
        #expect(terms.department(Net.social) == 0 && terms.department(Net.housing) == 1)
        #expect(terms.department(Net.windows) == -1 && terms.department(900) == -1)
        #expect(terms.isHotline(Net.hotlineHall) && !terms.isHotline(Net.city) && !terms.isHotline(900))
        #expect(terms.hotlineTarget[Int(Net.hotlineHall)] == SimTime.seconds(20).ticks)
        #expect(terms.limits(Int(Net.licence)) == (5, 10))
        #expect(terms.limits(Int(Net.notice)) == (-1, -1) && terms.limits(900) == (-1, -1))
        #expect(terms.bundles(Net.move) && !terms.bundles(Net.part1) && !terms.bundles(900))
        let none = NetworkTerms(ratingsOnlyWith: Self.days)
        #expect(none.departments.isEmpty && !none.isHotline(0) && none.department(0) == -1)
    }

    @Test func networkCountsGiveEachChannelItsSlotInOrderOfFirstSight() {
        var counts = NetworkCounts(departments: [1, 2])
        #expect(counts.departments.map(\.group) == [1, 2] && counts.hotline.lateByDepartment == [0, 0])
        let online = counts.channel(CaseEvent.Channel.online.rawValue)
        let walkIn = counts.channel(CaseEvent.Channel.walkIn.rawValue)
        #expect(online == 0 && walkIn == 1)
        #expect(counts.channel(CaseEvent.Channel.online.rawValue) == 0)
        #expect(counts.channel(200) == 2 && counts.channels.count == 3)
        #expect(counts.channels.map(\.channel).prefix(2) == [.online, .walkIn])
    }

    @Test func departmentBacklogsIntegrateInsideTheSpanAndKeepTheEnd() {
        let hour = SimTime.hours(1).ticks
        var backlogs = DepartmentBacklogs(count: 1, window: KPIWindow(start: 2 * hour, end: 4 * hour))
        backlogs.change(0, by: 1, at: hour)
        backlogs.restartAtSpanStart()
        backlogs.change(0, by: 1, at: 3 * hour)
        backlogs.keepAtSpanEnd()
        backlogs.change(0, by: -2, at: 5 * hour)
        let kept = backlogs.reported(passedEnd: true)[0]
        #expect(kept.level.level == 2)
        #expect(kept.level.average(until: SimTime(ticks: 4 * hour)) == 1.5)
        #expect(backlogs.reported(passedEnd: false)[0].level.level == 0)
    }

    @Test func networkSpanCountsACaseByTheArrivalOfItsVisit() {
        let hour = SimTime.hours(1).ticks
        var backlogs = DepartmentBacklogs(count: 0, window: KPIWindow(start: 2 * hour, end: 4 * hour))
        var span = NetworkSpan(window: KPIWindow(start: 2 * hour, end: 4 * hour), counts: NetworkCounts(departments: []))
        func event(_ kind: CaseEvent.Kind, _ id: UInt32, _ t: Int64) -> CaseEvent { CaseEvent(kind, at: SimTime(ticks: t), case: id) }
        #expect(!span.counts(event(.submitted, 0, hour), at: hour, &backlogs))
        #expect(span.counts(event(.submitted, 1, 3 * hour), at: 3 * hour, &backlogs))
        #expect(!span.counts(event(.closed, 0, 3 * hour), at: 3 * hour, &backlogs))
        #expect(span.counts(event(.closed, 1, 5 * hour), at: 5 * hour, &backlogs))
        #expect(span.passedEnd)
        let whole = NetworkSpan(window: .whole, counts: NetworkCounts(departments: [3]))
        #expect(!whole.windowed && whole.outside.departments.isEmpty)
    }

    @Test func networkCasePathsCountASubmissionAndItsEndWithItsLeadTime() {
        var paths = NetworkCasePaths(terms: NetworkTerms(catalog: Net.catalog, days: Self.days), window: .whole)
        let submitted = CaseEvent(.submitted, at: .hours(1), case: 0, hall: Net.city, service: Net.notice, channel: .online)
        paths.fold(submitted, at: SimTime.hours(1).ticks)
        #expect(paths.counts.arrived == 1 && paths.cases.openCount == 1)
        let closed = CaseEvent(.closed, at: .hours(3), case: 0, hall: Net.city, service: Net.notice, channel: .online)
        paths.fold(closed, at: SimTime.hours(3).ticks)
        #expect(paths.counts.closed == 1 && paths.cases.openCount == 0)
        #expect(paths.counts.channels[0].leadTimes.count == 1 && paths.counts.channels[0].leadTimes.meanSeconds == 7_200)
    }
}
