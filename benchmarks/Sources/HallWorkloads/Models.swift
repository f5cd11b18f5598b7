import CaseEngine
import Dispatch
import Foundation
import HallModel
import Scenarios
import SimCore
import Workloads

/// The reference M/M/c model, `scenarios/mmc.yaml` (c = 10, 540 arrivals per hour, exponential
/// service with mean 60 s, 1,000,000 cases), loaded through the scenario loader like `hallsim run`.
public enum MMC {
    /// The repository's root, found from this file's place in it.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var scenarioPath: String { root.appendingPathComponent("scenarios/mmc.yaml").path }

    /// The compiled scenario, with its case count replaced by `cases` when given.
    public static func network(cases: Int? = nil) -> HallNetwork {
        var stop: StopRule?
        if let cases { stop = StopRule(cases: cases) }
        return compile("scenarios/mmc.yaml", stop: stop)
    }

    /// The largest reference network, `scenarios/huaibei-network.yaml` (1 city, 4 county, 35 town
    /// and 442 village halls), for its first `days` days: what `hallsim run FILE --horizon 31d` runs.
    public static func referenceNetwork(days: Double) -> HallNetwork {
        compile("scenarios/huaibei-network.yaml", stop: StopRule(horizon: .days(days)))
    }

    /// The scenario file at `file` (relative to the repository), loaded and compiled, with its stop rule replaced when given.
    public static func compile(_ file: String, stop: StopRule? = nil) -> HallNetwork {
        let path = root.appendingPathComponent(file).path
        do {
            var spec = try ScenarioLoader.load(path: path)
            if let stop { spec.stop = stop }
            return HallNetwork(spec)
        } catch {
            fatalError("cannot load \(path): \(error)")
        }
    }

    /// What one replication did.
    public struct Outcome: Sendable {
        public var cases: Int
        public var events: Int
        public var meanWaitSeconds: Double
        public var wallSeconds: Double
    }

    /// Simulates `network` with all KPIs and no log, folding what `hallsim run FILE --no-log` folds.
    public static func run(_ network: HallNetwork, seed: UInt64 = 1) -> Outcome {
        let wall = Clocks.wall()
        let (outcome, figures) = HallRun.run(network, seed: seed, sink: HallRun.figures(network))
        let kpis = figures.first
        return Outcome(
            cases: kpis.completed, events: outcome.kernelEvents, meanWaitSeconds: kpis.allWaits.meanSeconds,
            wallSeconds: Clocks.wall() - wall
        )
    }

    /// Runs one replication per seed, all at once on their own threads; returns them and the wall time of the whole.
    public static func runParallel(_ network: HallNetwork, seeds: [UInt64]) -> (outcomes: [Outcome], wallSeconds: Double) {
        final class Slots: @unchecked Sendable {
            // Each thread writes its own slot only.
            var outcomes: [Outcome?]
            init(_ n: Int) { outcomes = Array(repeating: nil, count: n) }
        }
        let slots = Slots(seeds.count)
        let started = Clocks.wall()
        slots.outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: seeds.count) { i in
                buffer[i] = run(network, seed: seeds[i])
            }
        }
        let wall = Clocks.wall() - started
        return (slots.outcomes.map { $0! }, wall)
    }
}

/// One replication of a scenario as a workload: `HallRun.run` folding what `hallsim run --no-log`
/// folds (``HallRun/Figures``: every KPI and the daily series), so that the gate counts the
/// command line's own sink. Its calibrated pass runs the same simulation through the kernel's
/// public run loop in slices of simulated time.
public final class ScenarioRun: Workload {
    public let network: HallNetwork
    public let slices: Int
    let span: SimTime
    let horizon: SimTime?
    var simulation: Simulation<HallFloor<HallRun.Figures>>

    public init(network: HallNetwork, slices: Int) {
        self.network = network
        self.slices = slices
        horizon = network.stop.horizon
        let rate = network.sources.reduce(0.0) { $0 + $1.rate }
        let length = horizon?.seconds ?? Double(network.stop.cases ?? 1) / rate
        span = .seconds(length / Double(slices))
        simulation = Self.simulation(network)
    }

    static func simulation(_ network: HallNetwork) -> Simulation<HallFloor<HallRun.Figures>> {
        Simulation(
            handler: HallFloor(network: network, seed: 1, sink: HallRun.figures(network)),
            capacity: network.windowCount + network.sources.count + 16
        )
    }

    public func run() -> Work {
        let (outcome, figures) = HallRun.run(network, seed: 1, sink: HallRun.figures(network))
        Sink.keep(UInt64(figures.first.completed))
        return Work(events: outcome.kernelEvents, cases: figures.first.completed)
    }

    public func beginPass() {
        var fresh = Self.simulation(network)
        fresh.handler.start(&fresh.scheduler)
        simulation = fresh
    }

    public func slice(_ index: Int) -> Work {
        let events = simulation.eventsHandled
        let cases = simulation.handler.finished
        let limit: SimTime = index < slices - 1 ? SimTime(ticks: span.ticks * Int64(index + 1)) : (horizon ?? .never)
        simulation.run(until: limit)
        return Work(events: simulation.eventsHandled - events, cases: simulation.handler.finished - cases)
    }
}

/// The case engine's inputs, captured once from a run of the M/M/c model: its events, the
/// walk-in commands that produce them, and a log file of them on disk.
public final class EngineData: @unchecked Sendable {
    public let catalog: Catalog
    public let events: [CaseEvent]
    public let commands: [(CaseCommand, SimTime)]
    /// A folder of this process's own for the log files, removed with the data.
    public let folder: String
    /// The finished log of ``events``, for replay.
    public let logPath: String

    public init(cases: Int) {
        let network = MMC.network(cases: cases)
        catalog = network.catalog
        let (_, captured) = HallRun.run(network, seed: 1, sink: EventBuffer(capacity: 4 * cases + 1))
        events = captured.events
        commands = events.compactMap(Self.command)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-bench-\(getpid())").path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        logPath = folder + "/replay.log"
        let writer = try! EventLogWriter(path: logPath, catalog: catalog, sync: true)
        for e in events { writer.record(e) }
        _ = try! writer.finish()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The command that produces a walk-in event of the simulator.
    static func command(for e: CaseEvent) -> (CaseCommand, SimTime)? {
        switch e.kind {
        case .submitted: (.submit(service: e.service, hall: e.hall, channel: e.channel), e.time)
        case .ticketIssued: (.issueTicket(case: e.caseID, group: e.group), e.time)
        case .called: (.call(case: e.caseID, window: e.window), e.time)
        case .serviceCompleted: (.completeService(case: e.caseID), e.time)
        default: nil
        }
    }
}

/// `CaseBook.handle` of every walk-in command into a fresh book.
public final class Append: Workload {
    let data: EngineData
    public let slices: Int
    var book = CaseBook()

    public init(_ data: EngineData, slices: Int) {
        self.data = data
        self.slices = slices
    }

    public func run() -> Work {
        book = CaseBook()
        return Work(events: handle(0 ..< data.commands.count))
    }

    public func beginPass() { book = CaseBook() }
    public func slice(_ index: Int) -> Work { Work(events: handle(sliceRange(index, of: slices, total: data.commands.count))) }

    @inline(never)
    func handle(_ range: Range<Int>) -> Int {
        var checksum: UInt64 = 0
        data.commands.withUnsafeBufferPointer { commands in
            for i in range {
                let (command, time) = commands[i]
                let event = try! book.handle(command, at: time)
                checksum &+= UInt64(truncatingIfNeeded: event.time.ticks) ^ UInt64(event.caseID)
            }
        }
        Sink.keep(checksum ^ UInt64(book.openCount))
        return range.count
    }
}

/// Every captured event folded into fresh KPI and case-state projections (what a replay folds, without the file).
public final class Fold: Workload {
    let data: EngineData
    public let slices: Int
    var sink: Tee<KPIProjection, CaseStates>

    public init(_ data: EngineData, slices: Int) {
        self.data = data
        self.slices = slices
        sink = Tee(KPIProjection(catalog: data.catalog), CaseStates())
    }

    public func run() -> Work {
        beginPass()
        return Work(events: fold(0 ..< data.events.count))
    }

    public func beginPass() { sink = Tee(KPIProjection(catalog: data.catalog), CaseStates()) }
    public func slice(_ index: Int) -> Work { Work(events: fold(sliceRange(index, of: slices, total: data.events.count))) }

    @inline(never)
    func fold(_ range: Range<Int>) -> Int {
        data.events.withUnsafeBufferPointer { events in
            for i in range { sink.record(events[i]) }
        }
        Sink.keep(UInt64(sink.first.completed) ^ UInt64(sink.second.events))
        return range.count
    }
}

/// The log on disk read, verified and folded into KPIs and case states: `LogReplay.replay(path:)`.
/// Its calibrated pass reads the same log event by event (`EventLogReader.next()`) into the same projections.
public final class Replay: Workload {
    let data: EngineData
    public let slices: Int
    var reader: EventLogReader?
    var sink: Tee<KPIProjection, CaseStates>

    public init(_ data: EngineData, slices: Int) {
        self.data = data
        self.slices = slices
        sink = Tee(KPIProjection(catalog: data.catalog), CaseStates())
    }

    public func run() -> Work {
        let result = try! LogReplay.replay(path: data.logPath)
        Sink.keep(UInt64(result.kpis.completed))
        return Work(events: result.events)
    }

    public func beginPass() {
        reader = try! EventLogReader(path: data.logPath)
        sink = Tee(KPIProjection(catalog: reader!.catalog), CaseStates())
    }

    public func slice(_ index: Int) -> Work {
        let count = sliceRange(index, of: slices, total: data.events.count).count
        var read = 0
        while read < count, let e = try! reader!.next() {
            sink.record(e)
            read += 1
        }
        Sink.keep(UInt64(sink.first.events))
        return Work(events: read)
    }

    public func endPass() { reader = nil }
}

/// Every captured event written to a new log file, finished and fsynced: `EventLogWriter`.
public final class Write: Workload {
    let data: EngineData
    public let slices: Int
    var writer: EventLogWriter?

    public init(_ data: EngineData, slices: Int) {
        self.data = data
        self.slices = slices
    }

    var path: String { data.folder + "/write.log" }

    public func run() -> Work {
        let writer = try! EventLogWriter(path: path, catalog: data.catalog, sync: true)
        record(writer, 0 ..< data.events.count)
        return Work(events: try! writer.finish().events)
    }

    public func beginPass() { writer = try! EventLogWriter(path: path, catalog: data.catalog, sync: true) }
    public func slice(_ index: Int) -> Work {
        let range = sliceRange(index, of: slices, total: data.events.count)
        record(writer!, range)
        return Work(events: range.count)
    }
    public func endPass() {
        _ = try! writer!.finish()
        writer = nil
    }

    @inline(never)
    func record(_ writer: EventLogWriter, _ range: Range<Int>) {
        data.events.withUnsafeBufferPointer { events in
            for i in range { writer.record(events[i]) }
        }
    }
}
