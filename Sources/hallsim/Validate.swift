import ArgumentParser
import Foundation
import HallModel
import Scenarios

extension HallSim {
    /// `hallsim validate FILE`: checks a scenario and reports every problem.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario file; every problem is reported as FILE:LINE:COLUMN."
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @OptionGroup var scenario: ScenarioOptions

        func run() throws {
            let spec = try scenario.load(file)
            let network = HallNetwork(spec)
            let estimate = RunEstimate(network)
            let groups = spec.halls.reduce(0) { $0 + $1.windows.count }
            let windows = spec.halls.reduce(0) { $0 + $1.windows.reduce(0) { $0 + $1.count } }
            print("\(file): ok · \(spec.services.count) services · \(spec.halls.count) halls · \(groups) window groups · \(windows) windows · \(spec.demand.count) demand streams")
            print("estimate: about \(RunEstimate.short(estimate.cases)) cases and \(RunEstimate.short(estimate.events)) events over \(RunEstimate.short(estimate.days)) days")
            if let why = estimate.refusal(memory: Double(ProcessInfo.processInfo.physicalMemory)) {
                FileHandle.standardError.write(Data("\(file): warning: \(why); 'run' needs --allow-large\n".utf8))
                if scenario.strict { throw CommandFailure.badInput("\(file): 1 warning with --strict") }
            }
        }
    }
}
