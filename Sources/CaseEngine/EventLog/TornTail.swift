/// Tells a torn tail (what a crash or power loss leaves at the end of a log) from corruption, for
/// the unit that ``EventBlockScanner`` found not intact.
///
/// A crashed append leaves a prefix of the unit it was writing, and power loss may leave zero
/// pages from anywhere in it to the end of the file. So the tail is torn when it is all zeros, or
/// when, after taking off a final run of 32 or more zero bytes (no intact stretch of a log holds 32
/// zero bytes in a row: every record has a nonzero kind byte), what is left is a proper prefix of a
/// unit that could stand here: the segment header due here, byte for byte; or a block header with
/// a known magic, a possible length and the next event number, followed by records of known kinds
/// and channels. Everything else cannot come from a crash.
struct TornTail {
    let path: String
    /// The open file and a block-sized scratch buffer.
    let storage: EventBlockScanner.Storage
    let fileSize: Int64
    let prologueEnd: Int64
    let layout: EventLogLayout
    let formatVersion: UInt16
    let catalogHash: UInt64
    /// Where reading stands at the unit: the segment, its blocks so far, whether a short block was
    /// read, and the next event number.
    let segment: Int
    let blocksInSegment: Int
    let sawShortBlock: Bool
    let events: Int

    func error(_ at: Int64) -> EventLogError {
        EventLogError(.io, path: path, segment: segment, offset: at, "the file shrank while it was being read")
    }

    /// Where the run of zero bytes that ends the file starts (the file size when its last byte is not zero).
    func trailingZerosStart() throws(EventLogError) -> Int64 {
        var end = fileSize
        let p = storage.buffer
        while end > prologueEnd {
            let want = Int(min(Int64(storage.capacity), end - prologueEnd))
            let at = end - Int64(want)
            let got = try POSIXFile.readFully(storage.fd, p, want, at: at, path: path)
            guard got == want else { throw error(at) }
            var i = got
            while i > 0, p.load(fromByteOffset: i - 1, as: UInt8.self) == 0 { i -= 1 }
            if i > 0 { return at + Int64(i) }
            end = at
        }
        return end
    }

    /// Why the bytes from `start` (where a unit that is not intact begins) to the end of the file
    /// are a torn tail, or `nil` when they are damage.
    func reason(at start: Int64) throws(EventLogError) -> String? {
        let zeros = try trailingZerosStart()
        if zeros <= start {
            return "the last \(fileSize - start) bytes of the file are zeros (space allocated but never written)"
        }
        let padded = fileSize - zeros >= 32
        let prefixEnd = padded ? zeros : fileSize
        let n = Int(prefixEnd - start)
        let zeroNote = padded ? ", then \(fileSize - zeros) zero bytes to the end of the file (pages that never reached the disk)" : ""
        guard n < EventLog.blockHeaderSize + layout.blockPayloadSize + EventLog.segmentHeaderSize else { return nil }
        let bytes = try POSIXFile.read(storage.fd, count: n, at: start, path: path)
        guard bytes.count == n else { throw error(start) }

        if blocksInSegment == layout.blocksPerSegment {
            var expected = [UInt8](repeating: 0, count: EventLog.segmentHeaderSize)
            expected.withUnsafeMutableBytes { h in
                EventLog.writeSegmentHeader(into: h.baseAddress!, segment: segment + 1, layout: layout, catalogHash: catalogHash, version: formatVersion)
            }
            if n < expected.count, bytes[...] == expected[..<n] {
                return "the file ends inside segment \(segment + 1)'s header (\(n) of \(EventLog.segmentHeaderSize) bytes)\(zeroNote)"
            }
        }
        return bytes.withUnsafeBytes { b in blockPrefix(b.baseAddress!, n).map { "the file ends inside \($0)\(zeroNote)" } }
    }

    /// What the `n` bytes at `p` are a proper prefix of — a block header or a block that could come
    /// here — or `nil` when they are no such prefix.
    func blockPrefix(_ p: UnsafeRawPointer, _ n: Int) -> String? {
        func le(_ at: Int, _ width: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<width { v |= UInt64(p.load(fromByteOffset: at + i, as: UInt8.self)) << (8 * UInt64(i)) }
            return v
        }
        let magics = [EventLog.eventsMagic, EventLog.endMagic].filter { magic in
            (magic != EventLog.eventsMagic || (!sawShortBlock && blocksInSegment < layout.blocksPerSegment))
                && (0..<min(n, 4)).allSatisfy { p.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: magic >> (8 * UInt32($0))) }
        }
        guard let magic = magics.first else { return nil }
        let isEvents = magic == EventLog.eventsMagic
        var length = isEvents ? layout.blockPayloadSize : EventLog.endPayloadSize
        if n >= 8 {
            length = Int(le(4, 4))
            let possible = isEvents ? length > 0 && length % EventLog.recordSize == 0 && length <= layout.blockPayloadSize : length == EventLog.endPayloadSize
            guard possible else { return nil }
        }
        if n >= 16, le(8, 8) != UInt64(events) { return nil }
        guard n < EventLog.blockHeaderSize + length else { return nil }
        if isEvents {
            let kinds = EventLog.knownKinds(version: formatVersion)
            var record = EventLog.blockHeaderSize
            while record + 28 < n {
                let kind = p.load(fromByteOffset: record + 28, as: UInt8.self)
                guard kinds[Int(kind)], kind != 0,
                      record + 29 >= n || EventLog.knownChannels[Int(p.load(fromByteOffset: record + 29, as: UInt8.self))]
                else { return nil }
                record += EventLog.recordSize
            }
        } else if n >= EventLog.blockHeaderSize + 8, le(EventLog.blockHeaderSize, 8) != UInt64(events) {
            return nil
        }
        return n < EventLog.blockHeaderSize ? "a block header (\(n) of \(EventLog.blockHeaderSize) bytes)"
            : "a block: its header declares \(length) payload bytes, \(n - EventLog.blockHeaderSize) are present"
    }
}
