public import CaseEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens a data folder before the service listens: verifies the event log, cuts what was never
/// acknowledged (a torn tail, or events past the commit journal's last commit), rebuilds the case
/// book, the versions, the KPIs and the idempotency keys, and rewrites the log in the served layout.
public enum Recovery {
    /// The served log's layout: one record per block, so every event appended is written whole
    /// and an `fsync` makes it durable without a short block (docs/api.md, *Durability*).
    public static let servedLayout = EventLogLayout(recordsPerBlock: 1, blocksPerSegment: 1 << 16)

    /// What recovery found, said in lines for the service's start-up message.
    public struct Report: Sendable {
        public var events = 0
        public var keys = 0
        public var created = false
        /// What was cut off, one line per finding (empty when nothing was).
        public var lost: [String] = []
    }

    /// A data folder that cannot be served.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// The store over `folder` (created when missing, from `catalog`), and what recovery did.
    /// - Parameters:
    ///   - catalog: the scenario's catalog; required for a new folder, and must equal the log's otherwise.
    ///   - retention: idempotency keys kept (the most recent ones).
    ///   - reorderNanoseconds: how long the writer holds a request's commands to order them by time (0: not at all).
    public static func open(folder: String, catalog: Catalog?, retention: Int, reorderNanoseconds: UInt64 = 0,
                            metrics: ServiceMetrics) throws -> (EventStore, Report) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create the data folder \(folder): \(error.localizedDescription)")
        }
        let logPath = folder + "/events.log"
        let journalPath = folder + "/commits.log"
        var report = Report()
        let contents: CommitJournal.Contents
        do throws(JournalError) { contents = try CommitJournal.read(journalPath) } catch { throw Failure(error.description) }
        if contents.tornBytes > 0 {
            report.lost.append("the commit journal ended in \(contents.tornBytes) bytes of a commit that never finished (its requests were not acknowledged)")
        }
        let ledger: CaseLedger
        let writer: EventLogWriter
        do {
            if !FileManager.default.fileExists(atPath: logPath) {
                guard let catalog else {
                    throw Failure("\(folder) holds no events.log: give --scenario FILE to start a new log there")
                }
                report.created = true
                ledger = CaseLedger(catalog: catalog)
                writer = try EventLogWriter(path: logPath, catalog: catalog, layout: servedLayout)
                try writer.syncToDisk()
            } else {
                (ledger, writer) = try rebuild(logPath, catalog: catalog, committed: contents.committed, cases: contents.cases, report: &report)
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure("\(error)")
        }
        let answers = Array(contents.answers.suffix(retention))
        report.keys = answers.count
        report.events = ledger.events
        let journal: CommitJournal
        do {
            let fresh = journalPath + ".new"
            let j = try CommitJournal(creating: fresh)
            try j.append(committed: ledger.events, answers: answers, cases: ledger.ids.clientIDs[...])
            try j.sync()
            try replace(journalPath, with: fresh, in: folder)
            journal = j
        } catch let error as JournalError {
            throw Failure(error.description)
        }
        return (EventStore(ledger: ledger, writer: writer, journal: journal, answers: answers, retention: retention,
                           reorderNanoseconds: reorderNanoseconds, metrics: metrics), report)
    }

    /// Reads the log at `path` up to `committed` events into a new ledger and a new log in the
    /// served layout, which then replaces the old one; the cases submitted take the client ids
    /// `cases`, in order (a log written elsewhere, without a journal, keeps its own ids).
    static func rebuild(_ path: String, catalog: Catalog?, committed: Int?, cases: [UInt32], report: inout Report) throws -> (CaseLedger, EventLogWriter) {
        do {
            var reader = try EventLogReader(path: path)
            if let catalog, catalog != reader.catalog {
                throw Failure("\(path) was written for another catalog than the scenario's (scenario \(reader.catalog.scenario)); serve it without --scenario, or use another --data folder")
            }
            let fresh = path + ".recovering"
            let writer = try EventLogWriter(path: fresh, catalog: reader.catalog, layout: servedLayout)
            var ledger = CaseLedger(catalog: reader.catalog)
            let limit = committed ?? Int.max
            while ledger.events < limit, let e = try reader.next() {
                let client = e.kind == .submitted && ledger.ids.count < cases.count ? cases[ledger.ids.count] : nil
                do throws(TransitionError) { try ledger.fold(e, client: client) } catch {
                    throw Failure("\(path): event \(ledger.events) does not fit its case: \(error)")
                }
                writer.record(e)
            }
            var unacknowledged = 0
            while try reader.next() != nil { unacknowledged += 1 }
            if unacknowledged > 0 {
                report.lost.append("\(unacknowledged) events past the last commit were cut (written, never acknowledged)")
            }
            // A log without its end block is what every stop but a clean one leaves; only a torn one lost bytes.
            if let tail = reader.tail, tail.isTorn {
                report.lost.append("the log's last \(tail.lostBytes) bytes were a torn write, cut (never acknowledged): \(tail.reason)")
            }
            if let committed, ledger.events < committed {
                report.lost.append("the log holds \(ledger.events) events but \(committed) were committed: acknowledged events are missing (the disk lost writes it had flushed)")
            }
            try writer.syncToDisk()
            try replace(path, with: fresh, in: (path as NSString).deletingLastPathComponent)
            return (ledger, writer)
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure("\(error)\nhint: the log is damaged before its end; `hallsim log survey` lists the damage")
        }
    }

    /// Renames `fresh` over `path` and flushes the folder, so the rename survives a crash.
    static func replace(_ path: String, with fresh: String, in folder: String) throws(Failure) {
        guard rename(fresh, path) == 0 else { throw Failure("cannot rename \(fresh) to \(path): \(String(cString: strerror(errno)))") }
        let fd = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}
