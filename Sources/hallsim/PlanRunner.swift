import CaseEngine
import Experiments
import Foundation
import HallModel
import Reports
import Scenarios

/// Runs the runs of a plan: each variant's scenario loaded and compiled once, then every run
/// simulated without an event log and reduced to its figures.
struct PlanRunner {
    /// The compiled network of each distinct scenario × changes × horizon among the runs.
    var networks: [String: HallNetwork] = [:]

    /// The span each variant's figures cover (after its warm-up), by the same key.
    var spans: [String: HallSim.Run.Span] = [:]

    static func key(_ run: PlannedRun) -> String {
        ([run.scenario, run.horizon ?? "", run.demand_factor.map { "\($0)" } ?? "", run.warmup ?? ""] + run.overrides).joined(separator: "\u{1}")
    }

    /// Loads and compiles every variant the runs need; a bad one is bad input naming its changes.
    /// A warm-up of `auto` is decided per variant on its replication 1 of `plan` (the whole plan,
    /// so every shard decides the same).
    init(_ runs: [PlannedRun], plan: [PlannedRun]) throws {
        for run in runs where networks[Self.key(run)] == nil {
            var spec = try ScenarioOptions.load(run.scenario, set: run.overrides, demandFactor: run.demand_factor, strict: false, quiet: true)
            if let horizon = run.horizon { spec.stop.horizon = try HallSim.horizon(horizon) }
            let network = HallNetwork(spec)
            try RunGuard.check(network, file: run.scenario, allowLarge: false)
            networks[Self.key(run)] = network
            let rule = try WarmupOptions.rule(of: run.warmup)
            let first = plan.first { $0.variant == run.variant && $0.replication == 1 } ?? run
            let warm = WarmupOptions.decide(rule, network: network, seed: first.seed, replication: rule == .auto ? 1 : nil)
            let window = KPIWindow(start: warm.ticks)
            spans[Self.key(run)] = HallSim.Run.Span(window: window, summary: RangeOptions.summaryRange(window, warmup: warm.summary))
        }
    }

    /// Runs `runs` on up to `threads` threads; `finished` is called (under a lock, in the order
    /// runs finish) with each one's result as it completes. Returns them in plan order.
    func run(_ runs: [PlannedRun], threads: Int, finished: @escaping @Sendable (FinishedRun, Int) -> Void) throws -> [FinishedRun] {
        let networks = networks
        let done = Progress()
        return try Replications.run(runs.count, threads: threads) { i in
            let run = runs[i - 1]
            let span = spans[Self.key(run)] ?? .whole
            let summary = try HallSim.Run.simulate(networks[Self.key(run)]!, seed: run.seed, logPath: nil, span: span).0
            let result = FinishedRun(id: run.id, figures: summary.figures, warmup: span.summary?.warmup)
            done.increment { finished(result, $0) }
            return result
        }
    }

    /// A count of finished runs shared by the threads.
    final class Progress: @unchecked Sendable {
        private var count = 0
        private let lock = NSLock()

        func increment(_ then: (Int) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            then(count)
        }
    }
}
