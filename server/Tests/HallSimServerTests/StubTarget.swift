import Foundation
import LoadTester
#if canImport(Glibc)
import Glibc
#endif

/// A target that answers every request at once (`/health` and `/commands` alike, 200), and notes
/// when each `submit` arrived: what the load tester's own timing is measured against. Its
/// ``Behaviour`` adds what a real target may do: listen late, stall, answer 503, hold its answers.
final class StubTarget: @unchecked Sendable {
    struct Behaviour {
        /// Bound but not listening until ``StubTarget/listen()`` (connections are refused until then).
        var listening = true
        /// The first keyed request (a load's, not the probe's) is answered after this pause (µs).
        var firstAnswerDelay: Int64 = 0
        /// Keyed requests by their number on the lane (the key's last part) answered 503
        /// `too_many_connections` (`Retry-After: 1`, `Connection: close`): the first time, or every time.
        var unavailable: Set<Int> = []
        var alwaysUnavailable = false
        /// Answers on a connection are held until this long after its first keyed request (µs), then given in order.
        var holdAnswers: Int64 = 0
    }

    let port: Int
    let behaviour: Behaviour
    private let listener: Int32
    private let lock = NSLock()
    private var submits: [Int64] = []
    private var refusedKeys: Set<String> = []
    private var firstKeyed = false
    private var mostOutstanding = 0

    init(_ behaviour: Behaviour = Behaviour()) throws {
        self.behaviour = behaviour
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestFailure("stub: cannot bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        if behaviour.listening { try listen() }
    }

    /// Starts listening (and accepting).
    func listen() throws {
        guard Glibc.listen(listener, 64) == 0 else { throw TestFailure("stub: cannot listen") }
        let accepting = Thread { [self] in acceptLoop() }
        accepting.start()
    }

    /// When each submit arrived, in microseconds of the monotonic clock.
    var submitTimes: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return submits.sorted()
    }

    /// The most keyed requests one connection had received and not yet answered.
    var mostInFlight: Int {
        lock.lock()
        defer { lock.unlock() }
        return mostOutstanding
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            let serving = Thread { [self] in serve(fd) }
            serving.start()
        }
    }

    private static let ok = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"ok\"}\n".utf8)
    private static let unavailableBody = "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"retry later\"}}\n"
    private static let unavailable = Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\nRetry-After: 1\r\n"
        + "Content-Length: \(unavailableBody.utf8.count)\r\n\r\n" + unavailableBody).utf8)

    /// The answer to a request with idempotency key `key` (`nil`: not the load's), and whether to close after it.
    private func answer(key: String?) -> (bytes: [UInt8], close: Bool) {
        guard let key, let number = key.split(separator: "-").last.flatMap({ Int($0) }), behaviour.unavailable.contains(number) else {
            return (Self.ok, false)
        }
        lock.lock()
        let first = refusedKeys.insert(key).inserted
        lock.unlock()
        return first || behaviour.alwaysUnavailable ? (Self.unavailable, true) : (Self.ok, false)
    }

    /// Reads requests (Content-Length bodies) and answers each, at once unless the behaviour says otherwise.
    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var tv = timeval(tv_sec: 0, tv_usec: 10_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = [13, 10, 13, 10]
        var held: [[UInt8]] = []
        var holdUntil: Int64?
        func send(_ bytes: [UInt8]) -> Bool {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        func release() -> Bool {
            for a in held where !send(a) { return false }
            held.removeAll()
            return true
        }
        while true {
            // A whole request in `pending`, or more bytes read (a quiet read gives held answers their turn).
            var headEnd: Int?
            if pending.count >= 4 {
                for i in 0 ... pending.count - 4 where pending[i] == 13 && Array(pending[i ..< i + 4]) == separator { headEnd = i; break }
            }
            let head = headEnd.map { String(decoding: pending[..<$0], as: UTF8.self).lowercased() }
            let lines = head?.components(separatedBy: "\r\n") ?? []
            let length = lines.first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            guard let headEnd, pending.count >= headEnd + 4 + length else {
                if let until = holdUntil, MonotonicClock.now() >= until, !held.isEmpty, !release() { return }
                let n = recv(fd, &chunk, chunk.count, 0)
                if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return }
                if n > 0 { pending.append(contentsOf: chunk[..<n]) }
                continue
            }
            let start = headEnd + 4
            let arrived = MonotonicClock.now()
            let body = String(decoding: pending[start ..< start + length], as: UTF8.self)
            let count = body.components(separatedBy: "\"command\":\"submit\"").count - 1
            let key = lines.first { $0.hasPrefix("idempotency-key:") }.map { String($0.dropFirst("idempotency-key:".count)).trimmingCharacters(in: .whitespaces) }
            lock.lock()
            if count > 0 { submits.append(contentsOf: repeatElement(arrived, count: count)) }
            let firstOfLoad = key != nil && !firstKeyed
            if key != nil { firstKeyed = true }
            lock.unlock()
            pending.removeFirst(start + length)
            if firstOfLoad, behaviour.firstAnswerDelay > 0 { usleep(UInt32(behaviour.firstAnswerDelay)) }
            let (bytes, closing) = answer(key: key)
            if key != nil, behaviour.holdAnswers > 0, holdUntil.map({ arrived < $0 }) ?? true {
                if holdUntil == nil { holdUntil = arrived + behaviour.holdAnswers }
                held.append(bytes)
                lock.lock()
                mostOutstanding = max(mostOutstanding, held.count)
                lock.unlock()
                continue
            }
            if !release() || !send(bytes) { return }
            if closing {
                // A lingering close: the answer is read before the connection ends (what follows it is dropped).
                shutdown(fd, Int32(SHUT_WR))
                let deadline = MonotonicClock.now() + 200_000
                while MonotonicClock.now() < deadline {
                    let n = recv(fd, &chunk, chunk.count, 0)
                    if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { break }
                }
                return
            }
        }
    }
}
