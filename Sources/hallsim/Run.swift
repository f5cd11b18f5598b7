import ArgumentParser
import CaseEngine
import Experiments
import Foundation
import HallModel
import Reports
import Scenarios
import SimCore

extension HallSim {
    /// `hallsim run FILE`: simulates a scenario and reports its KPIs.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario; print a KPI table (or the summary JSON) and write the results folder.",
            discussion: """
                The results folder holds summary.json, kpis.csv, report-data.json (what the HTML report \
                draws; docs/report.md), events.log (the binary event log, unless --no-log) and with --report \
                report.html; it is written into a staging folder and renamed into place when complete. \
                With --replications R, replication r runs with its own seed (the first with the run's seed), \
                every figure in summary.json becomes the mean over the replications with a sibling *_ci95 \
                (the 95% half-width across them) and per_replication lists each one's overall figures, \
                kpis.csv gains a replication column, replications.csv holds each replication's figures \
                of the run, every hall and every group, and each replication writes events.rNNN.log. \
                Results do not depend on --threads.
                """
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var slicing: SliceOptions

        @OptionGroup var range: RangeOptions

        @OptionGroup var warming: WarmupOptions

        @Option(help: "Seed for the random streams (overrides the file's seed).")
        var seed: UInt64?

        @Option(help: "Results folder (default: results/<scenario name>).")
        var out: String?

        @Flag(help: "Print the summary as JSON instead of the table.")
        var json = false

        @Flag(name: .customLong("no-log"), help: "Do not write the event log.")
        var noLog = false

        @Flag(help: "Also write report.html, the run's charts in one self-contained file (docs/report.md).")
        var report = false

        @Option(help: "Simulate this long instead (e.g. 31d); the file's case limit still applies.")
        var horizon: String?

        @Option(help: "Independent replications, run in parallel.")
        var replications = 1

        @Option(help: "Threads for the replications (default: the number of cores).")
        var threads: Int?

        @Option(help: ArgumentHelp(
            "Add replications until the 95% half-width of --precision-of is within this share of its mean (e.g. 5%); --replications is then the minimum (at least 3).",
            valueName: "SHARE"
        ))
        var precision: String?

        @Option(help: "The overall figure --precision looks at: wait_mean_s, wait_p90_s, service_level or abandoned_share.")
        var precisionOf = KPI.waitMean.rawValue

        @Option(help: "With --precision: replications at most.")
        var maxReplications = 100

        @Flag(help: "Run even when the estimated cases, events or memory are above the limits (README, \"Guards\").")
        var allowLarge = false

        func validate() throws {
            guard replications >= 1 else { throw ValidationError("--replications must be at least 1") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if precision != nil {
                _ = try precisionRule()
            }
        }

        /// The rule `--precision` asks for, on the overall figure `--precision-of`.
        func precisionRule() throws -> (PrecisionRule, FigureKey)? {
            guard let precision else { return nil }
            let text = precision.hasSuffix("%") ? String(precision.dropLast()) : precision
            guard let number = Double(text), number.isFinite, number > 0 else {
                throw ValidationError("--precision \(precision): expected a share of the mean such as 5% or 0.05")
            }
            let share = precision.hasSuffix("%") ? number / 100 : number
            let allowed: [KPI] = [.waitMean, .waitP90, .serviceLevel, .abandonedShare]
            guard let kpi = KPI(rawValue: precisionOf), allowed.contains(kpi) else {
                throw ValidationError("--precision-of \(precisionOf): expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            let minimum = max(3, replications)
            guard maxReplications >= minimum else {
                throw ValidationError("--max-replications \(maxReplications) is below the minimum of \(minimum) replications")
            }
            return (PrecisionRule(relativeHalfWidth: share, minimum: minimum, maximum: maxReplications), FigureKey(.overall, kpi))
        }

        func run() throws {
            _ = try slicing.slices(days: 1)
            _ = try range.dates()
            let rule = try warming.rule()
            var spec = try scenario.load(file)
            if let seed { spec.seed = seed }
            if let horizon { spec.stop.horizon = try HallSim.horizon(horizon) }
            let network = HallNetwork(spec)
            try RunGuard.check(network, file: file, allowLarge: allowLarge)
            let progress = replications == 1 && precision == nil && RunGuard.showsProgress(json: json)
            // `date` keys cover the horizon (a run stopped by its case count alone: a year, later days in the last key).
            let days = spec.stop.horizon.map { Int(($0.ticks + ServiceCalendar.dayTicks - 1) / ServiceCalendar.dayTicks) } ?? 366
            let slices = try slicing.slices(days: days)
            // With replications, `auto` is decided once, on replication 1 (the run's own seed).
            let warm = WarmupOptions.decide(rule, network: network, seed: spec.seed, replication: replications == 1 && precision == nil ? nil : 1)
            let window = try range.window(start: network.catalog.calendar.start, runEnd: spec.stop.horizon?.ticks, warmup: warm.ticks)
            let span = Span(window: window, summary: range.summaryRange(window, warmup: warm.summary))
            let folder = try ResultsFolder.open(out ?? "results/\(spec.name)", inputs: [file])
            do {
                let output: Data
                let text: String
                let data: ReportData
                if replications == 1, precision == nil {
                    let (summary, kpis, daily) = try Self.simulate(
                        network, seed: spec.seed, logPath: noLog ? nil : folder.path("events.log"), slices: slices, span: span, progress: progress
                    )
                    output = try summary.jsonData()
                    text = summary.table()
                    data = ReportData(projection: kpis, daily: daily)
                    try folder.write("kpis.csv") { KPITable.write(kpis, to: &$0) }
                } else {
                    (output, text, data) = try replicate(network, seed: spec.seed, into: folder, slices: slices, span: span)
                }
                try folder.write("summary.json", output)
                try folder.write(ReportData.fileName, try data.jsonData())
                if report { try folder.write(RunReportPage.fileName, Data(try RunReportPage(summary: output, data: data).html().utf8)) }
                try folder.commit()
                if json {
                    FileHandle.standardOutput.write(output)
                } else {
                    print(text, terminator: "")
                }
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }

        /// The span of a run its figures cover, and how summary.json says it (`nil`: the whole run).
        struct Span: Sendable {
            var window: KPIWindow
            var summary: Summary.Range?
            static let whole = Span(window: .whole, summary: nil)
        }

        /// Runs the network once, folding KPIs (over `span`) and the daily series (over the whole
        /// run), and streaming the event log to `logPath` when given.
        static func simulate(
            _ network: HallNetwork, seed: UInt64, logPath: String?, slices: KPISlices = .byDayType, span: Span = .whole, progress: Bool = false
        ) throws -> (Summary, KPIProjection, DailySeries) {
            var network = network
            network.catalog.seed = seed
            let series = HallRun.figures(network, slices: slices, window: span.window)
            var summary: Summary
            let folded: HallRun.Figures
            if let logPath {
                let writer = try EventLogWriter(path: logPath, catalog: network.catalog)
                let (outcome, sink) = RunGuard.run(network, seed: seed, sink: Tee(series, writer), progress: progress)
                let footer = try writer.finish()
                folded = sink.first
                summary = Summary(projection: folded.first, wallSeconds: outcome.wallSeconds, log: .init(events: footer.events, digest: footer.digest))
            } else {
                let outcome: HallRun.Outcome
                (outcome, folded) = RunGuard.run(network, seed: seed, sink: series, progress: progress)
                summary = Summary(projection: folded.first, wallSeconds: outcome.wallSeconds)
            }
            summary.kernel.allocator = Allocator.name
            summary.closed_days = closedDays(network)
            summary.range = span.summary
            return (summary, folded.first, folded.second)
        }

        /// The expected demand lost or moved on closed days over the run's horizon, when there is any.
        static func closedDays(_ network: HallNetwork) -> Summary.ClosedDays? {
            guard let horizon = network.stop.horizon else { return nil }
            let days = Int((Double(horizon.ticks) / Double(ServiceCalendar.dayTicks)).rounded(.up))
            let v = OfferedLoad(network).closedDayVolume(days: days)
            return v.lost + v.moved > 0 ? Summary.ClosedDays(lost: v.lost, moved: v.moved) : nil
        }

        /// Runs the replications in parallel and merges their summaries; returns the summary JSON, the table and the merged report data.
        func replicate(_ network: HallNetwork, seed: UInt64, into folder: ResultsFolder, slices: KPISlices, span: Span) throws -> (Data, String, ReportData) {
            let rule = try precisionRule()
            let logs = !noLog
            let staging = folder.staging
            let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let started = ContinuousClock.now
            let runs = try Replications.runUntil(rule?.0.maximum ?? replications, threads: threads, { r in
                let (summary, kpis, daily) = try Self.simulate(network, seed: Replications.seed(r, of: seed), logPath: logs ? staging.appendingPathComponent(Self.logName(r)).path : nil, slices: slices, span: span)
                return (summary, KPITable.csv(kpis), rule.flatMap { summary.figures[$0.1] }, ReportData(projection: kpis, daily: daily))
            }) { done in
                guard let (rule, _) = rule else { return false }
                let values = done.compactMap(\.2)
                return values.count == done.count && rule.isMet(by: values[...])
            }
            let count = runs.count
            if logs, let maximum = rule?.0.maximum, maximum > count {
                // Replications run ahead of the rule on other threads; their logs are not part of the result.
                for r in (count + 1) ... maximum { try? FileManager.default.removeItem(at: staging.appendingPathComponent(Self.logName(r))) }
            }
            let elapsed = ContinuousClock.now - started
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let merged = try ReplicatedSummary(runs.map(\.0), wallSeconds: wall, threads: min(threads, count), precision: rule)
            try folder.write("kpis.csv", Data(KPITable.csv(replications: runs.map(\.1)).utf8))
            try folder.write("replications.csv", Data(merged.replicationsCSV().utf8))
            return (try merged.jsonData(), merged.table(), ReportData.merged(runs.map(\.3)))
        }

        /// The event log of replication `r`.
        static func logName(_ r: Int) -> String { "events.r" + String(format: "%03d", r) + ".log" }
    }
}
