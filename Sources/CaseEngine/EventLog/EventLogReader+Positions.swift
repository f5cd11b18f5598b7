/// Where events and segments sit in the file (every event block but the last is full), and
/// resynchronising at the next segment after damage.
extension EventLogReader {
    /// The segment holding event `i` (from 0).
    public func segment(ofEvent i: Int) -> Int { i / layout.recordsPerBlock / layout.blocksPerSegment }

    /// The byte offset of event `i`'s record (from 0): every event block but the last is full, so
    /// records sit at fixed offsets.
    public func offset(ofEvent i: Int) -> Int64 {
        let b = i / layout.recordsPerBlock
        let blockSize = Int64(EventLog.blockHeaderSize + layout.blockPayloadSize)
        return prologueEnd + Int64(b) * blockSize + Int64(b / layout.blocksPerSegment) * Int64(EventLog.segmentHeaderSize)
            + Int64(EventLog.blockHeaderSize) + Int64(i % layout.recordsPerBlock) * Int64(EventLog.recordSize)
    }

    /// The offset of segment `k`'s header (k ≥ 1). Every event block but the last is
    /// full, so segment boundaries fall at fixed offsets.
    func segmentHeaderOffset(_ k: Int) -> Int64 {
        let perSegment = Int64(layout.blocksPerSegment) * Int64(EventLog.blockHeaderSize + layout.blockPayloadSize)
        return prologueEnd + Int64(k) * perSegment + Int64(k - 1) * Int64(EventLog.segmentHeaderSize)
    }

    /// After an error at `failure`, moves to the first segment header after it, as if the
    /// segments before it had been read; the blocks in between are skipped unread. If the
    /// error is a damaged segment header itself, moves just past it instead: the segment's
    /// blocks carry their own checksums and event numbers.
    /// - Returns: the offset and first event where reading resumes, or `nil` if no segment starts after `failure`.
    mutating func resynchronise(after failure: Int64) -> (offset: Int64, event: Int)? {
        var k = 1
        while segmentHeaderOffset(k) < failure { k += 1 }
        let badHeader = segmentHeaderOffset(k) == failure
        if badHeader {
            offset = failure + Int64(EventLog.segmentHeaderSize)
            segment = k
            blocksInSegment = 0
        } else {
            offset = segmentHeaderOffset(k)
            segment = k - 1
            blocksInSegment = layout.blocksPerSegment
        }
        guard offset < fileSize else { return nil }
        validLength = offset
        events = k * layout.blocksPerSegment * layout.recordsPerBlock
        sawShortBlock = false
        skippedBlocks = true
        ended = false
        tail = nil
        footer = nil
        cursor = blockEnd
        return (offset, events)
    }
}
