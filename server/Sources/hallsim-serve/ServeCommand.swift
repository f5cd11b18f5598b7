import ArgumentParser
import CaseEngine
import Foundation
import HallModel
import HallSimServer
import Reports
import Scenarios
import SimCore

/// `hallsim-serve`: the case engine as a durable HTTP service (docs/api.md).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hallsim serve",
        abstract: "Serve the case engine over HTTP: commands in, durable events out, KPIs and metrics.",
        discussion: """
            The data folder holds events.log (the event log, readable by `hallsim replay` and \
            `hallsim log verify`) and commits.log (the commit journal: acknowledged events and \
            idempotency keys). On start the log is verified, anything never acknowledged is cut, \
            and the state is rebuilt before the service listens. Exit codes: 0 stopped by SIGINT \
            or SIGTERM, 1 a failure at run time, 2 bad input.
            """
    )

    @Option(help: "The data folder (created when missing).")
    var data: String

    @Option(help: "The address to listen on (loopback unless told otherwise).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed when listening).")
    var port = 8080

    @Option(help: "The scenario whose catalog a new log is for (halls, groups, services); an existing log must match it.")
    var scenario: String?

    @Option(help: "The largest request body, in bytes.")
    var maxBody = 16 << 20

    @Option(help: "Connections open at once; more are answered 503.")
    var maxConnections = 1024

    @Option(help: "Idempotency keys kept (the most recent); an older key's retry is applied anew.")
    var keyRetention = 100_000

    @Option(help: ArgumentHelp("How long the writer holds commands to apply them in order of their times across connections (e.g. 2ms, 0.5s; 0: apply them as they come).", valueName: "duration"))
    var reorderWindow = "2ms"

    @Option(help: ArgumentHelp("Measure N commands' appends in-process (no HTTP) in a fresh folder under --data, print where the time goes, and exit (scripts/bench-serve).", valueName: "N"))
    var bench: Int?

    @Option(help: "Commands per request for --bench.")
    var benchBatch = 1_000

    func validate() throws {
        if let bench, bench < 1 || bench > 100_000_000 { throw ValidationError("--bench \(bench): expected 1 to 100000000 commands") }
        guard benchBatch >= 1 else { throw ValidationError("--bench-batch must be at least 1") }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body \(maxBody): expected at least 1024 bytes") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard keyRetention >= 0 else { throw ValidationError("--key-retention must be at least 0") }
        guard Self.nanoseconds(reorderWindow) != nil else {
            throw ValidationError("--reorder-window \(reorderWindow): expected a duration from 0 to 10s, e.g. 2ms, 500us or 0.1s")
        }
    }

    /// A duration such as `2ms`, `500us`, `0.1s` or `0`, in nanoseconds (at most 10 s).
    static func nanoseconds(_ text: String) -> UInt64? {
        let units: [(String, Double)] = [("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
        let unit = units.first { text.hasSuffix($0.0) }
        guard let number = Double(text.dropLast(unit?.0.count ?? 0)), number.isFinite, number >= 0 else { return nil }
        if unit == nil, number != 0 { return nil }
        let ns = number * (unit?.1 ?? 0)
        return ns <= 10e9 ? UInt64(ns.rounded()) : nil
    }

    func run() async throws {
        var catalog: Catalog?
        var closedDays: Summary.ClosedDays?
        if let scenario {
            let spec: ScenarioSpec
            do {
                spec = try ScenarioLoader.load(path: scenario)
            } catch {
                Self.fail(error.description, code: 2)
            }
            let network = HallNetwork(spec)
            var c = network.catalog
            c.seed = spec.seed
            catalog = c
            if let horizon = network.stop.horizon {
                let v = OfferedLoad(network).closedDayVolume(days: Int((Double(horizon.ticks) / Double(ServiceCalendar.dayTicks)).rounded(.up)))
                if v.lost + v.moved > 0 { closedDays = .init(lost: v.lost, moved: v.moved) }
            }
        }
        if let bench {
            guard let catalog else { Self.fail("hallsim serve: --bench needs --scenario", code: 2) }
            do {
                let figures = try await ServeBenchmark(catalog: catalog, commands: bench, batch: benchBatch).run(folder: data + "/bench")
                Self.say("step       commands/s   µs each  what (\(bench) submits, \(benchBatch) per request)")
                for f in figures {
                    Self.say(f.name.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%12.0f %9.3f  ", f.perSecond, f.microsecondsEach) + f.what)
                }
            } catch {
                Self.fail("hallsim serve: --bench: \(error)", code: 1)
            }
            return
        }
        let metrics = ServiceMetrics()
        let store: EventStore
        let report: Recovery.Report
        do {
            (store, report) = try Recovery.open(folder: data, catalog: catalog, retention: keyRetention,
                                                 reorderNanoseconds: Self.nanoseconds(reorderWindow) ?? 0, metrics: metrics)
        } catch {
            Self.fail("hallsim serve: \(error)", code: FileManager.default.fileExists(atPath: data + "/events.log") ? 1 : 2)
        }
        Self.say(report.created
            ? "hallsim serve: new log in \(data) for scenario \(store.catalog.scenario)"
            : "hallsim serve: recovered \(report.events) events and \(report.keys) idempotency keys from \(data)")
        for line in report.lost { Self.say("hallsim serve: recovery: \(line)") }
        store.start()
        var options = CaseService.Options()
        options.host = host
        options.port = port
        options.maxBodyBytes = maxBody
        options.maxConnections = maxConnections
        let service = CaseService(store: store, options: options, closedDays: closedDays)
        let host = host
        do {
            try await service.run { port in Self.say("hallsim serve: listening on http://\(host):\(port)") }
        } catch {
            _ = store.stop()
            Self.fail("hallsim serve: \(error)", code: 1)
        }
        switch store.stop() {
        case .success(let footer): Self.say("hallsim serve: stopped; the log holds \(footer.events) events, digest \(footer.digest)")
        case .failure(let error): Self.fail("hallsim serve: the log could not be finished: \(error)", code: 1)
        }
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code)
    }
}


@main
enum Main {
    /// Parses and runs `hallsim-serve`; bad arguments exit 2 (the project's convention), not the parser's 64.
    static func main() async {
        do {
            var command = try Serve.parseAsRoot()
            if var serve = command as? Serve {
                try await serve.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = Serve.exitCode(for: error)
            if code == .success {
                print(Serve.fullMessage(for: error))
                exit(0)
            }
            Serve.fail(Serve.fullMessage(for: error), code: code == .validationFailure ? 2 : 1)
        }
    }
}
