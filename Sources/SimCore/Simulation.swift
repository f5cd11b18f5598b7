/// Reacts to the events of a simulation, scheduling new ones.
public protocol EventHandler: ~Copyable {
    associatedtype Event
    /// Handles `event`, due at `scheduler.now`.
    mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>)
}

/// A handler and its scheduler: the run loop.
///
/// Generic over the handler, so the loop is specialised for each model: no
/// boxing, existential or closure per event.
public struct Simulation<Handler: EventHandler & ~Copyable>: ~Copyable {
    public var handler: Handler
    public var scheduler: Scheduler<Handler.Event>
    /// The number of events handled so far.
    @inlinable public var eventsHandled: Int { handledCount }
    @usableFromInline var handledCount: Int = 0

    public init(handler: consuming Handler, capacity: Int = 64) {
        self.handler = handler
        scheduler = Scheduler(capacity: capacity)
    }

    /// The current simulated time.
    @inlinable public var now: SimTime { scheduler.now }

    /// Handles the next event, if any; returns whether there was one.
    @inlinable
    @discardableResult
    public mutating func step() -> Bool {
        guard let event = scheduler.next(notAfter: .never) else { return false }
        handler.handle(event, scheduler: &scheduler)
        handledCount &+= 1
        return true
    }

    /// Handles every event due no later than `limit`, then leaves the clock at `limit`
    /// (unless a handler called ``Scheduler/stop()``, `limit` is ``SimTime/never``, or
    /// `advancing` is false: a run continued in slices leaves the clock at its last event).
    /// - Returns: the number of events handled.
    @inlinable
    @discardableResult
    public mutating func run(until limit: SimTime = .never, advancing: Bool = true) -> Int {
        var handled = 0
        scheduler.stopRequested = false
        while let event = scheduler.next(notAfter: limit) {
            handler.handle(event, scheduler: &scheduler)
            handled &+= 1
            if scheduler.stopRequested { break }
        }
        handledCount &+= handled
        if advancing, !scheduler.stopRequested, limit != .never, scheduler.now < limit { scheduler.advance(to: limit) }
        return handled
    }
}
