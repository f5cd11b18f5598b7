import CaseEngine
import SimCore

typealias Phase = CaseState.Phase

/// One command of every kind for case `id`, in the order of ``CaseEvent/Kind``.
func everyCommand(for id: UInt32) -> [CaseCommand] {
    [
        .issueTicket(case: id, group: 1), .call(case: id, window: 2), .startService(case: id),
        .completeService(case: id), .accept(case: id), .forward(case: id, department: 3, hall: 1),
        .requestMaterials(case: id), .resubmit(case: id), .approve(case: id), .reject(case: id),
        .markResultReady(case: id), .deliver(case: id), .pickUp(case: id), .close(case: id), .abandon(case: id),
        .noShow(case: id), .escalate(case: id), .transfer(case: id), .leaveUncollected(case: id),
    ]
}

/// The lifecycle as docs/case-lifecycle.md draws it, written out independently of the engine.
///
/// For a case in `phase` that came in by `channel` (and, while materials are
/// requested, resumes at `resumes`), the phase each allowed command leads to.
func expectedMoves(_ phase: Phase, channel: CaseEvent.Channel, resumes: Phase = .submitted, decided: Bool = false) -> [String: Phase] {
    switch phase {
    case .submitted:
        var moves: [String: Phase] = ["abandon": .abandoned, "escalate": .escalated]
        let queueing: [CaseEvent.Channel] = [.walkIn, .appointment, .kiosk, .outlet, .hotline]
        if queueing.contains(channel) || channel == .none { moves["issueTicket"] = .queued }
        if !queueing.contains(channel) { moves["accept"] = .accepted }
        if channel == .appointment { moves["noShow"] = .noShow }
        return moves
    case .queued:
        // Back for a result (decided): leaving the queue returns the case to waiting for its result.
        return ["call": .called, "abandon": .abandoned, "escalate": .escalated].merging(decided ? ["leaveUncollected": .resultReady] : [:]) { $1 }
    case .called:
        return [
            "startService": .inService, "completeService": .closed, "accept": .accepted,
            "requestMaterials": .materialsRequested, "noShow": .noShow, "pickUp": .pickedUp,
        ]
    case .inService:
        return ["completeService": .closed, "accept": .accepted, "requestMaterials": .materialsRequested, "pickUp": .pickedUp]
    case .accepted:
        return [
            "forward": .inBackOffice, "requestMaterials": .materialsRequested, "escalate": .escalated, "transfer": .transferred,
            "approve": .approved, "reject": .rejected,
        ]
    case .inBackOffice:
        return [
            "forward": .inBackOffice, "approve": .approved, "reject": .rejected, "requestMaterials": .materialsRequested,
            "escalate": .escalated, "transfer": .transferred,
        ]
    case .materialsRequested:
        return ["resubmit": resumes, "abandon": .abandoned, "escalate": .escalated]
    case .approved:
        return ["markResultReady": .resultReady]
    case .rejected:
        return ["markResultReady": .resultReady, "escalate": .escalated]
    case .resultReady:
        return ["deliver": .delivered, "pickUp": .pickedUp, "issueTicket": .queued, "close": .closed]
    case .delivered, .pickedUp:
        return ["close": .closed]
    case .escalated:
        return ["forward": .inBackOffice, "close": .closed, "transfer": .transferred]
    case .closed, .abandoned, .noShow, .transferred:
        return [:]
    }
}

/// A case state to test from: how to reach it, and what it should then allow.
struct Situation: CustomStringConvertible {
    var name: String
    var channel: CaseEvent.Channel
    /// Commands after `submit`, for the case under test.
    var path: [(UInt32) -> CaseCommand]
    var phase: Phase
    var resumes: Phase = .submitted
    /// Approved or rejected on the way (a person back for the result).
    var decided = false

    var description: String { name }
}

/// Every open phase reached by a real path, the submitted phase once per channel, and each resumption of requested materials.
func everyOpenSituation() -> [Situation] {
    let ticket: (UInt32) -> CaseCommand = { .issueTicket(case: $0, group: 1) }
    let call: (UInt32) -> CaseCommand = { .call(case: $0, window: 0) }
    let start: (UInt32) -> CaseCommand = { .startService(case: $0) }
    let accept: (UInt32) -> CaseCommand = { .accept(case: $0) }
    let forward: (UInt32) -> CaseCommand = { .forward(case: $0, department: 2, hall: 0) }
    let materials: (UInt32) -> CaseCommand = { .requestMaterials(case: $0) }
    let resubmit: (UInt32) -> CaseCommand = { .resubmit(case: $0) }
    let approve: (UInt32) -> CaseCommand = { .approve(case: $0) }
    let reject: (UInt32) -> CaseCommand = { .reject(case: $0) }
    let ready: (UInt32) -> CaseCommand = { .markResultReady(case: $0) }
    let deliver: (UInt32) -> CaseCommand = { .deliver(case: $0) }
    let pickUp: (UInt32) -> CaseCommand = { .pickUp(case: $0) }
    let escalate: (UInt32) -> CaseCommand = { .escalate(case: $0) }
    let served = [ticket, call, start]
    let office = served + [accept, forward]
    var all = CaseEvent.Channel.allCases.map {
        Situation(name: "submitted by \($0)", channel: $0, path: [], phase: .submitted)
    }
    all += [
        Situation(name: "queued", channel: .walkIn, path: [ticket], phase: .queued),
        Situation(name: "called", channel: .walkIn, path: [ticket, call], phase: .called),
        Situation(name: "in service", channel: .walkIn, path: served, phase: .inService),
        Situation(name: "accepted at a window", channel: .walkIn, path: served + [accept], phase: .accepted),
        Situation(name: "accepted online", channel: .online, path: [accept], phase: .accepted),
        Situation(name: "in back office", channel: .walkIn, path: office, phase: .inBackOffice),
        Situation(
            name: "materials requested at the window", channel: .walkIn, path: served + [materials],
            phase: .materialsRequested, resumes: .submitted
        ),
        Situation(
            name: "materials requested on acceptance", channel: .doorToDoor, path: [accept, materials],
            phase: .materialsRequested, resumes: .accepted
        ),
        Situation(
            name: "materials requested by the back office", channel: .walkIn, path: office + [materials],
            phase: .materialsRequested, resumes: .inBackOffice
        ),
        Situation(name: "back after materials", channel: .walkIn, path: served + [materials, resubmit], phase: .submitted),
        Situation(name: "approved", channel: .walkIn, path: office + [approve], phase: .approved),
        Situation(name: "rejected", channel: .mobile, path: [accept, forward, reject], phase: .rejected),
        Situation(name: "result ready", channel: .walkIn, path: office + [approve, ready], phase: .resultReady),
        Situation(name: "delivered", channel: .online, path: [accept, forward, approve, ready, deliver], phase: .delivered),
        Situation(name: "picked up", channel: .walkIn, path: office + [approve, ready, pickUp], phase: .pickedUp),
        Situation(name: "escalated", channel: .walkIn, path: office + [escalate], phase: .escalated),
        Situation(name: "back to pick up", channel: .walkIn, path: office + [approve, ready, ticket], phase: .queued, decided: true),
        Situation(name: "called to pick up", channel: .walkIn, path: office + [approve, ready, ticket, call], phase: .called),
        Situation(name: "bundle decided", channel: .walkIn, path: served + [accept, approve], phase: .approved),
    ]
    return all
}

/// Every way a case ends, as command paths after `submit`.
func everyTerminalPath() -> [(name: String, channel: CaseEvent.Channel, path: [(UInt32) -> CaseCommand], phase: Phase)] {
    [
        ("served on the spot", .walkIn, [{ .issueTicket(case: $0, group: 0) }, { .call(case: $0, window: 0) }, { .completeService(case: $0) }], .closed),
        ("closed after pick-up", .online, [
            { .accept(case: $0) }, { .forward(case: $0, department: 0, hall: 0) }, { .approve(case: $0) },
            { .markResultReady(case: $0) }, { .pickUp(case: $0) }, { .close(case: $0) },
        ], .closed),
        ("balked", .walkIn, [{ .abandon(case: $0) }], .abandoned),
        ("reneged", .walkIn, [{ .issueTicket(case: $0, group: 0) }, { .abandon(case: $0) }], .abandoned),
        ("no-show when called", .walkIn, [{ .issueTicket(case: $0, group: 0) }, { .call(case: $0, window: 0) }, { .noShow(case: $0) }], .noShow),
        ("missed appointment", .appointment, [{ .noShow(case: $0) }], .noShow),
        ("transferred", .online, [{ .accept(case: $0) }, { .transfer(case: $0) }], .transferred),
    ]
}

/// A book with two other cases open and the case under test (id 2) submitted by `channel` and taken along `path`.
func book(
    channel: CaseEvent.Channel, path: [(UInt32) -> CaseCommand], clock: inout SimTime
) throws -> (book: CaseBook, id: UInt32) {
    var book = CaseBook()
    for _ in 0 ..< 2 {
        _ = try book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: clock)
    }
    let id = try book.handle(.submit(service: 1, hall: 1, channel: channel), at: clock).caseID
    for step in path {
        clock = clock + .seconds(30)
        _ = try book.handle(step(id), at: clock)
    }
    return (book, id)
}
