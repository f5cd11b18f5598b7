public import SimCore

/// The current state of every open case: the case-state projection of the event log.
///
/// Cases are numbered from 0 in order of submission. Open cases sit in a
/// ``CaseSlab`` indexed by id; a case that ends is dropped at once, and memory
/// grows with the cases open, not with history.
///
/// Commands go through ``handle(_:at:)``, which validates them and returns the
/// event; ``apply(_:)`` folds events, so a book rebuilt from a log equals the
/// book that wrote it.
public struct CaseBook: Sendable {
    /// Open cases by id; a vacant (`nil`) slot is a finished case.
    var cases = CaseSlab<CaseState?>()
    /// Open cases per phase, and finished cases per terminal phase, by raw value (inline: counting
    /// a move costs no uniqueness check of a heap buffer).
    var counts = InlineArray<18, Int>(repeating: 0)
    /// The lifecycle as a table (shared by every book).
    let lifecycle = LifecycleTable.shared

    /// The slab's slots, first live index and parked cases (for tests of its size).
    var slots: [CaseState?] { cases.slots }
    var head: Int { cases.head }
    var parked: [UInt32: CaseState?] { cases.parked }
    /// Long-lived cases are parked once the slab spans this many ids and is at most an eighth full.
    static var parkingSpan: Int { CaseSlab<CaseState?>.parkingSpan }

    /// An empty book.
    public init() {}

    /// The number of open cases.
    public var openCount: Int { cases.openCount }

    /// The id the next submitted case gets.
    public var nextCaseID: UInt32 { cases.nextID }

    /// The state of case `id`, or `nil` when it is finished or not yet submitted.
    /// - Complexity: O(1).
    public subscript(id: UInt32) -> CaseState? { cases[id] ?? nil }

    /// The number of open cases in `phase`, or for a terminal phase the number of cases that ended there.
    public func count(in phase: CaseState.Phase) -> Int { counts[Int(phase.rawValue)] }

    /// Calls `body` with every open case, in no guaranteed order.
    public func forEachOpenCase(_ body: (UInt32, CaseState) throws -> Void) rethrows {
        try cases.forEachOpen { id, state in
            if let state { try body(id, state) }
        }
    }

    /// Every open case, by id.
    public var openCases: [(id: UInt32, state: CaseState)] {
        var all: [(id: UInt32, state: CaseState)] = []
        all.reserveCapacity(openCount)
        forEachOpenCase { all.append(($0, $1)) }
        all.sort { $0.id < $1.id }
        return all
    }

    /// Adds a newly submitted case under ``nextCaseID``.
    mutating func open(_ state: CaseState) {
        precondition(nextCaseID < .max, "case ids exhausted")
        cases.openNext(state)
        counts[Int(CaseState.Phase.submitted.rawValue)] += 1
    }

    /// Moves open case `id` from `state` to `target` by `event`, dropping it if `target` is terminal.
    mutating func move(_ id: UInt32, from state: CaseState, to target: CaseState.Phase, by event: CaseEvent) {
        countMove(from: state.phase, to: target)
        if target.isTerminal {
            cases.close(id)
            return
        }
        var next = state
        next.advance(to: target, by: event)
        cases.update(id, next)
    }
}

extension CaseBook {
    /// Counts one case leaving phase `from` for `to` (the counts of every move, in place or not).
    @inline(__always)
    mutating func countMove(from: CaseState.Phase, to: CaseState.Phase) {
        counts[Int(from.rawValue)] &-= 1
        counts[Int(to.rawValue)] &+= 1
    }
}

extension Optional: CaseSlabEntry where Wrapped == CaseState {
    static var vacant: CaseState? { nil }
    var isOpen: Bool { if case .some = self { true } else { false } }
}

extension CaseBook: Equatable {
    /// Whether both books hold the same open cases in the same states, with the same counts and next id.
    public static func == (a: CaseBook, b: CaseBook) -> Bool {
        guard a.nextCaseID == b.nextCaseID, a.openCount == b.openCount,
              a.counts.indices.allSatisfy({ a.counts[$0] == b.counts[$0] }) else { return false }
        var same = true
        a.forEachOpenCase { id, state in
            if same, b[id] != state { same = false }
        }
        return same
    }
}

extension CaseEvent.Channel {
    /// Whether cases from this channel take a ticket and wait for a window, kiosk or agent
    /// (walk-ins, appointments, kiosks, bank outlets, hotline calls).
    public var entersQueue: Bool {
        switch self {
        case .walkIn, .appointment, .kiosk, .outlet, .hotline: true
        case .none, .online, .mobile, .doorToDoor, .feedback: false
        }
    }
    /// Whether cases from this channel are accepted without queueing (online, mobile, door-to-door, complaints from ratings).
    public var skipsQueue: Bool { self != .none && !entersQueue }
}

extension CaseState {
    /// The phase an event of `kind` moves this case to, or `nil` when the lifecycle does not allow it here.
    ///
    /// This is the whole state machine; docs/case-lifecycle.md draws it. A
    /// channel of `.none` (not recorded) neither forces nor forbids the queue.
    public func phase(after kind: CaseEvent.Kind) -> Phase? {
        switch (kind, phase) {
        case (.ticketIssued, .submitted): channel.skipsQueue ? nil : .queued
        case (.accepted, .submitted): channel.entersQueue ? nil : .accepted
        case (.noShow, .submitted): channel == .appointment ? .noShow : nil
        case (.abandoned, .submitted), (.abandoned, .queued), (.abandoned, .materialsRequested): .abandoned
        case (.ticketIssued, .resultReady): .queued
        case (.called, .queued): .called
        case (.serviceStarted, .called): .inService
        case (.noShow, .called): .noShow
        case (.serviceCompleted, .called), (.serviceCompleted, .inService): .closed
        case (.accepted, .called), (.accepted, .inService): .accepted
        case (.materialsRequested, .called), (.materialsRequested, .inService),
             (.materialsRequested, .accepted), (.materialsRequested, .inBackOffice):
            .materialsRequested
        case (.resubmitted, .materialsRequested): resumes
        case (.forwarded, .accepted), (.forwarded, .inBackOffice), (.forwarded, .escalated): .inBackOffice
        case (.approved, .inBackOffice), (.approved, .accepted): .approved
        case (.rejected, .inBackOffice), (.rejected, .accepted): .rejected
        case (.resultReady, .approved), (.resultReady, .rejected): .resultReady
        case (.delivered, .resultReady): .delivered
        case (.pickedUp, .resultReady), (.pickedUp, .called), (.pickedUp, .inService): .pickedUp
        case (.closed, .delivered), (.closed, .pickedUp), (.closed, .escalated), (.closed, .resultReady): .closed
        case (.escalated, .accepted), (.escalated, .inBackOffice), (.escalated, .materialsRequested),
             (.escalated, .rejected), (.escalated, .submitted), (.escalated, .queued):
            .escalated
        case (.transferred, .accepted), (.transferred, .inBackOffice), (.transferred, .escalated): .transferred
        case (.uncollected, .queued): decision == .pending ? nil : .resultReady
        default: nil
        }
    }

    /// The kinds of event this case allows now.
    public var allowedKinds: [CaseEvent.Kind] {
        CaseEvent.Kind.allCases.filter { phase(after: $0) != nil }
    }

    /// Moves the case to `target`, taking from `e` what the event's kind says about where the case is.
    @inline(__always)
    mutating func advance(to target: Phase, by e: CaseEvent) {
        switch e.kind {
        case .ticketIssued, .called, .forwarded:
            hall = e.hall
            group = e.group
            window = e.window
        case .materialsRequested:
            resumes = switch phase {
            case .called, .inService: .submitted
            case .accepted: .accepted
            default: .inBackOffice
            }
        case .approved:
            decision = .approved
        case .rejected:
            decision = .rejected
        default:
            break
        }
        if target == .submitted {
            group = 0
            window = 0
        }
        phase = target
        since = e.time
    }
}

extension CaseBook {
    /// Validates `command` against its case's state, folds the resulting event and returns it.
    ///
    /// The event carries the case's channel, hall, group (or department), window
    /// and service; `value` is the wait for `call`, the service time for
    /// `completeService`, 0 for `submit` and `issueTicket` (as the simulator
    /// records them), and otherwise the phase the case left.
    /// - Throws: ``TransitionError`` naming the case, its state and the command; the book is then unchanged.
    /// - Complexity: O(1) amortized.
    public mutating func handle(_ command: CaseCommand, at time: SimTime) throws(TransitionError) -> CaseEvent {
        guard let id = command.caseID else {
            guard case .submit(let service, let hall, let channel) = command else { preconditionFailure("only submit has no case") }
            let event = CaseEvent(.submitted, at: time, case: nextCaseID, hall: hall, service: service, channel: channel)
            open(CaseState(submitted: event))
            return event
        }
        let state = try state(id, for: .command(command))
        let kind = command.eventKind
        guard let target = lifecycle.target(of: state, after: kind) else {
            throw TransitionError(caseID: id, standing: .open(state.phase), attempt: .command(command), allowed: state.allowedKinds)
        }
        var event = CaseEvent(
            kind, at: time, case: id, hall: state.hall, group: state.group, service: state.service,
            window: state.window, channel: state.channel, value: Int64(state.phase.rawValue)
        )
        switch command {
        case .issueTicket(_, let group):
            event.group = group
            event.window = 0
            event.value = 0
        case .call(_, let window):
            event.window = window
            event.value = time.ticks &- state.since.ticks
        case .completeService:
            event.value = time.ticks &- state.since.ticks
        case .forward(_, let department, let hall):
            event.hall = hall
            event.group = department
            event.window = 0
        default:
            break
        }
        move(id, from: state, to: target, by: event)
        return event
    }

    /// Folds one event into the case states: the case-state projection.
    ///
    /// Rebuilding a book from a log is folding every event in order; `.runEnded`
    /// `.staffingChanged`, `.rated`, `.callbackDone` and `.workStarted` are not lifecycle events and are passed over.
    /// - Throws: ``TransitionError`` when the event does not fit its case's state; the book is then unchanged.
    /// - Complexity: O(1) amortized.
    @inline(__always)
    public mutating func apply(_ event: CaseEvent) throws(TransitionError) {
        switch event.kind {
        case .runEnded, .staffingChanged, .rated, .callbackDone, .workStarted:
            return
        case .submitted:
            guard event.caseID == nextCaseID else { throw outOfTurn(event) }
            open(CaseState(submitted: event))
        default:
            // Most cases are in the slab: look the case up once and move it where it lies.
            let s = cases.slot(event.caseID)
            guard s >= 0 else { return try applyOutsideSlab(event) }
            let state = cases.slots[s].unsafelyUnwrapped
            guard let target = lifecycle.target(of: state, after: event.kind) else { throw misfit(event, state) }
            countMove(from: state.phase, to: target)
            if target.isTerminal {
                cases.close(slot: s)
            } else {
                cases.slots[s]!.advance(to: target, by: event)
            }
        }
    }

    /// ``apply(_:)`` of an event whose case is not in the slab: parked, finished or unknown.
    @inline(never)
    mutating func applyOutsideSlab(_ event: CaseEvent) throws(TransitionError) {
        let state = try self.state(event.caseID, for: .event(event.kind))
        guard let target = lifecycle.target(of: state, after: event.kind) else { throw misfit(event, state) }
        move(event.caseID, from: state, to: target, by: event)
    }

    /// The error of an event that its open case's phase does not allow.
    @inline(never)
    func misfit(_ event: CaseEvent, _ state: CaseState) -> TransitionError {
        TransitionError(caseID: event.caseID, standing: .open(state.phase), attempt: .event(event.kind), allowed: state.allowedKinds)
    }

    /// The error of a `.submitted` event whose case is not the next id.
    @inline(never)
    func outOfTurn(_ event: CaseEvent) -> TransitionError {
        TransitionError(caseID: event.caseID, standing: standing(of: event.caseID), attempt: .event(.submitted))
    }

    /// The open case `id`, or an error saying it is finished or unknown.
    private func state(_ id: UInt32, for attempt: TransitionError.Attempt) throws(TransitionError) -> CaseState {
        guard let state = self[id] else {
            throw TransitionError(caseID: id, standing: standing(of: id), attempt: attempt)
        }
        return state
    }

    /// Where case `id` stands.
    func standing(of id: UInt32) -> TransitionError.Standing {
        if let state = self[id] { return .open(state.phase) }
        return id < nextCaseID ? .finished : .unknown
    }
}
