import Foundation

/// The reader of one connection (see ``LoadSender``): reads the answers in the order the requests
/// went and records each command's outcome, latency counted from its intended time. After a
/// connection error, a 503 or a connection the target closed, it connects again and sends every
/// request still in flight again, in order and with its idempotency key, so a request the target
/// committed before the failure is answered from its keys and nothing is applied twice; once
/// ``SendOptions/retrySeconds`` have passed without an answer, what is in flight counts as lost.
final class LaneReader: @unchecked Sendable {
    let plan: LoadPlan
    let commands: [Int32]
    let options: SendOptions
    let flight: InFlight
    let origin: Int64
    /// What the reader measured (answers, losses, retries).
    private(set) var recorder: LoadRecorder

    init(plan: LoadPlan, lane: Int, options: SendOptions, flight: InFlight, origin: Int64) {
        self.plan = plan
        commands = plan.lanes[lane]
        self.options = options
        self.flight = flight
        self.origin = origin
        recorder = LoadRecorder(kinds: LoadPlan.kindNames.count)
    }

    func run() {
        // When the current run of failures began (the retry time counts from it): transport errors
        // and 503s with no other answer since.
        var failingSince: Int64?
        // The retry time ran out on 503s: further 503s are refusals at once, until another answer.
        var refusingUnavailable = false
        while let request = flight.oldest() {
            if flight.failure != nil {
                lose(flight.drain())
                continue
            }
            if flight.isBroken {
                if !reconnect(since: &failingSince, pause: 20_000) { lose(flight.drain()) }
                continue
            }
            let response: LoadConnection.Response
            do throws(TransportError) {
                response = try flight.connection.readResponse()
            } catch {
                if failingSince == nil { failingSince = MonotonicClock.now() }
                if !reconnect(since: &failingSince, pause: 20_000, reason: "\(error)") { lose(flight.drain()) }
                continue
            }
            if response.status == 503, !refusingUnavailable {
                // Refused for now (too many connections, overload): this request and every one after
                // it goes again on a new connection, after the pause the target asks for.
                let now = MonotonicClock.now()
                let since = failingSince ?? now
                failingSince = since
                let left = retryMicroseconds - (now - since)
                if left > 0 {
                    for j in request.commands {
                        recorder.retried(kind: Int(plan.kind[Int(commands[j])]), status: "503 \(Outcomes.code(in: response.body) ?? "error")")
                    }
                    let asked = Int64((response.retryAfter ?? 0) * 1e6)
                    if !reconnect(since: &failingSince, pause: min(left, max(100_000, asked)), reason: "503") { lose(flight.drain()) }
                    continue
                }
                // The retries ran out: the 503 is this request's answer, and the next 503s are too.
                refusingUnavailable = true
            } else if response.status != 503 {
                refusingUnavailable = false
            }
            failingSince = nil
            if response.replayed { recorder.replayed += 1 }
            let answered = MonotonicClock.now()
            record(response, request.commands, at: answered - origin)
            flight.answered()
            if response.closing { flight.markBroken() }
            let due = plan.due[Int(commands[request.commands.lowerBound])]
            if let stop = options.stopAfterLatency, due >= options.stopFrom, answered - (origin + due) > stop {
                flight.halt()
            }
        }
    }

    private var retryMicroseconds: Int64 { Int64(options.retrySeconds * 1e6) }

    /// Connects again and sends every request in flight again, retrying until the retry time from
    /// `since` runs out; says whether it connected (else the lane has failed and halted).
    private func reconnect(since: inout Int64?, pause: Int64, reason: String = "the connection broke") -> Bool {
        let start = since ?? MonotonicClock.now()
        since = start
        var why = reason
        var wait = pause
        while true {
            if MonotonicClock.now() - start >= retryMicroseconds {
                flight.halt(failure: why)
                return false
            }
            MonotonicClock.sleep(until: MonotonicClock.now() + wait)
            wait = 20_000
            flight.writing.lock()
            flight.connection.close()
            do throws(TransportError) {
                try flight.connection.open()
                recorder.reconnects += 1
                let (again, written) = flight.reconnected()
                for r in again {
                    try flight.connection.write(r.bytes)
                    // A request the sender queued while the connection was down goes now for the first time.
                    if r.number < written {
                        recorder.requests += 1
                        recorder.retries += 1
                    }
                    flight.wrote(r)
                }
                flight.writing.unlock()
                return true
            } catch {
                flight.writing.unlock()
                why = "\(error)"
            }
        }
    }

    /// Requests never answered: their commands are lost.
    private func lose(_ requests: [InFlight.Request]) {
        let now = MonotonicClock.now() - origin
        for r in requests {
            for j in r.commands { recorder.lost(kind: Int(plan.kind[Int(commands[j])]), at: now, reason: "transport") }
        }
    }

    /// Records the outcome of each command of an answered request.
    private func record(_ response: LoadConnection.Response, _ positions: Range<Int>, at now: Int64) {
        let outcomes = Outcomes.read(response, count: positions.count)
        for (n, j) in positions.enumerated() {
            let i = Int(commands[j])
            recorder.answered(kind: Int(plan.kind[i]), due: plan.due[i], at: now, error: outcomes[n])
        }
    }
}
