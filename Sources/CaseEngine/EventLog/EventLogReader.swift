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
///
/// Its parts, a type each: ``EventLogPrologue`` checks the first header and the dictionary on
/// opening; ``EventBlockScanner`` verifies one unit at a time after it; ``TornTail`` tells a torn
/// tail from corruption; ``EventLogPositions`` finds records and segments by offset. The reader
/// itself decodes the verified records.
public struct EventLogReader {
    /// The log file.
    public let path: String
    /// The catalog from the log's dictionary block.
    public let catalog: Catalog
    /// Block and segment sizes, from the first segment header.
    public var layout: EventLogLayout { scanner.layout }
    /// The log's format version, from the first segment header (one of ``EventLog/readableVersions``).
    public var formatVersion: UInt16 { scanner.formatVersion }
    /// Size of the file when it was opened.
    public var fileSize: Int64 { scanner.fileSize }
    /// The end block's figures, once reading reached it (`nil` for an unfinished or torn log).
    public var footer: LogFooter? { scanner.footer }
    /// Set when reading reached the end of a log that has no end block: what was lost, if anything.
    public var tail: TailReport? { scanner.tail }
    /// Events in the blocks verified so far (all of the log's events once reading has ended).
    public var events: Int { scanner.events }
    /// Segments seen so far.
    public var segments: Int { scanner.segment + 1 }

    /// The units after the prologue, verified one at a time.
    var scanner: EventBlockScanner
    /// The next record to hand out, and the end of the current block's records.
    @usableFromInline var cursor: UnsafeRawPointer
    @usableFromInline var blockEnd: UnsafeRawPointer
    /// The kind of each raw kind byte (this reader's copy of ``KindTags/shared``).
    @usableFromInline let kinds = KindTags.shared

    /// Opens the log at `path` and reads its catalog.
    /// - Throws: ``EventLogError`` if the file is not a log (or is empty), has an
    ///   unsupported version, ends inside its first header or dictionary, or these are corrupt.
    public init(path: String) throws(EventLogError) {
        self.path = path
        let fd = try POSIXFile.openForReading(path)
        var owned = true
        defer { if owned { POSIXFile.closeFile(fd) } }
        let size = try POSIXFile.size(fd, path: path)
        let prologue = try EventLogPrologue(fd: fd, size: size, path: path)
        catalog = prologue.catalog
        scanner = EventBlockScanner(path: path, fd: fd, fileSize: size, prologue: prologue)
        owned = false
        cursor = UnsafeRawPointer(scanner.storage.buffer)
        blockEnd = cursor
    }

    /// Verifies the next event block and points ``cursor`` at its records.
    /// - Returns: `false` at the end of the readable data (``footer`` or ``tail`` is then set).
    @usableFromInline
    mutating func loadBlock() throws(EventLogError) -> Bool {
        guard let records = try scanner.nextBlock() else {
            cursor = blockEnd
            return false
        }
        cursor = records.baseAddress!
        blockEnd = cursor + records.count
        return true
    }

    /// The segment holding event `i` (from 0).
    public func segment(ofEvent i: Int) -> Int { scanner.positions.segment(ofEvent: i) }

    /// The byte offset of event `i`'s record (from 0): every event block but the last is full, so
    /// records sit at fixed offsets.
    public func offset(ofEvent i: Int) -> Int64 { scanner.positions.offset(ofEvent: i) }

    // MARK: Reading events

    /// The next event, or `nil` at the end of the readable data (then ``footer`` or ``tail`` says how the log ended).
    /// - Throws: ``EventLogError`` on corruption; no event after it is returned.
    @inlinable
    public mutating func next() throws(EventLogError) -> CaseEvent? {
        if _slowPath(cursor == blockEnd) {
            guard try loadBlock() else { return nil }
        }
        let e = EventLog.decode(cursor, kinds: kinds)
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
                let e = EventLog.decode(p, kinds: kinds)
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
                sink.record(EventLog.decode(p, kinds: kinds))
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
    public var digestValue: UInt64 { scanner.digestState.finalize() }

    /// ``digestValue`` as 16 lowercase hexadecimal digits.
    public var digest: String { EventLog.hex(digestValue) }

    /// Whether reading has ended (at the end block, or at a clean or torn end of the data).
    public var isAtEnd: Bool { scanner.ended }
}
