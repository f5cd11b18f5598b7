import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hallsim-load` against servers of the tests' own on loopback (docs/load.md): each test starts
/// and stops its own target, and every wait is bounded.
@Suite("The load tester", .serialized)
struct LoadTests {
    /// The load tester: `$HALLSIM_LOAD`, else this package's debug build.
    static var binary: String {
        if let given = ProcessInfo.processInfo.environment["HALLSIM_LOAD"], !given.isEmpty { return given }
        return URL(fileURLWithPath: ServerProcess.binary).deletingLastPathComponent().appendingPathComponent("hallsim-load").path
    }

    /// A one-day copy of the bundled test scenario in `work` (so the run and the server agree on the horizon).
    static func dayScenario(in work: String) throws -> String {
        let original = try String(contentsOfFile: TestCatalog.scenario, encoding: .utf8)
        #expect(original.contains("\nhorizon: 61d\n"))
        let path = work + "/wenling-day.yaml"
        try original.replacingOccurrences(of: "\nhorizon: 61d\n", with: "\nhorizon: 1d\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the load tester; its summary (`--json`) when it printed one.
    static func load(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, summary: [String: Any], errors: String) {
        let r = try runProgram(binary, arguments, timeout: timeout)
        let summary = (try? JSONSerialization.jsonObject(with: r.output)) as? [String: Any] ?? [:]
        return (r.status, summary, r.errors)
    }

    /// The run's summary for `scenario` (what the server's KPIs must equal).
    static func runSummary(_ scenario: String, work: String) throws -> NSDictionary {
        let run = try runProgram(ServerProcess.hallsim, ["run", scenario, "--json", "--out", work + "/run"])
        #expect(run.status == 0, "\(run.errors)")
        return withoutTiming(try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any]))
    }

    static func figure(_ summary: [String: Any], _ path: String...) -> Double? {
        var node: Any? = summary
        for key in path { node = (node as? [String: Any])?[key] }
        return (node as? NSNumber)?.doubleValue
    }

    /// The one-day scenario in `work`, its run's summary, and a server of it on `work/data`.
    static func servedDay(in work: String) throws -> (scenario: String, simulated: NSDictionary, server: ServerProcess) {
        let scenario = try dayScenario(in: work)
        let simulated = try runSummary(scenario, work: work)
        return (scenario, simulated, try ServerProcess(data: work + "/data", arguments: ["--scenario", scenario]))
    }

    /// Every planned command applied, none refused or lost, and the server's KPIs those of the run.
    static func expectComplete(_ summary: [String: Any], server: ServerProcess, simulated: NSDictionary) throws {
        let planned = figure(summary, "commands", "planned") ?? 0
        #expect(planned > 5_000)
        #expect(figure(summary, "commands", "applied") == planned, "\(summary["errors"] ?? "")")
        #expect(figure(summary, "commands", "lost") == 0)
        let live = withoutTiming(try server.connect().get("/kpis").json)
        #expect(differingKeys(live, simulated) == [])
    }

    @Test func oneOrderedConnectionLeavesTheServerWithTheRunsKPIs() throws {
        let work = ServerProcess.temporaryFolder("load-kpis")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (scenario, simulated, server) = try Self.servedDay(in: work)
        defer { server.stop() }
        let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(server.port)", "--speed", "43200", "--batch", "200",
                               "--json", "--report", "--out", work + "/load"])
        #expect(r.status == 0, "\(r.errors)")
        try Self.expectComplete(r.summary, server: server, simulated: simulated)
        #expect(Self.figure(r.summary, "latency", "count") == Self.figure(r.summary, "commands", "planned"))
        let page = try String(contentsOfFile: work + "/load/load-report.html", encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("load-latency"))
        #expect(FileManager.default.fileExists(atPath: work + "/load/timeline.csv"))
    }

    /// Several connections, pipelined (docs/load.md, *Several connections*): each sends its commands
    /// at their intended times without waiting for earlier answers, and the server hands each request
    /// to its writer as it arrives, so every command reaches the reordering window in time and the
    /// ordering rule's promise is exact: the run's KPIs, its log digest, and a log that replays to them.
    /// The window covers a debug build's parse times on shared cores (as in `StreamTests`); it is not
    /// what keeps the commands in time: a sender that waited for its answers would come later than
    /// any window, since each answer comes after the window's hold.
    @Test func severalPipelinedConnectionsLeaveTheServerWithTheRunsKPIsAndDigest() throws {
        let work = ServerProcess.temporaryFolder("load-connections")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.dayScenario(in: work)
        let simulated = try Self.runSummary(scenario, work: work)
        let server = try ServerProcess(data: work + "/data", arguments: ["--scenario", scenario, "--reorder-window", "1s"])
        defer { server.stop() }
        let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(server.port)", "--speed", "7200", "--connections", "4",
                               "--batch", "50", "--json", "--out", work + "/load"])
        #expect(r.status == 0, "\(r.errors)")
        #expect(r.summary["sequence"] as? Bool == true)
        try Self.expectComplete(r.summary, server: server, simulated: simulated)
        _ = server.stop()
        let replay = try runProgram(ServerProcess.hallsim, ["replay", work + "/data/events.log", "--json"])
        #expect(replay.status == 0, "\(replay.errors)")
        let replayed = withoutTiming(try #require(try JSONSerialization.jsonObject(with: replay.output) as? [String: Any]))
        #expect(differingKeys(replayed, simulated) == [])
    }

    @Test func aStalledServerShowsInTheTailWhileTheSendersStayOnTime() throws {
        let work = ServerProcess.temporaryFolder("load-stall")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.dayScenario(in: work)
        let server = try ServerProcess(data: work + "/data", arguments: ["--scenario", scenario])
        defer { server.stop() }
        let pid = server.process.processIdentifier
        // A day in 12 s; the stall comes once the morning is busy (2,000 commands applied), whenever the load started.
        let port = server.port
        let staller = Thread {
            guard let watch = try? HTTPConnection(host: "127.0.0.1", port: port) else { return }
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let metrics = (try? watch.get("/metrics").text) ?? ""
                let applied = metrics.split(separator: "\n").first { $0.hasPrefix("hallsim_commands_applied_total ") }
                if let applied, let n = Int(applied.split(separator: " ").last ?? ""), n >= 2_000 { break }
                usleep(20_000)
            }
            kill(pid, SIGSTOP)
            usleep(1_000_000)
            kill(pid, SIGCONT)
        }
        staller.start()
        let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(server.port)", "--speed", "7200", "--batch", "100", "--json", "--out", work + "/load"])
        kill(pid, SIGCONT)
        #expect(r.status == 0, "\(r.errors)")
        let tail = Self.figure(r.summary, "latency", "p99_9_ms") ?? 0
        #expect(tail > 800 && tail < 3_000, "p99.9 \(tail) ms")
        let lateness = Self.figure(r.summary, "send_lateness", "p99_ms") ?? .infinity
        #expect(lateness < 50, "send lateness p99 \(lateness) ms")
        // Pipelined, the sender kept sending through the stall: no command waited for a place in flight.
        let wait = Self.figure(r.summary, "connection_wait", "max_ms") ?? .infinity
        #expect(wait < 100, "connection wait max \(wait) ms")
    }

    /// A stationary scenario: Poisson arrivals at 7,500 an hour, always open, ample windows (`stop`: when it ends).
    static func stationaryScenario(in work: String, stop: String = "stop: { cases: 1000000 }") throws -> String {
        let path = work + "/stationary.yaml"
        try """
            name: stationary
            seed: 3
            \(stop)
            services:
              - id: generic
                service_time: { exponential: { mean: 30s } }
            halls:
              - id: hall
                tier: city
                hours: always
                windows:
                  - { id: w, count: 80, serves: [generic] }
            demand:
              - service: generic
                hall: hall
                arrivals: { poisson: { per_hour: 7500 } }

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func againstATargetThatAnswersAtOnceSubmitsArePoissonAndSendersAreOnTime() throws {
        let work = ServerProcess.temporaryFolder("load-poisson")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.stationaryScenario(in: work)
        let stub = try StubTarget()
        defer { stub.stop() }
        // 600x: a simulated minute is 0.1 s; about 1,250 cases and 5,000 commands a second.
        let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(stub.port)", "--speed", "600", "--duration", "6s",
                               "--connections", "4", "--threshold", "errors<0.1%", "--json", "--out", work + "/load"])
        #expect(r.status == 0, "\(r.errors)")
        let rate = Self.figure(r.summary, "offered_per_s") ?? 0
        #expect(rate > 4_000, "offered \(rate)/s")
        let lateness = Self.figure(r.summary, "send_lateness", "p99_ms") ?? .infinity
        #expect(lateness < 10, "send lateness p99 \(lateness) ms at \(rate) commands/s")
        // Per simulated minute (0.1 s of wall clock), the submits' counts: Poisson's variance equals its mean.
        let times = stub.submitTimes
        try #require(times.count > 5_000)
        let first = times[0]
        var counts = Array(repeating: 0, count: Int((times.last! - first) / 100_000) + 1)
        for t in times { counts[Int((t - first) / 100_000)] += 1 }
        counts = Array(counts.dropFirst().dropLast())
        let k = Double(counts.count)
        let mean = Double(counts.reduce(0, +)) / k
        let dispersion = counts.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / mean
        // χ²(k−1) by Wilson–Hilferty, two-sided at 0.1% each side (z = 3.09).
        let df = k - 1
        func quantile(_ z: Double) -> Double { df * pow(1 - 2 / (9 * df) + z * (2 / (9 * df)).squareRoot(), 3) }
        #expect(dispersion > quantile(-3.09) && dispersion < quantile(3.09), "dispersion \(dispersion) over \(Int(k)) minutes of mean \(mean)")
    }

    @Test func aServerKilledAndRestartedMidRunAppliesNothingTwice() throws {
        let work = ServerProcess.temporaryFolder("load-kill")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (scenario, simulated, first) = try Self.servedDay(in: work)
        var server = first
        let port = server.port
        let loader = Process()
        loader.executableURL = URL(fileURLWithPath: Self.binary)
        loader.arguments = [scenario, "--target", "http://127.0.0.1:\(port)", "--speed", "7200", "--batch", "50", "--json", "--out", work + "/load"]
        let output = Pipe()
        loader.standardOutput = output
        loader.standardError = FileHandle.nullDevice
        try loader.run()
        defer { if loader.isRunning { kill(loader.processIdentifier, SIGKILL) } }
        usleep(6_000_000)
        server.stop(SIGKILL)
        server = try ServerProcess(data: work + "/data", arguments: ["--port", "\(port)"])
        defer { server.stop() }
        #expect(server.port == port)
        let text = output.fileHandleForReading.readDataToEndOfFile()
        loader.waitUntilExit()
        #expect(loader.terminationStatus == 0)
        let summary = (try? JSONSerialization.jsonObject(with: text)) as? [String: Any] ?? [:]
        #expect(Self.figure(summary, "requests", "retried") ?? 0 > 0)
        try Self.expectComplete(summary, server: server, simulated: simulated)
    }

    @Test func aFailedThresholdExits99AndAnUnreachableTargetExits1() throws {
        let work = ServerProcess.temporaryFolder("load-exits")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.stationaryScenario(in: work)
        let stub = try StubTarget()
        defer { stub.stop() }
        let target = "http://127.0.0.1:\(stub.port)"
        let failed = try Self.load([scenario, "--target", target, "--speed", "60", "--duration", "1s", "--threshold", "rate>=100000000/s",
                                    "--threshold", "errors<1%", "--json", "--out", work + "/failed"])
        #expect(failed.status == 99, "\(failed.errors)")
        let results = failed.summary["thresholds"] as? [[String: Any]] ?? []
        #expect(results.map { $0["passed"] as? Bool } == [false, true])

        let unreachable = try Self.load([scenario, "--target", "http://127.0.0.1:1", "--out", work + "/none"])
        #expect(unreachable.status == 1)
        #expect(unreachable.errors.contains("unreachable"), "\(unreachable.errors)")

        for bad in [["--threshold", "p99<fast"], ["--threshold", "latency<1ms"], ["--target", "ftp://x"], ["--connections", "0"], ["--duration", "soon"]] {
            let r = try Self.load([scenario, "--target", target] + bad + ["--out", work + "/bad"])
            #expect(r.status == 2, "\(bad): \(r.errors)")
        }
    }
}
