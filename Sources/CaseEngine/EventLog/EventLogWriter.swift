/// Streams case events to a binary event log on disk.
///
/// A class, so that the sink handed to a run and the one taken back are the same
/// writer (one file, one position). The append path ``record(_:)`` is `@inlinable`:
/// it encodes the event straight into a preallocated block buffer and bumps a
/// cursor kept behind an unsafe pointer (so no exclusivity check and no allocation
/// per event); when the block is full it is sealed (header, XXH64 checksum), folded
/// into the digest and written with one `write(2)`. Memory is one block, whatever the
/// horizon.
///
/// ``record(_:)`` cannot throw (it is a ``CaseEventSink``): if a write fails, the
/// writer stops writing and ``finish()`` throws the error.
///
/// Crash safety: blocks are written whole and in order, each carrying its length and
/// checksum, so a reader of a file cut short anywhere finds every complete block and
/// reports the torn tail (see ``EventLogReader``). ``finish()`` writes the end block
/// and, unless `sync` is false, `fsync`s the file.
public final class EventLogWriter: CaseEventSink {
    /// The log file.
    public let path: String
    /// The catalog stored in the log's dictionary block.
    public let catalog: Catalog
    public let layout: EventLogLayout

    /// The next free record slot (behind a pointer: the hot path then needs no exclusivity check).
    @usableFromInline let cursor: UnsafeMutablePointer<UnsafeMutableRawPointer>
    /// The end of the block buffer's payload area.
    @usableFromInline let limit: UnsafeMutableRawPointer
    /// Block header followed by payload.
    let block: UnsafeMutableRawPointer
    let payload: UnsafeMutableRawPointer
    let fd: Int32
    let sync: Bool
    let catalogHash: UInt64
    /// The run id: segment 0's header checksum, the seed of every block checksum.
    let runID: UInt64
    var digestState: XXHash64
    var flushedEvents = 0
    var blocksInSegment = 0
    var segment = 0
    var bytes: Int64 = 0
    var failure: EventLogError?
    var footer: LogFooter?
    var closed = false

    /// Creates (or truncates) the file at `path` and writes the log's first segment
    /// header and its dictionary block.
    /// - Parameters:
    ///   - layout: block and segment sizes; the default is 64 KiB blocks and 64 MiB segments.
    ///   - sync: whether ``finish()`` flushes the file to disk (`fsync`).
    public init(path: String, catalog: Catalog, layout: EventLogLayout = .standard, sync: Bool = true) throws(EventLogError) {
        guard layout.isValid else {
            throw EventLogError(.invalidInput, path: path, "layout \(layout) is out of range (1...\(EventLogLayout.maxRecordsPerBlock) records per block, at least 1 block per segment)")
        }
        let dictionary: [UInt8]
        do {
            dictionary = try EventLogDictionary.encode(catalog)
        } catch {
            throw EventLogError(.invalidInput, path: path, "cannot store the catalog: \(error.message)")
        }
        guard dictionary.count <= EventLog.maxDictionarySize else {
            throw EventLogError(.invalidInput, path: path, "the catalog takes \(dictionary.count) bytes; a log's dictionary holds at most \(EventLog.maxDictionarySize)")
        }
        self.path = path
        self.catalog = catalog
        self.layout = layout
        self.sync = sync
        let hash = dictionary.withUnsafeBytes { XXHash64.hash($0) }
        catalogHash = hash
        var state = XXHash64()
        dictionary.withUnsafeBytes { state.update($0) }
        digestState = state
        // The run id of a log is the checksum stored in segment 0's header (bytes 32 ..< 40), which covers
        // the version, the layout and the catalog hash; built on the stack, so a log costs no allocation more.
        runID = withUnsafeTemporaryAllocation(byteCount: EventLog.segmentHeaderSize, alignment: 8) { h in
            EventLog.writeSegmentHeader(into: h.baseAddress!, segment: 0, layout: layout, catalogHash: hash)
            return UInt64(littleEndian: h.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        }

        fd = try POSIXFile.openForWriting(path)
        let capacity = EventLog.blockHeaderSize + layout.blockPayloadSize
        block = .allocate(byteCount: capacity, alignment: 16)
        payload = block + EventLog.blockHeaderSize
        limit = payload + layout.blockPayloadSize
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: payload)
        // From here on the object is fully initialized: if init throws, deinit closes and frees.

        // Prologue: segment header 0, then the dictionary block.
        var prologue = [UInt8](repeating: 0, count: EventLog.segmentHeaderSize + EventLog.blockHeaderSize + dictionary.count)
        prologue.withUnsafeMutableBytes { buf in
            let p = buf.baseAddress!
            EventLog.writeSegmentHeader(into: p, segment: 0, layout: layout, catalogHash: catalogHash)
            let d = p + EventLog.segmentHeaderSize
            dictionary.withUnsafeBytes { (d + EventLog.blockHeaderSize).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            EventLog.sealBlock(d, magic: EventLog.dictionaryMagic, count: dictionary.count, firstEvent: 0, seed: runID)
        }
        try POSIXFile.writeAll(fd, bytes: prologue, path: path)
        bytes = Int64(prologue.count)
    }

    deinit {
        if !closed {
            // Dropped without finish(): keep what was recorded (the log reads as unfinished).
            flush(count: cursor.pointee - payload)
            POSIXFile.closeFile(fd)
        }
        block.deallocate()
        cursor.deallocate()
    }

    /// Appends one event. O(1), no allocation; writes a block to disk when one fills up.
    /// Always inlined into the run's sink: a call per event would cost more than the encoding.
    @inlinable @inline(__always)
    public func record(_ event: CaseEvent) {
        let slot = cursor.pointee
        EventLog.encode(event, to: slot)
        let next = slot + 32
        cursor.pointee = next
        if _slowPath(next == limit) { flushFullBlock() }
    }

    @usableFromInline @inline(never)
    func flushFullBlock() {
        flush(count: layout.blockPayloadSize)
    }

    /// Seals and writes the pending block (of `count` payload bytes), starting a new segment first if the current one is full.
    func flush(count: Int) {
        cursor.pointee = payload
        guard count > 0, failure == nil, !closed else { return }
        do throws(EventLogError) {
            if blocksInSegment == layout.blocksPerSegment {
                var header = [UInt8](repeating: 0, count: EventLog.segmentHeaderSize)
                header.withUnsafeMutableBytes { h in
                    EventLog.writeSegmentHeader(into: h.baseAddress!, segment: segment + 1, layout: layout, catalogHash: catalogHash)
                }
                try POSIXFile.writeAll(fd, bytes: header, path: path)
                segment += 1
                blocksInSegment = 0
                bytes += Int64(EventLog.segmentHeaderSize)
            }
            EventLog.sealBlock(block, magic: EventLog.eventsMagic, count: count, firstEvent: flushedEvents, seed: runID)
            digestState.update(UnsafeRawBufferPointer(start: payload, count: count))
            try POSIXFile.writeAll(fd, block, EventLog.blockHeaderSize + count, path: path)
            flushedEvents += count / EventLog.recordSize
            blocksInSegment += 1
            bytes += Int64(EventLog.blockHeaderSize + count)
        } catch {
            failure = error
        }
    }

    /// Flushes what has been written to disk (`fsync`), for a service that acknowledges appends only
    /// once they are durable. Only whole blocks are written before ``finish()``: with a layout of one
    /// record per block (`EventLogLayout(recordsPerBlock: 1)`) that is every event recorded so far.
    /// - Throws: the first write error met since the log was opened, or the flush's own.
    public func syncToDisk() throws(EventLogError) {
        if let failure { throw failure }
        guard !closed else { return }
        do throws(EventLogError) {
            try POSIXFile.sync(fd, path: path)
        } catch {
            failure = error
            throw error
        }
    }

    /// Events written to the file as whole blocks (what ``syncToDisk()`` makes durable).
    public var writtenEvents: Int { footer?.events ?? flushedEvents }

    /// Events recorded so far.
    public var events: Int { footer?.events ?? flushedEvents + (cursor.pointee - payload) / EventLog.recordSize }

    /// The digest of the catalog and every event recorded so far, as a number.
    /// After ``finish()`` it is the log's digest; a reader recomputes the same value.
    public var digestValue: UInt64 {
        if let footer { return footer.digestValue }
        var state = digestState
        state.update(UnsafeRawBufferPointer(start: payload, count: cursor.pointee - payload))
        return state.finalize()
    }

    /// ``digestValue`` as 16 lowercase hexadecimal digits.
    public var digest: String { EventLog.hex(digestValue) }

    /// Writes the last (possibly short) block and the end block, flushes the file to
    /// disk (unless the writer was made with `sync: false`) and closes it.
    /// Calling it again returns the same footer; events recorded after it are ignored.
    /// - Throws: the first write error met since the log was opened.
    @discardableResult
    public func finish() throws(EventLogError) -> LogFooter {
        if let footer { return footer }
        if let failure { throw failure }
        flush(count: cursor.pointee - payload)
        if let failure { throw failure }
        let digest = digestState.finalize()
        let segments = segment + 1
        var end = [UInt8](repeating: 0, count: EventLog.blockHeaderSize + EventLog.endPayloadSize)
        end.withUnsafeMutableBytes { buf in
            let p = buf.baseAddress!
            let body = p + EventLog.blockHeaderSize
            body.storeBytes(of: UInt64(flushedEvents).littleEndian, toByteOffset: 0, as: UInt64.self)
            body.storeBytes(of: digest.littleEndian, toByteOffset: 8, as: UInt64.self)
            body.storeBytes(of: UInt32(segments).littleEndian, toByteOffset: 16, as: UInt32.self)
            EventLog.sealBlock(p, magic: EventLog.endMagic, count: EventLog.endPayloadSize, firstEvent: flushedEvents, seed: runID)
        }
        do throws(EventLogError) {
            try POSIXFile.writeAll(fd, bytes: end, path: path)
            bytes += Int64(end.count)
            if sync { try POSIXFile.sync(fd, path: path) }
        } catch {
            failure = error
            throw error
        }
        closed = true
        POSIXFile.closeFile(fd)
        let footer = LogFooter(events: flushedEvents, bytes: bytes, segments: segments, digestValue: digest)
        self.footer = footer
        return footer
    }
}
