extension KPIProjection {
    /// Figures of one window group.
    public struct GroupFigures: Sendable {
        /// Waits of the cases called; percentiles to two significant digits (1%).
        public var waits = WaitStatistics()
        /// Cases waiting in the group's queue.
        public var queue = StepLevel()
        /// Windows busy serving (from the call to the end of service).
        public var busy = StepLevel()
        /// Windows on shift, as the last `.staffingChanged` set them (all the group's windows before any).
        public internal(set) var onShift: Int64
        public var ticketed = 0
        public var served = 0
        /// Cases that came to the group: took a ticket, or balked at its queue.
        public var arrived = 0
        public var abandoned = AbandonCounts()
        /// Called cases whose wait was within the service-level target.
        public var withinTarget = 0
        /// Cases called while the group had no window on shift: served after closing ("extended hours").
        public var calledAfterClosing = 0
        /// Queue visits by kind: first visits, return visits, pick-ups.
        public var byVisit = VisitCounts()
        /// When the staffed level was last integrated, in ticks.
        var staffedSince: Int64 = 0
        /// The absolute hour (since time zero) `staffedSlot` belongs to, -1 before any.
        var staffedHour: Int64 = -1
        /// Index into ``KPILevels/staffedArea`` of `staffedHour`.
        var staffedSlot = 0

        /// A group of `servers` windows, its staffed level integrated from `since` (the figures' span start).
        init(servers: Int, since: Int64) {
            onShift = Int64(servers)
            staffedSince = since
        }

        /// Windows counted as staffed now: those on shift, or more while windows finish cases beyond their shift.
        public var staffedLevel: Int64 { Swift.max(onShift, busy.level) }

        /// A case took a ticket on its `visit`; it is counted when `counts` (its arrival is in the figures' span).
        @inline(__always)
        mutating func join(_ visit: CaseEvent.Visit, counts: Bool) {
            queue.change(by: 1)
            guard counts else { return }
            ticketed &+= 1
            arrived &+= 1
            byVisit.join(visit)
        }

        /// A case on its `visit` was called after waiting `wait` ticks; its wait is counted when `counts`.
        /// One called while no window is on shift counts as called after closing.
        @inline(__always)
        mutating func call(_ visit: CaseEvent.Visit, wait: Int64, within: Bool, counts: Bool) {
            queue.change(by: -1)
            busy.change(by: 1)
            guard counts else { return }
            if onShift == 0 { calledAfterClosing &+= 1 }
            waits.add(wait)
            if within { withinTarget &+= 1 }
            byVisit.call(visit, wait: wait)
        }

        /// A window finished serving; the case is counted when `counts`.
        @inline(__always)
        mutating func endService(counts: Bool) {
            if counts { served &+= 1 }
            busy.change(by: -1)
        }
    }
}
