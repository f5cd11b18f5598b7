import ArgumentParser
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
            do {
                _ = try HallNetwork(spec)
            } catch {
                throw CommandFailure.badInput("\(file): \(error.description)")
            }
            let groups = spec.halls.reduce(0) { $0 + $1.windows.count }
            let windows = spec.halls.reduce(0) { $0 + $1.windows.reduce(0) { $0 + $1.count } }
            print("\(file): ok · \(spec.services.count) services · \(spec.halls.count) halls · \(groups) window groups · \(windows) windows · \(spec.demand.count) demand streams")
        }
    }
}
