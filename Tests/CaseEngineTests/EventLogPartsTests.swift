@testable import CaseEngine
import Foundation
import SimCore
import Testing

/// The reader's parts, each on its own: the positions of records and segments, the block scanner,
/// and the torn-tail judgement.
@Suite("Event log reader parts")
struct EventLogPartsTests {
    /// Opens a scanner right after the prologue of the log at `path`.
    func scanner(_ path: String) throws -> EventBlockScanner {
        try EventLogReader(path: path).scanner
    }

    @Test func theDecoderMapsEveryKindsRawValueToThatKind() {
        for kind in CaseEvent.Kind.allCases {
            #expect(KindTags.shared.kind(kind.rawValue) == kind, "raw value \(kind.rawValue)")
        }
        for raw in 0 ... 255 {
            #expect(KindTags.shared.isKnown(UInt8(raw)) == (CaseEvent.Kind(rawValue: UInt8(raw)) != nil), "raw value \(raw)")
        }
        for channel in CaseEvent.Channel.allCases {
            #expect(EventLog.knownChannel(channel.rawValue) == channel, "raw value \(channel.rawValue)")
        }
        // A record of each kind and channel decodes to that kind and channel, every other field as written.
        for kind in CaseEvent.Kind.allCases {
            let channel = CaseEvent.Channel.allCases[Int(kind.rawValue) % CaseEvent.Channel.allCases.count]
            var e = CaseEvent(kind, at: SimTime(ticks: 7), case: 3, hall: 1, group: 2, service: 4, window: 5, channel: channel, value: 9)
            e.visit = .pickup
            withUnsafeTemporaryAllocation(byteCount: EventLog.recordSize, alignment: 8) { p in
                EventLog.encode(e, to: p.baseAddress!)
                #expect(EventLog.decode(p.baseAddress!) == e)
            }
        }
    }

    @Test func thePositionsAgreeWithTheBlocksTheWriterWrote() throws {
        let path = temporaryLogPath("positions")
        defer { removeLogFile(path) }
        let events = randomLogEvents(200, seed: 11)
        try writeTestLog(events, to: path)
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: try logFileSize(path))
        let positions = try self.scanner(path).positions
        #expect(positions.prologueEnd == expected.prologueEnd)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in [0, 1, 15, 16, 47, 48, 100, 199] {
            // The record at the offset holds event i's time, and its segment counts 3 blocks of 16 per segment.
            let at = Int(positions.offset(ofEvent: i))
            let time = bytes[at ..< at + 8].withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
            #expect(time == events[i].time.ticks, "event \(i)")
            #expect(positions.segment(ofEvent: i) == i / 48)
        }
        for k in 1 ... 4 {
            let at = Int(positions.segmentHeaderOffset(k))
            #expect(Array(bytes[at ..< at + 8]) == EventLog.segmentMagic, "segment \(k)")
            #expect(positions.firstSegment(atOrAfter: Int64(at)) == k)
            #expect(positions.firstSegment(atOrAfter: Int64(at) + 1) == k + 1)
            #expect(positions.firstEvent(ofSegment: k) == 48 * k)
        }
    }

    @Test func theBlockScannerHandsOutOnlyVerifiedBlocksInOrder() throws {
        let path = temporaryLogPath("scanner")
        defer { removeLogFile(path) }
        let events = randomLogEvents(40, seed: 12)
        let footer = try writeTestLog(events, to: path)
        var scanner = try self.scanner(path)
        var sizes: [Int] = []
        while let records = try scanner.nextBlock() { sizes.append(records.count / EventLog.recordSize) }
        #expect(sizes == [16, 16, 8])
        #expect(scanner.footer == footer && scanner.tail == nil && scanner.events == 40 && scanner.segment == 0)
        let after = try scanner.nextBlock()
        #expect(after == nil)

        // A flipped bit in the second block: the first block is handed out, the second refused.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = Int(ExpectedLogLayout(events: 40, layout: smallLogLayout, fileSize: Int64(bytes.count)).blocks[0].end)
        bytes[second + 30] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
        var damaged = try self.scanner(path)
        let first = try damaged.nextBlock()
        #expect(first?.count == 16 * 32)
        var refused: EventLogError?
        do { _ = try damaged.nextBlock() } catch { refused = error }
        #expect(refused?.reason == .corrupt && refused?.offset == Int64(second))
        #expect(damaged.events == 16)
    }

    @Test func theTornTailJudgeAcceptsAPrefixOfWhatIsDueAndRefusesOtherBytes() throws {
        let path = temporaryLogPath("torn")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(20, seed: 13), to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let firstBlockEnd = ExpectedLogLayout(events: 20, layout: smallLogLayout, fileSize: Int64(bytes.count)).blocks[0].end
        // Cut inside the second block: a prefix of a block that could come there.
        bytes = bytes.prefix(Int(firstBlockEnd) + 40)
        try bytes.write(to: URL(fileURLWithPath: path))
        func judge(at start: Int64) throws -> String? {
            let s = try self.scanner(path)
            let torn = TornTail(
                path: path, storage: s.storage, fileSize: s.fileSize, prologueEnd: s.positions.prologueEnd, layout: s.layout,
                formatVersion: s.formatVersion, catalogHash: s.catalogHash, segment: 0, blocksInSegment: 1,
                sawShortBlock: false, events: 16)
            return try torn.reason(at: start)
        }
        #expect(try judge(at: firstBlockEnd)?.contains("declares 128 payload bytes, 16 are present") == true)
        // Bytes that do not start with a block's magic are no prefix of a block.
        #expect(try judge(at: firstBlockEnd - 8) == nil)
        // Zeros to the end of the file are space never written.
        bytes.replaceSubrange(Int(firstBlockEnd) ..< bytes.count, with: Data(count: 40))
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try judge(at: firstBlockEnd)?.contains("are zeros") == true)
    }
}
