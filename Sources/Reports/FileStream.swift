import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text written to a new file in chunks of about a megabyte, so that a large table (`kpis.csv`)
/// goes to disk without being held whole; flushed to disk when finished (``finish()``).
///
/// A write that fails is remembered and ends the stream: later text is dropped and ``finish()``
/// gives the system's reason.
public struct FileStream: TextOutputStream {
    /// The bytes gathered before they are written.
    static let chunk = 1 << 20

    let fd: Int32
    var buffer: [UInt8] = []
    /// The system's reason for the first failure, if any.
    var failure: String?

    /// A stream into a new file at `path`, or the system's reason it cannot be created.
    static func create(_ path: String) -> Result<FileStream, FileCalls.Failure> {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failure(FileCalls.Failure(reason: FileCalls.systemError())) }
        return .success(FileStream(fd: fd))
    }

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.chunk + 4_096)
    }

    /// Appends `string`, writing to the file once a chunk is gathered.
    public mutating func write(_ string: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    /// Writes what is gathered.
    mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        failure = buffer.withUnsafeBytes { FileCalls.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the rest, flushes the file to disk and closes it; the system's reason when any of it failed.
    mutating func finish() -> String? {
        flush()
        if failure == nil, fsync(fd) != 0 { failure = FileCalls.systemError() }
        close(fd)
        return failure
    }
}
