import Foundation

/// A load that could not run: the target is unreachable or answers something else than the API.
public struct LoadFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a plan against a target: one sender thread per connection, all timed from one start.
public enum LoadRunner {
    /// What the target says about itself before the load.
    public struct Probe: Sendable {
        /// The scenario the target serves (its `/health`), when it says.
        public var scenario: String?
        /// Whether the target accepts the `seq` field on commands.
        public var acceptsSequence: Bool
    }

    /// Checks that the target answers `/health`, and whether it takes `seq` (a command it must
    /// refuse, so nothing is applied: an unknown command name carrying `seq`).
    public static func probe(_ target: Target) throws(LoadFailure) -> Probe {
        let connection = LoadConnection(target: target, timeoutSeconds: 10)
        defer { connection.close() }
        let health: LoadConnection.Response
        do {
            health = try connection.exchange(head: connection.head("GET", "/health", length: nil), body: [])
        } catch {
            throw LoadFailure("the target \(target) is unreachable: \(error)")
        }
        guard health.status == 200 else {
            throw LoadFailure("the target \(target) answered GET /health with status \(health.status), not 200")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(health.body))) as? [String: Any]
        let probe = Array("{\"command\":\"noSuchCommand\",\"time_us\":0,\"seq\":0}".utf8)
        let answer: LoadConnection.Response
        do {
            answer = try connection.exchange(head: connection.head("POST", "/commands", length: probe.count), body: probe)
        } catch {
            throw LoadFailure("the target \(target) did not answer POST /commands: \(error)")
        }
        let text = String(decoding: answer.body, as: UTF8.self)
        return Probe(scenario: object?["scenario"] as? String, acceptsSequence: !text.contains("unknown field \\\"seq\\\""))
    }

    /// What a load measured.
    public struct Outcome: Sendable {
        public var recorder: LoadRecorder
        /// Wall-clock seconds from the load's start to its last answer.
        public var wallSeconds: Double
        /// Why senders stopped early (their remaining commands lost), one line each.
        public var failures: [String]
    }

    /// Sends `plan` to `target`, one thread per connection, and merges what they measured.
    public static func run(_ plan: LoadPlan, target: Target, options: SendOptions) -> Outcome {
        // A short lead, so that the first commands are not late because threads were starting.
        let origin = MonotonicClock.now() + 50_000
        let senders = plan.lanes.indices.map { LoadSender(plan: plan, lane: $0, target: target, options: options, origin: origin) }
        let done = DispatchGroup()
        var threads: [Thread] = []
        for sender in senders {
            done.enter()
            let thread = Thread {
                sender.run()
                done.leave()
            }
            thread.stackSize = 1 << 20
            threads.append(thread)
        }
        for thread in threads { thread.start() }
        done.wait()
        let end = MonotonicClock.now()
        var merged = LoadRecorder(kinds: LoadPlan.kindNames.count)
        for sender in senders { merged.merge(sender.recorder) }
        let failures = senders.enumerated().compactMap { i, s in s.failure.map { "connection \(i): \($0)" } }
        return Outcome(recorder: merged, wallSeconds: Double(max(0, end - origin)) / 1e6, failures: failures)
    }
}
