import SimCore

extension Scheduler {
    /// Schedules `event` `ticks` from now, unless that falls after the end of the clock
    /// (``SimTime/end``): sampled durations can be that long, and such an event never happens.
    /// - Returns: the event's id, or `nil` when it was not scheduled.
    @inline(__always)
    @discardableResult
    mutating func scheduleUnlessPastEnd(_ event: Event, after ticks: Int64) -> EventID? {
        guard ticks <= SimTime.end.ticks &- now.ticks else { return nil }
        return schedule(event, after: SimTime(ticks: ticks))
    }
}

extension Distribution {
    /// A draw in ticks, `self` being in seconds: never negative, at most ``SimTime/end`` (a draw
    /// beyond the clock's range is after the end).
    @inline(__always)
    func sampleTicks(_ rng: inout RandomStream) -> Int64 {
        max(0, SimTime.clamped(seconds: sample(&rng)).ticks)
    }
}
