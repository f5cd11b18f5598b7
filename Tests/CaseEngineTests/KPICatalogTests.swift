@testable import CaseEngine
import Foundation
import SimCore
import Testing

@Suite("Catalog: what a stored log carries for its reports")
struct KPICatalogTests {
    let catalog = Catalog(
        scenario: "network", seed: 7,
        halls: [
            .init(id: "city", tier: "city"), .init(id: "county", tier: "county", parent: 0),
            .init(id: "town", tier: "town", parent: 1), .init(id: "village", tier: "village", parent: 2),
        ],
        groups: [.init(id: "one-window", hall: 0, servers: 9), .init(id: "w", hall: 3, servers: 1)],
        services: ["licence", "housing fund"],
        calendar: china2024,
        serviceLevelTarget: .minutes(15)
    )

    @Test func aCatalogRoundTripsThroughTheDictionaryBlock() throws {
        let bytes = try EventLogDictionary.encode(catalog)
        #expect(try EventLogDictionary.decode(bytes) == catalog)
        for n in 0..<bytes.count {
            #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(Array(bytes[..<n])) }
        }
        var other = catalog
        other.calendar.weekend = [.friday, .saturday]
        other.serviceLevelTarget = nil
        other.halls[3].parent = nil
        #expect(try EventLogDictionary.decode(try EventLogDictionary.encode(other)) == other)
    }

    @Test func aCatalogRoundTripsThroughALogFileAndItsDigestDependsOnTheCalendar() throws {
        let path = temporaryLogPath("catalog")
        defer { removeLogFile(path) }
        let footer = try writeTestLog([CaseEvent(.staffingChanged, at: .zero, hall: 0, group: 0, value: 9)], to: path, catalog: catalog)
        let reader = try EventLogReader(path: path)
        #expect(reader.catalog == catalog)
        var moved = catalog
        moved.calendar.workingDays.remove(date("2024-10-12"))
        let other = try writeTestLog([CaseEvent(.staffingChanged, at: .zero, hall: 0, group: 0, value: 9)], to: path, catalog: moved)
        #expect(other.digest != footer.digest)
    }

    @Test func theSameCatalogAlwaysEncodesToTheSameBytes() throws {
        let a = try EventLogDictionary.encode(catalog)
        var rebuilt = catalog
        rebuilt.calendar = ServiceCalendar(
            start: china2024.start, weekend: [.sunday, .saturday],
            holidays: Set(china2024.holidays.sorted().reversed()), workingDays: Set(china2024.workingDays.sorted().reversed())
        )
        #expect(try EventLogDictionary.encode(rebuilt) == a)
    }

    @Test func malformedCatalogsAreRefusedWithAReason() throws {
        var cycle = catalog
        cycle.halls[0].parent = 3
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(cycle) }
        var own = catalog
        own.halls[1].parent = 1
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(own) }
        var outside = catalog
        outside.halls[1].parent = 4
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(outside) }
        var negative = catalog
        negative.serviceLevelTarget = SimTime(ticks: -2)
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(negative) }
        var far = catalog
        far.calendar.holidays.insert(CalendarDate(year: 10_000, month: 1, day: 1)!)
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(far) }

        // Decoding checks what encoding guarantees: holidays in ascending order, a valid weekend.
        let plain = Catalog(scenario: "", seed: 0, halls: [], groups: [], services: [], calendar: ServiceCalendar(start: date("2024-01-01"), holidays: [date("2024-05-01"), date("2024-05-02")]))
        var bytes = try EventLogDictionary.encode(plain)
        let holidays = 4 + 8 + 4 + 1 + 4  // scenario, seed, start, weekend, count
        bytes.swapAt(holidays, holidays + 4)  // 2024-05-01 and 2024-05-02 differ in their first byte only
        let unsorted = #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(bytes) }
        #expect(unsorted?.message.contains("ascending") == true)
        bytes = try EventLogDictionary.encode(plain)
        bytes[4 + 8 + 4] |= 0x80
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(bytes) }
    }

    @Test func theJSONExportCarriesTheCalendarTargetParentsAndStaffing() throws {
        let path = temporaryLogPath("catalog-json")
        defer { removeLogFile(path) }
        try writeTestLog([
            CaseEvent(.staffingChanged, at: .zero, hall: 3, group: 1, value: 1),
            CaseEvent(.submitted, at: .seconds(5), case: 0, hall: 3, service: 1, window: 2, channel: .walkIn),
            CaseEvent(.abandoned, at: .seconds(6), case: 0, hall: 3, group: 1, service: 1, window: AbandonReason.balked.rawValue, value: 1),
        ], to: path, catalog: catalog)
        var text = ""
        try EventLog.exportJSONLines(from: path, to: &text)
        let lines = try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let head = try #require(lines[0]["catalog"] as? [String: Any])
        let calendar = try #require(head["calendar"] as? [String: Any])
        #expect(calendar["start"] as? String == "2024-01-01")
        #expect(calendar["weekend"] as? [String] == ["saturday", "sunday"])
        #expect((calendar["holidays"] as? [String])?.first == "2024-02-10")
        #expect(calendar["working_days"] as? [String] == ["2024-02-04", "2024-02-18", "2024-09-29", "2024-10-12"])
        #expect(head["service_level_target_s"] as? Double == 900)
        let halls = try #require(head["halls"] as? [[String: Any]])
        #expect(halls[0]["parent"] == nil && halls[3]["parent"] as? String == "town")
        #expect(lines[1]["kind"] as? String == "staffingChanged")
        #expect(lines[1]["group"] as? String == "w" && lines[1]["staffed"] as? Int == 1 && lines[1]["case"] == nil)
        #expect(lines[2]["visit"] as? Int == 2)
        #expect(lines[3]["reason"] as? String == "balked")
    }
}
