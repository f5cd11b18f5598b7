public import CaseEngine
public import SimCore
import Foundation

/// Why a command was refused: nothing of it was appended.
public struct CommandRejection: Error, Equatable, CustomStringConvertible {
    /// A short code clients can match on (docs/api.md lists them).
    public enum Code: String, Sendable {
        /// The case's state does not allow the command (or the case is unknown or finished).
        case invalidTransition = "invalid_transition"
        /// The case's version is not the one the command expected.
        case staleVersion = "stale_version"
        /// The command's time is before the case's last event or the log's last event.
        case outOfOrder = "out_of_order"
        /// A value no run can hold (a wait longer than the run, a desk the group does not have, …).
        case invalidCommand = "invalid_command"
        /// A `submit` names a case id another case has.
        case caseExists = "case_exists"
        /// A `call` to a group whose windows are all busy (a log with it would not replay).
        case noFreeWindow = "no_free_window"
    }

    public var code: Code
    public var message: String
    public var caseID: UInt32?
    /// The case's phase, `finished` or `unknown`, when the command is about a case.
    public var state: String?
    public var command: String

    /// The HTTP status: 409 for conflicts with the state, 422 for a command no state allows.
    public var status: Int { code == .invalidCommand ? 422 : 409 }
    public var description: String { message }
}

/// The service's state: the case book, each case's version, the KPI projection, the clients' case
/// ids and the key of the last command applied; it validates commands and folds the events it
/// appends. Owned by one thread.
///
/// Whatever `hallsim replay` or `hallsim log verify` would refuse in the log is refused here, before
/// anything is appended: a time out of order or past the calendar, a value out of range, a transition
/// the lifecycle does not allow, a call to a group whose windows are all busy.
public struct CaseLedger {
    public let catalog: Catalog
    public private(set) var book = CaseBook()
    /// The number of lifecycle events of each case, by the log's case id.
    public private(set) var versions: [UInt32] = []
    public private(set) var kpis: KPIProjection
    /// The clients' case ids.
    public private(set) var ids = CaseIDs()
    /// The time of the last event folded.
    public private(set) var lastTime = SimTime.zero
    /// The `seq` of the last command applied at `lastTime` that carried one.
    public private(set) var lastSeq: UInt64?
    /// Events folded (the log's length).
    public private(set) var events = 0
    /// What a replay checks of each event on its own.
    let bounds: RecordBounds
    /// Each group's windows (or desks).
    let servers: [Int64]

    public init(catalog: Catalog) {
        self.catalog = catalog
        kpis = KPIProjection(catalog: catalog)
        bounds = RecordBounds(catalog: catalog)
        servers = catalog.groups.map { Int64($0.servers) }
    }

    /// The version of the case the client numbers `client` (its lifecycle events so far), or `nil` when it was never submitted.
    public func version(of client: UInt32) -> UInt32? {
        ids.logID(of: client).map { versions[Int($0)] }
    }

    /// Folds an event read back from the log (recovery); a submitted case takes the client id
    /// `client` (its own id in the log when the journal does not name one, or names one in use).
    /// - Throws: ``TransitionError`` when the event does not fit its case.
    public mutating func fold(_ event: CaseEvent, client: UInt32? = nil) throws(TransitionError) {
        try book.apply(event)
        if event.kind == .submitted {
            let id = client.flatMap { ids.logID(of: $0) == nil ? $0 : nil } ?? (ids.logID(of: event.caseID) == nil ? event.caseID : ids.freeID())
            ids.add(id)
        }
        account(event)
    }

    /// Validates `c` against the case's state and the log's order and returns its event, folded,
    /// with the client's id of its case; the caller appends it. On a rejection nothing changes.
    public mutating func apply(_ c: ServedCommand) throws(CommandRejection) -> (event: CaseEvent, client: UInt32) {
        let t = c.time
        guard t >= lastTime else {
            throw reject(c, .outOfOrder, "time \(t.ticks) µs is before the log's last event (\(lastTime.ticks) µs): commands are appended in time order")
        }
        if t == lastTime, let seq = c.seq, let last = lastSeq, seq < last {
            throw reject(c, .outOfOrder, "seq \(seq) at time \(t.ticks) µs is before seq \(last), applied at the same time")
        }
        guard t.ticks <= bounds.latest else {
            throw reject(c, .invalidCommand, "time \(t.ticks) µs is past the calendar's last day (\(bounds.latest) µs)")
        }
        let client: UInt32
        let id: UInt32
        if c.kind == .submitted {
            client = c.caseID ?? ids.freeID()
            id = book.nextCaseID
            if ids.logID(of: client) != nil {
                throw reject(c, .caseExists, "case \(client) already exists: each case id is given to one case only", client: client)
            }
        } else if let given = c.caseID {
            client = given
            guard let known = ids.logID(of: given) else {
                throw reject(c, .invalidTransition, "case \(given) has not been submitted: command \(c.name) is not allowed", .unknown)
            }
            id = known
        } else {
            (client, id) = (0, 0)
        }
        if let expected = c.expectedVersion {
            let current = version(of: client) ?? 0
            if current != expected {
                throw reject(c, .staleVersion, "case \(client) is at version \(current), not the expected \(expected)", client: client)
            }
        }
        let event = c.isLifecycle ? try handle(c, id: id, client: client) : try factEvent(c, id: id)
        if c.kind == .submitted { ids.add(client) }
        account(event)
        if let seq = c.seq { lastSeq = seq }
        return (event, client)
    }

    /// Bumps the case's version, folds the KPIs and moves the clock.
    mutating func account(_ e: CaseEvent) {
        switch e.kind {
        case .runEnded, .staffingChanged, .rated, .callbackDone, .workStarted: break
        case .submitted: versions.append(1)
        default: if Int(e.caseID) < versions.count { versions[Int(e.caseID)] += 1 }
        }
        kpis.record(e)
        if e.time > lastTime { lastSeq = nil }
        lastTime = e.time
        events += 1
    }

    /// Validates a lifecycle command and folds it into the book by the engine's own
    /// ``CaseBook/handle(_:at:)``, then lays over the event the fields the client recorded that the
    /// case's state does not say (visit, reason, a measured wait or service time, a parent case);
    /// none of them changes the case's state. Every check comes first: a rejection changes nothing.
    mutating func handle(_ c: ServedCommand, id: UInt32, client: UInt32) throws(CommandRejection) -> CaseEvent {
        if c.kind == .submitted {
            var parent: UInt32?
            if let given = c.parent {
                guard let p = ids.logID(of: given) else { throw reject(c, .invalidCommand, "parent case \(given) has not been submitted", client: client) }
                parent = p
            }
            var event = try fold(.submit(service: c.service!, hall: c.hall!, channel: c.channel!), c, standing: .unknown)
            event.window = c.visitNumber ?? 0
            event.value = parent.map { Int64($0) + 1 } ?? 0
            return event
        }
        guard let state = book[id] else {
            throw reject(c, .invalidTransition, TransitionError(caseID: client, standing: .finished, attempt: .event(c.kind)).description.replacingEvent(c), .finished)
        }
        guard c.time >= state.since else {
            throw reject(c, .outOfOrder, "time \(c.time.ticks) µs is before case \(client)'s last event (\(state.since.ticks) µs)", .open(state.phase))
        }
        if let value = c.value, c.kind == .called || c.kind == .serviceCompleted, value < 0 || value > c.time.ticks {
            throw reject(c, .invalidCommand, "a \(c.kind == .called ? "wait" : "service time") of \(value) µs at time \(c.time.ticks) µs (it must lie between 0 and the time since the start)")
        }
        if c.kind == .called, state.phase == .queued, Int(state.group) < servers.count, kpis.group(Int(state.group)).busy.level >= servers[Int(state.group)] {
            let g = Int(state.group)
            throw reject(c, .noFreeWindow, "group \(catalog.groups[g].id) has all its \(servers[g]) windows busy: a case must leave one before another is called", .open(state.phase))
        }
        var event = try fold(command(c, id: id), c, standing: .open(state.phase))
        if let purpose = c.purpose { event.visit = purpose }
        if let reason = c.reason, c.kind == .abandoned || c.kind == .uncollected { event.window = reason.rawValue }
        if let value = c.value, c.kind == .called || c.kind == .serviceCompleted { event.value = value }
        return event
    }

    /// The engine's validation and fold of one command.
    mutating func fold(_ command: CaseCommand, _ c: ServedCommand, standing: TransitionError.Standing) throws(CommandRejection) -> CaseEvent {
        do throws(TransitionError) {
            return try book.handle(command, at: c.time)
        } catch {
            // Told with the client's id of the case.
            let told = TransitionError(caseID: c.caseID ?? error.caseID, standing: error.standing, attempt: error.attempt, allowed: error.allowed)
            throw reject(c, .invalidTransition, told.description, error.standing)
        }
    }

    /// The ``CaseCommand`` a lifecycle command stands for.
    func command(_ c: ServedCommand, id: UInt32) -> CaseCommand {
        switch c.kind {
        case .ticketIssued: .issueTicket(case: id, group: c.group!)
        case .called: .call(case: id, window: c.window!)
        case .serviceStarted: .startService(case: id)
        case .serviceCompleted: .completeService(case: id)
        case .accepted: .accept(case: id)
        case .forwarded: .forward(case: id, department: c.group!, hall: c.hall ?? UInt16(catalog.groups[Int(c.group!)].hall))
        case .materialsRequested: .requestMaterials(case: id)
        case .resubmitted: .resubmit(case: id)
        case .approved: .approve(case: id)
        case .rejected: .reject(case: id)
        case .resultReady: .markResultReady(case: id)
        case .delivered: .deliver(case: id)
        case .pickedUp: .pickUp(case: id)
        case .closed: .close(case: id)
        case .abandoned: .abandon(case: id)
        case .noShow: .noShow(case: id)
        case .escalated: .escalate(case: id)
        case .transferred: .transfer(case: id)
        case .uncollected: .leaveUncollected(case: id)
        default: preconditionFailure("not a lifecycle command: \(c.kind)")
        }
    }

    /// The event of one of the floor's facts (staffing, the end of a run, ratings, callbacks, desk work).
    func factEvent(_ c: ServedCommand, id: UInt32) throws(CommandRejection) -> CaseEvent {
        let value = c.value ?? 0
        switch c.kind {
        case .runEnded:
            return CaseEvent(.runEnded, at: c.time, value: value)
        case .staffingChanged:
            let e = CaseEvent(.staffingChanged, at: c.time, hall: c.hall!, group: c.group!, value: value)
            if let problem = bounds.impossibility(e) { throw reject(c, .invalidCommand, problem) }
            return e
        default:
            if c.kind == .workStarted {
                let g = catalog.groups[Int(c.group!)]
                guard g.kind.isDesk else { throw reject(c, .invalidCommand, "group \(g.id) is not a department or an escalation desk") }
                guard Int(c.window ?? 0) < g.servers else { throw reject(c, .invalidCommand, "group \(g.id) has \(g.servers) desks, not a desk \(c.window ?? 0)") }
                guard value >= 0 else { throw reject(c, .invalidCommand, "a work time of \(value) µs") }
            } else if value < 0 || value > c.time.ticks {
                throw reject(c, .invalidCommand, "a value of \(value) µs at time \(c.time.ticks) µs (it must lie between 0 and the time since the start)")
            }
            let window: UInt16 = c.kind == .rated ? ((c.badRating ?? (c.window == 1)) ? 1 : 0) : (c.window ?? 0)
            let e = CaseEvent(c.kind, at: c.time, case: id, hall: c.hall!, group: c.group!, service: c.service ?? 0,
                              window: window, channel: c.channel ?? .none, value: value)
            if let problem = bounds.impossibility(e) { throw reject(c, .invalidCommand, problem) }
            return e
        }
    }

    /// The rejection of `c`, naming its case by the client's id (`client` for a `submit` without one).
    func reject(_ c: ServedCommand, _ code: CommandRejection.Code, _ message: String, _ standing: TransitionError.Standing? = nil,
                client: UInt32? = nil) -> CommandRejection {
        let state: String? = switch standing {
        case .open(let phase): "\(phase)"
        case .finished: "finished"
        case .unknown: "unknown"
        case nil: c.caseID.flatMap { ids.logID(of: $0) }.flatMap { book[$0].map { "\($0.phase)" } ?? "finished" }
        }
        return CommandRejection(code: code, message: message, caseID: c.caseID ?? client, state: state, command: c.name)
    }
}

extension String {
    /// An engine message about an event, told as the command that was sent.
    func replacingEvent(_ c: ServedCommand, allowed: [CaseEvent.Kind] = []) -> String {
        var text = replacingOccurrences(of: "event \(c.kind)", with: "command \(c.name)")
        if !allowed.isEmpty {
            text = text.replacingOccurrences(of: "(allowed: \(allowed.map { "\($0)" }.joined(separator: ", ")))",
                                             with: "(allowed: \(allowed.map { CaseCommand.name(of: $0) }.joined(separator: ", ")))")
        }
        return text
    }
}
