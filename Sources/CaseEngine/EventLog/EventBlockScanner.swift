/// Walks a log's units after its prologue — segment headers, event blocks, the end block — one at
/// a time, and hands out the records of an event block only once the block is fully verified:
/// its length, its checksum, its first-event number, its place in the segment and every record's
/// kind and channel. Segment headers are checked as they come (checksum, number, layout, catalog
/// hash), and the end block against everything read. It keeps the log's digest as it goes.
///
/// A unit that is not intact ends reading as a torn tail when ``TornTail`` says a crash can leave
/// it there, and is corruption (an ``EventLogError`` naming the segment and offset) otherwise.
/// ``EventLogReader`` decodes the records it hands out; ``EventLog/survey(path:)`` drives it past
/// damage with ``resynchronise(after:)``.
struct EventBlockScanner {
    let path: String
    let layout: EventLogLayout
    let formatVersion: UInt16
    let fileSize: Int64
    let catalogHash: UInt64
    /// The seed of every block checksum: the run id (segment 0's header checksum) from format 4 on, 0 before.
    let checksumSeed: UInt64
    /// Where events and segments sit in the file.
    let positions: EventLogPositions

    /// The end block's figures, once reading reached it.
    var footer: LogFooter?
    /// Set when reading reached the end of a log that has no end block.
    var tail: TailReport?
    /// Events in the blocks verified so far.
    var events = 0
    var segment = 0
    var blocksInSegment = 0
    var sawShortBlock = false
    var ended = false
    /// File offset of the next header or block.
    var offset: Int64
    /// End of the last complete event block (or of the dictionary): where a repair would cut.
    var validLength: Int64
    /// Whether blocks were skipped (by ``resynchronise(after:)``): the digest then covers only what was read.
    var skippedBlocks = false
    var digestState: XXHash64
    var storage: Storage

    /// The open file and one block's buffer, shared by copies until one of them loads another block.
    final class Storage {
        let fd: Int32
        let buffer: UnsafeMutableRawPointer
        let capacity: Int

        init(fd: Int32, capacity: Int) {
            self.fd = fd
            self.capacity = capacity
            buffer = .allocate(byteCount: capacity, alignment: 16)
        }

        func copy(path: String) throws(EventLogError) -> Storage {
            Storage(fd: try POSIXFile.duplicate(fd, path: path), capacity: capacity)
        }

        deinit {
            POSIXFile.closeFile(fd)
            buffer.deallocate()
        }
    }

    /// A scanner of the open file `fd` (which it then owns), starting right after `prologue`.
    init(path: String, fd: Int32, fileSize: Int64, prologue: EventLogPrologue) {
        self.path = path
        self.fileSize = fileSize
        layout = prologue.layout
        formatVersion = prologue.formatVersion
        catalogHash = prologue.catalogHash
        checksumSeed = prologue.checksumSeed
        digestState = prologue.digestState
        positions = EventLogPositions(layout: prologue.layout, prologueEnd: prologue.end)
        storage = Storage(fd: fd, capacity: EventLog.blockHeaderSize + prologue.layout.blockPayloadSize)
        offset = prologue.end
        validLength = prologue.end
    }

    func error(_ reason: EventLogError.Reason, _ at: Int64, _ message: String) -> EventLogError {
        EventLogError(reason, path: path, segment: segment, offset: at, message)
    }

    /// Ends reading at a torn (or merely unfinished) tail.
    mutating func endTorn(_ reason: String) -> UnsafeRawBufferPointer? {
        tail = TailReport(path: path, fileSize: fileSize, validLength: validLength, segment: segment, events: events, reason: reason)
        ended = true
        return nil
    }

    /// The unit at ``offset`` is not intact: a torn tail if what is left of the file is what a crash
    /// can leave there, corruption otherwise.
    mutating func damaged(_ message: String) throws(EventLogError) -> UnsafeRawBufferPointer? {
        let judge = TornTail(
            path: path, storage: storage, fileSize: fileSize, prologueEnd: positions.prologueEnd, layout: layout,
            formatVersion: formatVersion, catalogHash: catalogHash, segment: segment, blocksInSegment: blocksInSegment,
            sawShortBlock: sawShortBlock, events: events)
        if let torn = try judge.reason(at: offset) { return endTorn(torn) }
        throw error(.corrupt, offset, message)
    }

    /// Verifies the next event block and returns its records (valid until the next call).
    /// - Returns: `nil` at the end of the readable data (``footer`` or ``tail`` is then set).
    mutating func nextBlock() throws(EventLogError) -> UnsafeRawBufferPointer? {
        guard !ended else { return nil }
        if !isKnownUniquelyReferenced(&storage) { storage = try storage.copy(path: path) }
        let buffer = storage.buffer
        while true {
            let remaining = fileSize - offset
            if remaining == 0 {
                if validLength == offset {
                    let after = validLength == positions.prologueEnd ? "its dictionary" : "a complete block"
                    return endTorn("the log ends after \(after) without an end block (the writer did not finish)")
                }
                return endTorn("the file ends after a segment header, before the segment's first block")
            }
            let want = Int(min(Int64(storage.capacity), remaining))
            let got = try POSIXFile.readFully(storage.fd, buffer, want, at: offset, path: path)
            guard got == want else { throw error(.io, offset + Int64(got), "the file shrank while it was being read") }

            // A segment header is due after a full segment (only an end block may take its place).
            if blocksInSegment == layout.blocksPerSegment, EventLog.startsWithSegmentMagic(buffer, count: got) {
                guard got >= EventLog.segmentHeaderSize else {
                    return try damaged("the file ends inside segment \(segment + 1)'s header, which does not continue the log")
                }
                guard let header = try checkSegmentHeader(buffer) else {
                    let h = EventLog.SegmentHeader(buffer)
                    return try damaged("segment \(segment + 1) header checksum mismatch (stored \(EventLog.hex(h.storedChecksum)), computed \(EventLog.hex(h.computedChecksum)))")
                }
                segment = header
                blocksInSegment = 0
                offset += Int64(EventLog.segmentHeaderSize)
                continue
            }

            guard got >= EventLog.blockHeaderSize else {
                return try damaged("the file ends inside a block header that does not fit here (\(got) of \(EventLog.blockHeaderSize) bytes)")
            }
            let header = EventLog.BlockHeader(buffer)
            let isEvents = header.magic == EventLog.eventsMagic
            guard isEvents || header.magic == EventLog.endMagic else {
                return try damaged("bad block magic \(EventLog.magicText(header.magic)) (expected \"EVTS\" or \"END!\")")
            }
            let length = header.length
            if isEvents {
                guard length > 0, length % EventLog.recordSize == 0, length <= layout.blockPayloadSize else {
                    return try damaged("impossible event block length \(length) (a positive multiple of \(EventLog.recordSize) up to \(layout.blockPayloadSize))")
                }
            } else {
                guard length == EventLog.endPayloadSize else {
                    return try damaged("impossible end block length \(length) (expected \(EventLog.endPayloadSize))")
                }
            }
            let unitSize = EventLog.blockHeaderSize + length
            guard unitSize <= got else {
                return try damaged("the file ends inside a block whose header declares \(length) payload bytes (\(got - EventLog.blockHeaderSize) present), and what is present is not a prefix of a block that could come here")
            }
            let payload = UnsafeRawPointer(buffer + EventLog.blockHeaderSize)
            let sum = EventLog.blockChecksum(header: buffer, payload: payload, count: length, seed: checksumSeed)
            guard sum == header.checksum else {
                return try damaged("block checksum mismatch (stored \(EventLog.hex(header.checksum)), computed \(EventLog.hex(sum)); damaged, or a block of another run)")
            }
            guard header.firstEvent == UInt64(events) else {
                throw error(.corrupt, offset, "block out of sequence: it starts at event \(header.firstEvent), expected \(events)")
            }
            guard isEvents else {
                try checkEndBlock(payload, end: offset + Int64(unitSize))
                return nil
            }
            guard !sawShortBlock else {
                throw error(.corrupt, offset, "an event block follows a short block (only the last event block may be short)")
            }
            guard blocksInSegment < layout.blocksPerSegment else {
                throw error(.corrupt, offset, "segment \(segment) already holds its \(layout.blocksPerSegment) blocks; expected a segment header here")
            }
            let n = length / EventLog.recordSize
            try checkRecords(payload, count: n, at: offset + Int64(EventLog.blockHeaderSize))
            digestState.update(UnsafeRawBufferPointer(start: payload, count: length))
            events += n
            blocksInSegment += 1
            if length < layout.blockPayloadSize { sawShortBlock = true }
            offset += Int64(unitSize)
            validLength = offset
            return UnsafeRawBufferPointer(start: payload, count: length)
        }
    }

    /// Checks the segment header at `p` (all 40 bytes present) where segment `segment + 1` is due.
    /// - Returns: its segment number, or `nil` when it fails its checksum (damage or a torn tail).
    func checkSegmentHeader(_ p: UnsafeRawPointer) throws(EventLogError) -> Int? {
        let h = EventLog.SegmentHeader(p)
        guard h.storedChecksum == h.computedChecksum else { return nil }
        guard h.version == formatVersion, h.headerSize == EventLog.segmentHeaderSize, h.segment == segment + 1,
              h.layout == layout, h.catalogHash == catalogHash
        else {
            throw error(.corrupt, offset, "segment header does not continue the log (says segment \(h.segment) of version \(h.version), expected segment \(segment + 1) with the same layout and catalog)")
        }
        return h.segment
    }

    /// Checks the end block's payload at `p` against the log read, and that the file ends at `end`; sets ``footer``.
    mutating func checkEndBlock(_ body: UnsafeRawPointer, end: Int64) throws(EventLogError) {
        let count = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let digest = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let segments = UInt32(littleEndian: body.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        let computed = digestState.finalize()
        guard count == UInt64(events), digest == computed || skippedBlocks, Int(segments) == segment + 1 else {
            throw error(.corrupt, offset, "the end block does not match the log: it says \(count) events, digest \(EventLog.hex(digest)), \(segments) segments; the log holds \(events) events, digest \(EventLog.hex(computed)), \(segment + 1) segments")
        }
        guard end == fileSize else {
            throw error(.corrupt, end, "\(fileSize - end) unexpected bytes after the end block")
        }
        footer = LogFooter(events: events, bytes: fileSize, segments: segment + 1, digestValue: skippedBlocks ? digest : computed)
        ended = true
    }

    /// Checks that every record's kind and channel are ones this build knows.
    func checkRecords(_ p: UnsafeRawPointer, count: Int, at payloadOffset: Int64) throws(EventLogError) {
        try EventLog.knownKinds(version: formatVersion).withUnsafeBufferPointer { kinds throws(EventLogError) in
            try EventLog.knownChannels.withUnsafeBufferPointer { channels throws(EventLogError) in
                // `&+` and a while loop: the index cannot overflow, and a checked one costs two instructions a record.
                var i = 0
                while i < count {
                    let kind = p.load(fromByteOffset: i &* 32 &+ 28, as: UInt8.self)
                    let channel = p.load(fromByteOffset: i &* 32 &+ 29, as: UInt8.self)
                    if _slowPath(!kinds[Int(kind)] || !channels[Int(channel)]) {
                        let at = payloadOffset + Int64(i * 32)
                        let known = CaseEvent.Kind.allCases.map { String($0.rawValue) }.joined(separator: ", ")
                        if !kinds[Int(kind)], let newer = CaseEvent.Kind(rawValue: kind) {
                            throw error(.unknownRecord, at, "event \(events + i) has kind \(kind) (\(newer)), which logs of format \(formatVersion) do not hold")
                        }
                        if !kinds[Int(kind)] {
                            throw error(.unknownRecord, at, "event \(events + i) has unknown kind \(kind) (this build knows kinds \(known)); the log may come from a newer hallsim")
                        }
                        throw error(.unknownRecord, at, "event \(events + i) has unknown channel \(channel); the log may come from a newer hallsim")
                    }
                    i &+= 1
                }
            }
        }
    }

    /// After an error at `failure`, moves to the first segment header after it, as if the
    /// segments before it had been read; the blocks in between are skipped unread. If the
    /// error is a damaged segment header itself, moves just past it instead: the segment's
    /// blocks carry their own checksums and event numbers.
    /// - Returns: the offset and first event where reading resumes, or `nil` if no segment starts after `failure`.
    mutating func resynchronise(after failure: Int64) -> (offset: Int64, event: Int)? {
        let k = positions.firstSegment(atOrAfter: failure)
        if positions.segmentHeaderOffset(k) == failure {
            offset = failure + Int64(EventLog.segmentHeaderSize)
            segment = k
            blocksInSegment = 0
        } else {
            offset = positions.segmentHeaderOffset(k)
            segment = k - 1
            blocksInSegment = layout.blocksPerSegment
        }
        guard offset < fileSize else { return nil }
        validLength = offset
        events = positions.firstEvent(ofSegment: k)
        sawShortBlock = false
        skippedBlocks = true
        ended = false
        tail = nil
        footer = nil
        return (offset, events)
    }
}
