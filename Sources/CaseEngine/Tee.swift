/// Sends every event to two sinks, in order: how a run feeds its projections and its log at once.
public struct Tee<First: CaseEventSink, Second: CaseEventSink>: CaseEventSink {
    public var first: First
    public var second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    @inlinable @inline(__always)
    public mutating func record(_ event: CaseEvent) {
        first.record(event)
        second.record(event)
    }

    @inlinable @inline(__always)
    public mutating func takeOwnership() {
        first.takeOwnership()
        second.takeOwnership()
    }

    @inlinable @inline(__always)
    public mutating func recordOwned(_ event: CaseEvent) {
        first.recordOwned(event)
        second.recordOwned(event)
    }
}
