public import SimCore

/// One thing that happened to a case, stamped with simulated time.
///
/// A fixed-size value of 32 bytes: the log stores these records as they are,
/// and every KPI is a fold over them. Which fields carry meaning depends on
/// ``kind``; the others are zero. Indices refer to the run's ``Catalog``.
///
/// Each event says where its case is: `hall`, `service` and `channel` always
/// (the hall floor and ``CaseBook`` both set the channel on every event of a case;
/// bundle parts carry `.none`), `group` and `window` at a window group, and
/// from `.forwarded` on `group` holds the back-office department instead.
/// Unless a kind says otherwise, `value` holds the raw value of the
/// ``CaseState/Phase`` the case left, so a projection can tell that a window or
/// queue was left without tracking cases.
public struct CaseEvent: Sendable, Equatable {
    /// When it happened.
    public var time: SimTime
    /// The wait in ticks for `.called`, the service time in ticks for `.serviceCompleted`; for `.submitted`
    /// the case it belongs to (the parent case's id + 1 for a bundle part or a complaint, 0 for none);
    /// otherwise the phase left.
    public var value: Int64
    /// The case, numbered from 0 in order of arrival.
    public var caseID: UInt32
    /// The hall, as an index into ``Catalog/halls``.
    public var hall: UInt16
    /// The window group, as an index into ``Catalog/groups``; in the back office, the department.
    public var group: UInt16
    /// The service, as an index into ``Catalog/services``.
    public var service: UInt16
    /// The window within its group, from 0; for `.submitted`, the visit (0 the first, 1 the first
    /// return after giving up, …); for `.abandoned`, the reason.
    public var window: UInt16
    public var kind: Kind
    /// The channel the case came in by.
    public var channel: Channel
    /// Log format 5 on: which visit a queue event (`ticketIssued`, `called`, `abandoned` or `escalated` from the
    /// queue, `uncollected`) belongs to, a ``Visit`` raw value; 0 on other events and in older logs.
    @usableFromInline var reserved: UInt16 = 0

    /// The visit a queue event belongs to (see ``Visit``); `.first` when the event does not say.
    @inlinable public var visit: Visit {
        @inline(__always) get {
            switch reserved {
            case Visit.returning.rawValue: .returning
            case Visit.pickup.rawValue: .pickup
            default: .first
            }
        }
        set { reserved = newValue.rawValue }
    }

    /// Which visit of a person a queue event is about, so that figures can keep walk-in waits apart
    /// from people coming back.
    public enum Visit: UInt16, Sendable, CaseIterable {
        /// The case's first visit.
        case first = 0
        /// A return: after giving up (the `submitted` event's visit ≥ 1), or with missing materials.
        case returning = 1
        /// Coming to pick a result up.
        case pickup = 2
    }

    /// What happened.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// A case was submitted (a walk-in entered the hall, or a case came in by another channel).
        /// `window` is the visit (0 the first, n the n-th return after giving up); `value` is the parent
        /// case's id + 1 for a bundle part or a complaint raised by a rating, otherwise 0.
        case submitted = 1
        /// The case took a ticket and joined a window group's queue; `value` is 0.
        case ticketIssued = 2
        /// A window called the case; `value` is the wait in ticks.
        case called = 3
        /// The window finished serving the case with nothing more to do, which closes it; `value` is the service time in ticks.
        case serviceCompleted = 4
        /// The person called reached the window and service began.
        case serviceStarted = 5
        /// The case was accepted for handling, at a window (ending that service) or directly from a remote channel.
        case accepted = 6
        /// The case went to a back-office department; `hall` is the department's hall, `group` the department.
        case forwarded = 7
        /// Materials are missing: the case waits for them (a window visit ends here).
        case materialsRequested = 8
        /// The missing materials came in.
        case resubmitted = 9
        /// The back office approved the case.
        case approved = 10
        /// The back office rejected the case.
        case rejected = 11
        /// The decision document is ready to hand over.
        case resultReady = 12
        /// The result was sent (mail, express, electronically).
        case delivered = 13
        /// The result was picked up at a window.
        case pickedUp = 14
        /// The case was closed after its result was handed over or its escalation resolved.
        case closed = 15
        /// The person gave up: balked, left the queue, or never brought the missing materials.
        /// `window` carries the reason, an ``AbandonReason`` raw value.
        case abandoned = 16
        /// The person was called, or had an appointment, and did not come.
        case noShow = 17
        /// The case was escalated (a complaint, a missed deadline, a case that cannot get done).
        case escalated = 18
        /// The case was handed to a body outside the network.
        case transferred = 19
        /// The person who came for the result left the queue without it (gave up, or sent home at
        /// closing); the case goes back to waiting for its result to be collected or mailed.
        /// `window` carries the reason, an ``AbandonReason`` raw value; `value` the phase left (queued).
        /// Written from log format 5 on.
        case uncollected = 21
        /// Not a lifecycle event: a desk of a back-office department or of the escalation desk (`group`,
        /// in `hall`; `window` is the desk within the group) began or resumed a task of case `caseID`
        /// (for a callback, the rated case); `value` is the work the task still needs, in ticks. The desk
        /// works until then unless it goes off duty first (see docs/event-log.md). Logs from format 5 on.
        case workStarted = 250
        /// Not a lifecycle event: case `caseID` was rated after a service (the case may be closed already).
        /// `window` is 1 for a bad rating, 0 for a good one; `value` is the wait in ticks the rating weighed;
        /// `hall`, `group`, `service` and `channel` say where the rated service happened.
        case rated = 252
        /// Not a lifecycle event: the callback task of a bad rating of case `caseID` was done by department
        /// `group` of `hall`; `value` is the ticks from the rating to the callback.
        case callbackDone = 253
        /// Not a case event: the staffed windows of `group` (in `hall`) changed to `value`
        /// (opening, closing, a shift change, a weekend rotation). `caseID` is 0.
        case staffingChanged = 254
        /// The run ended here: no case event follows; `value` is the number of kernel events the run handled.
        case runEnded = 255
    }

    /// How a case came in.
    public enum Channel: UInt8, Sendable, CaseIterable {
        /// No channel of its own: the parts of a bundle (their bundle case carries the channel), and
        /// events built without one.
        case none = 0
        /// Walked into a hall and took a ticket.
        case walkIn = 1
        /// Booked a slot ahead, checks in at the hall.
        case appointment = 2
        /// The online portal.
        case online = 3
        /// The mobile app.
        case mobile = 4
        /// A self-service kiosk.
        case kiosk = 5
        /// A bank or post outlet.
        case outlet = 6
        /// Staff came to the door.
        case doorToDoor = 7
        /// A call to the 12345 hotline.
        case hotline = 8
        /// A complaint lodged through a bad rating (好差评).
        case feedback = 9
    }

    @inlinable
    public init(
        _ kind: Kind, at time: SimTime, case caseID: UInt32 = 0, hall: UInt16 = 0, group: UInt16 = 0,
        service: UInt16 = 0, window: UInt16 = 0, channel: Channel = .none, value: Int64 = 0
    ) {
        self.time = time
        self.value = value
        self.caseID = caseID
        self.hall = hall
        self.group = group
        self.service = service
        self.window = window
        self.kind = kind
        self.channel = channel
    }
}

/// Receives case events as they happen.
///
/// A sink whose storage its copies share until one of them writes (copy-on-write, as
/// ``KPIProjection``'s tables) checks that it holds the storage alone on every ``record(_:)``.
/// A holder that records many events with no copy of the sink made in between (the hall floor
/// within one kernel event) checks once instead: ``takeOwnership()``, then ``recordOwned(_:)``
/// for each event. Sinks without such storage need neither: both default to what ``record(_:)`` does.
public protocol CaseEventSink {
    /// Takes one event; events arrive in time order.
    mutating func record(_ event: CaseEvent)
    /// Gives this sink storage of its own where it shares it with a copy, so that
    /// ``recordOwned(_:)`` may write in place.
    mutating func takeOwnership()
    /// Takes one event as ``record(_:)`` does, without checking that the storage is this sink's
    /// alone: only after ``takeOwnership()``, with no copy of the sink made since.
    mutating func recordOwned(_ event: CaseEvent)
}

extension CaseEventSink {
    /// Nothing to take: the sink has no shared storage.
    @inlinable @inline(__always)
    public mutating func takeOwnership() {}

    /// The same as ``record(_:)``.
    @inlinable @inline(__always)
    public mutating func recordOwned(_ event: CaseEvent) { record(event) }
}

/// Why a person gave up, as `.abandoned` events carry it in their `window` field.
public enum AbandonReason: UInt16, Sendable, CaseIterable {
    /// Left the queue after waiting longer than their patience (reneged).
    case reneged = 0
    /// Saw the queue and left at once (balked).
    case balked = 1
    /// Still waiting when the hall closed and was sent home.
    case sentHome = 2
    /// Never brought the missing materials.
    case noMaterials = 3
}
