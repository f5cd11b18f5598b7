import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension HallSim {
    /// `hallsim serve …`: runs the case service, which is built apart (`make serve`) so that the
    /// simulator's own build never needs the HTTP stack.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the case engine over HTTP (docs/api.md); runs hallsim-serve, built by `make serve`.",
            discussion: """
                Usage: hallsim serve --data DIR [--host 127.0.0.1] [--port N] [--scenario FILE]. \
                The server is found by $HALLSIM_SERVE, then beside this hallsim binary, then in \
                server/.build/release/; every argument is passed on.
                """
        )

        @Argument(parsing: .allUnrecognized, help: "The server's arguments (see hallsim-serve --help).")
        var arguments: [String] = []

        func run() throws {
            try ServerPackageTool(name: "hallsim-serve", variable: "HALLSIM_SERVE", what: "the server").exec(arguments)
        }
    }

    /// `hallsim load …`: runs the load tester, built with the server (`make serve`).
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a scenario's commands to a case service at their intended times and measure it (docs/load.md); runs hallsim-load, built by `make serve`.",
            discussion: """
                Usage: hallsim load FILE --target URL [--speed X] [--duration D] [--connections N] \
                [--batch N] [--threshold EXPR …] [--seed N] [--max] [--report] [--out DIR] [--json]. \
                The load tester is found by $HALLSIM_LOAD, then beside this hallsim binary, then in \
                server/.build/release/; every argument is passed on.
                """
        )

        @Argument(parsing: .allUnrecognized, help: "The load tester's arguments (see hallsim-load --help).")
        var arguments: [String] = []

        func run() throws {
            try ServerPackageTool(name: "hallsim-load", variable: "HALLSIM_LOAD", what: "the load tester").exec(arguments)
        }
    }
}

/// An executable of the server package (built apart, `make serve`) that a subcommand hands its arguments to.
struct ServerPackageTool {
    /// The executable's file name.
    var name: String
    /// The environment variable that names its path.
    var variable: String
    /// What it is, in words (for the hint).
    var what: String

    /// Replaces this process with the tool, or says how to build it (exit 2).
    func exec(_ arguments: [String]) throws {
        guard let tool = locate() else {
            throw CommandFailure.badInput("\(what), \(name), is not built\nhint: `make serve` builds it (server/.build/release/\(name)), or set \(variable) to its path")
        }
        let argv = [tool] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        execv(tool, &cArgs)
        throw CommandFailure.runtime("cannot run \(tool): \(String(cString: strerror(errno)))")
    }

    /// The executable: `$VARIABLE`, beside this binary, or the server package's release build.
    func locate() -> String? {
        let fm = FileManager.default
        if let given = ProcessInfo.processInfo.environment[variable], !given.isEmpty {
            return fm.isExecutableFile(atPath: given) ? given : nil
        }
        let exe = fm.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        let me = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
        let beside = me.deletingLastPathComponent().appendingPathComponent(name).path
        if fm.isExecutableFile(atPath: beside) { return beside }
        let built = "server/.build/release/" + name
        return fm.isExecutableFile(atPath: built) ? built : nil
    }
}
