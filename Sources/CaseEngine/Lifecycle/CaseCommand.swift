/// A request to move a case along its lifecycle, with the data the resulting event needs.
///
/// A ``CaseBook`` validates each command against the case's current phase and
/// turns it into exactly one ``CaseEvent``, named in the past tense.
public enum CaseCommand: Sendable, Equatable {
    /// Opens a new case; the book assigns the next case id.
    case submit(service: UInt16, hall: UInt16, channel: CaseEvent.Channel)
    /// Gives a case in the hall a ticket for a window group's queue.
    case issueTicket(case: UInt32, group: UInt16)
    /// Calls a queued case to a window of its group.
    case call(case: UInt32, window: UInt16)
    /// Starts serving a called case.
    case startService(case: UInt32)
    /// Ends a window's service with nothing more to do, closing the case.
    case completeService(case: UInt32)
    /// Accepts a case at its window, or directly from a channel that skips the queue.
    case accept(case: UInt32)
    /// Hands a case to a back-office department, possibly of another hall.
    case forward(case: UInt32, department: UInt16, hall: UInt16)
    /// Asks for missing materials.
    case requestMaterials(case: UInt32)
    /// Supplies the missing materials.
    case resubmit(case: UInt32)
    /// Approves a case in the back office.
    case approve(case: UInt32)
    /// Rejects a case in the back office.
    case reject(case: UInt32)
    /// Marks the decision document ready.
    case markResultReady(case: UInt32)
    /// Sends the result.
    case deliver(case: UInt32)
    /// Hands the result over at a window.
    case pickUp(case: UInt32)
    /// Closes a case whose result went out or whose escalation was resolved.
    case close(case: UInt32)
    /// Records that the person gave up.
    case abandon(case: UInt32)
    /// Records that the person did not come.
    case noShow(case: UInt32)
    /// Escalates a case.
    case escalate(case: UInt32)
    /// Hands a case to a body outside the network.
    case transfer(case: UInt32)
    /// Records that the person who came for the result left the queue without it.
    case leaveUncollected(case: UInt32)

    /// The case the command is about, or `nil` for ``submit(service:hall:channel:)``.
    public var caseID: UInt32? {
        switch self {
        case .submit: nil
        case .issueTicket(let id, _), .call(let id, _), .forward(let id, _, _): id
        case .startService(let id), .completeService(let id), .accept(let id), .requestMaterials(let id),
             .resubmit(let id), .approve(let id), .reject(let id), .markResultReady(let id), .deliver(let id),
             .pickUp(let id), .close(let id), .abandon(let id), .noShow(let id), .escalate(let id),
             .transfer(let id), .leaveUncollected(let id):
            id
        }
    }

    /// The kind of event the command turns into.
    public var eventKind: CaseEvent.Kind {
        switch self {
        case .submit: .submitted
        case .issueTicket: .ticketIssued
        case .call: .called
        case .startService: .serviceStarted
        case .completeService: .serviceCompleted
        case .accept: .accepted
        case .forward: .forwarded
        case .requestMaterials: .materialsRequested
        case .resubmit: .resubmitted
        case .approve: .approved
        case .reject: .rejected
        case .markResultReady: .resultReady
        case .deliver: .delivered
        case .pickUp: .pickedUp
        case .close: .closed
        case .abandon: .abandoned
        case .noShow: .noShow
        case .escalate: .escalated
        case .transfer: .transferred
        case .leaveUncollected: .uncollected
        }
    }

    /// The command's name, as in `call`.
    public var name: String { Self.name(of: eventKind) }

    /// The name of the command that produces events of `kind`.
    public static func name(of kind: CaseEvent.Kind) -> String {
        switch kind {
        case .submitted: "submit"
        case .ticketIssued: "issueTicket"
        case .called: "call"
        case .serviceStarted: "startService"
        case .serviceCompleted: "completeService"
        case .accepted: "accept"
        case .forwarded: "forward"
        case .materialsRequested: "requestMaterials"
        case .resubmitted: "resubmit"
        case .approved: "approve"
        case .rejected: "reject"
        case .resultReady: "markResultReady"
        case .delivered: "deliver"
        case .pickedUp: "pickUp"
        case .closed: "close"
        case .abandoned: "abandon"
        case .noShow: "noShow"
        case .escalated: "escalate"
        case .transferred: "transfer"
        case .uncollected: "leaveUncollected"
        case .runEnded: "endRun"
        case .rated: "rate"
        case .callbackDone: "completeCallback"
        case .workStarted: "startWork"
        case .staffingChanged: "changeStaffing"
        }
    }
}
