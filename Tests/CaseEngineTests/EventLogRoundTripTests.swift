@testable import CaseEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SimCore
import Testing

@Suite("Event log round trip")
struct EventLogRoundTripTests {
    @Test(arguments: [0, 1, 15, 16, 17, 48, 96, 97, 200, 1_000])
    func eventsReadBackEqualWithCatalogAndDigest(count: Int) throws {
        let path = temporaryLogPath("roundtrip")
        defer { removeLogFile(path) }
        let events = randomLogEvents(count, seed: UInt64(count) + 7)
        let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout, sync: false)
        for e in events { writer.record(e) }
        #expect(writer.events == count)
        let digestBeforeFinish = writer.digest
        let footer = try writer.finish()
        #expect(footer.events == count)
        #expect(footer.bytes == (try logFileSize(path)))
        #expect(footer.digest == digestBeforeFinish)
        #expect(footer.digest == writer.digest)
        #expect(footer.digest.count == 16 && footer.digest.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(footer.segments == max(1, ((count + 15) / 16 + 2) / 3))

        let outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        let reader = try #require(outcome.reader)
        #expect(sameLogEvents(outcome.events, events[...]))
        #expect(reader.catalog == logTestCatalog)
        #expect(reader.layout == smallLogLayout)
        #expect(reader.digest == footer.digest)
        #expect(reader.footer == footer)
        #expect(reader.tail == nil)
        #expect(reader.events == count)
    }

    @Test func aLogSpansSeveralSegmentsWithTheSmallLayout() throws {
        let path = temporaryLogPath("segments")
        defer { removeLogFile(path) }
        let footer = try writeTestLog(randomLogEvents(200, seed: 1), to: path)
        #expect(footer.segments == 5)  // 13 blocks of 16 records, 3 blocks per segment
        let check = try EventLog.verify(path: path)
        #expect(check.segments == 5)
        #expect(check.isFinished)
        #expect(check.events == 200)
        #expect(check.digest == footer.digest)
    }

    @Test func theStandardLayoutRoundTrips() throws {
        let path = temporaryLogPath("standard")
        defer { removeLogFile(path) }
        let events = randomLogEvents(5_000, seed: 99)
        let footer = try writeTestLog(events, to: path, layout: .standard)
        #expect(footer.segments == 1)
        // The segment header and the catalog block's header, the catalog, three event blocks' headers, the records, the end block.
        let dictionary = Int64(try EventLogDictionary.encode(logTestCatalog).count)
        let bytes: Int64 = (40 + 24) + dictionary + 3 * 24 + 5_000 * 32 + 48
        #expect(footer.bytes == bytes)
        let outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        #expect(sameLogEvents(outcome.events, events[...]))
    }

    @Test func nextForEachAndReplayHandOutTheSameEvents() throws {
        let path = temporaryLogPath("apis")
        defer { removeLogFile(path) }
        let events = randomLogEvents(300, seed: 3)
        try writeTestLog(events, to: path)

        var viaForEach: [CaseEvent] = []
        var reader = try EventLogReader(path: path)
        try reader.forEach { viaForEach.append($0) }
        #expect(sameLogEvents(viaForEach, events[...]))

        struct Collect: CaseEventSink {
            var events: [CaseEvent] = []
            mutating func record(_ event: CaseEvent) { events.append(event) }
        }
        var sink = Collect()
        var again = try EventLogReader(path: path)
        let sent = try again.replay(into: &sink)
        #expect(sent == 300)
        #expect(sameLogEvents(sink.events, events[...]))
        #expect(again.digest == reader.digest)
        #expect(again.footer != nil)
    }

    @Test func readerCopiesReadIndependently() throws {
        let path = temporaryLogPath("copies")
        defer { removeLogFile(path) }
        let events = randomLogEvents(100, seed: 5)
        try writeTestLog(events, to: path)
        var a = try EventLogReader(path: path)
        for _ in 0..<10 { _ = try a.next() }
        var b = a
        var restA: [CaseEvent] = []
        var restB: [CaseEvent] = []
        // Interleave so both copies load blocks while the other is mid-block.
        while true {
            let x = try a.next()
            let y1 = try b.next()
            let y2 = try b.next()
            if let x { restA.append(x) }
            if let y1 { restB.append(y1) }
            if let y2 { restB.append(y2) }
            if x == nil && y1 == nil { break }
        }
        #expect(sameLogEvents(restA, events[10...]))
        #expect(sameLogEvents(restB, events[10...]))
    }

    @Test func theWriterWorksAsAGenericSink() throws {
        func run<Sink: CaseEventSink>(_ events: [CaseEvent], into sink: Sink) -> Sink {
            var s = sink
            for e in events { s.record(e) }
            return s
        }
        let path = temporaryLogPath("sink")
        defer { removeLogFile(path) }
        let events = randomLogEvents(50, seed: 8)
        let writer = run(events, into: try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout, sync: false))
        let footer = try writer.finish()
        #expect(try writer.finish() == footer)  // idempotent
        #expect(sameLogEvents(readWholeLog(path).events, events[...]))
    }

    @Test func aWriterDroppedWithoutFinishingLeavesAnUnfinishedLogWithAllEvents() throws {
        let path = temporaryLogPath("dropped")
        defer { removeLogFile(path) }
        let events = randomLogEvents(40, seed: 11)
        do {
            let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout, sync: false)
            for e in events { writer.record(e) }
        }
        let outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        #expect(sameLogEvents(outcome.events, events[...]))
        let tail = try #require(outcome.reader?.tail)
        #expect(!tail.isTorn)
        #expect(outcome.reader?.footer == nil)
    }

    @Test func theWriterRejectsWhatItCannotStore() throws {
        let path = temporaryLogPath("invalid")
        defer { removeLogFile(path) }
        #expect(throws: EventLogError.self) {
            try EventLogWriter(path: path, catalog: logTestCatalog, layout: EventLogLayout(recordsPerBlock: 0, blocksPerSegment: 1))
        }
        var bad = logTestCatalog
        bad.groups.append(.init(id: "orphan", hall: 9, servers: 1))
        let error = #expect(throws: EventLogError.self) { try EventLogWriter(path: path, catalog: bad) }
        #expect(error?.reason == .invalidInput)
        #expect(error?.description.contains("orphan") == true)
        #expect(throws: EventLogError.self) {
            try EventLogWriter(path: "/nonexistent-dir-\(UUID().uuidString)/x.log", catalog: logTestCatalog)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnIOErrorNotACrash() throws {
        let error = #expect(throws: EventLogError.self) { try EventLogWriter(path: "/dev/full", catalog: logTestCatalog) }
        #expect(error?.reason == .io)
        #expect(error?.description.contains("/dev/full") == true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aWriteFailureMidRunSurfacesAtFinish() throws {
        let path = temporaryLogPath("fails")
        defer { removeLogFile(path) }
        let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout, sync: false)
        for e in randomLogEvents(20, seed: 12) { writer.record(e) }  // one block written
        // The disk fills up: swap the writer's descriptor for /dev/full.
        let full = open("/dev/full", O_WRONLY)
        #expect(full >= 0)
        #expect(dup2(full, writer.fd) == writer.fd)
        close(full)
        for e in randomLogEvents(100, seed: 13) { writer.record(e) }  // record never throws
        let error = #expect(throws: EventLogError.self) { try writer.finish() }
        #expect(error?.reason == .io)
        // What reached the disk before the failure reads back, unfinished.
        let outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        #expect(outcome.events.count == 16)
        #expect(outcome.reader?.footer == nil)
    }

    @Test func theDictionaryRoundTripsEdgeCases() throws {
        let catalogs = [
            Catalog(scenario: "", seed: 0, halls: [], groups: [], services: []),
            Catalog(scenario: "mmc", seed: .max, halls: [.init(id: "h", tier: "city")], groups: [.init(id: "w", hall: 0, servers: 10)], services: ["generic"]),
            logTestCatalog,
        ]
        for catalog in catalogs {
            let bytes = try EventLogDictionary.encode(catalog)
            #expect(try EventLogDictionary.decode(bytes) == catalog)
            // Every strict prefix is rejected, never misread.
            for n in 0..<bytes.count {
                #expect(throws: EventLogDictionary.Malformed.self) { try EventLogDictionary.decode(Array(bytes[..<n])) }
            }
        }
    }
}
