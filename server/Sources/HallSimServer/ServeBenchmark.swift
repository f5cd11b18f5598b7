public import CaseEngine
public import Foundation
import SimCore

/// The service's appends measured in-process, without HTTP (`hallsim serve --bench N`), and where a
/// command's time goes: reading its JSON, validating and folding it, encoding it into the log, and
/// the group commit's flushes. The figures of scripts/bench-serve beside the HTTP ones.
public struct ServeBenchmark {
    /// One measured step.
    public struct Figure: Sendable {
        public var name: String
        public var what: String
        public var commands: Int
        public var seconds: Double
        public var perSecond: Double { Double(commands) / seconds }
        public var microsecondsEach: Double { seconds * 1e6 / Double(commands) }
    }

    public let catalog: Catalog
    public let commands: Int
    public let batch: Int

    public init(catalog: Catalog, commands: Int, batch: Int) {
        self.catalog = catalog
        self.commands = commands
        self.batch = batch
    }

    /// `count` submits of new cases (ids from `first`), as the JSON Lines a client posts.
    public static func submits(_ count: Int, from first: Int, catalog: Catalog) -> Data {
        var text = ""
        text.reserveCapacity(count * 100)
        for i in 0 ..< count {
            text += "{\"command\":\"submit\",\"time_us\":1000,\"case\":\(first + i),\"hall\":0,\"service\":0,\"channel\":\"online\"}\n"
        }
        return Data(text.utf8)
    }

    /// Runs every step in `folder` (emptied first) and returns the figures.
    public func run(folder: String) async throws -> [Figure] {
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bodies = stride(from: 0, to: commands, by: batch).map { Self.submits(min(batch, commands - $0), from: $0, catalog: catalog) }
        var figures: [Figure] = []

        // Reading: the request bodies into commands.
        let decoder = CommandDecoder(catalog: catalog)
        var decoded: [[ServedCommand]] = []
        var started = ContinuousClock.now
        for body in bodies { decoded.append(try decoder.decode(body: body).commands) }
        figures.append(Figure(name: "parse", what: "JSON Lines into commands (CommandDecoder)", commands: commands, seconds: EventStore.seconds(since: started)))

        // Validating and folding (the case book, versions, KPIs), then encoding into the log's buffer.
        var ledger = CaseLedger(catalog: catalog)
        var events: [CaseEvent] = []
        events.reserveCapacity(commands)
        started = ContinuousClock.now
        for list in decoded {
            for c in list { events.append(try ledger.apply(c).event) }
        }
        figures.append(Figure(name: "validate", what: "validate and fold (CaseLedger.apply)", commands: commands, seconds: EventStore.seconds(since: started)))
        let writer = try EventLogWriter(path: folder + "/encode.log", catalog: catalog, layout: Recovery.servedLayout, sync: false)
        started = ContinuousClock.now
        for e in events { writer.record(e) }
        figures.append(Figure(name: "append", what: "encode, checksum and write to the page cache (EventLogWriter)", commands: commands, seconds: EventStore.seconds(since: started)))
        let json = JSONText(catalog: catalog)
        started = ContinuousClock.now
        var bytes = 0
        for e in events { bytes += json.applied(e, version: 1, ids: ledger.ids).utf8.count }
        figures.append(Figure(name: "answer", what: "each command's JSON answer (JSONText, \(bytes / max(1, commands)) bytes)", commands: commands, seconds: EventStore.seconds(since: started)))

        // The whole path but HTTP: requests queued to the writer by concurrent tasks, durable.
        let metrics = ServiceMetrics()
        let (store, _) = try Recovery.open(folder: folder + "/store", catalog: catalog, retention: 0, metrics: metrics)
        store.start()
        started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for list in decoded {
                group.addTask { _ = await store.submit(list, single: false, key: nil) }
            }
        }
        let total = EventStore.seconds(since: started)
        _ = store.stop()
        figures.append(Figure(name: "durable", what: "queued to the writer, applied, appended, group commit (EventStore)", commands: commands, seconds: total))
        let (fsyncs, fsyncSeconds) = metrics.fsyncs
        figures.append(Figure(name: "fsync", what: "of which the group commits' flushes (\(fsyncs) commits)", commands: commands, seconds: fsyncSeconds))
        try? FileManager.default.removeItem(atPath: folder)
        return figures
    }
}
