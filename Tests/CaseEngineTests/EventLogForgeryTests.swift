@testable import CaseEngine
import Foundation
import SimCore
import Testing

/// A lifecycle-legal walk-in: submitted, ticketed, called after `wait`, served for `service` (ticks).
func walkIn(_ id: UInt32, at t: Int64, wait: Int64 = 2_000_000, service: Int64 = 5_000_000) -> [CaseEvent] {
    [
        CaseEvent(.submitted, at: SimTime(ticks: t), case: id, channel: .walkIn),
        CaseEvent(.ticketIssued, at: SimTime(ticks: t), case: id, channel: .walkIn),
        CaseEvent(.called, at: SimTime(ticks: t + wait), case: id, channel: .walkIn, value: wait),
        CaseEvent(.serviceCompleted, at: SimTime(ticks: t + wait + service), case: id, channel: .walkIn, value: service),
    ]
}

@Suite("Event log format 4: torn tails told from damage, blocks tied to their run, impossible records refused")
struct EventLogForgeryTests {
    @Test func aBitFlipInTheLengthOfAFinishedLogsLastEventBlockIsDamageNotATornTail() throws {
        let path = temporaryLogPath("length-flip")
        defer { removeLogFile(path) }
        let events = randomLogEvents(40, seed: 7)  // blocks of 16, 16 and 8 records, then the end block
        try writeTestLog(events, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        let lastBlock = Int(expected.blocks[1].end)
        for bit in 0 ..< 32 {
            var flipped = data
            flipped[lastBlock + 4 + bit / 8] ^= UInt8(1 << (bit % 8))
            try flipped.write(to: URL(fileURLWithPath: path))
            let outcome = readWholeLog(path)
            let error = try #require(outcome.error, "bit \(bit): read as \(String(describing: outcome.reader?.tail))")
            #expect(error.reason == .corrupt && error.offset == Int64(lastBlock), "bit \(bit): \(error)")
            #expect(throws: EventLogError.self) { try EventLog.truncateTornTail(path: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == flipped, "bit \(bit): repair cut the log")
        }
    }

    @Test func zeroPagesFromInsideABlockToTheEndAreATornTailKeptUpToTheLastCompleteBlock() throws {
        let path = temporaryLogPath("power-loss")
        defer { removeLogFile(path) }
        let events = randomLogEvents(200, seed: 8)
        try writeTestLog(events, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        for (k, block) in expected.blocks.enumerated() where k % 2 == 1 {
            let start = Int(k == 0 ? expected.prologueEnd : expected.blocks[k - 1].end)
            for zeroFrom in [start + 5, start + 30, start + 24 + 100, Int(block.end) - 40] where data.count - zeroFrom >= 32 {
                for extra in [0, 4096] {
                    var lost = data
                    lost.replaceSubrange(zeroFrom..., with: Data(count: data.count - zeroFrom + extra))
                    try lost.write(to: URL(fileURLWithPath: path))
                    let outcome = readWholeLog(path)
                    #expect(outcome.error == nil, "zeros from \(zeroFrom): \(String(describing: outcome.error))")
                    let before = expected.complete(before: Int64(zeroFrom))
                    #expect(sameLogEvents(outcome.events, events[..<before.events]), "zeros from \(zeroFrom)")
                    let tail = try #require(outcome.reader?.tail)
                    #expect(tail.validLength == before.validLength && tail.isTorn)
                    #expect(try EventLog.truncateTornTail(path: path)?.validLength == before.validLength)
                    #expect(try EventLog.verify(path: path).events == before.events)
                }
            }
        }
    }

    @Test func aZeroedEndBlockChecksumIsDamage() throws {
        let path = temporaryLogPath("zeroed-end")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(40, seed: 9), to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.replaceSubrange((data.count - 8)..., with: Data(count: 8))
        try data.write(to: URL(fileURLWithPath: path))
        #expect(readWholeLog(path).error?.reason == .corrupt)
    }

    @Test func blocksOfAnotherRunAreRefusedEvenWithTheirChecksums() throws {
        let mine = temporaryLogPath("mine")
        let theirs = temporaryLogPath("theirs")
        defer { removeLogFile(mine); removeLogFile(theirs) }
        let events = randomLogEvents(40, seed: 10)
        var other = logTestCatalog
        other.seed = 43
        try writeTestLog(events, to: mine)
        try writeTestLog(events, to: theirs, catalog: other)
        let a = try Data(contentsOf: URL(fileURLWithPath: mine))
        let b = try Data(contentsOf: URL(fileURLWithPath: theirs))
        let prologue = Int(ExpectedLogLayout(events: 40, layout: smallLogLayout, fileSize: Int64(a.count)).prologueEnd)
        let otherPrologue = Int(ExpectedLogLayout(events: 40, layout: smallLogLayout, fileSize: Int64(b.count)).prologueEnd)
        // My header and catalog, then their first two event blocks: an unfinished log as --partial would take it.
        let forged = a.prefix(prologue) + b[otherPrologue ..< otherPrologue + 2 * (24 + 16 * 32)]
        try forged.write(to: URL(fileURLWithPath: mine))
        let outcome = readWholeLog(mine)
        let error = try #require(outcome.error)
        #expect(error.reason == .corrupt && error.offset == Int64(prologue), "\(error)")
        #expect(error.message.contains("another run"))
        #expect(outcome.events.isEmpty)
        #expect(throws: EventLogError.self) { try EventLog.truncateTornTail(path: mine) }
    }

    @Test func theSameCatalogAndEventsGiveTheSameBytes() throws {
        let a = temporaryLogPath("same-a")
        let b = temporaryLogPath("same-b")
        defer { removeLogFile(a); removeLogFile(b) }
        let events = randomLogEvents(100, seed: 11)
        try writeTestLog(events, to: a)
        try writeTestLog(events, to: b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    /// Events no run writes, each with the index of the bad one.
    static let impossible: [(String, [CaseEvent], Int)] = {
        let good = walkIn(0, at: 1_000_000) + walkIn(1, at: 10_000_000)
        func with(_ i: Int, _ change: (inout CaseEvent) -> Void) -> [CaseEvent] {
            var events = good
            change(&events[i])
            return events
        }
        return [
            ("a negative wait", with(2) { $0.value = -1 }, 2),
            ("a wait longer than the run so far", with(2) { $0.value = 9_000_000 }, 2),
            ("a negative service time", with(3) { $0.value = -5 }, 3),
            ("a time near the end of the clock", with(7) { $0.time = SimTime(ticks: .max - 1) }, 7),
            ("a negative time", [CaseEvent(.submitted, at: SimTime(ticks: -1), case: 0, channel: .walkIn)], 0),
            ("a time before the previous event", with(4) { $0.time = SimTime(ticks: 0) }, 4),
            ("a call without a ticket", Array(good[0 ..< 1]) + Array(good[2...]), 1),
            ("a negative staffing level", good + [CaseEvent(.staffingChanged, at: SimTime(ticks: 20_000_000), value: -3)], 8),
            ("more cases at the windows than windows (8)",
             (0 ..< 9).flatMap { Array(walkIn($0, at: 1_000_000).prefix(2)) } + (0 ..< 9).map { walkIn($0, at: 1_000_000)[2] }, 26),
        ]
    }()

    @Test(arguments: 0 ..< EventLogForgeryTests.impossible.count)
    func replayRefusesAnImpossibleRecordWithItsPositionAndNeverTraps(_ k: Int) throws {
        let (label, events, bad) = Self.impossible[k]
        let path = temporaryLogPath("impossible")
        defer { removeLogFile(path) }
        try writeTestLog(events, to: path)
        #expect(try EventLog.verify(path: path).events == events.count, "\(label): checksums are right")
        let reader = try EventLogReader(path: path)
        do {
            _ = try LogReplay.replay(path: path)
            Issue.record("\(label): replayed")
        } catch {
            #expect(error.reason == .impossibleRecord, "\(label): \(error)")
            #expect(error.offset == reader.offset(ofEvent: bad), "\(label): \(error)")
            #expect(error.message.hasPrefix("event \(bad): "), "\(label): \(error)")
        }
    }

    @Test func replayAcceptsALegalLog() throws {
        let path = temporaryLogPath("legal")
        defer { removeLogFile(path) }
        let events = walkIn(0, at: 1_000_000) + walkIn(1, at: 10_000_000)
        try writeTestLog(events, to: path)
        let result = try LogReplay.replay(path: path)
        #expect(result.events == events.count)
        #expect(result.kpis.completed == 2)
    }
}
