public import SimCore

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
        guard let target = state.phase(after: kind) else {
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
    public mutating func apply(_ event: CaseEvent) throws(TransitionError) {
        switch event.kind {
        case .runEnded, .staffingChanged, .rated, .callbackDone, .workStarted:
            return
        case .submitted:
            guard event.caseID == nextCaseID else {
                throw TransitionError(caseID: event.caseID, standing: standing(of: event.caseID), attempt: .event(.submitted))
            }
            open(CaseState(submitted: event))
        default:
            let state = try state(event.caseID, for: .event(event.kind))
            guard let target = state.phase(after: event.kind) else {
                throw TransitionError(
                    caseID: event.caseID, standing: .open(state.phase), attempt: .event(event.kind), allowed: state.allowedKinds
                )
            }
            move(event.caseID, from: state, to: target, by: event)
        }
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
