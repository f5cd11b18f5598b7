/// A sink that keeps every event in memory, in order: the in-memory twin of the event log.
public struct EventBuffer: CaseEventSink {
    public private(set) var events: [CaseEvent] = []

    public init(capacity: Int = 0) { events.reserveCapacity(capacity) }

    @inlinable
    public mutating func record(_ event: CaseEvent) { append(event) }

    @usableFromInline
    mutating func append(_ event: CaseEvent) { events.append(event) }
}
