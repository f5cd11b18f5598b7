#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the log needs, turning failures into ``EventLogError``.
enum POSIXFile {
    static func errorText(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    static func fail(_ what: String, path: String, offset: Int64? = nil) -> EventLogError {
        EventLogError(.io, path: path, offset: offset, "\(what): \(errorText(errno))")
    }

    static func openForWriting(_ path: String) throws(EventLogError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot create the log", path: path) }
        return fd
    }

    static func openForReading(_ path: String) throws(EventLogError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("cannot open the log", path: path) }
        return fd
    }

    static func size(_ fd: Int32, path: String) throws(EventLogError) -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot stat the log", path: path) }
        return Int64(st.st_size)
    }

    /// Writes all `count` bytes, retrying on short writes and EINTR.
    static func writeAll(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int, path: String) throws(EventLogError) {
        var done = 0
        while done < count {
            let n = write(fd, p + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot write the log", path: path)
            }
            done += n
        }
    }

    /// Writes all of `bytes`.
    static func writeAll(_ fd: Int32, bytes: [UInt8], path: String) throws(EventLogError) {
        var failure: EventLogError?
        bytes.withUnsafeBytes { b in
            do throws(EventLogError) { try writeAll(fd, b.baseAddress!, b.count, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads up to `count` bytes at `offset` into a new array; fewer only at end of file.
    static func read(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(EventLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: EventLogError?
        var got = 0
        bytes.withUnsafeMutableBytes { b in
            guard count > 0 else { return }
            do throws(EventLogError) { got = try readFully(fd, b.baseAddress!, count, at: offset, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
        bytes.removeSubrange(got...)
        return bytes
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    static func readFully(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ count: Int, at offset: Int64, path: String) throws(EventLogError) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, p + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot read the log", path: path, offset: offset + Int64(done))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func sync(_ fd: Int32, path: String) throws(EventLogError) {
        guard fsync(fd) == 0 else { throw fail("cannot flush the log to disk", path: path) }
    }

    static func truncate(_ path: String, to length: Int64) throws(EventLogError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("cannot open the log to truncate it", path: path) }
        defer { _ = close(fd) }
        guard ftruncate(fd, off_t(length)) == 0 else { throw fail("cannot truncate the log", path: path, offset: length) }
        guard fsync(fd) == 0 else { throw fail("cannot flush the log to disk", path: path) }
    }

    static func duplicate(_ fd: Int32, path: String) throws(EventLogError) -> Int32 {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw fail("cannot duplicate the log's file descriptor", path: path) }
        return copy
    }

    static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }
}
