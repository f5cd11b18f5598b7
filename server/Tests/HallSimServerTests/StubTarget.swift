import Foundation
import LoadTester
#if canImport(Glibc)
import Glibc
#endif

/// A target that answers every request at once (`/health` and `/commands` alike, 200), and notes
/// when each `submit` arrived: what the load tester's own timing is measured against.
final class StubTarget: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var submits: [Int64] = []
    private var stopped = false

    init() throws {
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
        guard bound == 0, listen(listener, 64) == 0 else { throw TestFailure("stub: cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let accepting = Thread { [self] in acceptLoop() }
        accepting.start()
    }

    /// When each submit arrived, in microseconds of the monotonic clock.
    var submitTimes: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return submits.sorted()
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
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

    /// Reads requests (Content-Length bodies) and answers each at once.
    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = [13, 10, 13, 10]
        let answer = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"ok\"}\n".utf8)
        while true {
            var headEnd: Int?
            while headEnd == nil {
                if pending.count >= 4 {
                    for i in 0 ... pending.count - 4 where pending[i] == 13 && Array(pending[i ..< i + 4]) == separator { headEnd = i; break }
                }
                if headEnd != nil { break }
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { return }
                pending.append(contentsOf: chunk[..<n])
            }
            let head = String(decoding: pending[..<headEnd!], as: UTF8.self).lowercased()
            let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let start = headEnd! + 4
            while pending.count < start + length {
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { return }
                pending.append(contentsOf: chunk[..<n])
            }
            let arrived = MonotonicClock.now()
            let body = String(decoding: pending[start ..< start + length], as: UTF8.self)
            let count = body.components(separatedBy: "\"command\":\"submit\"").count - 1
            if count > 0 {
                lock.lock()
                submits.append(contentsOf: repeatElement(arrived, count: count))
                lock.unlock()
            }
            pending.removeFirst(start + length)
            let sent = answer.withUnsafeBytes { send(fd, $0.baseAddress, answer.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
        }
    }
}
