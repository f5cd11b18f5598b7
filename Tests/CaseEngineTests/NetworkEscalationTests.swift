@testable import CaseEngine
import SimCore
import Testing

@Suite("Network projection: the escalation desk")
struct NetworkEscalationTests {
    func stream() throws -> NetworkStream {
        var s = NetworkStream()
        // A rejection contested, then resolved at the desk.
        let contested = s.submit(Net.licence, .online, at: on("2024-09-23", 8))
        try s.acceptAndForward(contested, to: Net.social, at: on("2024-09-23", 8))
        // Too many visits for missing materials, then transferred to another body.
        let visits = try s.walkIn(Net.licence, at: on("2024-09-23", 9), wait: .minutes(3))
        try s.go(.requestMaterials(case: visits), at: on("2024-09-23", 9, 10))
        try s.go(.escalate(case: visits), at: on("2024-09-23", 9, 10))
        // Giving up a second time, while queueing on a return visit: still at the desk at the end.
        let twice = s.submit(Net.notice, .walkIn, at: on("2024-09-23", 10))
        try s.go(.issueTicket(case: twice, group: Net.windows), at: on("2024-09-23", 10))
        try s.go(.escalate(case: twice), at: on("2024-09-23", 10, 45))
        try s.go(.reject(case: contested), at: on("2024-09-23", 11))
        try s.go(.escalate(case: contested), at: on("2024-09-23", 11))
        // A complaint from a bad rating of the contested case, sent back to a department and decided.
        let complaint = s.submit(Net.notice, .feedback, at: on("2024-09-23", 12), value: Int64(contested) + 1)
        try s.go(.accept(case: complaint), at: on("2024-09-23", 12))
        try s.go(.escalate(case: complaint), at: on("2024-09-23", 12))
        // Any other escalation: an accepted online case.
        let other = s.submit(Net.licence, .online, at: on("2024-09-23", 13))
        try s.go(.accept(case: other), at: on("2024-09-23", 13))
        try s.go(.escalate(case: other), at: on("2024-09-23", 13))
        try s.go(.transfer(case: visits), at: on("2024-09-24", 9))
        try s.go(.close(case: contested), at: on("2024-09-24", 10))
        try s.go(.forward(case: complaint, department: Net.housing, hall: Net.city), at: on("2024-09-24", 11))
        try s.decideAndClose(complaint, at: on("2024-09-25", 11))
        s.end(at: on("2024-09-26", 0))
        return s
    }

    @Test func theDeskCountsReceivedTransferredClosedAndPendingByTrigger() throws {
        let n = try stream().figures()
        let e = try #require(n.escalation)
        #expect((e.received, e.transferred, e.closed, e.returned, e.pending) == (5, 1, 1, 1, 2))
        #expect(e.received == e.transferred + e.closed + e.returned + e.pending)
        #expect((e.contested, e.visits, e.abandonedTwice, e.complaint, e.other) == (1, 1, 1, 1, 1))
        let channels = try #require(n.channels)
        #expect(channels.map(\.channel) == [.walkIn, .online, .feedback])
        #expect(channels.map(\.escalated) == [2, 2, 1])
        #expect(n.ratings?.complaints == 1)
        #expect(n.departments?[1].decided == 1)
        let cases = try #require(n.cases)
        #expect(cases == .init(arrived: 5, closed: 2, abandoned: 0, transferred: 1, open: 2))
    }

    @Test func theDeskSectionIsThereWithADeskEvenWithoutEscalations() throws {
        var s = NetworkStream()
        s.submit(Net.notice, .online, at: on("2024-09-23", 8))
        let e = try #require(try s.figures().escalation)
        #expect(e == NetworkCounts.EscalationCounts())
    }
}
