@testable import CaseEngine
import SimCore
import Testing

@Suite("Network projection: departments, deadlines in working days and backlog")
struct NetworkDepartmentTests {
    /// Five cases to `social` across the October 2024 holiday week, one to `housing` left open.
    ///
    /// `licence` is promised in 5 working days, statutory 10. Accepted on Friday 27 September, the
    /// promised due date is Thursday 10 October (29 Sep, 30 Sep, then 8, 9, 10 Oct: 1–7 October
    /// are holidays, Sunday 29 September is worked), the statutory one Wednesday 16 October
    /// (11, 12 — a worked Saturday —, 14, 15, 16 Oct).
    func octoberStream() throws -> NetworkStream {
        var s = NetworkStream()
        // A: accepted at a window, approved on its promised due date.
        let a = try s.walkIn(Net.licence, at: on("2024-09-27", 9, 30), wait: .minutes(10))
        try s.acceptAndForward(a, to: Net.social, at: on("2024-09-27", 10))
        // B: accepted at a window, rejected on 15 October: 4 working days late (11, 12, 14, 15 Oct).
        let b = try s.walkIn(Net.licence, at: on("2024-09-27", 10, 30), wait: .minutes(10))
        try s.acceptAndForward(b, to: Net.social, at: on("2024-09-27", 11))
        // C: online, approved on 17 October: 6 working days past the promised date, late against the statutory one too.
        let c = s.submit(Net.licence, .online, at: on("2024-09-27", 12))
        try s.acceptAndForward(c, to: Net.social, at: on("2024-09-27", 12))
        // D: accepted with a deficiency; the materials come on 8 October, so the clock starts then
        // (promised due 14 October) and a decision on 14 October is on time.
        let d = s.submit(Net.licence, .online, at: on("2024-09-27", 13))
        try s.go(.accept(case: d), at: on("2024-09-27", 13))
        try s.go(.requestMaterials(case: d), at: on("2024-09-27", 13))
        // E: a service without deadlines, decided: counted, but in no on-time share.
        let e = s.submit(Net.notice, .online, at: on("2024-09-30", 9))
        try s.acceptAndForward(e, to: Net.social, at: on("2024-09-30", 9))
        try s.go(.resubmit(case: d), at: on("2024-10-08", 9))
        try s.go(.forward(case: d, department: Net.social, hall: Net.city), at: on("2024-10-08", 9))
        // F: to housing, still open at the end.
        let f = s.submit(Net.licence, .online, at: on("2024-10-08", 10))
        try s.acceptAndForward(f, to: Net.housing, at: on("2024-10-08", 10))
        try s.decideAndClose(e, at: on("2024-10-09", 10))
        try s.decideAndClose(a, at: on("2024-10-10", 16))
        try s.decideAndClose(d, at: on("2024-10-14", 17))
        try s.decideAndClose(b, approve: false, at: on("2024-10-15", 9))
        try s.decideAndClose(c, at: on("2024-10-17", 10))
        s.end(at: on("2024-10-18", 12))
        return s
    }

    @Test func onTimeSharesAndLatenessCountWorkingDaysAcrossTheHolidayWeek() throws {
        let departments = try #require(try octoberStream().figures().departments)
        #expect(departments.map(\.department) == ["social", "housing"])
        let social = departments[0]
        #expect((social.hall, social.staff) == ("city", 3))
        #expect((social.received, social.decided, social.approved, social.rejected) == (5, 5, 4, 1))
        // A and D on time against the promised limit; B and C late; E has no deadline.
        #expect(social.withPromised == 4 && social.onTimePromised == 0.5)
        // Against the statutory limit only C is late.
        #expect(social.withStatutory == 4 && social.onTimeStatutory == 0.75)
        // Lateness 0, 0, 4, 6 working days.
        #expect(social.latenessP50 == 0)
        #expect(social.latenessP90 == 6)
        #expect(social.latenessMax == 6)

        let housing = departments[1]
        #expect((housing.received, housing.decided) == (1, 0))
        #expect(housing.onTimePromised == nil && housing.onTimeStatutory == nil && housing.latenessMax == nil)
    }

    @Test func theDeficiencyClockStartsWhenTheMaterialsCome() throws {
        let s = try octoberStream()
        var kpis = KPIProjection(catalog: Net.catalog)
        // Fold up to D's decision and look at its clock.
        for e in s.events {
            kpis.record(e)
            if e.kind == .forwarded, e.caseID == 3 { break }
        }
        let track = try #require(kpis.network.cases[3])
        #expect(track.clockStart == on("2024-10-08", 9).ticks)
        // Counted from its acceptance (27 September) it would be due on 10 October and late on the 14th.
        let table = DayTypeTable(octoberCalendar)
        #expect(table.dueDate(workingDays: 5, from: date("2024-09-27")) == date("2024-10-10"))
        #expect(table.dueDate(workingDays: 5, from: date("2024-10-08")) == date("2024-10-14"))
    }

    @Test func backlogIsTimeWeightedWithItsPeakEndAndWeeklyLevels() throws {
        let departments = try #require(try octoberStream().figures().departments)
        let social = departments[0]
        // Level-hours: 1·1 + 2·1 + 3·69 + 4·192 + 5·25 + 4·30 + 3·97 + 2·16 + 1·49 over 612 hours (23 Sep 0:00 – 18 Oct 12:00).
        #expect(close(social.backlogMean, 1595.0 / 612))
        #expect((social.backlogMax, social.backlogEnd) == (5, 0))
        // Weeks end on Mondays at midnight: 30 Sep (A, B, C), 7 Oct (+E), 14 Oct (+D −E −A); then the run's end.
        #expect(social.backlogPeriodDays == 7)
        #expect(social.backlogSeries == [3, 4, 3, 0])
        let housing = departments[1]
        #expect(close(housing.backlogMean, 242.0 / 612))
        #expect((housing.backlogMax, housing.backlogEnd) == (1, 1))
        #expect(housing.backlogSeries == [0, 0, 1, 1])
    }

    @Test func aDecisionIsOnTimeUntilTheEndOfTheDueDate() throws {
        var s = NetworkStream()
        let onTime = s.submit(Net.licence, .online, at: on("2024-09-27", 16))
        try s.acceptAndForward(onTime, to: Net.housing, at: on("2024-09-27", 16))
        let late = s.submit(Net.licence, .online, at: on("2024-09-27", 16))
        try s.acceptAndForward(late, to: Net.housing, at: on("2024-09-27", 16))
        try s.decideAndClose(onTime, at: on("2024-10-10", 23, 59, 59.999999))
        try s.decideAndClose(late, at: on("2024-10-11", 0))
        let housing = try #require(try s.figures().departments?[1])
        #expect(housing.withPromised == 2 && housing.onTimePromised == 0.5)
        #expect(housing.latenessMax == 1 && housing.latenessP50 == 0)
        #expect(housing.onTimeStatutory == 1)
    }

    @Test func materialsAskedByTheBackOfficeTakeTheCaseOutOfTheBacklogUntilTheyCome() throws {
        var s = NetworkStream()
        let id = s.submit(Net.notice, .online, at: on("2024-09-23", 0))
        try s.acceptAndForward(id, to: Net.housing, at: on("2024-09-23", 0))
        try s.go(.requestMaterials(case: id), at: on("2024-09-24", 0))
        try s.go(.resubmit(case: id), at: on("2024-09-26", 0))
        try s.decideAndClose(id, at: on("2024-09-27", 0))
        s.end(at: on("2024-09-29", 0))
        let housing = try #require(try s.figures().departments?[1])
        // In the backlog 23–24 and 26–27 September: 2 of 6 days.
        #expect(close(housing.backlogMean, 2.0 / 6))
        #expect((housing.received, housing.decided, housing.backlogMax, housing.backlogEnd) == (1, 1, 1, 0))
    }

    @Test func aCaseForwardedOnLeavesTheFirstDepartmentsBacklog() throws {
        var s = NetworkStream()
        let id = s.submit(Net.licence, .online, at: on("2024-09-23", 0))
        try s.acceptAndForward(id, to: Net.social, at: on("2024-09-23", 0))
        try s.go(.forward(case: id, department: Net.housing, hall: Net.city), at: on("2024-09-25", 0))
        s.end(at: on("2024-09-27", 0))
        let departments = try #require(try s.figures().departments)
        #expect((departments[0].received, departments[0].backlogEnd) == (1, 0))
        #expect(close(departments[0].backlogMean, 0.5))
        #expect((departments[1].received, departments[1].backlogEnd) == (1, 1))
        #expect(close(departments[1].backlogMean, 0.5))
    }

    @Test func theWeeklySeriesStaysBoundedByDoublingItsPeriod() {
        var series = BacklogSeries()
        let day = ServiceCalendar.dayTicks
        // One more case in the middle of every week for 200 weeks: the level at the end of week k is k + 1.
        for k in 0..<200 { series.change(by: 1, at: Int64(k) * BacklogSeries.week + 3 * day) }
        let end = 200 * BacklogSeries.week + 3 * day
        series.advance(to: end)
        #expect(series.period == 2 * BacklogSeries.week)
        #expect(series.ends.count <= BacklogSeries.capacity)
        let ends = series.ends(until: end, period: series.period)
        let everyTwoWeeks: [Int64] = (1...100).map { (k: Int) -> Int64 in Int64(2 * k) } + [200]
        #expect(ends == everyTwoWeeks)
        // Asked for a longer period, it merges further: the level at the end of every 4 weeks.
        let everyFourWeeks: [Int64] = (1...50).map { (k: Int) -> Int64 in Int64(4 * k) } + [200]
        #expect(series.ends(until: end, period: 4 * BacklogSeries.week) == everyFourWeeks)
    }
}
