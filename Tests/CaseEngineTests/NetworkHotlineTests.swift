@testable import CaseEngine
import SimCore
import Testing

@Suite("Network projection: the 12345 hotline and ratings")
struct NetworkHotlineTests {
    func stream() throws -> NetworkStream {
        var s = NetworkStream()
        func call(at minute: Int, wait: Double) throws -> UInt32 {
            try s.walkIn(Net.reply, hall: Net.hotlineHall, group: Net.agents, .hotline, at: on("2024-09-23", 9, minute), wait: .seconds(wait))
        }
        // Answered by the agent after 5 s and after exactly the 20 s target.
        let a = try call(at: 0, wait: 5)
        try s.go(.completeService(case: a), at: on("2024-09-23", 9, 2, 5))
        let b = try call(at: 10, wait: 20)
        try s.go(.completeService(case: b), at: on("2024-09-23", 9, 13, 20))
        // Dispatched after 25 s of waiting and 5 minutes of talk, to social; after 60 s and 1 minute, to housing.
        let c = try call(at: 20, wait: 25)
        try s.acceptAndForward(c, to: Net.social, at: on("2024-09-23", 9, 25, 25))
        let d = try call(at: 30, wait: 60)
        try s.acceptAndForward(d, to: Net.housing, at: on("2024-09-23", 9, 32))
        // A caller who hangs up after 40 s.
        let e = s.submit(Net.reply, hall: Net.hotlineHall, .hotline, at: on("2024-09-23", 9, 40))
        try s.go(.issueTicket(case: e, group: Net.agents), at: on("2024-09-23", 9, 40))
        try s.abandon(e, .reneged, at: on("2024-09-23", 9, 40, 40))
        // Replies due 29 September (5 working days from Monday 23rd; Sunday 29th is worked):
        // social on the 27th, housing on 8 October, 2 working days late.
        try s.decideAndClose(c, at: on("2024-09-27", 10))
        try s.decideAndClose(d, at: on("2024-10-08", 10))
        s.end(at: on("2024-10-09", 0))
        return s
    }

    @Test func callsAnswersWaitsTalksAndTheShareAnsweredWithinTarget() throws {
        let h = try #require(try stream().figures().hotline)
        #expect((h.calls, h.answered, h.abandoned) == (5, 4, 1))
        #expect(h.answerRate == 0.8)
        #expect(h.answeredWithinTarget == 0.5)  // 5 s and 20 s of 5, 20, 25, 60
        #expect(h.waitTargetSeconds == 20)
        #expect(close(h.waitMeanSeconds, 27.5))
        #expect(close(h.talkMeanSeconds, (120 + 180 + 300 + 60) / 4.0))
        #expect((h.closedByAgent, h.dispatched) == (2, 2))
    }

    @Test func repliesOfMemberUnitsAreJudgedAgainstThePromisedLimit() throws {
        let n = try stream().figures()
        let h = try #require(n.hotline)
        #expect((h.repliesDecided, h.repliesOnTime, h.repliesLate) == (2, 1, 1))
        #expect(h.repliesOnTimeShare == 0.5)
        #expect(h.unitsLate == 1)
        #expect(h.lateByUnit.count == 1)
        #expect(h.lateByUnit.first?.department == "housing" && h.lateByUnit.first?.late == 1)
        #expect(n.departments?[1].latenessMax == 2)
        #expect(n.cases?.holds == true)
    }

    @Test func aHotlineWithoutATargetAnswersWithinFifteenSeconds() throws {
        var catalog = Net.catalog
        catalog.halls[1].waitTarget = nil
        let h = try #require(try stream().figures(catalog).hotline)
        #expect(h.answeredWithinTarget == 0.25)
        #expect(h.waitTargetSeconds == 15)
    }

    @Test func ratingsCallbacksAndComplaints() throws {
        var s = NetworkStream()
        let ids = try (0..<4).map { k in
            let id = try s.walkIn(Net.notice, at: on("2024-09-23", 9, 10 * k), wait: .minutes(Double(k)))
            try s.go(.completeService(case: id), at: on("2024-09-23", 9, 10 * k + 5))
            return id
        }
        for (k, id) in ids.enumerated() { s.rate(id, bad: k == 3, wait: .minutes(Double(k)), at: on("2024-09-23", 9, 10 * k + 5)) }
        s.submit(Net.notice, .feedback, at: on("2024-09-23", 10), value: Int64(ids[3]) + 1)
        s.callback(ids[3], by: Net.social, after: .hours(2), at: on("2024-09-23", 11, 35))
        s.callback(ids[2], by: Net.social, after: .hours(4), at: on("2024-09-23", 13, 25))
        let r = try #require(try s.figures().ratings)
        #expect((r.rated, r.good, r.bad) == (4, 3, 1))
        #expect(r.satisfied == 0.75)
        #expect(r.callbacks == 2 && close(r.callbackMeanHours, 3))
        #expect(r.complaints == 1)
    }
}
