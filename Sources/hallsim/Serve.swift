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
            guard let server = Self.locate() else {
                throw CommandFailure.badInput("the server, hallsim-serve, is not built\nhint: `make serve` builds it (server/.build/release/hallsim-serve), or set HALLSIM_SERVE to its path")
            }
            let argv = [server] + arguments
            var cArgs = argv.map { strdup($0) } + [nil]
            execv(server, &cArgs)
            throw CommandFailure.runtime("cannot run \(server): \(String(cString: strerror(errno)))")
        }

        /// The server executable: `$HALLSIM_SERVE`, beside this binary, or the server package's release build.
        static func locate() -> String? {
            let fm = FileManager.default
            if let given = ProcessInfo.processInfo.environment["HALLSIM_SERVE"], !given.isEmpty {
                return fm.isExecutableFile(atPath: given) ? given : nil
            }
            let exe = fm.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
            let me = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
            let beside = me.deletingLastPathComponent().appendingPathComponent("hallsim-serve").path
            if fm.isExecutableFile(atPath: beside) { return beside }
            let built = "server/.build/release/hallsim-serve"
            return fm.isExecutableFile(atPath: built) ? built : nil
        }
    }
}
