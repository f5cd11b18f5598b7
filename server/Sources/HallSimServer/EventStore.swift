public import CaseEngine
public import Foundation
import SimCore

/// An answer to a request: its HTTP status and JSON body.
public struct Reply: Sendable, Equatable {
    public var status: Int
    public var body: Data
    /// Whether the answer was the stored first answer to the request's idempotency key.
    public var replayed = false

    public init(status: Int, body: Data, replayed: Bool = false) {
        self.status = status
        self.body = body
        self.replayed = replayed
    }

    public init(status: Int, json: String) { self.init(status: status, body: Data(json.utf8)) }
}

/// The single writer: one thread owns the ledger, the event log and the commit journal; requests
/// queue to it. It takes every request queued, applies their commands (in arrival order, or through
/// the reordering window in the order of their times), then makes what it appended durable with
/// one `fsync` of the log and one of the journal (group commit), and only then answers the requests
/// whose commands are all applied; requests that arrive meanwhile wait for the next round.
public final class EventStore: @unchecked Sendable {
    /// Where a request's answer goes, called once on the writer thread.
    public typealias Answer = @Sendable (Reply) -> Void

    /// A request handed to the writer thread.
    enum Job {
        case commands([ServedCommand], single: Bool, key: String?, Answer)
        case read(@Sendable (CaseLedger, EventLogWriter) -> Reply, Answer)
    }

    public let catalog: Catalog
    public let metrics: ServiceMetrics
    let json: JSONText
    let retention: Int
    let maxRoundCommands: Int
    /// Commands held for reordering (docs/api.md, *Ordering*); a hold of 0 applies them as they come.
    var window: ReorderWindow
    /// Requests taken and not yet answered, by idempotency key: a retry waits for their answer.
    var pending: [String: PendingRequest] = [:]

    // Owned by the writer thread once it runs.
    var ledger: CaseLedger
    let writer: EventLogWriter
    let journal: CommitJournal
    var keys: [String: Reply] = [:]
    var keyOrder: [String] = []
    var keyHead = 0
    /// Set when a write or flush failed: the service then refuses every command (recovery on restart).
    var failure: String?

    // Shared with the request handlers, under `condition`.
    let condition = NSCondition()
    var queue: [Job] = []
    var stopping = false
    var stopped = false

    /// A store over recovered state (see ``Recovery``).
    init(ledger: CaseLedger, writer: EventLogWriter, journal: CommitJournal, answers: [CommitJournal.Answer],
         retention: Int, reorderNanoseconds: UInt64 = 0, maxRoundCommands: Int = 100_000, metrics: ServiceMetrics) {
        window = ReorderWindow(hold: reorderNanoseconds)
        catalog = ledger.catalog
        json = JSONText(catalog: ledger.catalog)
        self.ledger = ledger
        self.writer = writer
        self.journal = journal
        self.retention = retention
        self.maxRoundCommands = maxRoundCommands
        self.metrics = metrics
        for a in answers { remember(a.key, Reply(status: a.status, body: a.body)) }
    }

    /// Starts the writer thread.
    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "hallsim-writer"
        thread.start()
    }

    /// Applies `commands` (one request), durably; the reply comes after the group commit that covers them.
    public func submit(_ commands: [ServedCommand], single: Bool, key: String?) async -> Reply {
        await withCheckedContinuation { c in enqueue(.commands(commands, single: single, key: key, { c.resume(returning: $0) })) }
    }

    /// Queues `commands` (one request) at once, in the caller's order, and calls `answer` on the
    /// writer thread after the group commit that covers them (what pipelined requests need, *ReadAhead*).
    public func submit(_ commands: [ServedCommand], single: Bool, key: String?, answer: @escaping Answer) {
        enqueue(.commands(commands, single: single, key: key, answer))
    }

    /// Runs `body` on the writer thread after the commits queued before it.
    public func read(_ body: @escaping @Sendable (CaseLedger, EventLogWriter) -> Reply) async -> Reply {
        await withCheckedContinuation { c in enqueue(.read(body, { c.resume(returning: $0) })) }
    }

    func enqueue(_ job: Job) {
        condition.lock()
        if stopping {
            condition.unlock()
            let reply = Reply(status: 503, json: JSONText.error("shutting_down", "the service is shutting down"))
            switch job {
            case .commands(_, _, _, let answer), .read(_, let answer): answer(reply)
            }
            return
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Stops taking requests, answers those queued, writes the log's end block and waits for the thread.
    /// - Returns: the log's footer, or the error that kept it from being written.
    public func stop() -> Result<LogFooter, EventLogError> {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
        do throws(EventLogError) {
            let footer = try writer.finish()
            try? journal.append(committed: footer.events, answers: [])
            try? journal.sync()
            return .success(footer)
        } catch {
            return .failure(error)
        }
    }

    func loop() {
        while true {
            condition.lock()
            while queue.isEmpty, !stopping {
                guard let deadline = window.nextDeadline else {
                    condition.wait()
                    continue
                }
                let now = Self.nanoseconds()
                if deadline <= now { break }
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(deadline - now) / 1e9))
            }
            if queue.isEmpty, stopping, window.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            // One round: the requests queued, up to about `maxRoundCommands` commands.
            var take = 0
            var commands = 0
            while take < queue.count, commands < maxRoundCommands {
                if case .commands(let list, _, _, _) = queue[take] { commands += list.count }
                take += 1
            }
            let jobs = Array(queue[..<take])
            queue.removeFirst(take)
            let everything = stopping && queue.isEmpty
            condition.unlock()
            round(jobs, releasingAll: everything)
        }
    }

    /// Takes a round's requests, applies the commands due (all of them without a reordering window),
    /// commits them with one flush of each file, then answers the requests complete and runs the reads.
    func round(_ jobs: [Job], releasingAll: Bool = false) {
        var answers: [(Answer, Reply)] = []
        var reads: [(@Sendable (CaseLedger, EventLogWriter) -> Reply, Answer)] = []
        var complete: [PendingRequest] = []
        let before = ledger.events
        let casesBefore = ledger.ids.count
        let now = Self.nanoseconds()
        var commands = 0
        for job in jobs {
            switch job {
            case .read(let body, let c):
                reads.append((body, c))
            case .commands(let list, let single, let key, let c):
                if let key, var stored = keys[key] {
                    stored.replayed = true
                    answers.append((c, stored))
                    metrics.count("hallsim_idempotent_replays_total")
                    continue
                }
                if let key, let first = pending[key] {
                    first.waiting.append(c)
                    metrics.count("hallsim_idempotent_replays_total")
                    continue
                }
                if let failure {
                    answers.append((c, Reply(status: 503, json: JSONText.error("not_durable", "the service stopped taking commands after a failed write (\(failure)); restart it to recover"))))
                    continue
                }
                let request = PendingRequest(list, single: single, key: key, c)
                if let key { pending[key] = request }
                if window.hold == 0 {
                    commands += list.count
                    for i in list.indices where apply(request, i) { complete.append(request) }
                } else {
                    window.hold(request, now: now)
                }
            }
        }
        if window.hold > 0 {
            let released = window.release(now: now, everything: releasingAll || failure != nil)
            commands += released.count
            for (request, i) in released where apply(request, i) { complete.append(request) }
        }
        var newKeys: [CommitJournal.Answer] = []
        var finished: [(PendingRequest, Reply)] = []
        for request in complete {
            let reply = request.reply
            metrics.count("hallsim_commands_applied_total", by: request.applied)
            if let key = request.key {
                pending[key] = nil
                remember(key, reply)
                newKeys.append(.init(key: key, status: reply.status, body: reply.body))
            }
            finished.append((request, reply))
        }
        let appended = ledger.events - before
        var failed: Reply?
        if appended > 0 || !newKeys.isEmpty {
            let started = ContinuousClock.now
            do {
                try writer.syncToDisk()
                try journal.append(committed: writer.writtenEvents, answers: newKeys, cases: ledger.ids.clientIDs[casesBefore...])
                try journal.sync()
                metrics.commit(requests: finished.count, commands: commands, events: appended, seconds: Self.seconds(since: started))
            } catch {
                failure = "\(error)"
                // Their answers were never durable: a retry must not be told they were applied.
                for answer in newKeys { keys[answer.key] = nil }
                failed = Reply(status: 503, json: JSONText.error("not_durable", "the commands could not be made durable (\(error)); nothing of this request is acknowledged"))
            }
        }
        for (c, reply) in answers { c(reply) }
        for (request, reply) in finished {
            for (n, c) in request.waiting.enumerated() {
                var answer = failed ?? reply
                answer.replayed = n > 0 && failed == nil
                c(answer)
            }
        }
        for (body, c) in reads { c(body(ledger, writer)) }
    }

    /// Applies command `index` of `request` (appending its event when accepted, or refusing it when
    /// the service failed); says whether that completed the request.
    func apply(_ request: PendingRequest, _ index: Int) -> Bool {
        let c = request.commands[index]
        if let failure {
            return request.finish(index, status: 503, json: JSONText.error("not_durable", "the service stopped taking commands after a failed write (\(failure)); restart it to recover"))
        }
        do throws(CommandRejection) {
            let (e, client) = try ledger.apply(c)
            writer.record(e)
            let version = c.isLifecycle ? ledger.version(of: client) : nil
            return request.finish(index, status: 200, json: json.applied(e, version: version, ids: ledger.ids))
        } catch {
            metrics.count("hallsim_commands_rejected_total", label: "code", error.code.rawValue)
            return request.finish(index, status: error.status, json: json.rejected(error))
        }
    }

    /// Keeps `key`'s answer, forgetting the oldest key beyond the retention.
    func remember(_ key: String, _ reply: Reply) {
        if keys.updateValue(reply, forKey: key) == nil { keyOrder.append(key) }
        while keyOrder.count - keyHead > retention {
            keys[keyOrder[keyHead]] = nil
            keyHead += 1
        }
        if keyHead > 4096, keyHead * 2 > keyOrder.count {
            keyOrder.removeFirst(keyHead)
            keyHead = 0
        }
    }

    /// The keys kept, oldest first, with their answers (what recovery writes back).
    var keptAnswers: [CommitJournal.Answer] {
        keyOrder[keyHead...].compactMap { k in keys[k].map { .init(key: k, status: $0.status, body: $0.body) } }
    }

    /// Monotonic nanoseconds (the reordering window's clock).
    static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
