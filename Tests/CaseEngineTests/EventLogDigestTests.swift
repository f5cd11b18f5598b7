@testable import CaseEngine
import Foundation
import SimCore
import Testing

@Suite("Event log digest and checksum")
struct EventLogDigestTests {
    func digest(of events: [CaseEvent], layout: EventLogLayout = smallLogLayout, catalog: Catalog = logTestCatalog) throws -> String {
        let path = temporaryLogPath("digest")
        defer { removeLogFile(path) }
        let footer = try writeTestLog(events, to: path, layout: layout, catalog: catalog)
        let check = try EventLog.verify(path: path)
        #expect(check.digest == footer.digest)
        return footer.digest
    }

    @Test func theSameEventsGiveTheSameDigestWhateverTheLayout() throws {
        let events = randomLogEvents(500, seed: 1)
        let a = try digest(of: events)
        #expect(try digest(of: events) == a)
        #expect(try digest(of: events, layout: .standard) == a)
        #expect(try digest(of: events, layout: EventLogLayout(recordsPerBlock: 1, blocksPerSegment: 1)) == a)
    }

    @Test func anyChangeGivesADifferentDigest() throws {
        let events = randomLogEvents(500, seed: 2)
        let base = try digest(of: events)
        var digests: Set<String> = [base]

        var changed = events
        changed[250].value &+= 1
        digests.insert(try digest(of: changed))

        changed = events
        changed[0].time.ticks &+= 1
        digests.insert(try digest(of: changed))

        changed = events
        changed.swapAt(10, 11)
        digests.insert(try digest(of: changed))

        digests.insert(try digest(of: events + [CaseEvent(.runEnded, at: SimTime(ticks: .max))]))
        digests.insert(try digest(of: Array(events.dropLast())))

        var catalog = logTestCatalog
        catalog.seed += 1
        digests.insert(try digest(of: events, catalog: catalog))
        catalog = logTestCatalog
        catalog.groups[0].servers += 1
        digests.insert(try digest(of: events, catalog: catalog))

        #expect(digests.count == 8)
    }

    @Test func theWriterAndReaderAgreeOnAnEmptyLog() throws {
        let path = temporaryLogPath("empty")
        defer { removeLogFile(path) }
        let footer = try writeTestLog([], to: path)
        let bytes = try EventLogDictionary.encode(logTestCatalog)
        #expect(footer.digestValue == XXHash64.hash(bytes))
        #expect(try EventLog.verify(path: path).digest == footer.digest)
    }

    @Test func xxHash64MatchesTheReferenceVectors() {
        #expect(XXHash64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        #expect(XXHash64.hash(Array("0123456789abcdef0123456789abcdef0".utf8)) == 0xE876_84F0_8D6D_0816)
        #expect(XXHash64.hash(Array((0..<1024).map { UInt8($0 % 256) })) == 0x6F39_14F1_8FE4_DF57)
        #expect(XXHash64.hash(Array("abc".utf8), seed: 42) == 0x13C1_D910_7027_70E6)
    }

    @Test func streamingHashEqualsOneShotForAnySplit() {
        var rng = LogTestRandom(seed: 3)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var state = XXHash64(seed: 9)
            var at = 0
            while at < bytes.count {
                let n = Int.random(in: 0...min(70, bytes.count - at), using: &rng)
                bytes[at..<(at + n)].withUnsafeBytes { state.update($0) }
                at += n
            }
            #expect(state.finalize() == XXHash64.hash(bytes, seed: 9))
        }
    }

    @Test func digestsRenderAsSixteenLowercaseHexDigits() {
        #expect(EventLog.hex(0) == "0000000000000000")
        #expect(EventLog.hex(0xABC) == "0000000000000abc")
        #expect(EventLog.hex(.max) == "ffffffffffffffff")
    }
}
