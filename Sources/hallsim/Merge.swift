import ArgumentParser
import Experiments
import Foundation
import Reports

extension HallSim {
    /// `hallsim merge PLAN RESULTS…`: the outputs of a sweep from the results of its shards.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the results of a plan's shards into the outputs of a sweep.",
            discussion: """
                Checks that every run of the plan is in the results exactly once; lists missing runs by id \
                and exits 1 when any is missing. Otherwise writes sweep.csv, sweep.json and replications.csv, \
                the same bytes as the sweep run on one machine; with a warm-up, the table and sweep.json say \
                per variant the cut its runs applied.
                """
        )

        @Argument(help: "The plan (from `hallsim sweep … --plan`).")
        var plan: String

        @Argument(help: "Result files (from `hallsim sweep --run-plan …`).")
        var results: [String]

        @Option(help: "Results folder (default: results/<scenario file name>-sweep).")
        var out: String?

        @Flag(help: "Print sweep.json instead of the table.")
        var json = false

        func run() throws {
            let plan = try Self.readPlan(self.plan)
            var finished: [FinishedRun] = []
            for file in results {
                for (line, text) in try Self.lines(file) {
                    guard let run = try? JSONDecoder().decode(FinishedRun.self, from: Data(text.utf8)) else {
                        FileHandle.standardError.write(Data("hallsim: warning: \(file):\(line): not a finished run (cut short?); skipped\n".utf8))
                        continue
                    }
                    finished.append(run)
                }
            }
            let runs: [[FigureSet]]
            do {
                runs = try plan.merge(finished)
            } catch {
                throw CommandFailure.runtime("the results are incomplete: \(error.description)")
            }
            let scenario = plan.runs[0].scenario
            let folder = try ResultsFolder.open(out ?? Self.defaultFolder(scenario), inputs: [self.plan] + results)
            do {
                var report = SweepReport(scenario: scenario, plan: plan, runs: runs)
                report.warmups = plan.warmups(finished)
                try Self.write(report, to: folder, json: json)
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }

        static func defaultFolder(_ scenario: String) -> String {
            let name = URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
            return "results/\(name)-sweep"
        }

        /// Writes a sweep's files (report.html too when `html`), commits the folder and prints the table or the JSON.
        static func write(_ report: SweepReport, to folder: ResultsFolder, json: Bool, html: Bool = false) throws {
            let data = try report.jsonData()
            try folder.write("sweep.json", data)
            if html { try folder.write(RunReportPage.fileName, Data(try SweepReportPage(sweep: data).html().utf8)) }
            try folder.write("sweep.csv", Data(report.csv().utf8))
            try folder.write("replications.csv", Data(report.replicationsCSV().utf8))
            try folder.commit()
            if json { FileHandle.standardOutput.write(data) } else { print(report.text(), terminator: "") }
        }

        /// The non-empty lines of `file`, numbered from 1.
        static func lines(_ file: String) throws -> [(Int, String)] {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure.badInput("\(file): cannot read the file") }
            return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { !$0.element.isEmpty }.map { ($0.offset + 1, String($0.element)) }
        }

        /// A plan file: one run per line; a line that is not a run is bad input with its position.
        static func readPlan(_ file: String) throws -> Plan {
            var runs: [PlannedRun] = []
            for (line, text) in try lines(file) {
                guard let run = try? JSONDecoder().decode(PlannedRun.self, from: Data(text.utf8)) else {
                    throw CommandFailure.badInput("\(file):\(line):1: not a planned run; expected a line written by `hallsim sweep … --plan`")
                }
                runs.append(run)
            }
            guard !runs.isEmpty else { throw CommandFailure.badInput("\(file): the plan has no runs") }
            let plan = Plan(runs: runs)
            guard Set(runs.map(\.id)).count == runs.count, plan.runs.count == plan.variantCount * plan.replications else {
                throw CommandFailure.badInput("\(file): the plan is not whole (each variant × replication once, ids unique)")
            }
            return plan
        }
    }
}
