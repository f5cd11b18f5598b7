public import CaseEngine
public import SimCore

/// One command as a client sends it: a lifecycle command of ``CaseCommand`` or one of the floor's
/// facts, with everything its event records. Decoded from a JSON object by ``CommandDecoder``.
public struct ServedCommand: Sendable, Equatable {
    /// The kind of event the command turns into.
    public var kind: CaseEvent.Kind
    /// When it happened, in ticks (microseconds) from the run's start.
    public var time: SimTime
    /// The case, by the client's id; for `submit` the id the client gives the new case (`nil`: the
    /// smallest id no case has). The log numbers cases apart (``CaseIDs``).
    public var caseID: UInt32?
    public var hall: UInt16?
    /// The window group, the department (`forward`, `completeCallback`, `startWork`) or the group whose staffing changed.
    public var group: UInt16?
    public var service: UInt16?
    /// The window (`call`), the desk (`startWork`).
    public var window: UInt16?
    public var channel: CaseEvent.Channel?
    /// The event's value when the client measured it (`call`: the wait; `completeService`: the
    /// service time; `rate`: the wait rated; `completeCallback`, `startWork`, `changeStaffing`, `endRun`).
    public var value: Int64?
    /// `submit`: which visit (0 the first, n the n-th return after giving up).
    public var visitNumber: UInt16?
    /// `submit`: the parent case of a bundle part or a complaint.
    public var parent: UInt32?
    /// Queue events: which visit of the person the event belongs to.
    public var purpose: CaseEvent.Visit?
    /// `abandon`, `leaveUncollected`: why.
    public var reason: AbandonReason?
    /// `rate`: whether the rating was bad.
    public var badRating: Bool?
    /// The case's version the client expects before this command (optimistic concurrency).
    public var expectedVersion: UInt32?
    /// The client's global sequence number: orders commands of the same time across connections
    /// (docs/api.md, *Ordering*).
    public var seq: UInt64?

    public init(_ kind: CaseEvent.Kind, at time: SimTime) {
        self.kind = kind
        self.time = time
    }

    /// The command's name, as clients spell it (`call`, `changeStaffing`, …).
    public var name: String { CaseCommand.name(of: kind) }

    /// Whether the command moves a case along its lifecycle (and so goes through ``CaseBook``).
    public var isLifecycle: Bool {
        switch kind {
        case .runEnded, .staffingChanged, .rated, .callbackDone, .workStarted: false
        default: true
        }
    }

    /// Every command name a client may send, by the kind it produces.
    public static let kindsByName: [String: CaseEvent.Kind] = Dictionary(
        uniqueKeysWithValues: CaseEvent.Kind.allCases.map { (CaseCommand.name(of: $0), $0) }
    )

    /// The command that reproduces `event` (a client's view of an event stream, e.g. a simulated run's
    /// log): every field its event records, so the served event equals `event`.
    public init(replaying event: CaseEvent) {
        self.init(event.kind, at: event.time)
        switch event.kind {
        case .runEnded:
            value = event.value
        case .staffingChanged:
            hall = event.hall
            group = event.group
            value = event.value
        case .rated, .callbackDone, .workStarted:
            caseID = event.caseID
            hall = event.hall
            group = event.group
            service = event.service
            window = event.window
            channel = event.channel
            value = event.value
        case .submitted:
            caseID = event.caseID
            hall = event.hall
            service = event.service
            channel = event.channel
            visitNumber = event.window
            parent = event.value > 0 ? UInt32(truncatingIfNeeded: event.value - 1) : nil
        default:
            caseID = event.caseID
            purpose = event.visit
            switch event.kind {
            case .ticketIssued: group = event.group
            case .called:
                window = event.window
                value = event.value
            case .serviceCompleted: value = event.value
            case .forwarded:
                hall = event.hall
                group = event.group
            case .abandoned, .uncollected: reason = AbandonReason(rawValue: event.window)
            default: break
            }
        }
    }
}
