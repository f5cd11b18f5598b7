@testable import CaseEngine
import SimCore
import Testing

@Suite("Network projection: bundles (one thing, one visit)")
struct NetworkBundleTests {
    /// Submits the parts of bundle `parent` at `time` (value = parent id + 1, channel `none`) and forwards them.
    func parts(of parent: UInt32, at time: SimTime, _ s: inout NetworkStream) throws -> [UInt32] {
        try [(Net.part1, Net.social), (Net.part2, Net.housing), (Net.part3, Net.social)].map { service, department in
            let id = s.submit(service, .none, at: time, value: Int64(parent) + 1)
            try s.acceptAndForward(id, to: department, at: time)
            return id
        }
    }

    /// A part's decision: result ready, then at once closed (its result goes into the combined one).
    func finish(_ part: UInt32, at time: SimTime, _ s: inout NetworkStream) throws {
        try s.go(.approve(case: part), at: time)
        try s.go(.markResultReady(case: part), at: time)
        try s.go(.close(case: part), at: time)
    }

    func stream() throws -> NetworkStream {
        var s = NetworkStream()
        // Bundle 1: parts done after 2, 5 and 9 hours; the combined result is ready with the last.
        let first = s.submit(Net.move, .online, at: on("2024-09-23", 8))
        try s.go(.accept(case: first), at: on("2024-09-23", 8))
        let p = try parts(of: first, at: on("2024-09-23", 8), &s)
        // Bundle 2, at a window: one part done, two still open at the end.
        let second = try s.walkIn(Net.move, at: on("2024-09-23", 9, 50), wait: .minutes(5))
        try s.go(.accept(case: second), at: on("2024-09-23", 10))
        let q = try parts(of: second, at: on("2024-09-23", 10), &s)
        try finish(p[0], at: on("2024-09-23", 10), &s)
        try finish(q[0], at: on("2024-09-23", 11), &s)
        try finish(p[1], at: on("2024-09-23", 13), &s)
        try finish(p[2], at: on("2024-09-23", 17), &s)
        try s.go(.approve(case: first), at: on("2024-09-23", 17))
        try s.go(.markResultReady(case: first), at: on("2024-09-23", 17))
        try s.go(.deliver(case: first), at: on("2024-09-23", 18))
        try s.go(.close(case: first), at: on("2024-09-23", 18))
        s.end(at: on("2024-09-24", 0))
        return s
    }

    @Test func aBundlesLeadTimeIsItsLastPartsAgainstTheSumOfItsParts() throws {
        let bundles = try #require(try stream().figures().bundles)
        #expect((bundles.parents, bundles.completed, bundles.open) == (2, 1, 1))
        // Parent 08:00 → 17:00, as long as the last part; one by one 2 + 5 + 9 hours.
        #expect(close(bundles.leadTimeMeanHours, 9))
        #expect(close(bundles.oneByOneMeanHours, 16))
        #expect(try close(#require(bundles.leadToOneByOne), 9.0 / 16))
    }

    @Test func partsAreDepartmentDecisionsAndCasesOfTheirOwnButTheCombinedDecisionIsNot() throws {
        let n = try stream().figures()
        let departments = try #require(n.departments)
        #expect(departments[0].decided == 3)  // parts 1 and 3 of bundle 1, part 1 of bundle 2
        #expect(departments[1].decided == 1)
        #expect((departments[0].received, departments[1].received) == (4, 2))
        #expect(departments[0].backlogEnd + departments[1].backlogEnd == 2)
        let cases = try #require(n.cases)
        #expect(cases == .init(arrived: 8, closed: 5, abandoned: 0, transferred: 0, open: 3))
        #expect(cases.holds)
        // Parts carry no channel: they are counted apart from the bundles' own channels.
        let channels = try #require(n.channels)
        #expect(channels.map(\.channel) == [.none, .walkIn, .online])
        #expect(channels.map(\.arrived) == [6, 1, 1])
        #expect(channels[0].closed == 4 && close(channels[0].leadTimeMeanHours, (2 + 5 + 9 + 1) / 4.0))
    }

    @Test func aCaseWhoseValueNamesNoOpenBundleIsNoPart() throws {
        var s = NetworkStream()
        let plain = s.submit(Net.notice, .online, at: on("2024-09-23", 8))
        // A submission naming a case that is no bundle (as a complaint names the rated case) is not a part.
        let other = s.submit(Net.part1, .online, at: on("2024-09-23", 8), value: Int64(plain) + 1)
        try s.go(.accept(case: other), at: on("2024-09-23", 8))
        try s.go(.approve(case: other), at: on("2024-09-23", 9))
        try s.go(.markResultReady(case: other), at: on("2024-09-23", 9))
        var kpis = s.fold()
        #expect(kpis.network.cases[other]?.parent == 0)
        kpis.record(CaseEvent(.runEnded, at: on("2024-09-23", 10)))
        let bundles = try #require(KPIReport(kpis).network?.bundles)
        #expect((bundles.parents, bundles.completed, bundles.oneByOneMeanHours) == (0, 0, 0))
        #expect(bundles.leadToOneByOne == nil)
    }
}
