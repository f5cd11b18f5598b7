/// Loading and verifying one event block at a time: its header, checksum, place in the
/// sequence and every record's kind and channel; segment headers and the end block between them.
extension EventLogReader {
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

    /// Checks that every record's kind and channel are ones this build knows.
    func checkRecords(_ p: UnsafeRawPointer, count: Int, at payloadOffset: Int64) throws(EventLogError) {
        try EventLog.knownKinds(version: formatVersion).withUnsafeBufferPointer { kinds throws(EventLogError) in
            try EventLog.knownChannels.withUnsafeBufferPointer { channels throws(EventLogError) in
                for i in 0..<count {
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
                }
            }
        }
    }
}
