import CaseEngine
#if canImport(Glibc)
import Glibc
#endif

/// The log reader, as `hallsim log verify`, `log repair` and `replay` use it, on bytes written to a file.
public enum FuzzLog {
    /// Where each input is written: one file per process, in memory when `/dev/shm` exists;
    /// removed after each input (a crashing input's file stays behind).
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

    /// Writes `bytes` to ``path`` and reads it as the command line does: verify every block,
    /// survey the damage, replay (read, verify, fold the KPI projection and the case states), and
    /// if the tail is torn, repair and replay again. Errors are clean rejections. The reports
    /// built from a replay (summary, JSON, tables) are left out: they took about ten times as
    /// long as the reading itself.
    static func read(_ bytes: [UInt8]) {
        guard write(bytes, to: path) else { return }
        defer { unlink(path) }
        _ = try? EventLog.verify(path: path)
        _ = try? EventLog.survey(path: path)
        _ = try? LogReplay.replay(path: path)
        if let tail = try? EventLog.truncateTornTail(path: path), tail.isTorn {
            _ = try? LogReplay.replay(path: path)
        }
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
