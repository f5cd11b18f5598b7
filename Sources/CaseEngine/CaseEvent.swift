public import SimCore

/// One thing that happened to a case, stamped with simulated time.
///
/// A fixed-size value of 32 bytes: the log stores these records as they are,
/// and every KPI is a fold over them. Which fields carry meaning depends on
/// ``kind``; the others are zero. Indices refer to the run's ``Catalog``.
public struct CaseEvent: Sendable, Equatable {
    /// When it happened.
    public var time: SimTime
    /// A kind-specific quantity in ticks: the wait for `.called`, the service time for `.serviceCompleted`.
    public var value: Int64
    /// The case, numbered from 0 in order of arrival.
    public var caseID: UInt32
    /// The hall, as an index into ``Catalog/halls``.
    public var hall: UInt16
    /// The window group, as an index into ``Catalog/groups``.
    public var group: UInt16
    /// The service, as an index into ``Catalog/services``.
    public var service: UInt16
    /// The window within its group, from 0.
    public var window: UInt16
    public var kind: Kind
    /// The channel the case came in by.
    public var channel: Channel
    @usableFromInline var reserved: UInt16 = 0

    /// What happened.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// A case was submitted (a walk-in entered the hall).
        case submitted = 1
        /// The case took a ticket and joined a window group's queue.
        case ticketIssued = 2
        /// A window called the case; `value` is the wait in ticks.
        case called = 3
        /// The window finished serving the case; `value` is the service time in ticks.
        case serviceCompleted = 4
        /// The run ended here: no case event follows.
        case runEnded = 255
    }

    /// How a case came in.
    public enum Channel: UInt8, Sendable, CaseIterable {
        case none = 0
        case walkIn = 1
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
public protocol CaseEventSink {
    /// Takes one event; events arrive in time order.
    mutating func record(_ event: CaseEvent)
}
