public import SimCore

/// The binary event log: format constants, layout and file-level operations.
///
/// A log is one file: a segment header, a dictionary block holding the run's
/// ``Catalog``, then blocks of fixed-size 32-byte records, a new segment header
/// every ``EventLogLayout/blocksPerSegment`` blocks, and an end block carrying the
/// event count and digest. Every header and block is checksummed (XXH64). The
/// byte-by-byte format is documented in `docs/event-log.md`.
///
/// Write with ``EventLogWriter``, read with ``EventLogReader``; ``verify(path:)``,
/// ``truncateTornTail(path:)``, ``survey(path:)`` and the `exportJSONLines` functions work on whole files.
public enum EventLog {
    /// The format version this build writes.
    public static let formatVersion: UInt16 = 5
    /// The format versions this build reads: 2 (a catalog without kinds, wait targets and terms, read
    /// with their defaults), 3 (block checksums not tied to the run), 4, and 5 (the `uncollected` kind;
    /// queue events carry their visit in the record's last two bytes; records of kind
    /// ``CaseEvent/Kind/workStarted``).
    public static let readableVersions: ClosedRange<UInt16> = 2...5
    /// The first version whose block checksums are seeded with the run id (segment 0's header checksum).
    static let runBoundVersion: UInt16 = 4
    /// The first version whose records may be of kind ``CaseEvent/Kind/workStarted``.
    static let deskWorkVersion: UInt16 = 5

    /// Bytes of one record on disk.
    public static let recordSize = 32

    /// First 8 bytes of every segment header: `0x89 "HSL" "OG" 0x0D 0x0A`
    /// (the high byte and CR LF catch 7-bit and newline-translating transfers, as in PNG).
    static let segmentMagic: [UInt8] = [0x89, 0x48, 0x53, 0x4C, 0x4F, 0x47, 0x0D, 0x0A]
    /// Segment header size: magic 8, version 2, header size 2, segment 4, records/block 4,
    /// blocks/segment 4, catalog hash 8, checksum 8.
    static let segmentHeaderSize = 40

    /// Block magics (little-endian UInt32 of the ASCII text).
    static let dictionaryMagic: UInt32 = 0x5443_4944  // "DICT"
    static let eventsMagic: UInt32 = 0x5354_5645  // "EVTS"
    static let endMagic: UInt32 = 0x2144_4E45  // "END!"
    /// Block header size: magic 4, payload length 4, first event 8, checksum 8.
    static let blockHeaderSize = 24
    /// End block payload: events 8, digest 8, segments 4, reserved 4.
    static let endPayloadSize = 24
    /// The largest dictionary a reader accepts (a corrupt length must not make it allocate gigabytes).
    static let maxDictionarySize = 256 << 20

    /// Renders a 64-bit digest as 16 lowercase hexadecimal digits.
    public static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Writes `event` as 32 little-endian bytes at `p`:
    /// time i64, value i64, case u32, hall u16, group u16, service u16, window u16, kind u8, channel u8, reserved u16.
    @inlinable @inline(__always)
    static func encode(_ e: CaseEvent, to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: e.time.ticks.littleEndian, toByteOffset: 0, as: Int64.self)
        p.storeBytes(of: e.value.littleEndian, toByteOffset: 8, as: Int64.self)
        p.storeBytes(of: e.caseID.littleEndian, toByteOffset: 16, as: UInt32.self)
        p.storeBytes(of: e.hall.littleEndian, toByteOffset: 20, as: UInt16.self)
        p.storeBytes(of: e.group.littleEndian, toByteOffset: 22, as: UInt16.self)
        p.storeBytes(of: e.service.littleEndian, toByteOffset: 24, as: UInt16.self)
        p.storeBytes(of: e.window.littleEndian, toByteOffset: 26, as: UInt16.self)
        p.storeBytes(of: e.kind.rawValue, toByteOffset: 28, as: UInt8.self)
        p.storeBytes(of: e.channel.rawValue, toByteOffset: 29, as: UInt8.self)
        p.storeBytes(of: e.reserved.littleEndian, toByteOffset: 30, as: UInt16.self)
    }

    /// Reads the record at `p`. Its kind and channel must already be known valid
    /// (the reader checks every record of a block before handing any out).
    @inlinable @inline(__always)
    static func decode(_ p: UnsafeRawPointer) -> CaseEvent {
        var e = CaseEvent(
            CaseEvent.Kind(rawValue: p.load(fromByteOffset: 28, as: UInt8.self)).unsafelyUnwrapped,
            at: SimTime(ticks: Int64(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: Int64.self))),
            case: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
            hall: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt16.self)),
            group: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 22, as: UInt16.self)),
            service: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt16.self)),
            window: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 26, as: UInt16.self)),
            channel: CaseEvent.Channel(rawValue: p.load(fromByteOffset: 29, as: UInt8.self)).unsafelyUnwrapped,
            value: Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        )
        e.reserved = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 30, as: UInt16.self))
        return e
    }

    /// Which raw kind and channel values this build knows (index = raw value).
    static let knownKinds: [Bool] = (0...255).map { CaseEvent.Kind(rawValue: UInt8($0)) != nil }
    /// The kinds a log of format `version` may hold: before ``deskWorkVersion``, all but `workStarted` and `uncollected`.
    static func knownKinds(version: UInt16) -> [Bool] { version < deskWorkVersion ? knownKindsBeforeVersion5 : knownKinds }
    static let knownKindsBeforeVersion5: [Bool] = (0...255).map {
        $0 != Int(CaseEvent.Kind.workStarted.rawValue) && $0 != Int(CaseEvent.Kind.uncollected.rawValue)
            && CaseEvent.Kind(rawValue: UInt8($0)) != nil
    }
    static let knownChannels: [Bool] = (0...255).map { CaseEvent.Channel(rawValue: UInt8($0)) != nil }
}

/// How a log is cut into blocks and segments. Stored in every segment header, so a
/// reader needs no configuration.
public struct EventLogLayout: Sendable, Equatable {
    /// Records in a full block. The default, 2048, gives 64 KiB of payload per block.
    public var recordsPerBlock: Int
    /// Event blocks in a segment before the next segment header. The default, 1024,
    /// gives segments of 64 MiB of payload.
    public var blocksPerSegment: Int

    /// 64 KiB blocks, 64 MiB segments.
    public static let standard = EventLogLayout()

    /// The largest block payload allowed: 16 MiB.
    public static let maxRecordsPerBlock = 1 << 19

    public init(recordsPerBlock: Int = 2048, blocksPerSegment: Int = 1024) {
        self.recordsPerBlock = recordsPerBlock
        self.blocksPerSegment = blocksPerSegment
    }

    /// Payload bytes of a full block.
    public var blockPayloadSize: Int { recordsPerBlock * EventLog.recordSize }

    var isValid: Bool {
        (1...Self.maxRecordsPerBlock).contains(recordsPerBlock) && (1...Int(UInt32.max)).contains(blocksPerSegment)
    }
}

/// What a finished log says about itself: written by ``EventLogWriter/finish()`` into the end block.
public struct LogFooter: Sendable, Equatable, CustomStringConvertible {
    /// Events in the log.
    public var events: Int
    /// Size of the whole file in bytes.
    public var bytes: Int64
    /// Segments in the log.
    public var segments: Int
    /// The digest of the catalog and all records, as a number.
    public var digestValue: UInt64
    /// The digest as 16 lowercase hexadecimal digits.
    public var digest: String { EventLog.hex(digestValue) }

    public init(events: Int, bytes: Int64, segments: Int, digestValue: UInt64) {
        self.events = events
        self.bytes = bytes
        self.segments = segments
        self.digestValue = digestValue
    }

    public var description: String { "\(events) events, \(bytes) bytes, \(segments) segment(s), digest \(digest)" }
}

/// What was found after the last complete block of a log that has no end block.
///
/// Either the writer stopped between blocks (``lostBytes`` is 0: nothing is lost
/// but the log is unfinished) or it stopped in the middle of a block or header
/// (a torn tail: ``lostBytes`` bytes cannot be read and
/// ``EventLog/truncateTornTail(path:)`` cuts them off).
public struct TailReport: Sendable, Equatable, CustomStringConvertible {
    /// The log file.
    public var path: String
    /// Size of the file.
    public var fileSize: Int64
    /// Offset where the last complete block ends (where a repair truncates the file).
    public var validLength: Int64
    /// The segment the tail is in.
    public var segment: Int
    /// Events in the complete blocks.
    public var events: Int
    /// Why the tail is torn, or that the log merely ends without its end block.
    public var reason: String

    /// Bytes after the last complete block.
    public var lostBytes: Int64 { fileSize - validLength }
    /// Whether bytes were lost (a write was cut short), as opposed to a log that ends cleanly between blocks.
    public var isTorn: Bool { lostBytes > 0 }

    public var description: String {
        if isTorn {
            return "\(path): torn tail in segment \(segment): \(reason); \(lostBytes) byte(s) after offset \(validLength) are lost, \(events) events in complete blocks"
        }
        return "\(path): unfinished log (no end block) in segment \(segment): \(reason); \(events) events in complete blocks"
    }
}

/// A log that cannot be read (or written): not a log, a version this build does not
/// know, corruption in the middle, an unknown record kind, or an I/O failure.
public struct EventLogError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The file does not start with the log magic (or is empty).
        case notALog
        /// A version this build cannot read.
        case unsupportedVersion
        /// The file ends inside the log's first header or dictionary: there is nothing to recover.
        case truncatedPrologue
        /// A checksum mismatch, bad magic, impossible length or inconsistent field before the end of the data.
        case corrupt
        /// A checksummed record this build cannot decode (an unknown kind or channel).
        case unknownRecord
        /// A record no run can write (a time outside the run, a negative wait, an event that does not
        /// fit its case): found by replay, which refuses the log rather than fold it.
        case impossibleRecord
        /// An operating-system call failed.
        case io
        /// The writer was given something it cannot store.
        case invalidInput
    }

    public var reason: Reason
    /// The log file.
    public var path: String
    /// The segment the problem is in, when known.
    public var segment: Int?
    /// The byte offset of the problem (the start of the header, block or record), when known.
    public var offset: Int64?
    /// What is wrong, in words.
    public var message: String

    public init(_ reason: Reason, path: String, segment: Int? = nil, offset: Int64? = nil, _ message: String) {
        self.reason = reason
        self.path = path
        self.segment = segment
        self.offset = offset
        self.message = message
    }

    public var description: String {
        var where_ = path
        if let segment { where_ += ": segment \(segment)" }
        if let offset { where_ += ", byte offset \(offset)" }
        return "\(where_): \(message)"
    }
}
