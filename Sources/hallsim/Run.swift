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
            abstract: "Simulate a scenario; print a KPI table (or the summary JSON) and write the results folder."
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @Option(help: "Seed for the random streams (overrides the file's seed).")
        var seed: UInt64?

        @Option(help: "Results folder (default: results/<scenario name>). Written all at once.")
        var out: String?

        @Flag(help: "Print the summary as JSON instead of the table.")
        var json = false

        func run() throws {
            var spec = try ScenarioLoader.load(path: file)
            if let seed { spec.seed = seed }
            let network: HallNetwork
            do {
                network = try HallNetwork(spec)
            } catch {
                throw CommandFailure.badInput("\(file): \(error.description)")
            }
            let (outcome, projection) = HallRun.run(network, seed: spec.seed, sink: KPIProjection(catalog: network.catalog))
            var kernel = Summary.kernel(events: outcome.kernelEvents, cases: projection.submitted, wallSeconds: outcome.wallSeconds)
            kernel.allocator = Allocator.name
            let summary = Summary(projection: projection, kernel: kernel)
            let data: Data
            do {
                data = try summary.jsonData()
                let folder = try ResultsFolder(URL(fileURLWithPath: out ?? "results/\(spec.name)"))
                do {
                    try folder.write("summary.json", data)
                    try folder.commit()
                } catch {
                    folder.abandon()
                    throw error
                }
            } catch {
                throw CommandFailure.runtime("cannot write results: \(error.localizedDescription)")
            }
            if json {
                FileHandle.standardOutput.write(data)
            } else {
                print(summary.table(), terminator: "")
            }
        }
    }
}
