import ArgumentParser
import Foundation

/// The options every experiment takes (`compare`, `sweep`): how many replications, from which
/// seed, how long, on how many threads.
struct ExperimentOptions: ParsableArguments {
    @Option(help: "Replications of each variant, on the same seeds.")
    var replications = 10

    @Option(help: "Seed of the first replication (default: the scenario file's).")
    var seed: UInt64?

    @Option(help: "Simulate this long instead (e.g. 31d), in every variant.")
    var horizon: String?

    @Option(help: "Threads (default: the number of cores).")
    var threads: Int?

    /// Checks what every experiment needs; `replicating` is false for runs whose plan fixed them.
    func check(replicating: Bool = true) throws {
        if replicating, replications < 2 { throw ValidationError("--replications must be at least 2 for an interval") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
