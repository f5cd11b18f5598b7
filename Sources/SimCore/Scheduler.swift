/// Identifies a scheduled event, so it can be cancelled.
public struct EventID: Hashable, Sendable {
    public var sequence: UInt64
    @inlinable public init(sequence: UInt64) { self.sequence = sequence }
}

/// The clock and the event queue of a simulation.
///
/// Handlers receive it `inout` to schedule and cancel events; the run loop
/// (``Simulation``) pops events from it in (time, scheduling order). It is
/// non-copyable: a run has exactly one clock and one queue.
/// Cancellation is lazy: a cancelled event stays queued and is skipped when it
/// reaches the front.
public struct Scheduler<Event>: ~Copyable {
    /// The current simulated time: the time of the event being handled.
    @inlinable public var now: SimTime { clock }
    @usableFromInline var clock: SimTime
    @usableFromInline var queue: EventQueue<Event>
    @usableFromInline var cancelled: Set<UInt64>
    @usableFromInline var stopRequested: Bool

    public init(capacity: Int = 64) {
        clock = .zero
        queue = EventQueue(capacity: capacity)
        cancelled = []
        stopRequested = false
    }

    /// The number of queued events, cancelled ones included until they are skipped.
    @inlinable public var pendingCount: Int { queue.count }

    /// Schedules `event` at the absolute time `time`, which must not be in the past. Inlined
    /// where it is called: a handler schedules an event or two for each it handles.
    /// - Complexity: O(log n).
    @inlinable @inline(__always)
    @discardableResult
    public mutating func schedule(_ event: Event, at time: SimTime) -> EventID {
        precondition(time >= now, "cannot schedule an event in the past")
        return EventID(sequence: queue.push(event, at: time))
    }

    /// Schedules `event` after `delay` from now.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: SimTime) -> EventID {
        schedule(event, at: now + delay)
    }

    /// Cancels a pending event: it will never be handled.
    ///
    /// The event must still be pending (scheduled, not yet handled, not yet
    /// cancelled); debug builds and the tests' build (`-D HALLSIM_CHECKS`, Makefile) check this.
    /// - Complexity: O(1); the entry is skipped when it reaches the front.
    public mutating func cancel(_ id: EventID) {
        #if DEBUG || HALLSIM_CHECKS
        precondition(queue.contains(sequence: id.sequence), "cancelled an event that is not pending")
        #endif
        cancelled.insert(id.sequence)
    }

    /// Moves the clock forward to `time` without handling anything.
    @inlinable
    public mutating func advance(to time: SimTime) {
        precondition(time >= clock, "the clock cannot run backwards")
        clock = time
    }

    /// Whether a handler asked the run loop to return (see ``stop()``).
    @inlinable public var isStopRequested: Bool { stopRequested }

    /// Asks the run loop to return after the current event.
    @inlinable
    public mutating func stop() { stopRequested = true }

    /// Removes the next live event due no later than `limit`, advances the clock to it and returns it.
    /// - Complexity: O(log n) amortised.
    @inlinable
    public mutating func next(notAfter limit: SimTime) -> Event? {
        while let entry = queue.pop(notAfter: limit) {
            if !cancelled.isEmpty, cancelled.remove(entry.sequence) != nil { continue }
            clock = entry.time
            return entry.event
        }
        return nil
    }
}
