import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the load goes: `http://host:port`, and an optional path prefix before the API's paths.
public struct Target: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var prefix: String

    /// Reads `http://HOST[:PORT][/PREFIX]`; `nil` for anything else.
    public init?(_ url: String) {
        guard url.hasPrefix("http://") else { return nil }
        var rest = Substring(url.dropFirst("http://".count))
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        while path.hasSuffix("/") { path.removeLast() }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, !name.isEmpty else { return nil }
        host = String(name)
        if parts.count == 2 {
            guard let p = Int(parts[1]), (1...65535).contains(p) else { return nil }
            port = p
        } else {
            port = 80
        }
        prefix = path
    }

    public var description: String { "http://\(host):\(port)\(prefix)" }
}

/// A failure of the transport (connect, send, receive): the request may be retried with its key.
public struct TransportError: Error, CustomStringConvertible {
    public var description: String
    init(_ what: String) { description = what }
    static func errno(_ what: String) -> TransportError { TransportError("\(what): \(String(cString: strerror(Glibc.errno)))") }
}

/// One HTTP/1.1 keep-alive connection over a blocking socket: requests written whole, responses
/// read whole (Content-Length or chunked) in order. ``exchange(head:body:)`` is one request at a
/// time; a pipelining sender writes with ``write(_:)`` on one thread and reads with
/// ``readResponse()`` on another (neither closes the socket on a failure: the caller does).
final class LoadConnection {
    /// A response: status, the headers the load looks at, the body.
    struct Response {
        var status: Int
        var replayed: Bool
        /// `Retry-After` in seconds, when the answer has one.
        var retryAfter: Double?
        /// The target closes the connection after it (`Connection: close`).
        var closing: Bool
        var body: [UInt8]
    }

    private var fd: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// Bytes read and not yet taken: `pending[taken...]`.
    private var pending: [UInt8] = []
    private var taken = 0
    let target: Target
    let timeoutSeconds: Int

    init(target: Target, timeoutSeconds: Int) {
        self.target = target
        self.timeoutSeconds = timeoutSeconds
    }

    deinit { close() }

    var isOpen: Bool { fd >= 0 }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        pending.removeAll(keepingCapacity: true)
        taken = 0
    }

    /// Opens the connection (resolving the host).
    func open() throws(TransportError) {
        close()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(target.host, String(target.port), &hints, &list)
        guard status == 0, let first = list else { throw TransportError("cannot resolve \(target.host): \(String(cString: gai_strerror(status)))") }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let a = node {
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if s >= 0 {
                if connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    fd = s
                    return
                }
                reason = String(cString: strerror(errno))
                Glibc.close(s)
            }
            node = a.pointee.ai_next
        }
        throw TransportError("cannot connect to \(target.host):\(target.port): \(reason)")
    }

    /// Sends `head` then `body`, and reads the response (closing the connection after a failure, or when the target closes it).
    func exchange(head: [UInt8], body: [UInt8]) throws(TransportError) -> Response {
        do throws(TransportError) {
            if fd < 0 { try open() }
            try write(head + body)
            let response = try readResponse()
            if response.closing { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Shuts the socket down both ways without closing it, so that a read waiting on it returns
    /// (what a writer does after a failed send while another thread reads).
    func shutDown() {
        if fd >= 0 { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// A request's head: the method, the path under the target's prefix, the headers.
    func head(_ method: String, _ path: String, length: Int?, key: String? = nil) -> [UInt8] {
        var h = "\(method) \(target.prefix)\(path) HTTP/1.1\r\nHost: \(target.host):\(target.port)\r\n"
        if let key { h += "Idempotency-Key: \(key)\r\n" }
        if let length { h += "Content-Type: application/json\r\nContent-Length: \(length)\r\n" }
        return Array((h + "\r\n").utf8)
    }

    /// Writes `bytes` whole.
    func write(_ bytes: [UInt8]) throws(TransportError) {
        guard fd >= 0 else { throw TransportError("the connection is closed") }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TransportError.errno("send") }
            done += n
        }
    }

    private func fill() throws(TransportError) {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw n == 0 ? TransportError("the target closed the connection") : TransportError.errno("recv") }
        pending.append(contentsOf: buffer[..<n])
    }

    private var available: Int { pending.count - taken }

    /// The first `n` bytes not yet taken.
    private func unread(_ n: Int) -> ArraySlice<UInt8> { pending[taken ..< taken + n] }

    /// Takes `n` bytes; the buffer is compacted once it has taken more than it holds.
    private func consume(_ n: Int) {
        taken += n
        if taken == pending.count {
            pending.removeAll(keepingCapacity: true)
            taken = 0
        } else if taken > 1 << 16, taken * 2 > pending.count {
            pending.removeFirst(taken)
            taken = 0
        }
    }

    private static let crlf2: [UInt8] = [13, 10, 13, 10]

    private func find(_ needle: [UInt8], from: Int = 0) -> Int? {
        var i = taken + from
        while i + needle.count <= pending.count {
            if pending[i] == needle[0], pending[i ..< i + needle.count].elementsEqual(needle) { return i - taken }
            i += 1
        }
        return nil
    }

    /// Reads the next response whole.
    func readResponse() throws(TransportError) -> Response {
        guard fd >= 0 else { throw TransportError("the connection is closed") }
        var end = find(Self.crlf2)
        while end == nil {
            try fill()
            end = find(Self.crlf2)
        }
        let headEnd = end!
        let head = String(decoding: unread(headEnd), as: UTF8.self)
        consume(headEnd + 4)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TransportError("not an HTTP response: \(lines.first ?? "")")
        }
        var length: Int?
        var chunked = false
        var replayed = false
        var retryAfter: Double?
        var closing = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-length": length = Int(value)
            case "transfer-encoding": chunked = value.lowercased().contains("chunked")
            case "idempotent-replayed": replayed = value == "true"
            case "retry-after": retryAfter = Double(value).map { max(0, $0) }
            case "connection": closing = value.lowercased() == "close"
            default: break
            }
        }
        var body: [UInt8] = []
        if let length {
            while available < length { try fill() }
            body = Array(unread(length))
            consume(length)
        } else if chunked {
            while true {
                var lineEnd = find([13, 10])
                while lineEnd == nil {
                    try fill()
                    lineEnd = find([13, 10])
                }
                let size = Int(String(decoding: unread(lineEnd!), as: UTF8.self), radix: 16) ?? 0
                consume(lineEnd! + 2)
                while available < size + 2 { try fill() }
                body.append(contentsOf: unread(size))
                consume(size + 2)
                if size == 0 { break }
            }
        }
        return Response(status: status, replayed: replayed, retryAfter: retryAfter, closing: closing, body: body)
    }
}
