extension KPIProjection {
    /// Where one (group, service) pair stands: its levels and the cell of the hour it was last touched in.
    struct Pair {
        var group: Int32
        var service: Int32
        /// The absolute hour of `cell`, -1 before the first event.
        var hour: Int64 = -1
        var cell: Int32 = -1
        /// When the levels were last integrated, in ticks.
        var since: Int64 = 0
        /// Cases of this service waiting in the group's queue.
        var queue: Int64 = 0
        /// The group's windows busy with this service.
        var busy: Int64 = 0

        /// Changes the levels at `t` (integrated up to it already).
        @inline(__always)
        mutating func change(queue dq: Int64, busy db: Int64, at t: Int64) {
            queue &+= dq
            busy &+= db
            if t > since { since = t }
        }
    }
}
