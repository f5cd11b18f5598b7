import CaseEngine
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// The log reader, as `hallsim log verify`, `log export` and `replay` use it, on bytes written to a file.
public enum FuzzLog {
    /// Where each input is written: one file per process, in memory when `/dev/shm` exists.
    public static let path: String = {
        var st = stat()
        let folder = stat("/dev/shm", &st) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/hallsim-fuzz-\(getpid()).log"
    }()

    /// Reads `bytes` as a log as given, then again with every checksum, the catalog hash and
    /// the digest recomputed (``reseal(_:)``), so that mutations also reach the record checks,
    /// the folds and the reports instead of stopping at the first checksum.
    public static func check(_ bytes: UnsafeRawBufferPointer) {
        let given = Array(bytes)
        read(given)
        let resealed = reseal(given)
        if resealed != given { read(resealed) }
    }

    /// Writes `bytes` to ``path`` and reads it every way the command line does; errors are clean rejections.
    static func read(_ bytes: [UInt8]) {
        guard write(bytes, to: path) else { return }
        _ = try? EventLog.verify(path: path)
        _ = try? EventLog.survey(path: path)
        var sink = Discard()
        _ = try? EventLog.exportJSONLines(from: path, to: &sink)
        if let result = try? LogReplay.replay(path: path), result.cases.misfit == nil {
            var summary = Summary(projection: result.kpis, wallSeconds: nil, log: .init(events: result.events, digest: result.digest))
            summary.replay = .init(events: result.events, wallSeconds: result.wallSeconds, openCases: result.cases.book.openCount)
            _ = try? summary.jsonData()
            _ = summary.table()
            _ = KPITable.csv(result.kpis)
        }
        if (try? EventLog.truncateTornTail(path: path)) != nil {
            _ = try? LogReplay.replay(path: path)
        }
    }

    /// A text stream that keeps nothing.
    struct Discard: TextOutputStream {
        mutating func write(_ string: String) {}
    }

    /// Replaces the file at `path` with `bytes`; `false` if it cannot.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { b in
            var done = 0
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }
}
