/// Where events and segments sit in a log file. Every event block but the last is full, so with
/// `P` the end of the prologue (where the first event block starts) and `B` a full block's size,
/// event block `b` starts at `P + b·B + ⌊b/S⌋·40` and segment `k`'s header (k ≥ 1) at
/// `P + k·S·B + (k−1)·40` (docs/event-log.md, "Layout of a file"). Reports name a record by its
/// offset; ``EventBlockScanner`` resynchronises at the next segment header after damage.
struct EventLogPositions: Equatable {
    /// Block and segment sizes.
    let layout: EventLogLayout
    /// Where the dictionary block ends and the first event block starts.
    let prologueEnd: Int64

    /// A full event block's size in the file, header included.
    var blockSize: Int64 { Int64(EventLog.blockHeaderSize + layout.blockPayloadSize) }

    /// The segment holding event `i` (from 0).
    func segment(ofEvent i: Int) -> Int { i / layout.recordsPerBlock / layout.blocksPerSegment }

    /// The byte offset of event `i`'s record (from 0).
    func offset(ofEvent i: Int) -> Int64 {
        let b = i / layout.recordsPerBlock
        return prologueEnd + Int64(b) * blockSize + Int64(b / layout.blocksPerSegment) * Int64(EventLog.segmentHeaderSize)
            + Int64(EventLog.blockHeaderSize) + Int64(i % layout.recordsPerBlock) * Int64(EventLog.recordSize)
    }

    /// The offset of segment `k`'s header (k ≥ 1).
    func segmentHeaderOffset(_ k: Int) -> Int64 {
        prologueEnd + Int64(k) * Int64(layout.blocksPerSegment) * blockSize + Int64(k - 1) * Int64(EventLog.segmentHeaderSize)
    }

    /// The first segment (k ≥ 1) whose header starts at `offset` or after it.
    func firstSegment(atOrAfter offset: Int64) -> Int {
        var k = 1
        while segmentHeaderOffset(k) < offset { k += 1 }
        return k
    }

    /// The first event of segment `k`.
    func firstEvent(ofSegment k: Int) -> Int { k * layout.blocksPerSegment * layout.recordsPerBlock }
}
