import Foundation
import HallModel
import LoadTester
import Scenarios
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The sender's transport and the `--max` ramp against stub targets on loopback (docs/load.md,
/// *How it sends*, *`--max`*): a target that listens late, answers 503 in flight, holds its
/// answers, or stalls at the start. Part of ``LoadTests`` (`make test-load`); each bounded in seconds.
extension LoadTests {
    static func stub(_ set: (inout StubTarget.Behaviour) -> Void) throws -> StubTarget {
        var behaviour = StubTarget.Behaviour()
        set(&behaviour)
        return try StubTarget(behaviour)
    }

    /// The first connect fails (nothing listens yet); the reader connects again until the target
    /// listens, then sends what the sender queued meanwhile, once: every command answered, none
    /// counted as a retry (none had been written), the wait shown in the latency.
    @Test func theSenderConnectsOnceTheTargetListensLate() throws {
        let work = ServerProcess.temporaryFolder("load-late")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let spec = try ScenarioLoader.load(path: try Self.stationaryScenario(in: work, stop: "horizon: 2m"))
        let network = HallNetwork(spec)
        let plan = LoadPlan(events: LoadPlan.simulate(network, seed: spec.seed), catalog: network.catalog,
                            schedule: .constant(60), connections: 1, sequence: false)
        #expect(plan.count > 500)
        let stub = try Self.stub { $0.listening = false }
        defer { stub.stop() }
        let opener = Thread {
            usleep(500_000)
            try? stub.listen()
        }
        opener.start()
        var options = SendOptions()
        options.retrySeconds = 10
        let outcome = LoadRunner.run(plan, target: try #require(Target("http://127.0.0.1:\(stub.port)")), options: options)
        let r = outcome.recorder
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(r.applied == plan.count && r.lost == 0 && r.refused == 0)
        #expect(r.reconnects >= 1)
        #expect(r.retries == 0 && r.requests == plan.count, "\(r.requests) requests, \(r.retries) retried")
        // The first commands waited for the listener (about 450 ms after they were due).
        let worst = LoadSummary.Percentiles(r.allLatency).max_ms
        #expect(worst > 300 && worst < 5_000, "latency max \(worst) ms")
    }

    /// A 503 in flight (`too_many_connections`, `Retry-After: 1`, the connection closed): the request
    /// and those after it go again on a new connection after the second the target asks for, and
    /// the 503 is counted by status and command; once `--retry-for` has run out, a 503 is the answer.
    @Test func a503InFlightIsCountedAndRetriedUntilTheRetryTimeRunsOut() throws {
        let work = ServerProcess.temporaryFolder("load-503")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.stationaryScenario(in: work)
        let once = try Self.stub { $0.unavailable = [5, 30] }
        defer { once.stop() }
        let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(once.port)", "--speed", "60", "--duration", "2s",
                               "--json", "--out", work + "/once"])
        #expect(r.status == 0, "\(r.errors)")
        let planned = Self.figure(r.summary, "commands", "planned") ?? 0
        #expect(planned > 500 && Self.figure(r.summary, "commands", "applied") == planned)
        let errors = r.summary["errors"] as? [String: Any] ?? [:]
        #expect(errors["retried_by_status"] as? [String: Int] == ["503 too_many_connections": 2])
        #expect((errors["retried_by_command"] as? [String: Int])?.values.reduce(0, +) == 2)
        #expect(errors["by_status"] as? [String: Int] == [:])
        #expect(Self.figure(r.summary, "requests", "reconnects") == 2)
        #expect(Self.figure(r.summary, "requests", "retried") ?? 0 >= 2)
        // Retry-After honoured: the refused commands were answered a second or more after they were due.
        let worst = Self.figure(r.summary, "latency", "max_ms") ?? 0
        #expect(worst > 950 && worst < 5_000, "latency max \(worst) ms")

        let always = try Self.stub {
            $0.unavailable = [5]
            $0.alwaysUnavailable = true
        }
        defer { always.stop() }
        let out = try Self.load([scenario, "--target", "http://127.0.0.1:\(always.port)", "--speed", "60", "--duration", "2s",
                                 "--retry-for", "0.5", "--json", "--out", work + "/always"])
        #expect(out.status == 0, "\(out.errors)")
        let all = Self.figure(out.summary, "commands", "planned") ?? 0
        #expect(Self.figure(out.summary, "commands", "refused") == 1 && Self.figure(out.summary, "commands", "lost") == 0)
        #expect(Self.figure(out.summary, "commands", "applied") == all - 1)
        let refused = out.summary["errors"] as? [String: Any] ?? [:]
        #expect(refused["by_status"] as? [String: Int] == ["503 too_many_connections": 1])
        #expect((refused["retried_by_status"] as? [String: Int])?["503 too_many_connections"] ?? 0 >= 1)
    }

    /// The cap on requests in flight per connection (`--pipeline`, 1,024 by default: what the
    /// service reads ahead): against a target holding its answers, a connection reaches the cap
    /// and never passes it; the commands due meanwhile wait for a place (`connection_wait`).
    @Test func aConnectionNeverHasMoreRequestsInFlightThanItsCap() throws {
        let work = ServerProcess.temporaryFolder("load-cap")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.stationaryScenario(in: work)
        for cap in [nil, 10] as [Int?] {
            let stub = try Self.stub { $0.holdAnswers = 600_000 }
            defer { stub.stop() }
            // 600x: about 5,000 commands a second, 3,000 due while the first answers are held.
            let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(stub.port)", "--speed", "600", "--duration", "1s",
                                   "--json", "--out", work + "/cap"] + (cap.map { ["--pipeline", "\($0)"] } ?? []))
            #expect(r.status == 0, "\(r.errors)")
            let limit = cap ?? 1_024
            #expect(Self.figure(r.summary, "pipeline") == Double(limit))
            #expect(stub.mostInFlight == limit, "at most \(stub.mostInFlight) in flight, cap \(limit)")
            #expect(Self.figure(r.summary, "commands", "applied") == Self.figure(r.summary, "commands", "planned"))
            #expect(Self.figure(r.summary, "connection_wait", "max_ms") ?? 0 > 100)
        }
    }

    /// `--max` with a target that stalls its first answer for 400 ms: without a warm-up the first
    /// stage fails, but the next passes, so it is a transient and the ramp goes on; with one, the
    /// stall falls in the warm-up, which is not judged. Either way the sustained rate is not zero.
    @Test func aTransientAtTheStartDoesNotZeroTheSustainedRate() throws {
        let work = ServerProcess.temporaryFolder("load-transient")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = try Self.stationaryScenario(in: work, stop: "stop: { cases: 3000 }")
        for warmup in ["0", "1s"] {
            let stub = try Self.stub { $0.firstAnswerDelay = 400_000 }
            defer { stub.stop() }
            let r = try Self.load([scenario, "--target", "http://127.0.0.1:\(stub.port)", "--max", "--speed", "60", "--stage", "1s",
                                   "--duration", "3s", "--warmup", warmup, "--max-p99", "100ms", "--json", "--out", work + "/max"])
            #expect(r.status == 0, "\(r.errors)")
            let max = r.summary["max"] as? [String: Any] ?? [:]
            let stages = max["stages"] as? [[String: Any]] ?? []
            #expect(stages.count == 3, "\(stages)")
            let sustained = max["sustained_per_s"] as? Double ?? 0
            #expect(sustained > 500, "warm-up \(warmup): sustained \(sustained)/s, stages \(stages)")
            #expect(max["saturated"] as? Bool == false)
            if warmup == "0" {
                #expect(stages.first?["passed"] as? Bool == false && stages.first?["transient"] as? Bool == true)
                #expect(max["warmup"] == nil)
            } else {
                #expect(stages.allSatisfy { $0["passed"] as? Bool == true })
                #expect((max["warmup"] as? [String: Any])?["passed"] as? Bool == false)
            }
        }
    }
}
