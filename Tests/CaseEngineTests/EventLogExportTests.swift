@testable import CaseEngine
import Foundation
import SimCore
import Testing

@Suite("Event log JSON Lines export")
struct EventLogExportTests {
    let events: [CaseEvent] = [
        CaseEvent(.submitted, at: .seconds(12.5), case: 7, hall: 0, service: 1, channel: .walkIn),
        CaseEvent(.ticketIssued, at: .seconds(12.5), case: 7, hall: 0, group: 1, service: 1),
        CaseEvent(.called, at: SimTime(ticks: 73_000_001), case: 7, hall: 0, group: 1, service: 1, window: 3, value: 60_500_001),
        CaseEvent(.serviceCompleted, at: .seconds(193), case: 7, hall: 0, group: 1, service: 1, window: 3, value: 120_000_000),
        CaseEvent(.called, at: .seconds(200), case: 8, hall: 9, group: 1, service: 2, window: 0, value: 0),
        CaseEvent(.runEnded, at: .seconds(3600)),
    ]

    func exportLines(_ path: String) throws -> (lines: [[String: Any]], result: EventLog.Verification) {
        var text = ""
        let result = try EventLog.exportJSONLines(from: path, to: &text)
        #expect(text.hasSuffix("\n"))
        let lines = try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (lines, result)
    }

    @Test func theFirstLineIsTheCatalogThenOneObjectPerEvent() throws {
        let path = temporaryLogPath("json")
        defer { removeLogFile(path) }
        let footer = try writeTestLog(events, to: path)
        let (lines, result) = try exportLines(path)
        #expect(lines.count == events.count + 1)
        #expect(result.footer == footer)

        let catalog = try #require(lines[0]["catalog"] as? [String: Any])
        #expect(catalog["scenario"] as? String == logTestCatalog.scenario)
        #expect(catalog["seed"] as? Int == 42)
        let halls = try #require(catalog["halls"] as? [[String: Any]])
        #expect(halls.count == 2)
        #expect(halls[1]["tier"] as? String == "village")
        let groups = try #require(catalog["groups"] as? [[String: Any]])
        #expect(groups[2]["hall"] as? Int == 1)
        #expect(groups[0]["servers"] as? Int == 8)
        #expect(catalog["services"] as? [String] == logTestCatalog.services)

        let submitted = lines[1]
        #expect(submitted["kind"] as? String == "submitted")
        #expect(submitted["time_s"] as? Double == 12.5)
        #expect(submitted["case"] as? Int == 7)
        #expect(submitted["hall"] as? String == "city-hall")
        #expect(submitted["service"] as? String == "passport")
        #expect(submitted["channel"] as? String == "walkIn")
        #expect(submitted["group"] == nil && submitted["window"] == nil)

        #expect(lines[2]["kind"] as? String == "ticketIssued")
        #expect(lines[2]["group"] as? String == "dept")
        #expect(lines[2]["window"] == nil)
        #expect(lines[2]["channel"] as? String == "none")

        let called = lines[3]
        #expect(called["kind"] as? String == "called")
        #expect(called["time_s"] as? Double == 73.000001)
        #expect(called["window"] as? Int == 3)
        #expect(called["wait_s"] as? Double == 60.500001)

        #expect(lines[4]["service_s"] as? Double == 120)
        #expect(lines[5]["hall"] as? Int == 9)  // outside the catalog: the index
        #expect(lines[5]["wait_s"] as? Double == 0)
        #expect(lines[6]["kind"] as? String == "runEnded")
        #expect(lines[6].count == 2)
    }

    @Test func otherKindsCarryEveryFieldWithRawNumbers() throws {
        let path = temporaryLogPath("json-other")
        defer { removeLogFile(path) }
        // Any kind beyond the four window kinds and the run's end.
        let other = try #require(CaseEvent.Kind.allCases.first { ![.submitted, .ticketIssued, .called, .serviceCompleted, .runEnded].contains($0) })
        try writeTestLog([CaseEvent(other, at: .seconds(1), case: 3, hall: 1, group: 2, service: 0, window: 4, channel: .walkIn, value: -5)], to: path)
        let line = try exportLines(path).lines[1]
        #expect(line["kind"] as? String == String(describing: other))
        #expect(line["hall"] as? String == "village")
        #expect(line["service"] as? String == "generic")
        #expect(line["group"] as? Int == 2)
        #expect(line["window"] as? Int == 4)
        #expect(line["value"] as? Int == -5)
        #expect(line["channel"] as? String == "walkIn")
    }

    @Test func timesAreExactDecimals() {
        func render(_ ticks: Int64) -> String {
            var out: [UInt8] = []
            JSONLineWriter.appendSeconds(ticks, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(render(0) == "0")
        #expect(render(1) == "0.000001")
        #expect(render(1_500_000) == "1.5")
        #expect(render(-2_000_010) == "-2.00001")
        #expect(render(.min) == "-9223372036854.775808")
        #expect(render(.max) == "9223372036854.775807")
    }

    @Test func namesAreEscaped() {
        #expect(String(decoding: JSONLineWriter.quoted("a\"b\\c\nd\u{1}é"), as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\u0001é\"")
    }

    @Test func aTornLogExportsItsCompleteBlocksAndReportsTheTail() throws {
        let path = temporaryLogPath("json-torn")
        defer { removeLogFile(path) }
        let many = randomLogEvents(100, seed: 5)
        try writeTestLog(many, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try writeLogPrefix(data, length: data.count - 100, to: path)
        let (lines, result) = try exportLines(path)
        #expect(result.footer == nil)
        #expect(result.tail?.isTorn == true)
        #expect(lines.count == 1 + 96)  // 6 complete blocks of 16; the short last one is cut
    }

    @Test func exportStreamsLargeLogsInChunks() throws {
        let path = temporaryLogPath("json-large")
        defer { removeLogFile(path) }
        let many = randomLogEvents(20_000, seed: 6)
        try writeTestLog(many, to: path, layout: .standard)
        var chunks = 0
        var newlines = 0
        let result = try EventLog.exportJSONLines(from: path) { bytes in
            chunks += 1
            newlines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        #expect(chunks > 1)
        #expect(newlines == 20_001)
        #expect(result.events == 20_000)
    }
}
