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
