import CaseEngine
import Foundation
import SimCore
import Testing

/// Log format 5: the `uncollected` kind, and queue events carrying their visit.
@Test func visitsAndUncollectedResultsRoundTripAndExport() throws {
    let path = temporaryLogPath("format5-visits")
    defer { removeLogFile(path) }
    var ticket = CaseEvent(.ticketIssued, at: .seconds(10), case: 3, hall: 0, group: 0, service: 0, channel: .walkIn)
    ticket.visit = .pickup
    var left = CaseEvent(.uncollected, at: .seconds(70), case: 3, hall: 0, group: 0, service: 0,
                         window: AbandonReason.reneged.rawValue, channel: .walkIn, value: Int64(CaseState.Phase.queued.rawValue))
    left.visit = .pickup
    var back = CaseEvent(.called, at: .seconds(80), case: 4, hall: 0, group: 0, service: 0, window: 1, channel: .walkIn, value: 5_000_000)
    back.visit = .returning
    let first = CaseEvent(.called, at: .seconds(90), case: 5, hall: 0, group: 0, service: 0, window: 0, channel: .walkIn)
    let events = [ticket, left, back, first]
    try writeTestLog(events, to: path, catalog: Net.catalog)
    var reader = try EventLogReader(path: path)
    var read: [CaseEvent] = []
    while let e = try reader.next() { read.append(e) }
    #expect(read == events)
    #expect(read.map(\.visit) == [.pickup, .pickup, .returning, .first])
    var text = ""
    try EventLog.exportJSONLines(from: path, to: &text)
    let lines = try text.split(separator: "\n").dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(lines[0]["queue_visit"] as? String == "pickup")
    #expect(lines[1]["kind"] as? String == "uncollected" && lines[1]["reason"] as? String == "reneged")
    #expect(lines[2]["queue_visit"] as? String == "returning")
    #expect(lines[3]["queue_visit"] == nil)
}

@Test func theProjectionCountsVisitsByKind() {
    var p = KPIProjection(catalog: Net.catalog)
    var pickup = CaseEvent(.ticketIssued, at: .seconds(10), case: 0, hall: 0, group: 0, service: 0, channel: .walkIn)
    pickup.visit = .pickup
    p.record(pickup)
    var left = CaseEvent(.uncollected, at: .seconds(70), case: 0, hall: 0, group: 0, service: 0, channel: .walkIn,
                         value: Int64(CaseState.Phase.queued.rawValue))
    left.visit = .pickup
    p.record(left)
    p.record(CaseEvent(.ticketIssued, at: .seconds(20), case: 1, hall: 0, group: 0, service: 0, channel: .walkIn))
    p.record(CaseEvent(.called, at: .seconds(80), case: 1, hall: 0, group: 0, service: 0, channel: .walkIn, value: 60_000_000))
    let v = p.groups[0].byVisit
    #expect(v.pickup.visits == 1 && v.pickup.gaveUp == 1 && v.pickup.served == 0 && v.pickup.waiting == 0)
    #expect(v.first.visits == 1 && v.first.served == 1 && v.first.waitMeanSeconds == 60)
    #expect(p.abandoned == 0)
    #expect(p.groups[0].queue.level == 0)
}
