@testable import CaseEngine
import Foundation
import SimCore
import Testing

/// A format-2 dictionary payload, written here by hand from docs/event-log.md (not by the encoder).
func version2Dictionary(_ c: Catalog) -> [UInt8] {
    var out: [UInt8] = []
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out += $0 } }
    func string(_ s: String) {
        u32(s.utf8.count)
        out += Array(s.utf8)
    }
    string(c.scenario)
    withUnsafeBytes(of: c.seed.littleEndian) { out += $0 }
    withUnsafeBytes(of: Int32(c.calendar.start.epochDay).littleEndian) { out += $0 }
    out.append(c.calendar.weekend.reduce(UInt8(0)) { $0 | 1 << UInt8($1.rawValue - 1) })
    for days in [c.calendar.holidays, c.calendar.workingDays] {
        u32(days.count)
        for d in days.sorted() { withUnsafeBytes(of: Int32(d.epochDay).littleEndian) { out += $0 } }
    }
    withUnsafeBytes(of: (c.serviceLevelTarget?.ticks ?? -1).littleEndian) { out += $0 }
    u32(c.halls.count)
    for h in c.halls {
        string(h.id)
        string(h.tier)
        u32(h.parent ?? Int(UInt32.max))
    }
    u32(c.groups.count)
    for g in c.groups {
        string(g.id)
        u32(g.hall)
        u32(g.servers)
    }
    u32(c.services.count)
    for s in c.services { string(s) }
    return out
}

/// Writes a whole format-2 log (one segment, one event block) byte by byte, as a build of format 2 did.
func writeVersion2Log(_ catalog: Catalog, _ events: [CaseEvent], to path: String) throws -> UInt64 {
    let dictionary = version2Dictionary(catalog)
    var file = [UInt8](repeating: 0, count: 40 + 24 + dictionary.count + 24 + 32 * events.count + 48)
    var records = [UInt8](repeating: 0, count: 32 * events.count)
    records.withUnsafeMutableBytes { r in
        for (i, e) in events.enumerated() { EventLog.encode(e, to: r.baseAddress! + 32 * i) }
    }
    var digest = XXHash64()
    digest.update(dictionary)
    digest.update(records)
    let sum = digest.finalize()
    file.withUnsafeMutableBytes { b in
        let p = b.baseAddress!
        p.copyMemory(from: EventLog.segmentMagic, byteCount: 8)
        p.storeBytes(of: UInt16(2).littleEndian, toByteOffset: 8, as: UInt16.self)
        p.storeBytes(of: UInt16(40).littleEndian, toByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: UInt32(16).littleEndian, toByteOffset: 16, as: UInt32.self)
        p.storeBytes(of: UInt32(3).littleEndian, toByteOffset: 20, as: UInt32.self)
        p.storeBytes(of: XXHash64.hash(dictionary).littleEndian, toByteOffset: 24, as: UInt64.self)
        p.storeBytes(of: XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32)).littleEndian, toByteOffset: 32, as: UInt64.self)
        var at = 40
        (p + at + 24).copyMemory(from: dictionary, byteCount: dictionary.count)
        EventLog.sealBlock(p + at, magic: EventLog.dictionaryMagic, count: dictionary.count, firstEvent: 0)
        at += 24 + dictionary.count
        (p + at + 24).copyMemory(from: records, byteCount: records.count)
        EventLog.sealBlock(p + at, magic: EventLog.eventsMagic, count: records.count, firstEvent: 0)
        at += 24 + records.count
        (p + at + 24).storeBytes(of: UInt64(events.count).littleEndian, toByteOffset: 0, as: UInt64.self)
        (p + at + 24).storeBytes(of: sum.littleEndian, toByteOffset: 8, as: UInt64.self)
        (p + at + 24).storeBytes(of: UInt32(1).littleEndian, toByteOffset: 16, as: UInt32.self)
        EventLog.sealBlock(p + at, magic: EventLog.endMagic, count: 24, firstEvent: events.count)
    }
    try Data(file).write(to: URL(fileURLWithPath: path))
    return sum
}

@Suite("Event log dictionary, format 3: hall and group kinds, wait targets, service terms")
struct EventLogDictionaryTests {
    @Test func aNetworkCatalogRoundTripsAndEveryPrefixIsRefused() throws {
        let bytes = try EventLogDictionary.encode(Net.catalog)
        let back = try EventLogDictionary.decode(bytes)
        #expect(back == Net.catalog)
        #expect(back.halls[1].kind == "hotline" && back.halls[1].waitTarget == .seconds(20))
        #expect(back.groups.map(\.kind) == [.window, .department, .department, .escalation, .window])
        #expect(back.terms[2].parts == [3, 4, 5] && back.terms[0].promised == 5 && back.terms[0].statutory == 10)
        #expect(back.terms[6].statutory == nil)
        for n in 0..<bytes.count {
            #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(Array(bytes[..<n])) }
        }
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(bytes + [0]) }
    }

    @Test func theSameCatalogGivesTheSameBytesAndEveryNewFieldChangesThem() throws {
        let a = try EventLogDictionary.encode(Net.catalog)
        var rebuilt = Net.catalog
        rebuilt.calendar = ServiceCalendar(
            start: octoberCalendar.start, weekend: [.sunday, .saturday],
            holidays: Set(octoberCalendar.holidays.sorted().reversed()), workingDays: Set(octoberCalendar.workingDays.sorted().reversed())
        )
        #expect(try EventLogDictionary.encode(rebuilt) == a)
        var changes: [Catalog] = []
        var c = Net.catalog
        c.halls[1].kind = "outlet"
        changes.append(c)
        c = Net.catalog
        c.halls[1].waitTarget = .seconds(21)
        changes.append(c)
        c = Net.catalog
        c.halls[1].waitTarget = nil
        changes.append(c)
        c = Net.catalog
        c.groups[3].kind = .kiosk
        changes.append(c)
        c = Net.catalog
        c.terms[0].promised = 6
        changes.append(c)
        c = Net.catalog
        c.terms[2].parts = [3, 5, 4]
        changes.append(c)
        c = Net.catalog
        c.terms = []
        changes.append(c)
        for changed in changes {
            let bytes = try EventLogDictionary.encode(changed)
            #expect(bytes != a)
            #expect(try EventLogDictionary.decode(bytes) == changed)
        }
    }

    @Test func malformedNetworkCatalogsAreRefused() throws {
        var c = Net.catalog
        c.terms.removeLast()
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(c) }
        c = Net.catalog
        c.terms[2].parts = [3, 7]
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(c) }
        c = Net.catalog
        c.terms[0].statutory = -2
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(c) }
        c = Net.catalog
        c.halls[0].waitTarget = SimTime(ticks: -5)
        #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.encode(c) }

        // A group kind this build does not know: the byte after the last group's servers.
        let one = Catalog(scenario: "", seed: 0, halls: [.init(id: "h", tier: "city")], groups: [.init(id: "g", hall: 0, servers: 1)], services: [])
        var bytes = try EventLogDictionary.encode(one)
        let kindAt = bytes.count - 4 - 4 - 1  // services count, terms count, then back over the kind
        #expect(bytes[kindAt] == Catalog.GroupKind.window.rawValue)
        bytes[kindAt] = 9
        let error = #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(bytes) }
        #expect(error?.message.contains("kind") == true)
    }

    @Test func aFormatTwoLogIsStillReadWithTheNewFieldsDefaulted() throws {
        let path = temporaryLogPath("format2")
        defer { removeLogFile(path) }
        let old = Catalog(
            scenario: "old", seed: 5, halls: [.init(id: "city", tier: "city"), .init(id: "town", tier: "town", parent: 0)],
            groups: [.init(id: "w", hall: 0, servers: 3), .init(id: "v", hall: 1, servers: 1)], services: ["a", "b"],
            calendar: octoberCalendar, serviceLevelTarget: .minutes(10)
        )
        let events = randomLogEvents(12, seed: 5).map { e in
            var e = e
            e.kind = [.submitted, .ticketIssued, .called, .serviceCompleted][Int(e.caseID % 4)]
            return e
        }
        let digest = try writeVersion2Log(old, events, to: path)
        var reader = try EventLogReader(path: path)
        #expect(reader.formatVersion == 2)
        #expect(reader.catalog == old)
        #expect(reader.catalog.halls.allSatisfy { $0.kind == "hall" && $0.waitTarget == nil })
        #expect(reader.catalog.groups.allSatisfy { $0.kind == .window })
        #expect(reader.catalog.terms.isEmpty && !reader.catalog.hasNetwork)
        var read: [CaseEvent] = []
        while let e = try reader.next() { read.append(e) }
        #expect(read == events)
        #expect(reader.footer?.digest == EventLog.hex(digest) && reader.digest == EventLog.hex(digest))
        #expect(try EventLog.verify(path: path).footer?.digest == EventLog.hex(digest))
        // The same catalog written today is format 3: different bytes, same catalog.
        #expect(try EventLogDictionary.encode(old) != version2Dictionary(old))
        #expect(try EventLogDictionary.decode(version2Dictionary(old), version: 2) == old)
    }

    @Test func aNewLogIsFormatFiveAndHoldsDeskWork() throws {
        let path = temporaryLogPath("format5")
        defer { removeLogFile(path) }
        let work = CaseEvent(.workStarted, at: .seconds(60), case: 2, hall: 0, group: 1, service: 0, window: 1, channel: .walkIn, value: 90_000_000)
        try writeTestLog([CaseEvent(.staffingChanged, at: .zero, hall: 0, group: 0, value: 4), work], to: path, catalog: Net.catalog)
        var reader = try EventLogReader(path: path)
        #expect(EventLog.formatVersion == 5)
        #expect(reader.formatVersion == 5)
        #expect(reader.catalog == Net.catalog)
        _ = try reader.next()
        #expect(try reader.next() == work)
        var text = ""
        try EventLog.exportJSONLines(from: path, to: &text)
        let line = try #require(text.split(separator: "\n").last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(line["kind"] as? String == "workStarted" && line["group"] as? String == "social")
        #expect(line["desk"] as? Int == 1 && line["work_s"] as? Double == 90 && line["case"] as? Int == 2)
    }

    @Test(arguments: [CaseEvent.Kind.workStarted, .uncollected])
    func anOlderLogHoldingAFormatFiveKindIsRefusedAndOneWithoutItStillReads(_ kind: CaseEvent.Kind) throws {
        let path = temporaryLogPath("format2-desk")
        defer { removeLogFile(path) }
        let old = Catalog(
            scenario: "old", seed: 5, halls: [.init(id: "city", tier: "city")], groups: [.init(id: "w", hall: 0, servers: 3)],
            services: ["a"], calendar: octoberCalendar
        )
        let plain = [CaseEvent(.submitted, at: .seconds(1), case: 0, hall: 0, service: 0, channel: .walkIn)]
        _ = try writeVersion2Log(old, plain, to: path)
        var reader = try EventLogReader(path: path)
        #expect(try reader.next() == plain[0])
        _ = try writeVersion2Log(old, plain + [CaseEvent(kind, at: .seconds(2), case: 0, hall: 0, group: 0, value: 5)], to: path)
        var again = try EventLogReader(path: path)
        let error = #expect(throws: EventLogError.self) { while try again.next() != nil {} }
        #expect(error?.reason == .unknownRecord)
        #expect(error?.description.contains("logs of format 2 do not hold") == true, "\(String(describing: error))")
    }

    @Test func theJSONExportCarriesKindsTargetsTermsRatingsAndCallbacks() throws {
        let path = temporaryLogPath("json-network")
        defer { removeLogFile(path) }
        try writeTestLog([
            CaseEvent(.rated, at: .seconds(90), case: 4, hall: 0, group: 0, service: 0, window: 1, channel: .walkIn, value: 1_500_000),
            CaseEvent(.rated, at: .seconds(91), case: 5, hall: 0, group: 0, service: 0, window: 0, channel: .online),
            CaseEvent(.callbackDone, at: .seconds(7290), case: 4, hall: 0, group: 1, service: 0, value: 7_200_000_000),
        ], to: path, catalog: Net.catalog)
        var text = ""
        try EventLog.exportJSONLines(from: path, to: &text)
        let lines = try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let head = try #require(lines[0]["catalog"] as? [String: Any])
        let halls = try #require(head["halls"] as? [[String: Any]])
        #expect(halls[0]["kind"] as? String == "hall" && halls[0]["wait_target_s"] == nil)
        #expect(halls[1]["kind"] as? String == "hotline" && halls[1]["wait_target_s"] as? Double == 20)
        let groups = try #require(head["groups"] as? [[String: Any]])
        #expect(groups.map { $0["kind"] as? String } == ["window", "department", "department", "escalation", "window"])
        let terms = try #require(head["terms"] as? [[String: Any]])
        #expect(terms.count == 6)  // every service but "notice"
        #expect(terms[0]["service"] as? String == "licence" && terms[0]["statutory_wd"] as? Int == 10 && terms[0]["promised_wd"] as? Int == 5)
        #expect(terms[0]["parts"] == nil)
        #expect(terms[1]["service"] as? String == "move" && terms[1]["parts"] as? [String] == ["part1", "part2", "part3"])
        #expect(terms[1]["statutory_wd"] == nil)
        #expect(terms[5]["service"] as? String == "reply" && terms[5]["statutory_wd"] == nil && terms[5]["promised_wd"] as? Int == 5)

        #expect(lines[1]["kind"] as? String == "rated")
        #expect(lines[1]["rating"] as? String == "bad" && lines[1]["wait_s"] as? Double == 1.5)
        #expect(lines[1]["group"] as? String == "windows" && lines[1]["case"] as? Int == 4)
        #expect(lines[2]["rating"] as? String == "good" && lines[2]["wait_s"] as? Double == 0)
        #expect(lines[3]["kind"] as? String == "callbackDone")
        #expect(lines[3]["group"] as? String == "social" && lines[3]["since_rating_s"] as? Double == 7200)
        #expect(lines[3]["value"] == nil)
    }

    @Test func aPlainCatalogExportsEmptyTermsAndWindowKinds() throws {
        let path = temporaryLogPath("json-plain")
        defer { removeLogFile(path) }
        try writeTestLog([], to: path)
        var text = ""
        try EventLog.exportJSONLines(from: path, to: &text)
        let first = try #require(text.split(separator: "\n").first)
        #expect(first.contains(#""groups":[{"id":"comprehensive","hall":0,"servers":8,"kind":"window"}"#))
        #expect(first.hasSuffix(#""services":["generic","passport","subsidy"],"terms":[]}}"#))
        #expect(first.contains(#"{"id":"city-hall","tier":"city","kind":"hall"}"#))
    }
}
