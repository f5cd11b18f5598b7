@testable import CaseEngine
import Foundation
import SimCore
import Testing

@Suite("Event log damage: torn tails, corruption, files that are not logs")
struct EventLogDamageTests {
    @Test func truncatingAnywhereKeepsExactlyTheCompleteBlocksAndRepairMakesItClean() throws {
        let original = temporaryLogPath("original")
        let damaged = temporaryLogPath("cut")
        defer { removeLogFile(original); removeLogFile(damaged) }
        let events = randomLogEvents(200, seed: 21)
        let footer = try writeTestLog(events, to: original)
        let data = try Data(contentsOf: URL(fileURLWithPath: original))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))

        var rng = LogTestRandom(seed: 1234)
        var cuts = (0..<1_000).map { _ in Int.random(in: 0..<data.count, using: &rng) }
        // Every block boundary and its neighbours, the prologue's end, the end block.
        for b in expected.blocks { cuts += [Int(b.end) - 1, Int(b.end), Int(b.end) + 1] }
        cuts += [0, 1, 8, 39, 40, 63, 64, Int(expected.prologueEnd) - 1, Int(expected.prologueEnd), data.count - 1, data.count]

        for cut in cuts {
            try writeLogPrefix(data, length: cut, to: damaged)
            let outcome = readWholeLog(damaged)
            if cut < expected.prologueEnd {
                let error = try #require(outcome.error, "cut at \(cut) inside the prologue must be an error")
                #expect(error.reason == (cut == 0 ? .notALog : .truncatedPrologue), "cut at \(cut): \(error)")
                #expect(error.description.contains(damaged))
                #expect(throws: EventLogError.self) { try EventLog.truncateTornTail(path: damaged) }
                continue
            }
            #expect(outcome.error == nil, "cut at \(cut): \(String(describing: outcome.error))")
            let (validLength, complete) = expected.complete(before: Int64(cut))
            let right = sameLogEvents(outcome.events, events[..<complete])
            #expect(right, "cut at \(cut): wrong events")
            let reader = try #require(outcome.reader)
            if cut == data.count {
                #expect(reader.footer == footer)
                #expect(reader.tail == nil)
                continue
            }
            #expect(reader.footer == nil)
            let tail = try #require(reader.tail, "cut at \(cut): no tail report")
            #expect(tail.validLength == validLength, "cut at \(cut)")
            #expect(tail.lostBytes == Int64(cut) - validLength, "cut at \(cut)")
            #expect(tail.events == complete)
            #expect(tail.description.contains(damaged))

            let repaired = try EventLog.truncateTornTail(path: damaged)
            #expect((repaired != nil) == (Int64(cut) > validLength), "cut at \(cut)")
            #expect(try logFileSize(damaged) == validLength)
            let after = readWholeLog(damaged)
            #expect(after.error == nil)
            let rightAfter = sameLogEvents(after.events, events[..<complete])
            #expect(rightAfter, "cut at \(cut): wrong events after repair")
            #expect(after.reader?.tail?.isTorn == false)
            #expect(after.reader?.digest == reader.digest)
            #expect(try EventLog.truncateTornTail(path: damaged) == nil)
        }
    }

    @Test func everySingleByteCorruptionIsDetected() throws {
        let original = temporaryLogPath("original")
        let damaged = temporaryLogPath("corrupt")
        defer { removeLogFile(original); removeLogFile(damaged) }
        let events = randomLogEvents(200, seed: 31)
        try writeTestLog(events, to: original)
        let data = try Data(contentsOf: URL(fileURLWithPath: original))

        var rng = LogTestRandom(seed: 4321)
        var errors = 0
        var tails = 0
        for _ in 0..<1_000 {
            let position = Int.random(in: 0..<data.count, using: &rng)
            let mask = UInt8.random(in: 1...255, using: &rng)
            var bytes = data
            bytes[position] ^= mask
            try bytes.write(to: URL(fileURLWithPath: damaged))
            let outcome = readWholeLog(damaged)
            let label = "byte \(position) ^ \(mask)"
            // Never a wrong record: whatever came out is the original's prefix.
            let right = sameLogEvents(outcome.events, events.prefix(outcome.events.count))
            #expect(right, "\(label): \(outcome.events.count) events out, not all the original's")
            if let error = outcome.error {
                errors += 1
                if let offset = error.offset { #expect(offset <= Int64(position), "\(label): \(error)") }
                if error.reason != .notALog { #expect(error.segment != nil, "\(label): \(error)") }
            } else {
                tails += 1
                let tail = outcome.reader?.tail
                #expect(tail?.isTorn == true, "\(label) went unnoticed")
                if let tail { #expect(tail.validLength <= Int64(position), "\(label)") }
            }
            // The whole-file check agrees.
            let verified = Result { try EventLog.verify(path: damaged) }
            if case .success(let v) = verified { #expect(v.tail?.isTorn == true, "\(label) passed verify") }
        }
        #expect(errors + tails == 1_000)
    }

    @Test func corruptionInTheMiddleNamesSegmentAndOffset() throws {
        let path = temporaryLogPath("middle")
        defer { removeLogFile(path) }
        let events = randomLogEvents(200, seed: 41)
        try writeTestLog(events, to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        // Block 7 is the second block of segment 2; flip a bit in its third record.
        let blockStart = Int(expected.blocks[6].end)
        data[blockStart + 24 + 2 * 32 + 5] ^= 0x10
        try data.write(to: URL(fileURLWithPath: path))
        let outcome = readWholeLog(path)
        let error = try #require(outcome.error)
        #expect(error.reason == .corrupt)
        #expect(error.segment == 2)
        #expect(error.offset == Int64(blockStart))
        #expect(error.description.contains("segment 2"))
        #expect(error.description.contains("byte offset \(blockStart)"))
        #expect(error.description.contains("checksum"))
        #expect(sameLogEvents(outcome.events, events[..<(7 * 16)]))
        // A repair does not cut away corruption in the middle.
        #expect(throws: EventLogError.self) { try EventLog.truncateTornTail(path: path) }
        #expect(try logFileSize(path) == Int64(data.count))
    }

    @Test func anUnknownKindIsAFormatErrorNamingTheRecord() throws {
        let path = temporaryLogPath("kind")
        defer { removeLogFile(path) }
        let events = randomLogEvents(40, seed: 51)
        try writeTestLog(events, to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        let unknown = try #require((1...254).reversed().first { CaseEvent.Kind(rawValue: UInt8($0)) == nil })
        // Record 3 of block 1, with the block's checksum recomputed so only the kind is wrong.
        let block = Int(expected.blocks[0].end)
        let record = block + 24 + 3 * 32
        data[record + 28] = UInt8(unknown)
        data.withUnsafeMutableBytes { b in
            let p = b.baseAddress! + block
            let sum = EventLog.blockChecksum(header: p, payload: p + 24, count: 16 * 32, seed: logRunID(b.baseAddress!))
            p.storeBytes(of: sum.littleEndian, toByteOffset: 16, as: UInt64.self)
        }
        try data.write(to: URL(fileURLWithPath: path))
        let outcome = readWholeLog(path)
        let error = try #require(outcome.error)
        #expect(error.reason == .unknownRecord)
        #expect(error.offset == Int64(record))
        #expect(error.description.contains("unknown kind \(unknown)"))
        #expect(sameLogEvents(outcome.events, events[..<16]))
    }

    @Test func aZeroFilledTailIsTornNotCorrupt() throws {
        let path = temporaryLogPath("zeros")
        defer { removeLogFile(path) }
        let events = randomLogEvents(40, seed: 61)
        do {
            let writer = try EventLogWriter(path: path, catalog: logTestCatalog, layout: smallLogLayout, sync: false)
            for e in events { writer.record(e) }
        }  // dropped unfinished: 3 blocks, the last one short
        let clean = try Data(contentsOf: URL(fileURLWithPath: path))

        // Space allocated after the data but never written.
        try (clean + Data(count: 5_000)).write(to: URL(fileURLWithPath: path))
        var outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        #expect(sameLogEvents(outcome.events, events[...]))
        #expect(outcome.reader?.tail?.lostBytes == 5_000)

        // The last block's final bytes never reached the disk.
        var partial = clean
        partial.replaceSubrange((partial.count - 40)..., with: Data(count: 40))
        try partial.write(to: URL(fileURLWithPath: path))
        outcome = readWholeLog(path)
        #expect(outcome.error == nil)
        #expect(sameLogEvents(outcome.events, events[..<32]))
        #expect(outcome.reader?.tail?.isTorn == true)

        // The same block with garbage instead of zeros is corruption.
        partial[partial.count - 1] = 0x5A
        try partial.write(to: URL(fileURLWithPath: path))
        outcome = readWholeLog(path)
        #expect(outcome.error?.reason == .corrupt)
        #expect(sameLogEvents(outcome.events, events[..<32]))
    }

    @Test func bytesAfterTheEndBlockAreAnError() throws {
        let path = temporaryLogPath("after-end")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(20, seed: 71), to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try (data + Data([1, 2, 3])).write(to: URL(fileURLWithPath: path))
        let error = try #require(readWholeLog(path).error)
        #expect(error.reason == .corrupt)
        #expect(error.offset == Int64(data.count))
    }

    @Test func filesThatAreNotLogsGiveAClearError() throws {
        let path = temporaryLogPath("notalog")
        defer { removeLogFile(path) }
        func reason(_ data: Data) throws -> EventLogError? {
            try data.write(to: URL(fileURLWithPath: path))
            return #expect(throws: EventLogError.self) { try EventLogReader(path: path) }
        }
        let empty = try reason(Data())
        #expect(empty?.reason == .notALog)
        #expect(empty?.description.contains("empty") == true)
        #expect(empty?.description.contains(path) == true)

        var rng = LogTestRandom(seed: 81)
        for size in [1, 7, 40, 100, 4_096] {
            var random = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) })
            random[0] = 0x42  // never the magic's first byte
            #expect(try reason(random)?.reason == .notALog)
        }
        #expect(try reason(Data("name: mmc\nseed: 1\n".utf8))?.reason == .notALog)
        #expect(try reason(Data(EventLog.segmentMagic.prefix(5)))?.reason == .truncatedPrologue)
        #expect(try reason(Data(EventLog.segmentMagic) + Data(repeating: 7, count: 200))?.reason == .unsupportedVersion)
        #expect(try reason(Data(EventLog.segmentMagic) + Data([UInt8(EventLog.formatVersion), 0]) + Data(repeating: 7, count: 200))?.reason == .corrupt)

        let missing = #expect(throws: EventLogError.self) { try EventLogReader(path: path + ".missing") }
        #expect(missing?.reason == .io)
        #expect(throws: EventLogError.self) { try EventLog.verify(path: path + ".missing") }
    }

    @Test func aNewerFormatVersionIsRejectedByName() throws {
        let path = temporaryLogPath("version")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(5, seed: 91), to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[8] = UInt8(EventLog.formatVersion + 1)
        data.withUnsafeMutableBytes { b in
            let p = b.baseAddress!
            let sum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
            p.storeBytes(of: sum.littleEndian, toByteOffset: 32, as: UInt64.self)
        }
        try data.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: EventLogError.self) { try EventLogReader(path: path) }
        #expect(error?.reason == .unsupportedVersion)
        #expect(error?.description.contains("version \(EventLog.formatVersion + 1)") == true)
    }

    @Test func aVersionOneLogIsRejectedByName() throws {
        let path = temporaryLogPath("version-1")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(5, seed: 92), to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[8] = 1
        data.withUnsafeMutableBytes { b in
            let p = b.baseAddress!
            let sum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
            p.storeBytes(of: sum.littleEndian, toByteOffset: 32, as: UInt64.self)
        }
        try data.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: EventLogError.self) { try EventLogReader(path: path) }
        #expect(error?.reason == .unsupportedVersion)
        #expect(error?.description.contains("format version 1 is not supported") == true)
    }
}

@Suite("Event log survey: resynchronising at segment headers")
struct EventLogSurveyTests {
    @Test func aSurveyResumesAtTheNextSegmentAfterEachDamagedStretch() throws {
        let path = temporaryLogPath("survey")
        defer { removeLogFile(path) }
        let events = randomLogEvents(200, seed: 101)  // 13 blocks of 16, 3 blocks per segment: 5 segments
        let footer = try writeTestLog(events, to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        let block1 = Int(expected.blocks[0].end)  // block 1 starts where block 0 ends
        let segment2Header = Int(expected.blocks[5].end)  // after block 5, the last of segment 1
        data[block1 + 100] ^= 0x01
        data[segment2Header + 3] ^= 0x80
        try data.write(to: URL(fileURLWithPath: path))

        let survey = try EventLog.survey(path: path)
        #expect(survey.damage.count == 2)
        let first = try #require(survey.damage.first)
        #expect(first.error.segment == 0)
        #expect(first.error.offset == Int64(block1))
        #expect(first.firstLostEvent == 16)
        #expect(first.resumedAtEvent == 48)
        #expect(first.resumedAtOffset == expected.blocks[2].end)
        let second = try #require(survey.damage.last)
        #expect(second.error.offset == Int64(segment2Header))
        #expect(second.firstLostEvent == 96)
        // A damaged segment header costs no events: its blocks carry their own checksums and numbers.
        #expect(second.resumedAtEvent == 96)
        #expect(second.resumedAtOffset == Int64(segment2Header + 40))
        #expect(survey.readableEvents == 200 - 32)
        #expect(survey.footer?.events == 200)
        #expect(survey.footer?.digest == footer.digest)
        #expect(!survey.isIntact)
        // The strict readers still stop at the first damage.
        #expect(throws: EventLogError.self) { try EventLog.verify(path: path) }
    }

    @Test func damageInTheLastSegmentHasNowhereToResume() throws {
        let path = temporaryLogPath("survey-last")
        defer { removeLogFile(path) }
        let events = randomLogEvents(200, seed: 102)
        try writeTestLog(events, to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = ExpectedLogLayout(events: events.count, layout: smallLogLayout, fileSize: Int64(data.count))
        data[Int(expected.blocks[11].end) + 40 + 30] ^= 0x04  // block 12, the short last one (after segment 4 header)
        try data.write(to: URL(fileURLWithPath: path))
        let survey = try EventLog.survey(path: path)
        #expect(survey.damage.count == 1)
        #expect(survey.damage.first?.firstLostEvent == 192)
        #expect(survey.damage.first?.resumedAtOffset == nil)
        #expect(survey.readableEvents == 192)
        #expect(survey.footer == nil)
    }

    @Test func anIntactLogSurveysClean() throws {
        let path = temporaryLogPath("survey-clean")
        defer { removeLogFile(path) }
        try writeTestLog(randomLogEvents(100, seed: 103), to: path)
        let survey = try EventLog.survey(path: path)
        #expect(survey.isIntact)
        #expect(survey.readableEvents == 100)
    }

    @Test func aSurveyOfADamagedLogNeverCallsItIntact() throws {
        let original = temporaryLogPath("survey-fuzz")
        let damaged = temporaryLogPath("survey-fuzz-bad")
        defer { removeLogFile(original); removeLogFile(damaged) }
        try writeTestLog(randomLogEvents(200, seed: 104), to: original)
        let data = try Data(contentsOf: URL(fileURLWithPath: original))
        var rng = LogTestRandom(seed: 105)
        for _ in 0..<300 {
            var bytes = data
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            try bytes.write(to: URL(fileURLWithPath: damaged))
            guard bytes != data, let survey = try? EventLog.survey(path: damaged) else { continue }  // prologue damage
            #expect(!survey.isIntact)
            #expect(survey.readableEvents <= 200)
            #expect(!survey.damage.isEmpty || survey.tail?.isTorn == true)
        }
    }
}
