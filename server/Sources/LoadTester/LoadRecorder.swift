public import Histogram

/// What one connection measured: latency from the intended time per command kind, the sender's
/// own lateness, the time commands waited for the connection, errors, and per-second counts.
/// Each connection has its own (no sharing while the load runs); ``merge(_:)`` adds them up.
public struct LoadRecorder: Sendable {
    /// Latency and lateness in microseconds, up to an hour, to three significant digits.
    public static func histogram(_ digits: SignificantDigits = .three) -> Histogram<UInt64> {
        Histogram(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: digits)
    }

    /// One second of the load (by wall clock from its start).
    public struct Second: Sendable {
        /// Commands due in this second.
        public var offered = 0
        /// Commands handed to the connection in this second.
        public var sent = 0
        /// Commands answered in this second (applied or refused).
        public var answered = 0
        /// Commands refused, or given up, in this second.
        public var errors = 0
        /// Commands due in this second that were never sent: `--max` stopped the ramp before them.
        public var skipped = 0
        /// Latency of the commands due in this second (two significant digits).
        public var latency = LoadRecorder.histogram(.two)
    }

    /// Latency from the intended time to the answer, by command kind (index of the kind names).
    public var latency: [Histogram<UInt64>]
    /// From the moment a command could go (due, and its connection free) to its request's first byte sent.
    public var lateness = LoadRecorder.histogram()
    /// From a command's intended time to the moment its connection was free (0 when it was free).
    public var connectionWait = LoadRecorder.histogram()
    public var seconds: [Second] = []
    /// Refusals and losses by `STATUS code` (`409 out_of_order`, `lost transport`).
    public var errorsByStatus: [String: Int] = [:]
    /// Refusals and losses by command kind.
    public var errorsByKind: [Int]
    /// Commands whose request was answered with a status that is retried (503), by `STATUS code`,
    /// and by command kind: each answer counts, whatever the retry then got.
    public var retriedByStatus: [String: Int] = [:]
    public var retriedByKind: [Int]
    public var applied = 0
    public var refused = 0
    /// Commands whose request was never answered (retries exhausted).
    public var lost = 0
    /// Commands never sent because `--max` stopped the ramp.
    public var skipped = 0
    public var requests = 0
    /// Requests sent again with their key after a transport error or a 503.
    public var retries = 0
    /// Retried requests the target answered from its idempotency keys.
    public var replayed = 0
    /// Connections opened again after an error.
    public var reconnects = 0

    public init(kinds: Int) {
        latency = (0..<kinds).map { _ in Self.histogram() }
        errorsByKind = Array(repeating: 0, count: kinds)
        retriedByKind = Array(repeating: 0, count: kinds)
    }

    /// The record of second `s`, grown when needed.
    mutating func second(_ micros: Int64) -> Int {
        let s = Int(max(0, micros) / 1_000_000)
        while seconds.count <= s { seconds.append(Second()) }
        return s
    }

    /// One answered command: its kind, when it was due, when it was answered, and its outcome.
    mutating func answered(kind: Int, due: Int64, at now: Int64, error: String?) {
        let wait = UInt64(max(0, now - due))
        _ = latency[kind].record(wait)
        let d = second(due)
        _ = seconds[d].latency.record(wait)
        let a = second(now)
        seconds[a].answered += 1
        if let error {
            refused += 1
            seconds[a].errors += 1
            errorsByStatus[error, default: 0] += 1
            errorsByKind[kind] += 1
        } else {
            applied += 1
        }
    }

    /// One command whose request was given up.
    mutating func lost(kind: Int, at now: Int64, reason: String) {
        lost += 1
        seconds[second(now)].errors += 1
        errorsByStatus["lost " + reason, default: 0] += 1
        errorsByKind[kind] += 1
    }

    /// One command whose request was answered `status` and is sent again.
    mutating func retried(kind: Int, status: String) {
        retriedByStatus[status, default: 0] += 1
        retriedByKind[kind] += 1
    }

    /// One command not sent: the ramp was stopped before it was due.
    mutating func skipped(due: Int64) {
        skipped += 1
        seconds[second(due)].skipped += 1
    }

    /// Adds another connection's record into this one.
    public mutating func merge(_ other: LoadRecorder) {
        for k in latency.indices { latency[k].add(other.latency[k]) }
        lateness.add(other.lateness)
        connectionWait.add(other.connectionWait)
        while seconds.count < other.seconds.count { seconds.append(Second()) }
        for (s, o) in other.seconds.enumerated() {
            seconds[s].offered += o.offered
            seconds[s].sent += o.sent
            seconds[s].answered += o.answered
            seconds[s].errors += o.errors
            seconds[s].skipped += o.skipped
            seconds[s].latency.add(o.latency)
        }
        for (k, v) in other.errorsByStatus { errorsByStatus[k, default: 0] += v }
        for k in errorsByKind.indices { errorsByKind[k] += other.errorsByKind[k] }
        for (k, v) in other.retriedByStatus { retriedByStatus[k, default: 0] += v }
        for k in retriedByKind.indices { retriedByKind[k] += other.retriedByKind[k] }
        applied += other.applied
        refused += other.refused
        lost += other.lost
        skipped += other.skipped
        requests += other.requests
        retries += other.retries
        replayed += other.replayed
        reconnects += other.reconnects
    }

    /// Every kind's latency in one histogram.
    public var allLatency: Histogram<UInt64> {
        var all = Self.histogram()
        for h in latency { all.add(h) }
        return all
    }
}
