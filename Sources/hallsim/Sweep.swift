import ArgumentParser
import Experiments
import Foundation
import HallModel
import Reports

extension HallSim {
    /// `hallsim sweep FILE --vary PATH=VALUES …`: many variants on common random numbers; or one
    /// shard of a written plan (`--run-plan`).
    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run variants of a scenario (a grid of --vary values) on common random numbers.",
            discussion: """
                Every variant runs the same replications on the same seeds. Prints the overall figures of \
                each variant with intervals corrected for the number of variants (Bonferroni) and its \
                paired difference from the first, and writes sweep.csv, sweep.json and replications.csv. \
                With --plan, prints the runs as JSON lines instead; --run-plan PLAN --shard I/N runs a \
                share of them and prints one JSON line per finished run, which `hallsim merge` collects \
                (docs/experiments.md).
                """
        )

        @Argument(help: "The scenario file (YAML); not with --run-plan.")
        var file: String?

        @Option(name: .customLong("vary"), help: ArgumentHelp(
            "A parameter and its values: PATH=5,6,7, PATH=5..9, PATH=10..40/10, or values as --set takes them (repeatable).",
            valueName: "PATH=VALUES"
        ))
        var vary: [String] = []

        @Flag(help: "Pair the --vary lists position by position instead of running their full grid.")
        var zip = false

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var warming: WarmupOptions

        @OptionGroup var options: ExperimentOptions

        @Option(help: "Results folder (default: results/<file name>-sweep).")
        var out: String?

        @Flag(name: .customLong("report"), help: "Also write report.html: each figure against the varied parameter, as charts (docs/report.md).")
        var html = false

        @Flag(help: "Print sweep.json instead of the table.")
        var json = false

        @Flag(help: "Print the runs as JSON lines (a plan for many machines) instead of running them.")
        var plan = false

        @Option(name: .customLong("run-plan"), help: "Run runs of this plan, printing one JSON line per finished run.")
        var runPlan: String?

        @Option(help: "With --run-plan: the share to run, I/N (every N-th run from the I-th).")
        var shard: String?

        @Option(help: "With --run-plan: the ids to run, comma-separated.")
        var ids: String?

        func validate() throws {
            try options.check(replicating: runPlan == nil)
            if runPlan != nil {
                guard file == nil, vary.isEmpty else { throw ValidationError("--run-plan takes no FILE or --vary: the plan has them") }
                guard (shard == nil) != (ids == nil) else { throw ValidationError("--run-plan needs --shard I/N or --ids, one of them") }
            } else {
                guard file != nil else { throw ValidationError("give a scenario FILE, or --run-plan PLAN") }
                guard shard == nil, ids == nil else { throw ValidationError("--shard and --ids go with --run-plan") }
            }
        }

        func run() throws {
            if let runPlan { return try runShard(of: runPlan) }
            let file = file!
            let design: SweepDesign
            do {
                design = try SweepDesign(parameters: vary.map(SweepDesign.parameter), zipped: zip)
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            let spec = try scenario.load(file)
            let plan = Plan(
                scenario: file, set: scenario.overrides, demandFactor: scenario.demandFactor, design: design,
                replications: options.replications, seed: options.seed ?? spec.seed, horizon: options.horizon, warmup: warming.warmup
            )
            _ = try warming.rule()
            let runner = try PlanRunner(plan.runs, plan: plan.runs)
            if self.plan {
                for run in plan.runs { print(try run.jsonLine()) }
                return
            }
            let folder = try ResultsFolder.open(out ?? HallSim.Merge.defaultFolder(file), inputs: [file])
            do {
                let progress = TerminalProgress(total: plan.runs.count, what: "runs")
                let finished = try runner.run(plan.runs, threads: options.threadCount) { _, done in progress.show(done) }
                progress.clear()
                var report = SweepReport(scenario: file, plan: plan, runs: try plan.merge(finished))
                report.warmups = plan.warmups(finished)
                try HallSim.Merge.write(report, to: folder, json: json, html: html)
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }

        /// Runs the chosen runs of a plan, one JSON line each on stdout as it finishes.
        func runShard(of path: String) throws {
            let plan = try HallSim.Merge.readPlan(path)
            let chosen: [PlannedRun]
            if let shard {
                let parts = shard.split(separator: "/")
                guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1 ... n).contains(i) else {
                    throw CommandFailure.badInput("--shard \(shard): expected I/N with 1 ≤ I ≤ N, e.g. 2/3")
                }
                chosen = plan.shard(i, of: n)
            } else {
                let wanted = (ids ?? "").split(separator: ",").map(String.init)
                let known = Set(plan.runs.map(\.id))
                if let unknown = wanted.first(where: { !known.contains($0) }) {
                    throw CommandFailure.badInput("--ids: \(path) has no run '\(unknown)'")
                }
                chosen = plan.runs.filter { wanted.contains($0.id) }
            }
            let runner = try PlanRunner(chosen, plan: plan.runs)
            _ = try runner.run(chosen, threads: options.threadCount) { result, _ in
                guard let line = try? result.jsonLine() else { return }
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
    }
}

/// A one-line count on stderr while work goes on, only when stderr is a terminal.
final class TerminalProgress: @unchecked Sendable {
    let total: Int
    let what: String
    let enabled = isatty(STDERR_FILENO) == 1

    init(total: Int, what: String) {
        self.total = total
        self.what = what
    }

    func show(_ done: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(done)/\(total) \(what)".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
