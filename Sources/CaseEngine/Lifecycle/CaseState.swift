public import SimCore

/// Where one open case stands: its phase, where it is, and since when.
///
/// A ``CaseBook`` holds one of these per open case; it is the fold of the
/// case's events so far.
public struct CaseState: Sendable, Equatable {
    /// A step of the case lifecycle.
    ///
    /// Raw values are written into events' `value` (the phase a case left) and
    /// so belong to the log format: never renumber them.
    public enum Phase: UInt8, Sendable, CaseIterable {
        /// Submitted: in the hall without a ticket yet, or received from a remote channel.
        case submitted = 1
        /// Holding a ticket in a window group's queue.
        case queued = 2
        /// Called to a window.
        case called = 3
        /// Being served at a window.
        case inService = 4
        /// Accepted for handling, not yet with a department.
        case accepted = 5
        /// With a back-office department.
        case inBackOffice = 6
        /// Waiting for missing materials.
        case materialsRequested = 7
        /// Approved, result not ready yet.
        case approved = 8
        /// Rejected, decision document not ready yet.
        case rejected = 9
        /// Result ready to hand over.
        case resultReady = 10
        /// Result sent.
        case delivered = 11
        /// Result picked up.
        case pickedUp = 12
        /// Escalated to the "couldn't get it done" window or supervision.
        case escalated = 13
        /// Finished: served on the spot, or closed after its result or escalation.
        case closed = 14
        /// Given up by the person.
        case abandoned = 15
        /// The person did not come when called or at the booked slot.
        case noShow = 16
        /// Handed to a body outside the network.
        case transferred = 17

        /// Whether the case is over; a book drops a case once it reaches such a phase.
        @inlinable public var isTerminal: Bool { rawValue >= Phase.closed.rawValue }
    }

    /// The back office's decision so far.
    public enum Decision: UInt8, Sendable {
        case pending = 0
        case approved = 1
        case rejected = 2
    }

    /// The current phase; never terminal while the case is in a book.
    public internal(set) var phase: Phase
    /// The channel the case came in by.
    public internal(set) var channel: CaseEvent.Channel
    /// The back office's decision, kept after the result is ready.
    public internal(set) var decision: Decision
    /// The phase a resubmission returns to; meaningful while materials are requested.
    public internal(set) var resumes: Phase
    /// The hall the case is at, or whose back office has it.
    public internal(set) var hall: UInt16
    /// The window group while at the hall floor; the department in the back office.
    public internal(set) var group: UInt16
    /// The window within its group while called or in service (and kept by the case accepted there).
    public internal(set) var window: UInt16
    /// The service, as an index into ``Catalog/services``.
    public internal(set) var service: UInt16
    /// When the case was submitted.
    public internal(set) var submittedAt: SimTime
    /// When the case entered its current phase.
    public internal(set) var since: SimTime

    /// The state a `.submitted` event creates.
    init(submitted e: CaseEvent) {
        phase = .submitted
        channel = e.channel
        decision = .pending
        resumes = .submitted
        hall = e.hall
        group = 0
        window = 0
        service = e.service
        submittedAt = e.time
        since = e.time
    }
}
