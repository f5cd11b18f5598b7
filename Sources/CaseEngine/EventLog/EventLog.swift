public import Foundation
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
    /// (the reader checks every record of a block before handing any out); `kinds` maps its kind byte.
    @inlinable @inline(__always)
    static func decode(_ p: UnsafeRawPointer, kinds: borrowing KindTags) -> CaseEvent {
        var e = CaseEvent(
            kinds.kind(p.load(fromByteOffset: 28, as: UInt8.self)),
            at: SimTime(ticks: Int64(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: Int64.self))),
            case: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
            hall: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt16.self)),
            group: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 22, as: UInt16.self)),
            service: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt16.self)),
            window: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 26, as: UInt16.self)),
            channel: knownChannel(p.load(fromByteOffset: 29, as: UInt8.self)),
            value: Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        )
        e.reserved = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 30, as: UInt16.self))
        return e
    }

    /// Reads the record at `p` (kind and channel known valid), with the process's kind table.
    static func decode(_ p: UnsafeRawPointer) -> CaseEvent { decode(p, kinds: KindTags.shared) }

    /// The channel whose raw value is `raw`, which must be a known channel's: channels are numbered
    /// from 0 without gaps in the order declared, so the raw value is the tag (no range check left to
    /// do once the scanner has checked the block).
    @inlinable @inline(__always)
    static func knownChannel(_ raw: UInt8) -> CaseEvent.Channel {
        unsafeBitCast(raw, to: CaseEvent.Channel.self)
    }

    /// Which raw kind and channel values this build knows (index = raw value).
    static let knownKinds: [Bool] = (0...255).map { KindTags.shared.isKnown(UInt8($0)) }
    /// The kinds a log of format `version` may hold: before ``deskWorkVersion``, all but `workStarted` and `uncollected`.
    static func knownKinds(version: UInt16) -> [Bool] { version < deskWorkVersion ? knownKindsBeforeVersion5 : knownKinds }
    static let knownKindsBeforeVersion5: [Bool] = (0...255).map {
        $0 != Int(CaseEvent.Kind.workStarted.rawValue) && $0 != Int(CaseEvent.Kind.uncollected.rawValue)
            && CaseEvent.Kind(rawValue: UInt8($0)) != nil
    }
    static let knownChannels: [Bool] = (0...255).map { CaseEvent.Channel(rawValue: UInt8($0)) != nil }

    // MARK: Headers shared by writer and reader

    /// Fills a 40-byte segment header at `p`, checksum included.
    static func writeSegmentHeader(into p: UnsafeMutableRawPointer, segment: Int, layout: EventLogLayout, catalogHash: UInt64, version: UInt16 = formatVersion) {
        p.copyMemory(from: segmentMagic, byteCount: 8)
        p.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt16.self)
        p.storeBytes(of: UInt16(segmentHeaderSize).littleEndian, toByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: UInt32(segment).littleEndian, toByteOffset: 12, as: UInt32.self)
        p.storeBytes(of: UInt32(layout.recordsPerBlock).littleEndian, toByteOffset: 16, as: UInt32.self)
        p.storeBytes(of: UInt32(layout.blocksPerSegment).littleEndian, toByteOffset: 20, as: UInt32.self)
        p.storeBytes(of: catalogHash.littleEndian, toByteOffset: 24, as: UInt64.self)
        let sum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
        p.storeBytes(of: sum.littleEndian, toByteOffset: 32, as: UInt64.self)
    }

    /// The fields of a segment header.
    struct SegmentHeader {
        var version: UInt16
        var headerSize: UInt16
        var segment: Int
        var layout: EventLogLayout
        var catalogHash: UInt64
        var storedChecksum: UInt64
        var computedChecksum: UInt64

        init(_ p: UnsafeRawPointer) {
            version = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
            headerSize = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 10, as: UInt16.self))
            segment = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            layout = EventLogLayout(
                recordsPerBlock: Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))),
                blocksPerSegment: Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
            )
            catalogHash = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            storedChecksum = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
            computedChecksum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
        }
    }

    /// Whether the bytes at `p` start with (as much as `count` allows of) the segment magic.
    static func startsWithSegmentMagic(_ p: UnsafeRawPointer, count: Int) -> Bool {
        for i in 0..<min(count, 8) where p.load(fromByteOffset: i, as: UInt8.self) != segmentMagic[i] {
            return false
        }
        return true
    }

    /// The checksum of a block: XXH64 over its first 16 header bytes followed by its payload, seeded
    /// with the run id (format 4: segment 0's header checksum; 0 before), so a block of another run fails it.
    static func blockChecksum(header: UnsafeRawPointer, payload: UnsafeRawPointer, count: Int, seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed)
        h.update(UnsafeRawBufferPointer(start: header, count: 16))
        h.update(UnsafeRawBufferPointer(start: payload, count: count))
        return h.finalize()
    }

    /// Fills the 24-byte header of a block whose payload of `count` bytes follows it at `p + 24`.
    static func sealBlock(_ p: UnsafeMutableRawPointer, magic: UInt32, count: Int, firstEvent: Int, seed: UInt64 = 0) {
        p.storeBytes(of: magic.littleEndian, toByteOffset: 0, as: UInt32.self)
        p.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 4, as: UInt32.self)
        p.storeBytes(of: UInt64(firstEvent).littleEndian, toByteOffset: 8, as: UInt64.self)
        let sum = blockChecksum(header: p, payload: p + blockHeaderSize, count: count, seed: seed)
        p.storeBytes(of: sum.littleEndian, toByteOffset: 16, as: UInt64.self)
    }

    /// The fields of a block header.
    struct BlockHeader {
        var magic: UInt32
        var length: Int
        var firstEvent: UInt64
        var checksum: UInt64

        init(_ p: UnsafeRawPointer) {
            magic = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            length = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            firstEvent = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            checksum = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        }
    }

    static func magicText(_ magic: UInt32) -> String {
        let bytes = withUnsafeBytes(of: magic.littleEndian) { Array($0) }
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) { return "\"" + String(decoding: bytes, as: UTF8.self) + "\"" }
        return "0x" + bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }

    // MARK: Whole files

    /// What a full check of a log found.
    public struct Verification: Sendable, Equatable {
        public var catalog: Catalog
        public var layout: EventLogLayout
        /// Events in the complete blocks.
        public var events: Int
        public var segments: Int
        /// The digest recomputed from the catalog and every complete block.
        public var digestValue: UInt64
        public var digest: String { EventLog.hex(digestValue) }
        /// The end block, for a finished log.
        public var footer: LogFooter?
        /// How an unfinished log ends, and what is lost.
        public var tail: TailReport?
        /// Whether the log is finished (it has its end block and nothing after it).
        public var isFinished: Bool { footer != nil }
    }

    /// Reads and checks every header and block of the log at `path`, without decoding events.
    /// - Throws: ``EventLogError`` for anything but a clean end or a torn tail (those are reported in the result).
    public static func verify(path: String) throws(EventLogError) -> Verification {
        var reader = try EventLogReader(path: path)
        try reader.skipToEnd()
        return Verification(
            catalog: reader.catalog, layout: reader.layout, events: reader.events, segments: reader.segments,
            digestValue: reader.digestValue, footer: reader.footer, tail: reader.tail
        )
    }

    /// Cuts a torn tail off the log at `path`: truncates the file to the end of its last
    /// complete block (and flushes it to disk). The log then reads cleanly to that
    /// point and remains unfinished (it has no end block).
    ///
    /// Only a torn tail is ever cut: corruption before the end of the data is an
    /// error and the file is left as it is.
    /// - Returns: the tail that was cut, or `nil` if there was nothing to cut (a finished
    ///   log, or one that ends cleanly after a complete block).
    @discardableResult
    public static func truncateTornTail(path: String) throws(EventLogError) -> TailReport? {
        let check = try verify(path: path)
        guard let tail = check.tail, tail.isTorn else { return nil }
        try POSIXFile.truncate(path, to: tail.validLength)
        return tail
    }

    /// A damaged stretch of a log found by ``survey(path:)``.
    public struct Damage: Sendable, Equatable {
        /// The first problem in the stretch (segment and byte offset included).
        public var error: EventLogError
        /// The first event that could not be read.
        public var firstLostEvent: Int
        /// The segment header where reading resumed; `nil` if no segment starts after the damage.
        public var resumedAtOffset: Int64?
        /// The event reading resumed at (the first event of that segment).
        public var resumedAtEvent: Int?
    }

    /// What ``survey(path:)`` found: every damaged stretch, not just the first.
    public struct Survey: Sendable, Equatable {
        public var catalog: Catalog
        public var layout: EventLogLayout
        /// Events in blocks that passed every check.
        public var readableEvents: Int
        /// Damaged stretches, in file order.
        public var damage: [Damage]
        /// The end block, if it was reached and is intact. After damage its digest is
        /// the one stored by the writer (it cannot be recomputed).
        public var footer: LogFooter?
        /// How the log ends, if not with an intact end block.
        public var tail: TailReport?
        /// Whether nothing is damaged and the log is finished.
        public var isIntact: Bool { damage.isEmpty && footer != nil }
    }

    /// Checks the whole log at `path` and, past each corruption, resynchronises at the
    /// next segment header (segment headers sit at fixed offsets, since every event
    /// block but the last is full), so one bad block costs at most the rest of its segment.
    /// - Throws: ``EventLogError`` only if the log cannot be opened (not a log, or its
    ///   first header or dictionary is damaged).
    public static func survey(path: String) throws(EventLogError) -> Survey {
        var reader = try EventLogReader(path: path)
        var damage: [Damage] = []
        var readable = 0
        var lastResume: Int64?
        while true {
            var blocksRead = 0
            do throws(EventLogError) {
                while let records = try reader.scanner.nextBlock() {
                    blocksRead += 1
                    readable += records.count / recordSize
                }
                break
            } catch {
                guard error.reason == .corrupt || error.reason == .unknownRecord, let at = error.offset else { throw error }
                let firstLost = reader.events
                let resume = reader.scanner.resynchronise(after: at)
                if let lastResume, at == lastResume, blocksRead == 0, !damage.isEmpty {
                    // No readable segment header where we resynchronised: the same stretch goes on.
                    damage[damage.count - 1].resumedAtOffset = resume?.offset
                    damage[damage.count - 1].resumedAtEvent = resume?.event
                } else {
                    damage.append(Damage(error: error, firstLostEvent: firstLost, resumedAtOffset: resume?.offset, resumedAtEvent: resume?.event))
                }
                guard let resume else { break }
                lastResume = resume.offset
            }
        }
        return Survey(
            catalog: reader.catalog, layout: reader.layout, readableEvents: readable, damage: damage,
            footer: reader.footer, tail: reader.tail
        )
    }

    /// One digest for several logs (the replications of a run): XXH64 over their digests' hex text, in order.
    public static func combinedDigest(_ digests: [String]) -> String {
        hex(XXHash64.hash(Array(digests.joined(separator: "\n").utf8)))
    }

    // MARK: JSON Lines

    /// Writes the log at `path` as JSON Lines to `output`; see ``exportJSONLines(from:chunk:)`` for the shape.
    /// - Returns: what reading found (events, digest, and how the log ends: a torn tail is reported, not thrown).
    /// - Throws: ``EventLogError`` for a file that is not a readable log, or on corruption
    ///   (after writing every event before it); errors of `output`.
    @discardableResult
    public static func exportJSONLines(from path: String, to output: FileHandle) throws -> Verification {
        try exportJSONLines(from: path) { bytes in try output.write(contentsOf: Data(bytes)) }
    }

    /// Writes the log at `path` as JSON Lines to a text stream (a `String`, say).
    @discardableResult
    public static func exportJSONLines(from path: String, to output: inout some TextOutputStream) throws -> Verification {
        try exportJSONLines(from: path) { bytes in output.write(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Writes the log at `path` as JSON Lines, handing the bytes to `chunk` in pieces of about 256 KiB.
    ///
    /// The first line is the catalog:
    /// `{"catalog":{"scenario":"mmc","seed":1,"calendar":{"start":"2024-01-01","weekend":["saturday","sunday"],"holidays":[],"working_days":[]},"halls":[{"id":"hall","tier":"city","kind":"hall"}],"groups":[{"id":"w","hall":0,"servers":10,"kind":"window"}],"services":["generic"],"terms":[]}}`,
    /// with `service_level_target_s` after the calendar when the run has a target,
    /// `parent` (the parent hall's id) in each hall that has one and `wait_target_s` in each
    /// hall that has a wait target; `terms` lists the services with a deadline or parts as
    /// `{"service":id,"statutory_wd":n,"promised_wd":n,"parts":[ids]}` (each field only when set).
    /// Then one object per event: `"kind"` (the case name of ``CaseEvent/Kind``), `"time_s"`
    /// (seconds, exact to the microsecond), and the fields that kind uses. Every case
    /// event has `case`, `hall` and `service` (by their catalog ids) and `channel` (by
    /// name); then
    /// - `submitted`: `visit` (0 for a first visit, 1 and up for return visits);
    /// - `ticketIssued`: `group` (its id);
    /// - `called`: `group`, `window`, `wait_s` (seconds);
    /// - `serviceCompleted`: `group`, `window`, `service_s` (seconds);
    /// - any other kind: `group` and `window` as numbers (in the back office `group` is a
    ///   department, not a window group) and `value` as the raw integer; `abandoned` adds
    ///   `reason` (the ``AbandonReason`` name, `unknown` for another value);
    /// - `rated` (not a lifecycle event): `group` (its id), `rating` (`good`, `bad`; `unknown` for
    ///   another value) and `wait_s` (the wait the rating weighed);
    /// - `callbackDone` (not a lifecycle event): `group` (the department's id) and `since_rating_s`;
    /// - `workStarted` (not a lifecycle event): `group` (the department's or desk's id), `desk`
    ///   (the desk within it) and `work_s` (the work the task still needs);
    /// - `staffingChanged` (not a case event): only `hall`, `group` (its id) and `staffed` (windows);
    /// - `runEnded`: only `kind` and `time_s`.
    /// An index outside the catalog is written as a number.
    public static func exportJSONLines(from path: String, chunk: (UnsafeRawBufferPointer) throws -> Void) throws -> Verification {
        var reader = try EventLogReader(path: path)
        let writer = JSONLineWriter(catalog: reader.catalog)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 18 + 4096)
        writer.appendCatalog(to: &out)
        do {
            try reader.forEach { event in
                writer.append(event, to: &out)
                if out.count >= 1 << 18 {
                    try out.withUnsafeBytes { try chunk($0) }
                    out.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            try out.withUnsafeBytes { try chunk($0) }
            throw error
        }
        if !out.isEmpty { try out.withUnsafeBytes { try chunk($0) } }
        return Verification(
            catalog: reader.catalog, layout: reader.layout, events: reader.events, segments: reader.segments,
            digestValue: reader.digestValue, footer: reader.footer, tail: reader.tail
        )
    }
}

/// The kind of every raw kind byte, as a 256-entry table built once from `Kind(rawValue:)`, so that
/// decoding a record's kind is one load and a new kind (with any raw value) needs no change here.
///
/// An entry holds the kind's tag, its one-byte representation in memory (the compiler numbers a
/// kind's cases from 0 in declaration order; the table reads each kind's tag off the kind itself
/// rather than assuming that), or ``unknown`` for a byte that is no kind's raw value. A reader keeps
/// its own copy inline, so its loop reads the table with no lazy global's check.
/// `EventLogPartsTests` checks it against `Kind(rawValue:)` for all 256 bytes.
@usableFromInline
struct KindTags: Sendable {
    /// The entry of a byte that is no kind's raw value.
    static let unknown: UInt8 = 0xFF
    /// The table of this process.
    static let shared = KindTags()

    /// Tags by raw value.
    @usableFromInline let tags: InlineArray<256, UInt8>

    init() {
        precondition(MemoryLayout<CaseEvent.Kind>.size == 1 && CaseEvent.Kind.allCases.count < Int(Self.unknown), "a kind is one byte, and 0xFF is no kind's tag")
        var tags = InlineArray<256, UInt8>(repeating: Self.unknown)
        for raw in 0 ... 255 {
            if let kind = CaseEvent.Kind(rawValue: UInt8(raw)) { tags[raw] = unsafeBitCast(kind, to: UInt8.self) }
        }
        self.tags = tags
    }

    /// Whether `raw` is a kind's raw value.
    func isKnown(_ raw: UInt8) -> Bool { tags[Int(raw)] != Self.unknown }

    /// The kind whose raw value is `raw`, which must be a known kind's (``isKnown(_:)``: the scanner
    /// checks every record of a block before any is decoded).
    @inlinable @inline(__always)
    func kind(_ raw: UInt8) -> CaseEvent.Kind {
        unsafeBitCast(tags[Int(raw)], to: CaseEvent.Kind.self)
    }
}
