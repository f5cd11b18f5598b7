import Dispatch
import Foundation
import Histogram
#if canImport(Glibc)
import Glibc
#endif

/// The monotonic clock the load is timed by, in microseconds.
public enum MonotonicClock {
    /// Now, in microseconds of the monotonic clock.
    public static func now() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000)
    }

    /// Sleeps until the monotonic time `micros`.
    static func sleep(until micros: Int64) {
        var left = micros - now()
        while left > 0 {
            usleep(UInt32(min(left, 1_000_000)))
            left = micros - now()
        }
    }
}

/// How a sender talks to the target.
public struct SendOptions: Sendable {
    /// The most commands in one request.
    public var batch = 1
    /// How long a request is retried (with its key) after transport errors or a 503 before its commands count as lost.
    public var retrySeconds = 30.0
    /// How long an answer may take before the connection counts as broken (and the request is retried).
    public var timeoutSeconds = 60
    /// The prefix of the idempotency keys (unique per load).
    public var keyPrefix = "load"
    /// `--max`: a connection stops sending once a command's latency passes this (µs); the ramp is over.
    public var stopAfterLatency: Int64?
    public init() {}
}

/// One connection's sender: sends its lane of the plan, each command at its intended time (or as
/// soon as the connection is free after it), never waiting for anything but the connection and
/// the case's own order, and records what it measures. Runs on a thread of its own.
final class LoadSender: @unchecked Sendable {
    let plan: LoadPlan
    let lane: Int
    let options: SendOptions
    let connection: LoadConnection
    /// The load's start on the monotonic clock: command due times are offsets from it.
    let origin: Int64
    private(set) var recorder: LoadRecorder
    /// Why the sender stopped early, if it did (its remaining commands counted as lost).
    private(set) var failure: String?

    init(plan: LoadPlan, lane: Int, target: Target, options: SendOptions, origin: Int64) {
        self.plan = plan
        self.lane = lane
        self.options = options
        self.origin = origin
        connection = LoadConnection(target: target, timeoutSeconds: options.timeoutSeconds)
        recorder = LoadRecorder(kinds: LoadPlan.kindNames.count)
    }

    /// Sends every command of the lane, then closes the connection.
    func run() {
        let commands = plan.lanes[lane]
        for i in commands { recorder.seconds[recorder.second(plan.due[Int(i)])].offered += 1 }
        var next = 0
        var free: Int64 = 0
        var request = 0
        var body: [UInt8] = []
        body.reserveCapacity(1 << 16)
        while next < commands.count {
            let first = Int(commands[next])
            let due = origin + plan.due[first]
            if MonotonicClock.now() < due { MonotonicClock.sleep(until: due) }
            let now = MonotonicClock.now()
            // Every command already due goes, up to the batch size, in stream order.
            var end = next + 1
            while end < commands.count, end - next < options.batch, origin + plan.due[Int(commands[end])] <= now { end += 1 }
            body.removeAll(keepingCapacity: true)
            for j in next ..< end {
                let c = Int(commands[j])
                if j > next { body.append(10) }
                body.append(contentsOf: plan.bytes[plan.start[c] ..< plan.start[c + 1]])
            }
            if end - next > 1 { body.append(10) }
            let key = "\(options.keyPrefix)-\(lane)-\(request)"
            request += 1
            let head = connection.head("POST", "/commands", length: body.count, key: key)
            let sent = MonotonicClock.now()
            let sentSecond = recorder.second(sent - origin)
            for j in next ..< end {
                let d = origin + plan.due[Int(commands[j])]
                let ready = max(d, free)
                _ = recorder.lateness.record(UInt64(max(0, sent - ready)))
                _ = recorder.connectionWait.record(UInt64(max(0, free - d)))
                recorder.seconds[sentSecond].sent += 1
            }
            let outcome = send(head: head, body: body)
            let answered = MonotonicClock.now()
            switch outcome {
            case .success(let response):
                record(response, commands: commands[next ..< end], at: answered - origin)
                next = end
                if let stop = options.stopAfterLatency, answered - (origin + plan.due[first]) > stop {
                    for j in next ..< commands.count { recorder.skipped(due: plan.due[Int(commands[j])]) }
                    next = commands.count
                }
            case .failure(let error):
                failure = "\(error)"
                for j in next ..< commands.count {
                    recorder.lost(kind: Int(plan.kind[Int(commands[j])]), at: answered - origin, reason: "transport")
                }
                next = commands.count
            }
            free = answered
        }
        connection.close()
    }

    /// Sends one request, retrying with the same key after a transport error or a 503 until the retry time is up.
    private func send(head: [UInt8], body: [UInt8]) -> Result<LoadConnection.Response, TransportError> {
        let giveUp = MonotonicClock.now() + Int64(options.retrySeconds * 1e6)
        var attempt = 0
        while true {
            attempt += 1
            recorder.requests += 1
            if attempt > 1 { recorder.retries += 1 }
            do {
                if !connection.isOpen, attempt > 1 { recorder.reconnects += 1 }
                let response = try connection.exchange(head: head, body: body)
                if response.status == 503, MonotonicClock.now() < giveUp {
                    connection.close()
                    MonotonicClock.sleep(until: MonotonicClock.now() + 100_000)
                    continue
                }
                if response.replayed { recorder.replayed += 1 }
                return .success(response)
            } catch {
                if MonotonicClock.now() >= giveUp { return .failure(error) }
                MonotonicClock.sleep(until: MonotonicClock.now() + 20_000)
            }
        }
    }

    /// Records the outcome of each command of an answered request.
    private func record(_ response: LoadConnection.Response, commands: ArraySlice<Int32>, at now: Int64) {
        let outcomes = Outcomes.read(response, count: commands.count)
        for (j, c) in commands.enumerated() {
            let i = Int(c)
            recorder.answered(kind: Int(plan.kind[i]), due: plan.due[i], at: now, error: outcomes[j])
        }
    }
}

/// Reads each command's outcome from an answer (docs/api.md): `nil` for applied, `STATUS code` for a refusal.
enum Outcomes {
    static func read(_ response: LoadConnection.Response, count: Int) -> [String?] {
        let body = response.body
        if count == 1 || response.status != 200 {
            if response.status == 200 { return [nil] }
            return Array(repeating: "\(response.status) \(code(in: body) ?? "error")", count: count)
        }
        // A batch: all applied unless it says otherwise.
        let text = String(decoding: body.prefix(64), as: UTF8.self)
        if text.contains("\"rejected\":0,") || text.contains("\"rejected\":0}") { return Array(repeating: nil, count: count) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let results = object["results"] as? [[String: Any]], results.count == count else {
            return Array(repeating: "\(response.status) unreadable", count: count)
        }
        return results.map { r in
            let status = r["status"] as? Int ?? 0
            guard status != 200 else { return nil }
            let code = (r["error"] as? [String: Any])?["code"] as? String ?? "error"
            return "\(status) \(code)"
        }
    }

    /// The `"code"` of an error body, found without parsing the whole body.
    static func code(in body: [UInt8]) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        guard let r = text.range(of: "\"code\":\"") else { return nil }
        let rest = text[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
