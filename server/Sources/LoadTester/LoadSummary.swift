public import Foundation
public import Histogram
import CaseEngine

/// What a load measured, as `summary.json` holds it and `--json` prints it (docs/load.md defines every figure).
public struct LoadSummary: Codable, Sendable {
    /// Percentiles of a histogram of microseconds, in milliseconds.
    public struct Percentiles: Codable, Sendable, Equatable {
        public var count: Int
        public var mean_ms: Double
        public var p50_ms: Double
        public var p90_ms: Double
        public var p99_ms: Double
        public var p99_9_ms: Double
        public var max_ms: Double

        public init(_ h: Histogram<UInt64>) {
            let n = Int(h.totalCount)
            func ms(_ v: UInt64) -> Double { n == 0 ? 0 : Double(v) / 1_000 }
            count = n
            mean_ms = n == 0 ? 0 : h.mean.rounded() / 1_000
            p50_ms = ms(h.valueAtPercentile(50))
            p90_ms = ms(h.valueAtPercentile(90))
            p99_ms = ms(h.valueAtPercentile(99))
            p99_9_ms = ms(h.valueAtPercentile(99.9))
            max_ms = ms(h.max)
        }
    }

    /// One second of the load.
    public struct Second: Codable, Sendable {
        public var second: Int
        public var offered: Int
        public var sent: Int
        public var answered: Int
        public var errors: Int
        /// Latency of the commands due in this second (two significant digits).
        public var p50_ms: Double
        public var p99_ms: Double
    }

    public struct Commands: Codable, Sendable {
        /// Commands in the plan.
        public var planned: Int
        public var applied: Int
        /// Answered with a refusal (a 4xx or 5xx status).
        public var refused: Int
        /// Never answered: their request's retries ran out.
        public var lost: Int
        /// Never sent: `--max` stopped the ramp (a stage had failed) before they were due.
        public var skipped: Int
    }

    public struct Requests: Codable, Sendable {
        public var sent: Int
        public var retried: Int
        /// Retries the target answered from its idempotency keys.
        public var replayed: Int
        public var reconnects: Int
    }

    public struct Errors: Codable, Sendable {
        /// (refused + lost) / planned.
        public var share: Double
        /// By `STATUS code`, or `lost transport`.
        public var by_status: [String: Int]
        /// By command name.
        public var by_command: [String: Int]
        /// Commands whose request was answered with a status that is retried (503) and sent
        /// again, each such answer counted: by `STATUS code` and by command name.
        public var retried_by_status: [String: Int]
        public var retried_by_command: [String: Int]
    }

    public var target: String
    public var scenario: String
    public var seed: UInt64
    /// The speed-up (the first stage's, with `--max`).
    public var speed: Double
    public var connections: Int
    public var batch: Int
    /// The most requests in flight on one connection (pipelining).
    public var pipeline: Int
    /// Whether commands carried `seq`.
    public var sequence: Bool
    public var simulated_s: Double
    public var wall_s: Double
    /// Commands planned per second of the schedule (planned / the last command's due time).
    public var offered_per_s: Double
    /// Commands answered per wall-clock second (answered / wall_s).
    public var achieved_per_s: Double
    public var commands: Commands
    public var requests: Requests
    public var latency: Percentiles
    public var latency_by_command: [String: Percentiles]
    public var send_lateness: Percentiles
    public var connection_wait: Percentiles
    public var errors: Errors
    public var timeline: [Second]
    public var thresholds: [ThresholdResult]?
    public var max: MaxResult?
    /// Why senders stopped early, if any did.
    public var failures: [String]?

    /// The summary of `outcome` for `plan`.
    public init(plan: LoadPlan, outcome: LoadRunner.Outcome, target: Target, seed: UInt64, speed: Double, batch: Int, pipeline: Int, sequence: Bool) {
        let r = outcome.recorder
        self.target = target.description
        scenario = plan.catalog.scenario
        self.seed = seed
        self.speed = speed
        connections = plan.lanes.count
        self.batch = batch
        self.pipeline = pipeline
        self.sequence = sequence
        simulated_s = Double((plan.simulated.last ?? 0) - (plan.simulated.first ?? 0)) / 1e6
        wall_s = (outcome.wallSeconds * 1000).rounded() / 1000
        let span = Double(plan.due.last ?? 0) / 1e6
        offered_per_s = span > 0 ? (Double(plan.count) / span).rounded() : 0
        achieved_per_s = outcome.wallSeconds > 0 ? (Double(r.applied + r.refused) / outcome.wallSeconds).rounded() : 0
        commands = Commands(planned: plan.count, applied: r.applied, refused: r.refused, lost: r.lost, skipped: r.skipped)
        requests = Requests(sent: r.requests, retried: r.retries, replayed: r.replayed, reconnects: r.reconnects)
        latency = Percentiles(r.allLatency)
        var byCommand: [String: Percentiles] = [:]
        for (k, h) in r.latency.enumerated() where h.totalCount > 0 { byCommand[LoadPlan.kindNames[k]] = Percentiles(h) }
        latency_by_command = byCommand
        send_lateness = Percentiles(r.lateness)
        connection_wait = Percentiles(r.connectionWait)
        var errorsByCommand: [String: Int] = [:]
        for (k, n) in r.errorsByKind.enumerated() where n > 0 { errorsByCommand[LoadPlan.kindNames[k]] = n }
        let failed = r.refused + r.lost
        var retriedByCommand: [String: Int] = [:]
        for (k, n) in r.retriedByKind.enumerated() where n > 0 { retriedByCommand[LoadPlan.kindNames[k]] = n }
        errors = Errors(share: plan.count > 0 ? Double(failed) / Double(plan.count) : 0, by_status: r.errorsByStatus, by_command: errorsByCommand,
                        retried_by_status: r.retriedByStatus, retried_by_command: retriedByCommand)
        timeline = r.seconds.enumerated().map { s, x in
            let p = Percentiles(x.latency)
            return Second(second: s, offered: x.offered, sent: x.sent, answered: x.answered, errors: x.errors, p50_ms: p.p50_ms, p99_ms: p.p99_ms)
        }
        failures = outcome.failures.isEmpty ? nil : outcome.failures
    }

    /// The summary as JSON (sorted keys, a final newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
