import ArgumentParser
import CaseEngine
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
                The results folder holds summary.json, kpis.csv and events.log (the binary event log, \
                unless --no-log); it is written into a staging folder and renamed into place when complete. \
                With --replications R, replication r runs with its own seed (the first with the run's seed), \
                every figure in summary.json becomes the mean over the replications with a sibling *_ci95 \
                (the 95% half-width across them), kpis.csv gains a replication column, and each replication \
                writes events.rNNN.log. Results do not depend on --threads.
                """
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var slicing: SliceOptions

        @Option(help: "Seed for the random streams (overrides the file's seed).")
        var seed: UInt64?

        @Option(help: "Results folder (default: results/<scenario name>).")
        var out: String?

        @Flag(help: "Print the summary as JSON instead of the table.")
        var json = false

        @Flag(name: .customLong("no-log"), help: "Do not write the event log.")
        var noLog = false

        @Option(help: "Simulate this long instead (e.g. 31d); the file's case limit still applies.")
        var horizon: String?

        @Option(help: "Independent replications, run in parallel.")
        var replications = 1

        @Option(help: "Threads for the replications (default: the number of cores).")
        var threads: Int?

        func validate() throws {
            guard replications >= 1 else { throw ValidationError("--replications must be at least 1") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            _ = try slicing.slices(days: 1)
            var spec = try scenario.load(file)
            if let seed { spec.seed = seed }
            if let horizon {
                switch ScenarioLoader.seconds(ofDuration: horizon) {
                case .success(let seconds) where seconds > 0: spec.stop.horizon = .seconds(seconds)
                case .success: throw CommandFailure.badInput("--horizon must be positive")
                case .failure(let error): throw CommandFailure.badInput("--horizon: \(error)")
                }
            }
            let network: HallNetwork
            do {
                network = try HallNetwork(spec)
            } catch {
                throw CommandFailure.badInput("\(file): \(error.description)")
            }
            // `date` keys cover the horizon (a run stopped by its case count alone: a year, later days in the last key).
            let days = spec.stop.horizon.map { Int(($0.ticks + ServiceCalendar.dayTicks - 1) / ServiceCalendar.dayTicks) } ?? 366
            let slices = try slicing.slices(days: days)
            let folder = try ResultsFolder.open(out ?? "results/\(spec.name)", inputs: [file])
            do {
                let output: Data
                let text: String
                if replications == 1 {
                    let (summary, kpis) = try Self.simulate(network, seed: spec.seed, logPath: noLog ? nil : folder.path("events.log"), slices: slices)
                    output = try summary.jsonData()
                    text = summary.table()
                    try folder.write("kpis.csv", Data(KPITable.csv(kpis).utf8))
                } else {
                    (output, text) = try replicate(network, seed: spec.seed, into: folder, slices: slices)
                }
                try folder.write("summary.json", output)
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

        /// Runs the network once, folding KPIs and streaming the event log to `logPath` when given.
        static func simulate(_ network: HallNetwork, seed: UInt64, logPath: String?, slices: KPISlices = .byDayType) throws -> (Summary, KPIProjection) {
            var network = network
            network.catalog.seed = seed
            let kpis = KPIProjection(catalog: network.catalog, slices: slices)
            var summary: Summary
            let projection: KPIProjection
            if let logPath {
                let writer = try EventLogWriter(path: logPath, catalog: network.catalog)
                let (outcome, sink) = HallRun.run(network, seed: seed, sink: Tee(kpis, writer))
                let footer = try writer.finish()
                projection = sink.first
                summary = Summary(projection: projection, wallSeconds: outcome.wallSeconds, log: .init(events: footer.events, digest: footer.digest))
            } else {
                let outcome: HallRun.Outcome
                (outcome, projection) = HallRun.run(network, seed: seed, sink: kpis)
                summary = Summary(projection: projection, wallSeconds: outcome.wallSeconds)
            }
            summary.kernel.allocator = Allocator.name
            return (summary, projection)
        }

        /// Runs the replications in parallel and merges their summaries; returns the summary JSON and the table.
        func replicate(_ network: HallNetwork, seed: UInt64, into folder: ResultsFolder, slices: KPISlices) throws -> (Data, String) {
            let count = replications
            let logs = !noLog
            let staging = folder.staging
            let started = ContinuousClock.now
            let runs = try Replications.run(count, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) { r in
                let name = "events.r" + String(format: "%03d", r) + ".log"
                let (summary, kpis) = try Self.simulate(network, seed: Replications.seed(r, of: seed), logPath: logs ? staging.appendingPathComponent(name).path : nil, slices: slices)
                return (try summary.jsonData(), KPITable.csv(kpis), summary.kernel.events, summary.cases.arrived, summary.log?.digest)
            }
            let elapsed = ContinuousClock.now - started
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let objects = try runs.map { try JSONSerialization.jsonObject(with: $0.0) as! [String: Any] }
            var merged = Replications.merge(objects, kept: ["scenario", "kernel", "log", "seed"])
            merged["replications"] = count
            merged["seeds"] = (1 ... count).map { Replications.seed($0, of: seed) }
            let events = runs.map(\.2).reduce(0, +)
            merged["kernel"] = [
                "events": events, "wall_s": wall, "events_per_s": Double(events) / max(wall, 1e-9),
                "cases_per_s": Double(runs.map(\.3).reduce(0, +)) / max(wall, 1e-9), "allocator": Allocator.name,
                "threads": min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count),
            ] as [String: Any]
            if logs {
                let digests = runs.compactMap(\.4)
                merged["log"] = ["digest": EventLog.combinedDigest(digests), "digests": digests, "events": (objects.compactMap { ($0["log"] as? [String: Any])?["events"] as? Int }).reduce(0, +)] as [String: Any]
            } else {
                merged.removeValue(forKey: "log")
            }
            var csv = ""
            for (r, run) in runs.enumerated() {
                for (i, line) in run.1.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                    if i == 0 { if r == 0 { csv += "replication," + line + "\n" } } else { csv += "\(r + 1)," + line + "\n" }
                }
            }
            try folder.write("kpis.csv", Data(csv.utf8))
            var data = try JSONSerialization.data(withJSONObject: merged, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            return (data, Self.replicationTable(merged))
        }

        /// The headline figures of merged replications, each with its 95% half-width.
        static func replicationTable(_ m: [String: Any]) -> String {
            func figure(_ section: [String: Any]?, _ key: String) -> String {
                guard let v = section?[key] as? Double else { return "-" }
                let hw = section?[key + "_ci95"] as? Double
                return String(format: "%.2f", v) + (hw.map { String(format: " ± %.2f", $0) } ?? "")
            }
            let cases = m["cases"] as? [String: Any]
            let wait = m["wait_s"] as? [String: Any]
            var out = "hallsim · \(m["scenario"] ?? "") · \(m["replications"] ?? 0) replications (95% half-widths across them)\n\n"
            out += "cases      arrived \(figure(cases, "arrived")) · completed \(figure(cases, "completed")) · abandoned \(figure(cases, "abandoned"))\n"
            out += "wait (s)   mean \(figure(wait, "mean")) · p50 \(figure(wait, "p50")) · p90 \(figure(wait, "p90")) · p99 \(figure(wait, "p99"))\n"
            for case let g as [String: Any] in (m["groups"] as? [Any]) ?? [] {
                out += "group \(g["hall"] ?? "")/\(g["group"] ?? ""): utilisation \(figure(g, "utilisation")) · queue \(figure(g, "queue_mean")) · wait \(figure(g["wait_s"] as? [String: Any], "mean"))\n"
            }
            if let k = m["kernel"] as? [String: Any], let eps = k["events_per_s"] as? Double {
                out += String(format: "\nkernel: %.2f M events/s over %@ threads\n", eps / 1e6, "\(k["threads"] ?? 1)")
            }
            return out
        }
    }
}
