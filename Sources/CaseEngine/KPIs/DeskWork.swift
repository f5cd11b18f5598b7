/// The desks of back-office departments and of the escalation desk at work, folded from
/// `workStarted` and `staffingChanged`: busy desk-ticks and tasks finished per group and hour slot.
///
/// A `workStarted` event says which desk (`group`, `window`) began or resumed a task and how
/// much work it still needs (`value`), so the desk is busy from then until the work is done —
/// unless staffing drops below the desks at work first: then, as on the floor, the
/// highest-numbered busy desks stop at that moment and their tasks go back to the work list
/// (to be resumed by a later `workStarted`). Nothing else ends desk work, so busy time needs no
/// event at the end of a task. Intervals are closed lazily: at the desk's next start, when
/// staffing drops, or when the projection settles; a task still running at the end of the run
/// counts up to it and is not finished.
///
/// Memory: two integers per desk and two per (desk group, slot); nothing for a catalog without
/// desk groups, and nothing grows with the horizon.
struct DeskWork: Sendable {
    /// Per group: its first desk in `starts`/`ends`, -1 for a group that is not a department or the escalation desk.
    let first: [Int32]
    /// Per group: its desks.
    let size: [Int32]
    /// Per desk: when its current task began and when it is due to end, -1 while idle.
    var starts: [Int64]
    var ends: [Int64]
    /// Per desk group: desks on duty, as the last `staffingChanged` set them (all before any).
    var onDuty: [Int64]
    /// Slots per group (``HourSlots/count``).
    let slots: Int
    /// Busy desk-ticks per (group, slot), at `group * slots + slot` (empty without desk groups).
    var busyArea: [Int64]
    /// Tasks finished per (group, slot), counted in the slot of the moment they finished.
    var finished: [Int]
    /// The span figures cover: busy time is counted inside it, tasks finished inside it.
    var window = KPIWindow.whole

    /// No desks: what a catalog without departments or an escalation desk gets (allocates nothing).
    init() {
        first = []
        size = []
        starts = []
        ends = []
        onDuty = []
        busyArea = []
        finished = []
        slots = 0
    }

    /// The desks of every department and escalation group of `catalog`.
    init(catalog: Catalog, slots: Int) {
        self.slots = slots
        let hasDesks = catalog.groups.contains { $0.kind.isDesk }
        var first = [Int32](repeating: -1, count: hasDesks ? catalog.groups.count : 0)
        var desks = 0
        for (g, group) in catalog.groups.enumerated() where hasDesks && group.kind.isDesk {
            first[g] = Int32(desks)
            desks += group.servers
        }
        self.first = first
        size = hasDesks ? catalog.groups.map { Int32(clamping: $0.servers) } : []
        starts = Array(repeating: -1, count: desks)
        ends = starts
        onDuty = hasDesks ? catalog.groups.map { Int64($0.servers) } : []
        busyArea = Array(repeating: 0, count: first.count * slots)
        finished = Array(repeating: 0, count: first.count * slots)
    }

    /// Whether group `g` is a desk group of this projection.
    @inline(__always)
    func isDesk(_ g: Int) -> Bool { g < first.count && first[g] >= 0 }

    /// Desk `window` of group `g` began or resumed a task needing `work` ticks at `t`.
    /// - Complexity: O(desks of the group).
    mutating func start(group g: Int, window: Int, work: Int64, at t: Int64, hours: inout HourSlots) {
        guard isDesk(g), window < Int(size[g]) else { return }
        let d = Int(first[g]) + window
        if starts[d] >= 0 { close(d, group: g, at: t, hours: &hours) }
        starts[d] = t
        ends[d] = t.addingReportingOverflow(Swift.max(0, work)).overflow ? .max : t + Swift.max(0, work)
        stopBeyondDuty(g, at: t, sparing: d, hours: &hours)
    }

    /// Group `g`'s desks on duty changed to `count` at `t`.
    mutating func changeDuty(group g: Int, to count: Int64, at t: Int64, hours: inout HourSlots) {
        guard isDesk(g) else { return }
        onDuty[g] = count
        stopBeyondDuty(g, at: t, sparing: -1, hours: &hours)
    }

    /// Stops the highest-numbered desks of `g` still at work at `t` (but `spared`) until no more are at work than on duty.
    mutating func stopBeyondDuty(_ g: Int, at t: Int64, sparing spared: Int, hours: inout HourSlots) {
        let lower = Int(first[g])
        let upper = lower + Int(size[g])
        var busy: Int64 = 0
        for d in lower..<upper where starts[d] >= 0 {
            if ends[d] > t { busy += 1 } else { close(d, group: g, at: t, hours: &hours) }
        }
        var d = upper - 1
        while busy > onDuty[g], d >= lower {
            if d != spared, starts[d] >= 0 {
                close(d, group: g, at: t, hours: &hours)
                busy -= 1
            }
            d -= 1
        }
    }

    /// Ends desk `d`'s interval at `t` or at its task's end, whichever is first; a task that reached its end is finished.
    mutating func close(_ d: Int, group g: Int, at t: Int64, hours: inout HourSlots) {
        let start = starts[d]
        let due = ends[d]
        let end = Swift.min(t, due)
        starts[d] = -1
        ends[d] = -1
        let base = g * slots
        HourSlots.forEachHour(from: Swift.max(start, window.start), to: Swift.min(end, window.end)) { h, ticks in
            busyArea[base + hours.slot(ofHour: h)] &+= ticks
        }
        if due <= t, window.contains(due) { finished[base + hours.slot(ofHour: due / HourSlots.hourTicks)] &+= 1 }
    }

    /// Closes every interval at `t`: busy time up to it; tasks due by then are finished.
    mutating func settle(at t: Int64, hours: inout HourSlots) {
        for g in first.indices where first[g] >= 0 {
            for d in Int(first[g])..<(Int(first[g]) + Int(size[g])) where starts[d] >= 0 {
                close(d, group: g, at: t, hours: &hours)
            }
        }
    }

    /// Busy desk-ticks and tasks finished of group `g` over the whole run (zero for a group that is not a desk group).
    func totals(_ g: Int) -> (busy: Int64, finished: Int) {
        guard isDesk(g) else { return (0, 0) }
        let range = (g * slots)..<((g + 1) * slots)
        return (busyArea[range].reduce(0, &+), finished[range].reduce(0, +))
    }

    /// Busy desk-ticks and tasks finished of group `g` in `slot`.
    func slot(_ g: Int, _ slot: Int) -> (busy: Int64, finished: Int) {
        guard isDesk(g) else { return (0, 0) }
        return (busyArea[g * slots + slot], finished[g * slots + slot])
    }
}

extension Catalog.GroupKind {
    /// Whether groups of this kind are desks working through a work list (a department or the escalation desk), not a front desk.
    public var isDesk: Bool { self == .department || self == .escalation }
}
