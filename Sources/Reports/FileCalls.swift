import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls behind ``ResultsFolder``: durable writes, real paths, flushing a
/// folder, and exchanging two folders in one step.
enum FileCalls {
    /// Writes `data` to a new file at `path` and flushes it to disk; the system's reason when it cannot.
    static func writeDurably(_ path: String, _ data: Data) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return systemError() }
        defer { close(fd) }
        if let failure = data.withUnsafeBytes({ writeAll(fd, $0) }) { return failure }
        return fsync(fd) != 0 ? systemError() : nil
    }

    /// Writes all of `bytes` to `fd` (again after an interruption); the system's reason when it cannot.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        var done = 0
        while done < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return systemError()
            }
            done += n
        }
        return nil
    }

    /// A file that cannot be written, with the system's reason.
    struct Failure: Error {
        var reason: String
    }

    static func systemError() -> String { String(cString: strerror(errno)) }

    static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, count)
        #elseif canImport(Musl)
        Musl.write(fd, p, count)
        #else
        Darwin.write(fd, p, count)
        #endif
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Flushes a folder's entries to disk (after renames in it).
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    enum Exchange { case done, unsupported, failed(String) }

    /// Swaps the folders at `a` and `b` in one step.
    static func exchange(_ a: String, _ b: String) -> Exchange {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return .unsupported }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0 { return .done }
        #elseif canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return .done }
        #else
        return .unsupported
        #endif
        #if os(Linux) || canImport(Darwin)
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return .unsupported }
        return .failed(systemError())
        #endif
    }
}
