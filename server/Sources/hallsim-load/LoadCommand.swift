import ArgumentParser
import CaseEngine
import Foundation
import HallModel
import LoadTester
import Reports
import Scenarios
import SimCore

/// `hallsim-load`: a scenario's simulated commands sent to a case service at their intended
/// wall-clock times, latency measured from those times (docs/load.md).
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hallsim load",
        abstract: "Send a scenario's simulated commands to a case service at their intended times and measure it.",
        discussion: """
            The scenario is simulated (the stream `hallsim run` folds) and every command is sent at \
            its simulated time divided by --speed, in an open model: a slow target never slows the \
            schedule; latency counts from the intended time. A case's commands all go on one \
            connection (case id mod --connections), \
            pipelined: a request does not wait for the answers to earlier ones (up to --pipeline in flight). The results folder holds summary.json, \
            timeline.csv and with --report load-report.html. Exit codes: 0 done, 99 a threshold \
            failed, 1 the target is unreachable or commands were lost, 2 bad input.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "The service's base URL, e.g. http://127.0.0.1:8080.")
    var target: String

    @Option(help: "Simulated seconds per wall-clock second (3600: an hour per second); with --max, the first stage's.")
    var speed = 3600.0

    @Option(help: "Wall-clock length: simulates DURATION x speed from the run's start (default: the scenario's horizon); with --max, the ramp's length (default 60s).")
    var duration: String?

    @Option(help: "Connections; a case's commands all go on connection (case id mod N).")
    var connections = 1

    @Option(help: "The most commands in one request (commands due while the connection had no place in flight go together).")
    var batch = 1

    @Option(help: "The most requests in flight on one connection (HTTP/1.1 pipelining); 1 waits for each answer before the next request.")
    var pipeline = 1_024

    @Option(name: .customLong("threshold"), help: "A rule the load must meet, e.g. p99<20ms, errors<0.1%, rate>=5000/s, lateness_p99<1ms (repeatable); a failed one exits 99.")
    var thresholds: [String] = []

    @Option(help: "Seed for the random streams (overrides the file's seed).")
    var seed: UInt64?

    @Flag(name: .customLong("max"), help: "Ramp the speed-up in stages until p99 or errors cross --max-p99 or --max-errors; report the highest sustained rate.")
    var ramping = false

    @Option(help: "With --max: the p99 latency bound (e.g. 100ms).")
    var maxP99 = "100ms"

    @Option(help: "With --max: the error share bound (e.g. 1%).")
    var maxErrors = "1%"

    @Option(help: "With --max: each stage's wall-clock length (whole seconds) and the speed-up's factor per stage.")
    var stage = "5s"

    @Option(help: "With --max: the factor the speed-up grows by per stage.")
    var rampFactor = 1.5

    @Option(help: "With --max: a warm-up at the first speed-up before the ramp (whole seconds; sent, not judged; 0 for none).")
    var warmup = "5s"

    @Flag(help: "Also write load-report.html (latency charts) into the results folder.")
    var report = false

    @Option(help: "Results folder (default: results/load-<scenario name>).")
    var out: String?

    @Flag(help: "Print the summary as JSON instead of the text.")
    var json = false

    @Option(help: "Send each command's position in the stream as seq: auto (when the target takes it), on, off.")
    var seq = "auto"

    @Option(help: "How long a request is retried with its idempotency key after a connection error or a 503 (seconds).")
    var retryFor = 30.0

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be positive") }
        guard connections >= 1, connections <= 4096 else { throw ValidationError("--connections must be 1 to 4096") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        guard pipeline >= 1 else { throw ValidationError("--pipeline must be at least 1") }
        guard ["auto", "on", "off"].contains(seq) else { throw ValidationError("--seq \(seq): expected auto, on or off") }
        guard retryFor >= 0 else { throw ValidationError("--retry-for must be at least 0") }
        guard rampFactor > 1 else { throw ValidationError("--ramp-factor must be above 1") }
        guard Target(target) != nil else { throw ValidationError("--target \(target): expected http://HOST:PORT") }
        if let duration { _ = try Self.seconds(duration, "--duration") }
        _ = try Self.seconds(stage, "--stage")
        _ = try Self.warmupSeconds(warmup)
        for t in thresholds { _ = try Self.threshold(t) }
        _ = try Self.threshold("p99<" + maxP99)
        _ = try Self.threshold("errors<" + maxErrors)
    }

    static func seconds(_ text: String, _ option: String) throws -> Double {
        switch ScenarioLoader.seconds(ofDuration: text) {
        case .success(let s) where s > 0: return s
        case .success: throw ValidationError("\(option) must be positive")
        case .failure(let error): throw ValidationError("\(option): \(error)")
        }
    }

    /// `--warmup`: `0` or a positive duration, rounded up to whole seconds.
    static func warmupSeconds(_ text: String) throws -> Double {
        text == "0" ? 0 : try seconds(text, "--warmup").rounded(.up)
    }

    static func threshold(_ text: String) throws -> Threshold {
        do { return try Threshold(text) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let target = Target(target)!
        var spec: ScenarioSpec
        do {
            spec = try ScenarioLoader.load(path: file)
        } catch {
            Self.fail(error.description, code: 2)
        }
        if let seed { spec.seed = seed }
        let stageSeconds = (try Self.seconds(stage, "--stage")).rounded(.up)
        let wall = try duration.map { try Self.seconds($0, "--duration") }
        let stages = ramping ? Int(((wall ?? 60) / stageSeconds).rounded(.up)) : 1
        var ramp = Schedule.ramp(from: speed, factor: rampFactor, stageSeconds: stageSeconds, stages: stages, origin: 0,
                                 warmupSeconds: try Self.warmupSeconds(warmup))
        // The simulated span: DURATION x speed, or the ramp's span and a day for the quiet hours before the first command.
        let span = ramping ? Double(ramp.simulatedSpan ?? 0) / 1e6 + 86_400 : wall.map { $0 * speed }
        if let span {
            let cut = SimTime.seconds(span)
            if spec.stop.horizon.map({ $0 > cut }) ?? true { spec.stop.horizon = cut }
        }
        let network = HallNetwork(spec)
        let probe: LoadRunner.Probe
        do {
            probe = try LoadRunner.probe(target)
        } catch {
            Self.fail("hallsim load: \(error)", code: 1)
        }
        if let served = probe.scenario, served != spec.name {
            FileHandle.standardError.write(Data("hallsim load: warning: the target serves scenario \(served), not \(spec.name)\n".utf8))
        }
        let sequence = seq == "on" || (seq == "auto" && probe.acceptsSequence)
        var events = LoadPlan.simulate(network, seed: spec.seed)
        let schedule: Schedule
        if ramping {
            ramp.origin = events.first?.time.ticks ?? 0
            schedule = ramp
            // The ramp's span from the first command: what comes after it would go at the last stage's speed, unjudged.
            if let span = ramp.simulatedSpan, let cut = events.firstIndex(where: { $0.time.ticks > ramp.origin + span }) {
                events.removeSubrange(cut...)
            }
        } else {
            schedule = .constant(speed)
        }
        let plan = LoadPlan(events: events, catalog: network.catalog, schedule: schedule, connections: connections, sequence: sequence)
        var options = SendOptions()
        options.batch = batch
        options.pipeline = pipeline
        options.retrySeconds = retryFor
        options.keyPrefix = "load-\(UInt32.random(in: 0 ... .max))"
        if ramping {
            // A command ten times later than the p99 bound (at least a second) ends the ramp: its stage has failed.
            options.stopAfterLatency = Int64(Swift.max(1_000, 10 * (try Self.threshold("p99<" + maxP99).bound)) * 1_000)
            options.stopFrom = schedule.warmupMicroseconds
        }
        let outcome = LoadRunner.run(plan, target: target, options: options)
        var summary = LoadSummary(plan: plan, outcome: outcome, target: target, seed: spec.seed, speed: speed, batch: batch, pipeline: pipeline, sequence: sequence)
        if ramping {
            summary.max = MaxResult(recorder: outcome.recorder, schedule: schedule,
                                    p99BoundMs: try Self.threshold("p99<" + maxP99).bound, errorBound: try Self.threshold("errors<" + maxErrors).bound)
        }
        let rules = try thresholds.map(Self.threshold)
        if !rules.isEmpty { summary.thresholds = rules.map { $0.check(summary) } }
        do {
            try LoadResults.write(summary, to: out ?? "results/load-\(spec.name)", inputs: [file], report: report)
        } catch let refusal as ResultsFolder.Refusal {
            Self.fail("hallsim load: \(refusal.description)", code: 2)
        } catch {
            Self.fail("hallsim load: \(error)", code: 1)
        }
        if json {
            FileHandle.standardOutput.write(try summary.jsonData())
        } else {
            print(summary.text(), terminator: "")
        }
        if summary.commands.lost > 0 {
            Self.fail("hallsim load: \(summary.commands.lost) commands were never answered (\((summary.failures ?? []).joined(separator: "; ")))", code: 1)
        }
        if summary.thresholds?.contains(where: { !$0.passed }) == true { throw ExitCode(99) }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code)
    }
}

@main
enum Main {
    /// Parses and runs `hallsim-load`; bad arguments exit 2 (the project's convention), not the parser's 64.
    static func main() {
        ResultsFolder.removeStagingOnSignals()
        do {
            var command = try Load.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = Load.exitCode(for: error)
            if code == .success {
                print(Load.fullMessage(for: error))
                exit(0)
            }
            Load.fail(Load.fullMessage(for: error), code: code == .validationFailure ? 2 : 1)
        }
    }
}
