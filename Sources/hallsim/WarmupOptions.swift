import ArgumentParser
import CaseEngine
import Experiments
import HallModel
import Reports
import Scenarios
import SimCore

/// `--warmup DURATION|auto`: figures exclude the start of each run (docs/experiments.md, *Warm-up*).
struct WarmupOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Leave the start of each run out of the figures: a duration (e.g. 1h, 2d) or auto (MSER-5 on the waits in order of arrival).",
        valueName: "DURATION|auto"
    ))
    var warmup: String?

    /// What `--warmup` asks for.
    enum Rule: Equatable {
        case none
        case given(Int64)
        case auto
    }

    /// The rule asked for.
    /// - Throws: ``CommandFailure`` (exit 2) for a value that is neither a duration nor `auto`.
    func rule() throws -> Rule { try Self.rule(of: warmup) }

    /// The rule `text` (a `--warmup` value, or a plan line's) asks for.
    static func rule(of warmup: String?) throws -> Rule {
        guard let warmup else { return .none }
        if warmup == "auto" { return .auto }
        switch ScenarioLoader.seconds(ofDuration: warmup) {
        case .success(let seconds) where seconds >= 0: return seconds == 0 ? .none : .given(SimTime.seconds(seconds).ticks)
        case .success: throw CommandFailure.badInput("--warmup \(warmup): must not be negative")
        case .failure(let error): throw CommandFailure.badInput("--warmup \(warmup): \(error)\nhint: give a duration such as 1h or 2d, or auto")
        }
    }

    /// The warm-up in ticks and its `warmup` section, deciding `auto` on a pilot run of `network`
    /// with `seed` (replication `replication` when there are several): the run is simulated once
    /// more, folding only its waits.
    static func decide(_ rule: Rule, network: HallNetwork, seed: UInt64, replication: Int? = nil) -> (ticks: Int64, summary: Summary.Warmup?) {
        let second = Double(SimTime.ticksPerSecond)
        switch rule {
        case .none:
            return (0, nil)
        case .given(let ticks):
            return (ticks, Summary.Warmup(method: "given", truncation_s: Double(ticks) / second))
        case .auto:
            var network = network
            network.catalog.seed = seed
            let (_, series) = HallRun.run(network, seed: seed, sink: WaitSeries())
            guard let (ticks, result) = series.warmup() else {
                return (0, Summary.Warmup(method: "mser5", truncation_s: 0, series: series.count, batches: series.count / 5, truncated_batches: 0, reliable: false, replication: replication))
            }
            return (ticks, Summary.Warmup(
                method: "mser5", truncation_s: Double(ticks) / second, series: series.count, batches: result.batchMeans.count,
                truncated_batches: result.truncatedBatches, reliable: result.reliable, replication: replication
            ))
        }
    }
}
