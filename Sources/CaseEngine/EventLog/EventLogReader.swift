/// Reads a binary event log, verifying every header and block before handing out
/// any of its events.
///
/// Opening reads and checks the first segment header and the dictionary (so
/// ``catalog`` is available at once). ``next()``, ``forEach(_:)`` and
/// ``replay(into:)`` then load one block at a time: the block's length, checksum,
/// position in the event sequence and every record's kind and channel are checked,
/// then its records are decoded straight from the block buffer (no allocation per
/// event).
///
/// How the end of the data is judged (details in `docs/event-log.md`):
/// - the end block, then exactly the end of the file: a finished log (``footer``);
/// - the end of the file right after a complete block: an unfinished log, nothing lost
///   (``tail`` with ``TailReport/lostBytes`` 0);
/// - a torn tail — the file ends inside a header or inside a block's declared extent,
///   or everything from a header to the end of the file is zero bytes, or the block
///   that ends exactly at the end of the file fails its checksum and its last 32 bytes
///   are zero (pages that never reached the disk): ``tail`` says what is lost;
/// - anything else that is wrong (bad magic, impossible length, checksum mismatch,
///   a block out of sequence, bytes after the end block) is corruption: an
///   ``EventLogError`` naming the segment and byte offset.
///
/// The reader is a value: copies read independently (the block buffer is copied on
/// write). Nothing after a problem is ever returned.
public struct EventLogReader {
    /// The log file.
    public let path: String
    /// The catalog from the log's dictionary block.
    public let catalog: Catalog
    /// Block and segment sizes, from the first segment header.
    public let layout: EventLogLayout
    /// The log's format version, from the first segment header (one of ``EventLog/readableVersions``).
    public let formatVersion: UInt16
    /// Size of the file when it was opened.
    public let fileSize: Int64
    /// The end block's figures, once reading reached it (`nil` for an unfinished or torn log).
    public private(set) var footer: LogFooter?
    /// Set when reading reached the end of a log that has no end block: what was lost, if anything.
    public private(set) var tail: TailReport?
    /// Events in the blocks verified so far (all of the log's events once reading has ended).
    public private(set) var events = 0
    /// Segments seen so far.
    public var segments: Int { segment + 1 }

    @usableFromInline var storage: Storage
    /// The next record to hand out, and the end of the current block's records.
    @usableFromInline var cursor: UnsafeRawPointer
    @usableFromInline var blockEnd: UnsafeRawPointer

    var digestState: XXHash64
    let catalogHash: UInt64
    /// The seed of every block checksum: the run id (segment 0's header checksum) from format 4 on, 0 before.
    let checksumSeed: UInt64
    /// File offset of the next header or block.
    var offset: Int64
    /// End of the last complete event block (or of the dictionary): where a repair would cut.
    var validLength: Int64
    var segment = 0
    var blocksInSegment = 0
    var sawShortBlock = false
    var ended = false
    /// Where the dictionary block ends and the first event block starts.
    let prologueEnd: Int64
    /// Whether blocks were skipped (by ``resynchronise(after:)``): the digest then covers only what was read.
    var skippedBlocks = false

    /// The open file and one block's buffer, shared by copies until one of them loads another block.
    @usableFromInline final class Storage {
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

    /// Opens the log at `path` and reads its catalog.
    /// - Throws: ``EventLogError`` if the file is not a log (or is empty), has an
    ///   unsupported version, ends inside its first header or dictionary, or these are corrupt.
    public init(path: String) throws(EventLogError) {
        self.path = path
        let fd = try POSIXFile.openForReading(path)
        var owned = true
        defer { if owned { POSIXFile.closeFile(fd) } }
        let size = try POSIXFile.size(fd, path: path)
        fileSize = size
        func fail(_ reason: EventLogError.Reason, _ at: Int64, _ message: String) -> EventLogError {
            EventLogError(reason, path: path, segment: 0, offset: at, message)
        }

        // The first segment header.
        guard size > 0 else { throw EventLogError(.notALog, path: path, "not an event log: the file is empty") }
        let head = try POSIXFile.read(fd, count: EventLog.segmentHeaderSize, at: 0, path: path)
        let got = head.count
        guard head.withUnsafeBytes({ EventLog.startsWithSegmentMagic($0.baseAddress!, count: got) }) else {
            throw EventLogError(.notALog, path: path, offset: 0, "not an event log: the file does not start with the event-log magic")
        }
        guard got == EventLog.segmentHeaderSize else {
            throw fail(.truncatedPrologue, Int64(got), "the file ends inside the log's first header (\(got) of \(EventLog.segmentHeaderSize) bytes); no events can be recovered")
        }
        let header = head.withUnsafeBytes { EventLog.SegmentHeader($0.baseAddress!) }
        guard EventLog.readableVersions.contains(header.version) else {
            throw fail(.unsupportedVersion, 8, "format version \(header.version) is not supported (this build reads versions \(EventLog.readableVersions.lowerBound) to \(EventLog.readableVersions.upperBound))")
        }
        guard header.storedChecksum == header.computedChecksum else {
            throw fail(.corrupt, 0, "segment header checksum mismatch (stored \(EventLog.hex(header.storedChecksum)), computed \(EventLog.hex(header.computedChecksum)))")
        }
        guard header.headerSize == EventLog.segmentHeaderSize, header.segment == 0, header.layout.isValid else {
            throw fail(.corrupt, 0, "impossible first segment header (header size \(header.headerSize), segment \(header.segment), \(header.layout.recordsPerBlock) records per block, \(header.layout.blocksPerSegment) blocks per segment)")
        }
        layout = header.layout
        formatVersion = header.version
        catalogHash = header.catalogHash
        let seed = header.version >= EventLog.runBoundVersion ? header.storedChecksum : 0
        checksumSeed = seed

        // The dictionary block.
        let at = Int64(EventLog.segmentHeaderSize)
        let blockHead = try POSIXFile.read(fd, count: EventLog.blockHeaderSize, at: at, path: path)
        guard blockHead.count == EventLog.blockHeaderSize else {
            throw fail(.truncatedPrologue, at, "the file ends inside the dictionary block's header; no events can be recovered")
        }
        let dictHeader = blockHead.withUnsafeBytes { EventLog.BlockHeader($0.baseAddress!) }
        guard dictHeader.magic == EventLog.dictionaryMagic else {
            throw fail(.corrupt, at, "bad dictionary block magic \(EventLog.magicText(dictHeader.magic)) (expected \"DICT\")")
        }
        guard dictHeader.length <= EventLog.maxDictionarySize, dictHeader.firstEvent == 0 else {
            throw fail(.corrupt, at, "impossible dictionary block header (length \(dictHeader.length), first event \(dictHeader.firstEvent))")
        }
        let dictEnd = at + Int64(EventLog.blockHeaderSize + dictHeader.length)
        guard dictEnd <= size else {
            throw fail(.truncatedPrologue, at, "the file ends inside the dictionary block (\(size - at) of \(EventLog.blockHeaderSize + dictHeader.length) bytes); no events can be recovered")
        }
        let dictionary = try POSIXFile.read(fd, count: dictHeader.length, at: at + Int64(EventLog.blockHeaderSize), path: path)
        guard dictionary.count == dictHeader.length else {
            throw fail(.io, at, "the file shrank while it was being read")
        }
        let sum = blockHead.withUnsafeBytes { h in
            dictionary.withUnsafeBytes { d in EventLog.blockChecksum(header: h.baseAddress!, payload: d.baseAddress ?? h.baseAddress!, count: d.count, seed: seed) }
        }
        guard sum == dictHeader.checksum else {
            throw fail(.corrupt, at, "dictionary block checksum mismatch (stored \(EventLog.hex(dictHeader.checksum)), computed \(EventLog.hex(sum)))")
        }
        let dictHash = XXHash64.hash(dictionary)
        guard dictHash == header.catalogHash else {
            throw fail(.corrupt, at, "the dictionary does not match the catalog hash in the segment header")
        }
        do {
            catalog = try EventLogDictionary.decode(dictionary, version: header.version)
        } catch {
            throw fail(.corrupt, at, "malformed dictionary: \(error.message)")
        }
        var state = XXHash64()
        dictionary.withUnsafeBytes { state.update($0) }
        digestState = state

        storage = Storage(fd: fd, capacity: EventLog.blockHeaderSize + header.layout.blockPayloadSize)
        owned = false
        cursor = UnsafeRawPointer(storage.buffer)
        blockEnd = cursor
        offset = dictEnd
        validLength = dictEnd
        prologueEnd = dictEnd
    }

    // MARK: Reading events

    /// The next event, or `nil` at the end of the readable data (then ``footer`` or ``tail`` says how the log ended).
    /// - Throws: ``EventLogError`` on corruption; no event after it is returned.
    @inlinable
    public mutating func next() throws(EventLogError) -> CaseEvent? {
        if _slowPath(cursor == blockEnd) {
            guard try loadBlock() else { return nil }
        }
        let e = EventLog.decode(cursor)
        cursor += 32
        return e
    }

    /// Calls `body` with every remaining event, in order.
    @inlinable
    public mutating func forEach(_ body: (CaseEvent) throws -> Void) throws {
        while true {
            if cursor == blockEnd {
                guard try loadBlock() else { return }
            }
            var p = cursor
            let end = blockEnd
            while p != end {
                let e = EventLog.decode(p)
                p += 32
                cursor = p
                try body(e)
            }
        }
    }

    /// Sends every remaining event to `sink`, in order.
    /// - Returns: the number of events sent.
    @inlinable @discardableResult
    public mutating func replay<Sink: CaseEventSink>(into sink: inout Sink) throws(EventLogError) -> Int {
        var count = 0
        while true {
            if cursor == blockEnd {
                guard try loadBlock() else { return count }
            }
            var p = cursor
            let end = blockEnd
            count &+= (end - p) / 32
            while p != end {
                sink.record(EventLog.decode(p))
                p += 32
            }
            cursor = end
        }
    }

    /// Verifies the rest of the log without decoding events.
    mutating func skipToEnd() throws(EventLogError) {
        cursor = blockEnd
        while try loadBlock() { cursor = blockEnd }
    }

    /// The digest of the catalog and the records of every block verified so far; the
    /// log's digest once reading has ended (equal to the writer's for the same events).
    public var digestValue: UInt64 { digestState.finalize() }

    /// ``digestValue`` as 16 lowercase hexadecimal digits.
    public var digest: String { EventLog.hex(digestValue) }

    /// Whether reading has ended (at the end block, or at a clean or torn end of the data).
    public var isAtEnd: Bool { ended }

    // MARK: Loading blocks

    func error(_ reason: EventLogError.Reason, _ at: Int64, _ message: String) -> EventLogError {
        EventLogError(reason, path: path, segment: segment, offset: at, message)
    }

    /// Ends reading at a torn (or merely unfinished) tail.
    mutating func endTorn(_ reason: String) -> Bool {
        tail = TailReport(path: path, fileSize: fileSize, validLength: validLength, segment: segment, events: events, reason: reason)
        ended = true
        cursor = blockEnd
        return false
    }

    /// Verifies the next event block and points ``cursor`` at its records.
    /// - Returns: `false` at the end of the readable data (``footer`` or ``tail`` is then set).
    @usableFromInline
    mutating func loadBlock() throws(EventLogError) -> Bool {
        guard !ended else { return false }
        if !isKnownUniquelyReferenced(&storage) { storage = try storage.copy(path: path) }
        let buffer = storage.buffer
        while true {
            let remaining = fileSize - offset
            if remaining == 0 {
                if validLength == offset {
                    let after = validLength == prologueEnd ? "its dictionary" : "a complete block"
                    return endTorn("the log ends after \(after) without an end block (the writer did not finish)")
                }
                return endTorn("the file ends after a segment header, before the segment's first block")
            }
            let want = Int(min(Int64(storage.capacity), remaining))
            let got = try POSIXFile.readFully(storage.fd, buffer, want, at: offset, path: path)
            guard got == want else { throw error(.io, offset + Int64(got), "the file shrank while it was being read") }

            /// The unit here is not intact: a torn tail if what is left of the file is a prefix of a
            /// unit that could come here (followed or not by zeros), corruption otherwise.
            func damaged(_ message: String) throws(EventLogError) -> Bool {
                if let torn = try tornTail(at: offset) { return endTorn(torn) }
                throw error(.corrupt, offset, message)
            }

            // A segment header is due after a full segment (only an end block may take its place).
            if blocksInSegment == layout.blocksPerSegment, EventLog.startsWithSegmentMagic(buffer, count: got) {
                guard got >= EventLog.segmentHeaderSize else {
                    return try damaged("the file ends inside segment \(segment + 1)'s header, which does not continue the log")
                }
                let h = EventLog.SegmentHeader(buffer)
                guard h.storedChecksum == h.computedChecksum else {
                    return try damaged("segment \(segment + 1) header checksum mismatch (stored \(EventLog.hex(h.storedChecksum)), computed \(EventLog.hex(h.computedChecksum)))")
                }
                guard h.version == formatVersion, h.headerSize == EventLog.segmentHeaderSize, h.segment == segment + 1,
                      h.layout == layout, h.catalogHash == catalogHash
                else {
                    throw error(.corrupt, offset, "segment header does not continue the log (says segment \(h.segment) of version \(h.version), expected segment \(segment + 1) with the same layout and catalog)")
                }
                segment += 1
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

            if !isEvents {
                let body = payload
                let count = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
                let digest = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                let segments = UInt32(littleEndian: body.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                let computed = digestState.finalize()
                guard count == UInt64(events), digest == computed || skippedBlocks, Int(segments) == segment + 1 else {
                    throw error(.corrupt, offset, "the end block does not match the log: it says \(count) events, digest \(EventLog.hex(digest)), \(segments) segments; the log holds \(events) events, digest \(EventLog.hex(computed)), \(segment + 1) segments")
                }
                let end = offset + Int64(unitSize)
                guard end == fileSize else {
                    throw error(.corrupt, end, "\(fileSize - end) unexpected bytes after the end block")
                }
                footer = LogFooter(events: events, bytes: fileSize, segments: segment + 1, digestValue: skippedBlocks ? digest : computed)
                ended = true
                cursor = blockEnd
                return false
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
            cursor = payload
            blockEnd = payload + length
            return true
        }
    }

    /// Where the run of zero bytes that ends the file starts (the file size when its last byte is not zero).
    mutating func trailingZerosStart() throws(EventLogError) -> Int64 {
        var end = fileSize
        let p = storage.buffer
        while end > prologueEnd {
            let want = Int(min(Int64(storage.capacity), end - prologueEnd))
            let at = end - Int64(want)
            let got = try POSIXFile.readFully(storage.fd, p, want, at: at, path: path)
            guard got == want else { throw error(.io, at, "the file shrank while it was being read") }
            var i = got
            while i > 0, p.load(fromByteOffset: i - 1, as: UInt8.self) == 0 { i -= 1 }
            if i > 0 { return at + Int64(i) }
            end = at
        }
        return end
    }

    /// Why the bytes from `start` (where a unit that is not intact begins) to the end of the file are a
    /// torn tail, or `nil` when they are damage.
    ///
    /// A crashed append leaves a prefix of the unit it was writing, and power loss may leave
    /// zero pages from anywhere in it to the end of the file. So the tail is torn when it is all
    /// zeros, or when, after taking off a final run of 32 or more zero bytes (no intact stretch of a
    /// log holds 32 zero bytes in a row: every record has a nonzero kind byte), what is left is a
    /// proper prefix of a unit that could stand here: the segment header due here, byte for byte;
    /// or a block header with a known magic, a possible length and the next event number, followed
    /// by records of known kinds and channels. Everything else cannot come from a crash.
    mutating func tornTail(at start: Int64) throws(EventLogError) -> String? {
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
        guard bytes.count == n else { throw error(.io, start, "the file shrank while it was being read") }

        if blocksInSegment == layout.blocksPerSegment {
            var expected = [UInt8](repeating: 0, count: EventLog.segmentHeaderSize)
            expected.withUnsafeMutableBytes { h in
                EventLog.writeSegmentHeader(into: h.baseAddress!, segment: segment + 1, layout: layout, catalogHash: catalogHash, version: formatVersion)
            }
            if n < expected.count, bytes[...] == expected[..<n] {
                return "the file ends inside segment \(segment + 1)'s header (\(n) of \(EventLog.segmentHeaderSize) bytes)\(zeroNote)"
            }
        }
        return bytes.withUnsafeBytes { b -> String? in
            let p = b.baseAddress!
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
                var record = EventLog.blockHeaderSize
                while record + 28 < n {
                    guard EventLog.knownKinds[Int(p.load(fromByteOffset: record + 28, as: UInt8.self))],
                          p.load(fromByteOffset: record + 28, as: UInt8.self) != 0,
                          record + 29 >= n || EventLog.knownChannels[Int(p.load(fromByteOffset: record + 29, as: UInt8.self))]
                    else { return nil }
                    record += EventLog.recordSize
                }
            } else if n >= EventLog.blockHeaderSize + 8, le(EventLog.blockHeaderSize, 8) != UInt64(events) {
                return nil
            }
            let what = n < EventLog.blockHeaderSize ? "a block header (\(n) of \(EventLog.blockHeaderSize) bytes)"
                : "a block: its header declares \(length) payload bytes, \(n - EventLog.blockHeaderSize) are present"
            return "the file ends inside \(what)\(zeroNote)"
        }
    }

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

    /// Checks that every record's kind and channel are ones this build knows.
    func checkRecords(_ p: UnsafeRawPointer, count: Int, at payloadOffset: Int64) throws(EventLogError) {
        try EventLog.knownKinds.withUnsafeBufferPointer { kinds throws(EventLogError) in
            try EventLog.knownChannels.withUnsafeBufferPointer { channels throws(EventLogError) in
                for i in 0..<count {
                    let kind = p.load(fromByteOffset: i &* 32 &+ 28, as: UInt8.self)
                    let channel = p.load(fromByteOffset: i &* 32 &+ 29, as: UInt8.self)
                    if _slowPath(!kinds[Int(kind)] || !channels[Int(channel)]) {
                        let at = payloadOffset + Int64(i * 32)
                        let known = CaseEvent.Kind.allCases.map { String($0.rawValue) }.joined(separator: ", ")
                        if !kinds[Int(kind)] {
                            throw error(.unknownRecord, at, "event \(events + i) has unknown kind \(kind) (this build knows kinds \(known)); the log may come from a newer hallsim")
                        }
                        throw error(.unknownRecord, at, "event \(events + i) has unknown channel \(channel); the log may come from a newer hallsim")
                    }
                }
            }
        }
    }
}
