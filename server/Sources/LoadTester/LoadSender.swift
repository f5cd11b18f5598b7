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
    /// The most requests in flight on one connection (sent, not yet answered): HTTP/1.1
    /// pipelining; 1 waits for each answer before the next request.
    public var pipeline = 1_024
    /// How long a request is retried (with its key) after transport errors or a 503 before its commands count as lost.
    public var retrySeconds = 30.0
    /// How long an answer may take before the connection counts as broken (and the request is retried).
    public var timeoutSeconds = 60
    /// The prefix of the idempotency keys (unique per load).
    public var keyPrefix = "load"
    /// `--max`: a connection stops sending once a command's latency passes this (µs); the ramp is over.
    public var stopAfterLatency: Int64?
    /// `--max`: only commands due from this offset (µs from the start: the warm-up's end) can stop the ramp.
    public var stopFrom: Int64 = 0
    public init() {}
}

/// One connection's sender: sends its lane of the plan, each command at its intended time, without
/// waiting for earlier answers (HTTP/1.1 pipelining, up to ``SendOptions/pipeline`` requests in
/// flight), and records what it measures. A reader of its own (``LaneReader``) reads the answers in
/// order and, after a connection error, connects again and sends every request still in flight
/// again with its key, in order. The sender runs on a thread of its own, the reader on another.
final class LoadSender: @unchecked Sendable {
    let plan: LoadPlan
    let lane: Int
    let options: SendOptions
    let flight: InFlight
    let reader: LaneReader
    /// The load's start on the monotonic clock: command due times are offsets from it.
    let origin: Int64
    /// What the sender measured; after ``run()``, with the reader's answers merged in.
    private(set) var recorder: LoadRecorder
    /// Why the lane stopped early, if it did (its remaining commands counted as lost).
    var failure: String? { flight.failure }

    init(plan: LoadPlan, lane: Int, target: Target, options: SendOptions, origin: Int64) {
        self.plan = plan
        self.lane = lane
        self.options = options
        self.origin = origin
        flight = InFlight(connection: LoadConnection(target: target, timeoutSeconds: options.timeoutSeconds), cap: options.pipeline)
        reader = LaneReader(plan: plan, lane: lane, options: options, flight: flight, origin: origin)
        recorder = LoadRecorder(kinds: LoadPlan.kindNames.count)
    }

    /// Sends every command of the lane, waits for the reader's last answer, then closes the connection.
    func run() {
        let commands = plan.lanes[lane]
        for i in commands { recorder.seconds[recorder.second(plan.due[Int(i)])].offered += 1 }
        do throws(TransportError) {
            try flight.connection.open()
        } catch {
            flight.markBroken()
        }
        let read = DispatchSemaphore(value: 0)
        let thread = Thread { [reader] in
            reader.run()
            read.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        var next = 0
        var request = 0
        var bytes: [UInt8] = []
        while next < commands.count {
            let first = Int(commands[next])
            let due = origin + plan.due[first]
            if MonotonicClock.now() < due { MonotonicClock.sleep(until: due) }
            // A place among the requests in flight: the time spent waiting for it is the connection's wait.
            guard let free = flight.place() else { break }
            let now = MonotonicClock.now()
            // Every command already due goes, up to the batch size, in stream order.
            var end = next + 1
            while end < commands.count, end - next < options.batch, origin + plan.due[Int(commands[end])] <= now { end += 1 }
            let key = "\(options.keyPrefix)-\(lane)-\(request)"
            request += 1
            // One JSON object, or JSON Lines (each line ended) for several.
            var length = end - next > 1 ? end - next : 0
            for j in next ..< end { length += plan.start[Int(commands[j]) + 1] - plan.start[Int(commands[j])] }
            bytes = flight.connection.head("POST", "/commands", length: length, key: key)
            for j in next ..< end {
                let c = Int(commands[j])
                bytes.append(contentsOf: plan.bytes[plan.start[c] ..< plan.start[c + 1]])
                if end - next > 1 { bytes.append(10) }
            }
            let sent = MonotonicClock.now()
            let sentSecond = recorder.second(sent - origin)
            for j in next ..< end {
                let d = origin + plan.due[Int(commands[j])]
                _ = recorder.lateness.record(UInt64(max(0, sent - max(d, free ?? d))))
                _ = recorder.connectionWait.record(UInt64(max(0, (free ?? d) - d)))
                recorder.seconds[sentSecond].sent += 1
            }
            recorder.requests += 1
            flight.send(InFlight.Request(number: request - 1, commands: next ..< end, bytes: bytes))
            next = end
        }
        // Commands never sent: skipped when the ramp stopped, lost when the retries ran out.
        let lost = flight.failure != nil
        for j in next ..< commands.count {
            let c = Int(commands[j])
            if lost {
                recorder.lost(kind: Int(plan.kind[c]), at: MonotonicClock.now() - origin, reason: "transport")
            } else {
                recorder.skipped(due: plan.due[c])
            }
        }
        flight.finish()
        read.wait()
        flight.connection.close()
        recorder.merge(reader.recorder)
    }
}

/// A connection's requests in flight, shared by its sender and its reader: the queue (in the
/// order sent), the cap, and the connection's generation (a new one after each reconnection).
final class InFlight: @unchecked Sendable {
    /// One request: the positions of its commands in the lane, and its bytes (head and body) for a retry.
    struct Request {
        /// The request's number on the lane (in the order sent).
        var number: Int
        var commands: Range<Int>
        var bytes: [UInt8]
    }

    let connection: LoadConnection
    let cap: Int
    let state = NSCondition()
    /// Serializes writes to the socket (the sender's, and the reader's after a reconnection).
    let writing = NSLock()
    private(set) var queue: [Request] = []
    private var head = 0
    var generation = 0
    /// A write failed or the target closed: the reader connects again before it reads on.
    var broken = false
    /// The sender sent its last request.
    var finished = false
    /// The sender stops: the ramp is over (`nil` failure) or the retries ran out.
    var halted = false
    var failure: String?
    /// Requests numbered below this were written to a connection at least once (the writes go in
    /// order, so those written are a prefix): a request written again after it is a retry.
    var writtenThrough = 0

    init(connection: LoadConnection, cap: Int) {
        self.connection = connection
        self.cap = max(1, cap)
    }

    var count: Int { queue.count - head }

    /// Waits for a place among the requests in flight. Returns `.some(nil)` when one was free at
    /// once, `.some(t)` the moment one came free after a wait, `nil` when the lane halted.
    func place() -> Int64?? {
        state.lock()
        defer { state.unlock() }
        guard !halted else { return nil }
        if count < cap { return .some(nil) }
        while count >= cap, !halted { state.wait() }
        return halted ? nil : .some(MonotonicClock.now())
    }

    /// Queues `request` and writes it, unless the connection is broken (the reader then sends it with the rest).
    func send(_ request: Request) {
        state.lock()
        queue.append(request)
        let sentOn = generation
        state.signal()
        state.unlock()
        writing.lock()
        defer { writing.unlock() }
        state.lock()
        let write = generation == sentOn && !broken
        state.unlock()
        guard write else { return }
        do throws(TransportError) {
            try connection.write(request.bytes)
            wrote(request)
        } catch {
            markBroken()
            connection.shutDown()
        }
    }

    /// `request` was written to the connection.
    func wrote(_ request: Request) {
        state.lock()
        writtenThrough = max(writtenThrough, request.number + 1)
        state.unlock()
    }

    /// Whether a write failed or the target closed, so the reader must connect again.
    var isBroken: Bool {
        state.lock()
        defer { state.unlock() }
        return broken
    }

    func markBroken() {
        state.lock()
        broken = true
        state.signal()
        state.unlock()
    }

    /// The oldest request in flight, waiting for one; `nil` once the sender finished and all are answered.
    func oldest() -> Request? {
        state.lock()
        defer { state.unlock() }
        while count == 0, !finished { state.wait() }
        return count == 0 ? nil : queue[head]
    }

    /// The oldest request is answered.
    func answered() {
        state.lock()
        head += 1
        if head > 1_024, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        state.broadcast()
        state.unlock()
    }

    /// Every request in flight and the number below which requests were written before, and the
    /// connection's next generation (under the write lock).
    func reconnected() -> (requests: [Request], written: Int) {
        state.lock()
        defer { state.unlock() }
        generation += 1
        broken = false
        return (Array(queue[head...]), writtenThrough)
    }

    /// The sender stops sending (the ramp is over, or with `failure` the retries ran out).
    func halt(failure: String? = nil) {
        state.lock()
        halted = true
        if let failure { self.failure = failure }
        state.broadcast()
        state.unlock()
    }

    /// The sender sent its last request.
    func finish() {
        state.lock()
        finished = true
        state.broadcast()
        state.unlock()
    }

    /// Takes every request still in flight (lost: the retries ran out).
    func drain() -> [Request] {
        state.lock()
        defer { state.unlock() }
        let rest = Array(queue[head...])
        head = queue.count
        state.broadcast()
        return rest
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
