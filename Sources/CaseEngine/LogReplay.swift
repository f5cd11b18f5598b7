import SimCore

/// Rebuilds every projection of a run from its event log alone, without simulating.
public enum LogReplay {
    /// What a replay rebuilt and how fast.
    public struct Result {
        public var kpis: KPIProjection
        public var cases: CaseStates
        /// Events read (all of them, the end marker included).
        public var events: Int
        /// The digest of what was read, which equals the digest the writer recorded.
        public var digest: String
        /// Wall-clock seconds spent reading and folding.
        public var wallSeconds: Double
        /// What was lost when the log ends in a torn tail (`nil` for a finished log).
        public var tail: TailReport?
    }

    /// Reads the log at `path`, verifying every block, checks every record's content and folds
    /// it into fresh projections.
    /// - Throws: ``EventLogError`` naming the segment and offset of any corruption, or
    ///   (reason `impossibleRecord`) of the first record no run can write (see ``RecordCheck``).
    ///
    /// `by` slices the KPIs (by day type unless asked); `date` keys cover the days up to the log's
    /// last event, found by a first pass over the log.
    /// The catalog of the log at `path` and the time of its last event, in ticks (a pass over the log).
    public static func extent(path: String) throws(EventLogError) -> (catalog: Catalog, lastTick: Int64) {
        var reader = try EventLogReader(path: path)
        var last: Int64 = 0
        while let e = try reader.next() { last = Swift.max(last, e.time.ticks) }
        return (reader.catalog, last)
    }

    public static func replay(path: String, by: KPISlices.By = .dayType, window: KPIWindow = .whole) throws(EventLogError) -> Result {
        var reader = try EventLogReader(path: path)
        var slices = KPISlices(by: by)
        if by == .date {
            var first = reader
            var last: Int64 = 0
            while let e = try first.next() { last = Swift.max(last, e.time.ticks) }
            slices.days = Int(last / ServiceCalendar.dayTicks) + 1
        }
        var sink = RecordCheck(Tee(KPIProjection(catalog: reader.catalog, slices: slices, window: window), CaseStates()), catalog: reader.catalog)
        let clock = ContinuousClock()
        let started = clock.now
        let events = try feed(&reader, into: &sink)
        if let problem = sink.problem {
            throw EventLogError(
                .impossibleRecord, path: path, segment: reader.segment(ofEvent: problem.index),
                offset: reader.offset(ofEvent: problem.index), "event \(problem.index): \(problem.message)")
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let folded = sink.inner
        return Result(kpis: folded.first, cases: folded.second, events: events, digest: reader.digest, wallSeconds: seconds, tail: reader.tail)
    }

    /// ``EventLogReader/replay(into:)`` written out for the checks: with the sink's type known here,
    /// its `record` (always inlined) joins the loop. Measured against calling `replay(into:)` (even
    /// marked always-inline): the gate's `CaseEngine.replay` 394.3 against 404.4 instructions an event.
    /// - Returns: the number of events read.
    static func feed(_ reader: inout EventLogReader, into sink: inout RecordCheck) throws(EventLogError) -> Int {
        var count = 0
        while try reader.loadBlock() {
            var p = reader.cursor
            let end = reader.blockEnd
            count &+= (end - p) / EventLog.recordSize
            while p != end {
                sink.record(EventLog.decode(p, kinds: reader.kinds))
                p += EventLog.recordSize
            }
            reader.cursor = end
        }
        return count
    }
}

/// Checks each event's content before the projections fold it, and stops folding at the first
/// event no run can write: a time before zero, before the previous event or past the calendar's
/// last day (9999-12-31); a negative wait, service time or time since a rating, or one longer than
/// the time since the run started; a staffing level below zero; desk work (`workStarted`) at a group
/// that is not a department or an escalation desk, at a desk it does not have, or of negative length; an event that does not fit its
/// case's lifecycle; a window group with more cases at its windows than it has windows, or fewer
/// than none waiting. Checksums prove only that a log is what a writer wrote; these prove that what
/// was written can be folded (a forged or buggy log is refused with its position, never trapped on).
struct RecordCheck: CaseEventSink {
    var inner: Tee<KPIProjection, CaseStates>
    /// The first impossible event: its index (from 0) and what is wrong.
    var problem: (index: Int, message: String)?
    var index = 0
    var bounds: RecordBounds
    let servers: [Int64]

    init(_ inner: Tee<KPIProjection, CaseStates>, catalog: Catalog) {
        self.inner = inner
        bounds = RecordBounds(catalog: catalog)
        servers = catalog.groups.map { Int64($0.servers) }
    }

    /// Checks `e` and folds it, or notes it as the first impossible event.
    /// Always inlined into the reader's loop, with the case states' fold: the replay's per-event path
    /// is then one function, which saves the calls' frames and argument shuffles on every event.
    @inline(__always)
    mutating func record(_ e: CaseEvent) {
        guard problem == nil else { return }
        if let message = bounds.admit(e) {
            problem = (index, message)
            return
        }
        inner.second.record(e)
        if let misfit = inner.second.misfit {
            problem = (index, "does not fit its case: \(misfit.error)")
            return
        }
        inner.first.record(e)
        // A group's windows get more cases than they have only by a call, and its queue falls below
        // zero only when a case leaves it (called, abandoned, escalated, uncollected): the fold
        // changes a group's levels by no other kind (GroupFigures, KPIProjection+Events), so only
        // these kinds can be the first to break them.
        let g = Int(e.group)
        let movesDown = e.kind == .called || e.kind == .abandoned || e.kind == .escalated || e.kind == .uncollected
        if movesDown, g < servers.count, inner.first.groupTable.indices.contains(g) {
            let busy = inner.first.groupTable[g].busy.level
            let queue = inner.first.groupTable[g].queue.level
            if busy > servers[g] {
                problem = (index, "group \(g) has \(busy) cases at its \(servers[g]) windows")
            } else if queue < 0 {
                problem = (index, "group \(g) has \(queue) cases waiting")
            }
        }
        index += 1
    }

}

/// What one event may hold on its own, whatever its case: the part of ``RecordCheck`` that needs
/// only the catalog and the previous event's time (kept apart so that checking an event touches
/// this small value alone, not the projections). Public so that a writer that takes events from
/// outside (the case service) refuses at once what a replay of its log would refuse.
public struct RecordBounds: Sendable {
    /// The end of the calendar's last day, in ticks.
    public let latest: Int64
    /// The time of the previous event admitted.
    var last: Int64 = 0
    let groups: [Catalog.Group]

    /// The bounds of a log of `catalog`.
    public init(catalog: Catalog) {
        let lastDay = CalendarDate(year: 9999, month: 12, day: 31)!.epochDay
        latest = Int64(lastDay - catalog.calendar.start.epochDay + 1) * 86_400_000_000
        groups = catalog.groups
    }

    /// Takes `e` as the latest event when it is possible on its own; otherwise says what makes it impossible.
    @inline(__always)
    mutating func admit(_ e: CaseEvent) -> String? {
        let t = e.time.ticks
        // Most events are settled here: in time order, within the calendar, with a value in
        // 0 ... t (all a wait, service time or time since a rating may be), and not desk work or a
        // staffing level, whose values mean something else. The rest take the full check.
        let plain = t >= last && t <= latest && e.value >= 0 && e.value <= t && e.kind != .workStarted && e.kind != .staffingChanged
        if !plain, let message = impossibility(e) { return message }
        last = t
        return nil
    }

    /// What makes `e` impossible on its own, or `nil`.
    public func impossibility(_ e: CaseEvent) -> String? {
        let t = e.time.ticks
        if t < 0 || t > latest { return "time \(t) µs is outside the run (0 to the calendar's last day, \(latest) µs)" }
        if t < last { return "time \(t) µs is before the previous event's (\(last) µs)" }
        let what: String
        switch e.kind {
        case .called, .rated: what = "wait"
        case .serviceCompleted: what = "service time"
        case .callbackDone: what = "time since the rating"
        case .staffingChanged:
            return e.value < 0 ? "a staffing level of \(e.value) windows" : nil
        case .workStarted:
            let g = Int(e.group)
            guard g < groups.count, groups[g].kind.isDesk else {
                return "desk work at group \(g), which is not a department or an escalation desk"
            }
            if Int(e.window) >= groups[g].servers { return "desk work at desk \(e.window) of group \(g), which has \(groups[g].servers) desks" }
            return e.value < 0 ? "a work time of \(e.value) µs" : nil
        default: return nil
        }
        if e.value < 0 || e.value > t { return "a \(what) of \(e.value) µs at time \(t) µs (it must lie between 0 and the time since the start)" }
        return nil
    }
}
