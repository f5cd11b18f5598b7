@testable import CaseEngine
import Foundation
import SimCore
import Testing

/// A log written for a service that acknowledges appends once they are durable: one record per
/// block, so every recorded event is on disk after ``EventLogWriter/syncToDisk()``.
@Suite("Event log sync")
struct EventLogSyncTests {
    @Test func everyEventSyncedIsReadableBeforeTheLogIsFinished() throws {
        let path = temporaryLogPath("sync")
        defer { removeLogFile(path) }
        let events = randomLogEvents(50, seed: 11)
        let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: EventLogLayout(recordsPerBlock: 1, blocksPerSegment: 7))
        for e in events[..<20] { writer.record(e) }
        try writer.syncToDisk()
        #expect(writer.writtenEvents == 20)

        // Not finished: a reader sees the 20 events and an unfinished tail that lost nothing.
        let unfinished = readWholeLog(path)
        #expect(unfinished.error == nil)
        #expect(sameLogEvents(unfinished.events, events[..<20]))
        #expect(unfinished.reader?.footer == nil)

        for e in events[20...] { writer.record(e) }
        try writer.syncToDisk()
        let footer = try writer.finish()
        let whole = readWholeLog(path)
        #expect(sameLogEvents(whole.events, events[...]))
        #expect(whole.reader?.footer == footer)
        // The digest depends on the events alone, not on the layout.
        let other = temporaryLogPath("sync-standard")
        defer { removeLogFile(other) }
        #expect(try writeTestLog(events, to: other, layout: .standard).digest == footer.digest)
    }

    @Test func aStandardLayoutWritesOnlyWholeBlocksBeforeFinishing() throws {
        let path = temporaryLogPath("sync-partial")
        defer { removeLogFile(path) }
        let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout)
        for e in randomLogEvents(20, seed: 3) { writer.record(e) }
        try writer.syncToDisk()
        #expect(writer.events == 20)
        #expect(writer.writtenEvents == 16)
        try writer.finish()
        try writer.syncToDisk()
        #expect(writer.writtenEvents == 20)
    }
}
