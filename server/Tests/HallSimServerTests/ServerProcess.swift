import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `hallsim-serve` process of a test's own on loopback: started on a free port, stopped by its
/// process id, every wait bounded in time.
final class ServerProcess {
    let process: Process
    let port: Int
    let data: String
    let output: Pipe
    /// Every line the server printed so far.
    private(set) var lines: [String] = []

    /// The server binary: `$HALLSIM_SERVE`, else this package's debug build.
    static var binary: String {
        if let given = ProcessInfo.processInfo.environment["HALLSIM_SERVE"], !given.isEmpty { return given }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/hallsim-serve").path
    }

    /// The simulator binary: `$HALLSIM_BINARY`, else the root package's release build.
    static var hallsim: String {
        if let given = ProcessInfo.processInfo.environment["HALLSIM_BINARY"], !given.isEmpty { return given }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/release/hallsim").path
    }

    /// The repository's root (for scenarios).
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// A new empty folder under the temporary directory.
    static func temporaryFolder(_ label: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-serve-\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts the server on `data` and waits (at most `timeout` seconds) until it listens.
    init(data: String, arguments: [String] = [], timeout: Double = 60) throws {
        self.data = data
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--data", data, "--port", "0"] + arguments
        output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        var found: Int?
        let fd = output.fileHandleForReading.fileDescriptor
        while found == nil, Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 200) > 0 else {
                if !process.isRunning { break }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[..<n])
            let text = String(decoding: buffer, as: UTF8.self)
            for line in text.split(separator: "\n") where line.contains("listening on http://") {
                found = line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            }
        }
        lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            lines += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
            throw TestFailure("the server did not start: \(lines.joined(separator: " | "))")
        }
        port = found
    }

    /// Stops the server with `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and waits for it.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM, timeout: Double = 30) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let rest = (try? output.fileHandleForReading.readToEnd()) ?? nil
        lines += String(decoding: rest ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init)
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A keep-alive connection to the server.
    func connect(host: String = "127.0.0.1") throws -> HTTPConnection { try HTTPConnection(host: host, port: port) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a program to its end (bounded) and returns its exit status, standard output and standard error.
@discardableResult
func runProgram(_ path: String, _ arguments: [String], timeout: Double = 300) throws -> (status: Int32, output: Data, errors: String) {
    let folder = ServerProcess.temporaryFolder("program")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = FileManager.default.createFile(atPath: folder + "/out", contents: nil)
    _ = FileManager.default.createFile(atPath: folder + "/err", contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/out"))
    p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/err"))
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning, Date() < deadline { usleep(10_000) }
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    let output = FileManager.default.contents(atPath: folder + "/out") ?? Data()
    let errors = String(decoding: FileManager.default.contents(atPath: folder + "/err") ?? Data(), as: UTF8.self)
    return (p.terminationStatus, output, errors)
}
