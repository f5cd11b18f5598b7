import ArgumentParser
import Foundation
import CaseEngine
import Reports
import Scenarios

/// The `hallsim` command: simulate a scenario, check one, and more.
struct HallSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hallsim",
        abstract: "A deterministic discrete-event simulator of multi-tier government service halls.",
        discussion: "Exit codes: 0 success, 1 runtime failure, 2 bad input (usage or scenario).",
        version: "0.1.0",
        subcommands: [Run.self, Compare.self, Sweep.self, Staff.self, Merge.self, Report.self, Validate.self, Replay.self, Log.self, Bench.self, Serve.self, Load.self]
    )
}

@main
enum Main {
    static func main() {
        ResultsFolder.removeStagingOnSignals()
        do {
            var command = try HallSim.parseAsRoot()
            try command.run()
        } catch let error as ScenarioError {
            fail(error.description, code: 2)
        } catch let error as CommandFailure {
            fail("hallsim: " + error.message, code: error.code)
        } catch {
            let code = HallSim.exitCode(for: error)
            if code == .success {
                print(HallSim.fullMessage(for: error))
                exit(0)
            }
            let usage = code == .validationFailure
            fail(HallSim.fullMessage(for: error), code: usage ? 2 : 1)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
        exit(code)
    }
}

/// A failure with its exit code: 2 for bad input, 1 for a failure at run time.
struct CommandFailure: Error {
    var message: String
    var code: Int32

    static func badInput(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 2) }
    static func runtime(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 1) }
}

extension ResultsFolder {
    /// Opens the results folder at `path` for a command, turning a refusal into bad input
    /// (exit 2) and a file-system failure into a runtime failure (exit 1); leftovers of killed
    /// runs that are left in place are reported on stderr.
    static func open(_ path: String, inputs: [String]) throws -> ResultsFolder {
        do {
            return try ResultsFolder(path: path, inputs: inputs) { line in
                FileHandle.standardError.write(Data("hallsim: warning: \(line)\n".utf8))
            }
        } catch let refusal as ResultsFolder.Refusal {
            throw CommandFailure.badInput(refusal.description)
        } catch {
            throw CommandFailure.runtime(oneLine(error))
        }
    }

    /// One line for an error met while producing results: the message of the project's own
    /// errors, the system's reason for Foundation's, never a dump of an error's fields.
    static func oneLine(_ error: any Error) -> String {
        switch error {
        case let error as ResultsFolder.Failure: return error.description
        case let error as EventLogError: return error.description
        case let error as CommandFailure: return error.message
        default:
            let text = ResultsFolder.reason(error)
            return text.split(separator: "\n").first.map(String.init) ?? "\(type(of: error))"
        }
    }
}
