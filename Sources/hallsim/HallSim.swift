import ArgumentParser
import Foundation
import Scenarios

/// The `hallsim` command: simulate a scenario, check one, and more.
struct HallSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hallsim",
        abstract: "A deterministic discrete-event simulator of multi-tier government service halls.",
        discussion: "Exit codes: 0 success, 1 runtime failure, 2 bad input (usage or scenario).",
        version: "0.1.0",
        subcommands: [Run.self, Validate.self, Replay.self, Log.self, Bench.self]
    )
}

@main
enum Main {
    static func main() {
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
