public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The service's commit journal (`commits.log` beside `events.log`): one frame per group commit,
/// naming how many events of the log are acknowledged and the idempotency keys answered in it,
/// each with the response first given.
///
/// A frame is `u32 payload length, u64 FNV-1a 64 of the payload, payload`, little-endian; the payload
/// is `u64 events committed, u32 key count`, then per key `u16 key length, key (UTF-8), u16 status,
/// u32 body length, body`, then `u32 case count` and that many `u32` client case ids: those of the
/// cases submitted in the commit, in the log's order (``CaseIDs``). A frame that ends after its keys
/// (as the first journals wrote them) names no case. The log's events past the last frame's count
/// were never acknowledged: recovery cuts them. A frame cut short or failing its checksum ends the
/// journal (a torn tail).
public final class CommitJournal {
    public let path: String
    let fd: Int32

    /// One idempotency key and the response first given to it.
    public struct Answer: Sendable, Equatable {
        public var key: String
        public var status: Int
        public var body: Data
        public init(key: String, status: Int, body: Data) {
            self.key = key
            self.status = status
            self.body = body
        }
    }

    /// What a journal holds: the events acknowledged (`nil` when it has no frame), every key answered,
    /// oldest first, and the client ids of the cases submitted, in the log's order.
    public struct Contents: Sendable {
        public var committed: Int?
        public var answers: [Answer]
        public var cases: [UInt32] = []
        /// Bytes after the last whole frame (a torn tail), cut on recovery.
        public var tornBytes: Int
    }

    /// Creates (or truncates) the journal at `path`.
    public init(creating path: String) throws(JournalError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw JournalError("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Appends one frame (not yet durable: see ``sync()``).
    public func append(committed: Int, answers: [Answer], cases: ArraySlice<UInt32> = []) throws(JournalError) {
        var payload: [UInt8] = []
        payload.reserveCapacity(16 + 4 * cases.count + answers.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.body.count })
        Self.put(UInt64(committed), 8, into: &payload)
        Self.put(UInt64(answers.count), 4, into: &payload)
        for a in answers {
            let key = Array(a.key.utf8.prefix(Int(UInt16.max)))
            Self.put(UInt64(key.count), 2, into: &payload)
            payload += key
            Self.put(UInt64(a.status), 2, into: &payload)
            Self.put(UInt64(a.body.count), 4, into: &payload)
            payload += a.body
        }
        Self.put(UInt64(cases.count), 4, into: &payload)
        for id in cases { Self.put(UInt64(id), 4, into: &payload) }
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 12)
        Self.put(UInt64(payload.count), 4, into: &frame)
        Self.put(Self.fnv(payload[...]), 8, into: &frame)
        frame += payload
        var done = 0
        while done < frame.count {
            let n = frame.withUnsafeBytes { write(fd, $0.baseAddress! + done, frame.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    /// Flushes the journal to disk.
    public func sync() throws(JournalError) {
        guard fsync(fd) == 0 else { throw JournalError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }

    /// Reads the journal at `path`; a missing file reads as empty.
    public static func read(_ path: String) throws(JournalError) -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents(committed: nil, answers: [], cases: [], tornBytes: 0) }
        guard let data = FileManager.default.contents(atPath: path) else { throw JournalError("cannot read \(path)") }
        let bytes = [UInt8](data)[...]
        var contents = Contents(committed: nil, answers: [], cases: [], tornBytes: 0)
        var at = 0
        while at < bytes.count {
            guard bytes.count - at >= 12 else { break }
            let length = Int(get(bytes, at, 4))
            let sum = get(bytes, at + 4, 8)
            let start = at + 12
            guard length >= 12, bytes.count - start >= length, fnv(bytes[start ..< start + length]) == sum,
                  let frame = parse(bytes[start ..< start + length]) else { break }
            contents.committed = frame.committed
            contents.answers += frame.answers
            contents.cases += frame.cases
            at = start + length
        }
        contents.tornBytes = bytes.count - at
        return contents
    }

    static func parse(_ p: ArraySlice<UInt8>) -> (committed: Int, answers: [Answer], cases: [UInt32])? {
        var at = p.startIndex
        func take(_ n: Int) -> UInt64? {
            guard p.endIndex - at >= n else { return nil }
            defer { at += n }
            return get(p, at, n)
        }
        guard let committed = take(8), let count = take(4) else { return nil }
        var answers: [Answer] = []
        for _ in 0 ..< count {
            guard let keyLength = take(2), p.endIndex - at >= Int(keyLength) else { return nil }
            let key = String(decoding: p[at ..< at + Int(keyLength)], as: UTF8.self)
            at += Int(keyLength)
            guard let status = take(2), let bodyLength = take(4), p.endIndex - at >= Int(bodyLength) else { return nil }
            answers.append(Answer(key: key, status: Int(status), body: Data(p[at ..< at + Int(bodyLength)])))
            at += Int(bodyLength)
        }
        var cases: [UInt32] = []
        if at < p.endIndex {
            guard let count = take(4), p.endIndex - at == 4 * Int(count) else { return nil }
            cases.reserveCapacity(Int(count))
            for _ in 0 ..< count { cases.append(UInt32(take(4)!)) }
        }
        guard at == p.endIndex, committed <= UInt64(Int.max) else { return nil }
        return (Int(committed), answers, cases)
    }

    static func put(_ v: UInt64, _ width: Int, into out: inout [UInt8]) {
        for i in 0 ..< width { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    /// The little-endian integer of `width` bytes at absolute index `at` of `b`.
    static func get(_ b: ArraySlice<UInt8>, _ at: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0 ..< width { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
        return v
    }

    /// FNV-1a, 64 bits: enough to tell a whole frame from a torn or stale one.
    static func fnv(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}

/// A journal that cannot be written or read.
public struct JournalError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
