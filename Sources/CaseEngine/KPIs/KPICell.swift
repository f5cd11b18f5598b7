/// The figures of one (window group, service, day type, hour of day): what a `kpis.csv` row is made of.
///
/// 128 bytes of counters, plus a ``WaitBuckets`` histogram (580 bytes) from the cell's first wait on.
struct KPICell {
    /// The (group, service) pair, as an index into ``KPIProjection/pairs``.
    var pair: Int32
    /// The day type and hour, as a ``HourSlots`` slot.
    var slot: Int32
    /// The first bucket of the cell's wait histogram in ``KPIProjection/cellWaits``, -1 before its first wait.
    var histogram: Int32 = -1
    var arrived = 0
    var ticketed = 0
    var called = 0
    var served = 0
    var abandoned = AbandonCounts()
    var withinTarget = 0
    /// Sum of waits, in ticks.
    var waitTotal: Int64 = 0
    /// Longest wait, in ticks.
    var waitMax: Int64 = 0
    /// Cases waiting, integrated over time (case-ticks).
    var queueArea: Int64 = 0
    /// Windows busy with this service, integrated over time (window-ticks).
    var busyArea: Int64 = 0

    init(pair: Int, slot: Int) {
        self.pair = Int32(pair)
        self.slot = Int32(slot)
    }

    /// Adds levels held over a span of time.
    @inline(__always)
    mutating func add(_ e: Elapsed) {
        queueArea &+= e.queue &* e.ticks
        busyArea &+= e.busy &* e.ticks
    }

    /// Counts a case that took a ticket.
    @inline(__always)
    mutating func join(after e: Elapsed) {
        add(e)
        arrived &+= 1
        ticketed &+= 1
    }

    /// Counts a window that finished serving.
    @inline(__always)
    mutating func serve(after e: Elapsed) {
        add(e)
        served &+= 1
    }

    /// Counts a person who gave up with reason `raw`; one who `balked` had not joined the queue yet.
    mutating func abandon(reason raw: UInt16, balked: Bool, after e: Elapsed) {
        add(e)
        abandoned.add(reason: raw)
        if balked { arrived &+= 1 }
    }

    /// Counts a person called who did not come.
    mutating func noShow(after e: Elapsed) {
        add(e)
        abandoned.noShow &+= 1
    }

    /// Counts the wait of a case called in this cell, into its histogram in `pool` (which it has: `histogram >= 0`).
    @inline(__always)
    mutating func recordWait(_ wait: Int64, within: Bool, after e: Elapsed, into pool: FoldTable<UInt32>) {
        add(e)
        called &+= 1
        if within { withinTarget &+= 1 }
        waitTotal &+= wait
        if wait > waitMax { waitMax = wait }
        pool[Int(histogram) + WaitBuckets.index(wait)] &+= 1
    }
}

/// Levels a (group, service) pair held since its last event: cases waiting and windows busy over `ticks`.
struct Elapsed {
    var queue: Int64 = 0
    var busy: Int64 = 0
    var ticks: Int64 = 0
}
