import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over one keep-alive TCP connection, so a test controls exactly
/// which connection carries which request (one ordered connection, several, or too many).
final class HTTPConnection {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object.
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    }

    let fd: Int32
    var pending = Data()

    /// Connects to `host:port` (an IPv4 address), waiting at most `timeout` seconds for any answer later.
    init(host: String, port: Int, timeout: Int = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw TestFailure("connect to \(host):\(port): \(reason)")
        }
    }

    deinit { close(fd) }

    func get(_ path: String) throws -> Response { try send("GET", path, body: nil) }

    func post(_ path: String, _ body: String, headers: [String: String] = [:]) throws -> Response {
        try send("POST", path, body: Data(body.utf8), headers: headers)
    }

    /// Sends one request and reads its response.
    func send(_ method: String, _ path: String, body: Data?, headers: [String: String] = [:]) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        var bytes = Data((head + "\r\n").utf8)
        if let body { bytes.append(body) }
        try write(bytes)
        return try readResponse()
    }

    func write(_ data: Data) throws {
        var done = 0
        while done < data.count {
            let n = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, data.count - done, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// Reads more bytes into `pending`; throws on a closed connection or a timeout.
    func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw TestFailure(n == 0 ? "the server closed the connection" : "recv: \(String(cString: strerror(errno)))") }
        pending.append(contentsOf: chunk[..<n])
    }

    func readResponse() throws -> Response {
        let separator = Data("\r\n\r\n".utf8)
        while pending.range(of: separator) == nil { try fill() }
        let end = pending.range(of: separator)!
        let head = String(decoding: pending[pending.startIndex ..< end.lowerBound], as: UTF8.self)
        pending = Data(pending[end.upperBound...])
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data()
        if let length = headers["content-length"].flatMap(Int.init) {
            while pending.count < length { try fill() }
            body = Data(pending.prefix(length))
            pending = Data(pending.dropFirst(length))
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while true {
                while pending.range(of: Data("\r\n".utf8)) == nil { try fill() }
                let lineEnd = pending.range(of: Data("\r\n".utf8))!
                let size = Int(String(decoding: pending[pending.startIndex ..< lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
                pending = Data(pending[lineEnd.upperBound...])
                while pending.count < size + 2 { try fill() }
                body.append(pending.prefix(size))
                pending = Data(pending.dropFirst(size + 2))
                if size == 0 { break }
            }
        }
        return Response(status: status, headers: headers, body: body)
    }
}
