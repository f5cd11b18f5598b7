import ArgumentParser
import CaseEngine
import Foundation
import HallModel
import Reports
import Scenarios

extension HallSim {
    /// `hallsim run FILE`: simulates a scenario and reports its KPIs.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario; print a KPI table (or the summary JSON) and write the results folder.",
            discussion: """
                The results folder holds summary.json and events.log (the binary event log, unless \
                --no-log); it is written into a staging folder and renamed into place when complete.
                """
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @Option(help: "Seed for the random streams (overrides the file's seed).")
        var seed: UInt64?

        @Option(help: "Results folder (default: results/<scenario name>).")
        var out: String?

        @Flag(help: "Print the summary as JSON instead of the table.")
        var json = false

        @Flag(name: .customLong("no-log"), help: "Do not write the event log.")
        var noLog = false

        func run() throws {
            var spec = try ScenarioLoader.load(path: file)
            if let seed { spec.seed = seed }
            let network: HallNetwork
            do {
                network = try HallNetwork(spec)
            } catch {
                throw CommandFailure.badInput("\(file): \(error.description)")
            }
            let folder: ResultsFolder
            do {
                folder = try ResultsFolder(URL(fileURLWithPath: out ?? "results/\(spec.name)"))
            } catch {
                throw CommandFailure.runtime("cannot create the results folder: \(error.localizedDescription)")
            }
            do {
                let (summary, kpis) = try simulate(network, seed: spec.seed, into: folder)
                let data = try summary.jsonData()
                try folder.write("summary.json", data)
                try folder.write("kpis.csv", Data(KPITable.csv(kpis).utf8))
                try folder.commit()
                if json {
                    FileHandle.standardOutput.write(data)
                } else {
                    print(summary.table(), terminator: "")
                }
            } catch {
                folder.abandon()
                throw CommandFailure.runtime("\(error)")
            }
        }

        /// Runs the network, folding KPIs and (unless `--no-log`) streaming the event log into the staging folder.
        func simulate(_ network: HallNetwork, seed: UInt64, into folder: ResultsFolder) throws -> (Summary, KPIProjection) {
            let kpis = KPIProjection(catalog: network.catalog)
            var summary: Summary
            let projection: KPIProjection
            if noLog {
                let outcome: HallRun.Outcome
                (outcome, projection) = HallRun.run(network, seed: seed, sink: kpis)
                summary = Summary(projection: projection, wallSeconds: outcome.wallSeconds)
            } else {
                let writer = try EventLogWriter(path: folder.path("events.log"), catalog: network.catalog)
                let (outcome, sink) = HallRun.run(network, seed: seed, sink: Tee(kpis, writer))
                let footer = try writer.finish()
                projection = sink.first
                summary = Summary(projection: projection, wallSeconds: outcome.wallSeconds, log: .init(events: footer.events, digest: footer.digest))
            }
            summary.kernel.allocator = Allocator.name
            return (summary, projection)
        }
    }
}
