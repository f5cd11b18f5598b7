@testable import CaseEngine
import Foundation
import SimCore
import Testing

/// A small, seedable generator so every test's "random" data is reproducible.
struct LogTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let logTestCatalog = Catalog(
    scenario: "log test \"quoted\" — ünïcode",
    seed: 42,
    halls: [.init(id: "city-hall", tier: "city"), .init(id: "village", tier: "village")],
    groups: [.init(id: "comprehensive", hall: 0, servers: 8), .init(id: "dept", hall: 0, servers: 4), .init(id: "w", hall: 1, servers: 1)],
    services: ["generic", "passport", "subsidy"]
)

/// A small layout so a few hundred events span many blocks and several segments.
let smallLogLayout = EventLogLayout(recordsPerBlock: 16, blocksPerSegment: 3)

/// A unique path in the temporary directory; the caller removes it.
func temporaryLogPath(_ label: String = "log") -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("hallsim-eventlog-\(label)-\(UUID().uuidString).log").path
}

func removeLogFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// `n` events with random kinds and fields, in time order.
func randomLogEvents(_ n: Int, seed: UInt64) -> [CaseEvent] {
    var rng = LogTestRandom(seed: seed)
    var t: Int64 = 0
    return (0..<n).map { _ in
        t += Int64.random(in: 0...5_000_000, using: &rng)
        return CaseEvent(
            CaseEvent.Kind.allCases.randomElement(using: &rng)!, at: SimTime(ticks: t),
            case: UInt32.random(in: 0...UInt32.max, using: &rng),
            hall: UInt16.random(in: 0...3, using: &rng), group: UInt16.random(in: 0...4, using: &rng),
            service: UInt16.random(in: 0...4, using: &rng), window: UInt16.random(in: 0...UInt16.max, using: &rng),
            channel: CaseEvent.Channel.allCases.randomElement(using: &rng)!,
            value: Int64.random(in: Int64.min...Int64.max, using: &rng)
        )
    }
}

/// Writes `events` to a new log at `path`.
@discardableResult
func writeTestLog(_ events: [CaseEvent], to path: String, layout: EventLogLayout = smallLogLayout, catalog: Catalog = logTestCatalog) throws -> LogFooter {
    let writer = try EventLogWriter(path: path, catalog: catalog, layout: layout, sync: false)
    for e in events { writer.record(e) }
    return try writer.finish()
}

/// Everything a reader hands out before it ends or throws.
struct LogReadOutcome {
    var events: [CaseEvent] = []
    var error: EventLogError?
    var reader: EventLogReader?
}

func readWholeLog(_ path: String) -> LogReadOutcome {
    var outcome = LogReadOutcome()
    do {
        var reader = try EventLogReader(path: path)
        defer { outcome.reader = reader }
        while let e = try reader.next() { outcome.events.append(e) }
    } catch {
        outcome.error = error
    }
    return outcome
}

/// Where each event block of a log written with `layout` ends, computed from the
/// format's rules alone (not by the reader), for a file of `fileSize` bytes holding `n` events.
struct ExpectedLogLayout {
    /// Offset where the dictionary block ends.
    var prologueEnd: Int64
    /// For each event block: its end offset and the events up to and including it.
    var blocks: [(end: Int64, events: Int)]
    var fileSize: Int64

    init(events n: Int, layout: EventLogLayout, fileSize: Int64) {
        let r = layout.recordsPerBlock
        let blockCount = (n + r - 1) / r
        let segmentHeaders = blockCount == 0 ? 0 : (blockCount - 1) / layout.blocksPerSegment
        let blockBytes = Int64(blockCount * 24 + n * 32)
        prologueEnd = fileSize - 48 - blockBytes - Int64(segmentHeaders * 40)
        var at = prologueEnd
        blocks = []
        for k in 0..<blockCount {
            if k > 0 && k % layout.blocksPerSegment == 0 { at += 40 }
            let records = min(r, n - k * r)
            at += Int64(24 + records * 32)
            blocks.append((at, k * r + records))
        }
        self.fileSize = fileSize
    }

    /// The end of the last complete block at or before `cut` and the events it completes.
    func complete(before cut: Int64) -> (validLength: Int64, events: Int) {
        var result = (prologueEnd, 0)
        for b in blocks where b.end <= cut { result = (b.end, b.events) }
        return result
    }
}

func logFileSize(_ path: String) throws -> Int64 {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? -1
}

/// Writes the first `length` bytes of `data` to `path`.
func writeLogPrefix(_ data: Data, length: Int, to path: String) throws {
    try data.prefix(length).write(to: URL(fileURLWithPath: path))
}

/// Whether `got` equals `expected` (a Bool, so a failing expectation does not print thousands of events).
func sameLogEvents(_ got: [CaseEvent], _ expected: ArraySlice<CaseEvent>) -> Bool {
    got.elementsEqual(expected)
}

/// The run id of the log whose bytes start at `p`: segment 0's header checksum, the seed of every block checksum.
func logRunID(_ p: UnsafeRawPointer) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
}
