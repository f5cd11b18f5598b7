import ArgumentParser
import CaseEngine
import Experiments
import Foundation
import HallModel
import Reports
import Scenarios
import SimCore

extension HallSim {
    /// `hallsim compare BASELINE [VARIANT]`: two variants on common random numbers, figure by figure.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two variants of a scenario on common random numbers, with paired 95% intervals.",
            discussion: """
                The variant is VARIANT, or BASELINE itself when it is left out; --set and --demand-factor \
                change the variant only. Replication r of both runs on the same seed (the baseline's, or \
                --seed), so the same people come with the same needs to both wherever the model is the \
                same. Prints every figure's paired difference (variant − baseline) with its interval and \
                a verdict, and writes comparison.csv and comparison.json (docs/experiments.md).
                """
        )

        @Argument(help: "The baseline scenario file (YAML).")
        var baseline: String

        @Argument(help: "The variant scenario file (default: the baseline with the overrides).")
        var variant: String?

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var warming: WarmupOptions

        @OptionGroup var options: ExperimentOptions

        @Option(help: "Results folder (default: results/<baseline scenario name>-compare).")
        var out: String?

        @Flag(help: "Print comparison.json instead of the table.")
        var json = false

        @Flag(help: "Also write report.html: both variants and the differences as charts (docs/report.md).")
        var report = false

        func validate() throws {
            try options.check()
        }

        func run() throws {
            var base = try ScenarioOptions.load(baseline, set: [], demandFactor: nil, strict: scenario.strict)
            var other = try scenario.load(variant ?? baseline)
            if let horizon = options.horizon {
                let time = try HallSim.horizon(horizon)
                base.stop.horizon = time
                other.stop.horizon = time
            }
            let overrides = scenario.overrides.map { "--set \($0)" } + (scenario.demandFactor.map { ["--demand-factor \($0)"] } ?? [])
            let variantName = ([variant ?? baseline] + overrides).joined(separator: " ")
            let networks = (HallNetwork(base), HallNetwork(other))
            try RunGuard.check(networks.0, file: baseline, allowLarge: false)
            try RunGuard.check(networks.1, file: variant ?? baseline, allowLarge: false)
            let experiment = Experiment(
                variants: [
                    Variant(name: baseline, network: networks.0),
                    Variant(name: variantName, network: networks.1),
                ],
                replications: options.replications, seed: options.seed ?? base.seed
            )
            // Each variant's warm-up (`auto`: decided on its replication 1) applies to all its replications.
            let rule = try warming.rule()
            let warm = [networks.0, networks.1].map { WarmupOptions.decide(rule, network: $0, seed: experiment.seeds[0], replication: rule == .auto ? 1 : nil) }
            let spans = warm.map { w in
                let window = KPIWindow(start: w.ticks)
                return Run.Span(window: window, summary: RangeOptions.summaryRange(window, warmup: w.summary))
            }
            let folder = try ResultsFolder.open(out ?? "results/\(base.name)-compare", inputs: [baseline] + (variant.map { [$0] } ?? []))
            do {
                let figures = try experiment.run(threads: options.threadCount, measureVariant: { v, network, seed in
                    try Run.simulate(network, seed: seed, logPath: nil, span: spans[v]).0.figures
                })
                var comparison = ComparisonReport(
                    baseline: baseline, variant: variantName,
                    comparison: Comparison(baseline: figures[0], variant: figures[1]),
                    partners: StreamPartners(baseline: experiment.variants[0], variant: experiment.variants[1]),
                    seeds: experiment.seeds
                )
                if let b = warm[0].summary, let v = warm[1].summary { comparison.warmups = (b, v) }
                let data = try comparison.jsonData()
                try folder.write("comparison.json", data)
                try folder.write("comparison.csv", Data(comparison.csv().utf8))
                if report { try folder.write(RunReportPage.fileName, Data(try ComparisonReportPage(comparison: data).html().utf8)) }
                try folder.commit()
                if json { FileHandle.standardOutput.write(data) } else { print(comparison.text(), terminator: "") }
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }
    }

    /// `--horizon TEXT` as a positive simulated duration.
    static func horizon(_ text: String) throws -> SimTime {
        switch ScenarioLoader.seconds(ofDuration: text) {
        case .success(let seconds) where seconds > 0: return .seconds(seconds)
        case .success: throw CommandFailure.badInput("--horizon must be positive")
        case .failure(let error): throw CommandFailure.badInput("--horizon: \(error)")
        }
    }
}
