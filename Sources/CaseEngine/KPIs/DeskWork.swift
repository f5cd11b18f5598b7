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
/// Memory: one entry per desk at work and two integers per (desk group, slot); nothing for a
/// catalog without desk groups, and nothing grows with the horizon or with a group's staff (a
/// log's catalog may name any staff count, so nothing is allocated per desk that never works).
struct DeskWork: Sendable {
    /// A desk at work: its number within its group, when its current task began, and when it is due to end.
    struct Task: Sendable {
        var desk: Int32
        var start: Int64
        var end: Int64
    }

    /// Per group: its desks, 0 for a group that is not a department or the escalation desk.
    let size: [Int32]
    /// Per desk group: its desks at work, in ascending desk order (empty for other groups).
    var atWork: [[Task]]
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
        size = []
        atWork = []
        onDuty = []
        busyArea = []
        finished = []
        slots = 0
    }

    /// The desks of every department and escalation group of `catalog`.
    init(catalog: Catalog, slots: Int) {
        self.slots = slots
        let hasDesks = catalog.groups.contains { $0.kind.isDesk }
        let groups = hasDesks ? catalog.groups.count : 0
        self.size = hasDesks ? catalog.groups.map { $0.kind.isDesk ? Int32(clamping: $0.servers) : 0 } : []
        atWork = Array(repeating: [], count: groups)
        onDuty = hasDesks ? catalog.groups.map { Int64($0.servers) } : []
        busyArea = Array(repeating: 0, count: groups * slots)
        finished = Array(repeating: 0, count: groups * slots)
    }

    /// Whether group `g` is a desk group of this projection.
    @inline(__always)
    func isDesk(_ g: Int) -> Bool { g < size.count && size[g] > 0 }

    /// Desk `window` of group `g` began or resumed a task needing `work` ticks at `t`.
    /// - Complexity: O(desks of the group at work).
    mutating func start(group g: Int, window: Int, work: Int64, at t: Int64, hours: inout HourSlots) {
        guard isDesk(g), window < Int(size[g]) else { return }
        let desk = Int32(window)
        let i = atWork[g].firstIndex { $0.desk >= desk } ?? atWork[g].count
        if i < atWork[g].count, atWork[g][i].desk == desk { close(i, group: g, at: t, hours: &hours) }
        let end = t.addingReportingOverflow(Swift.max(0, work)).overflow ? .max : t + Swift.max(0, work)
        atWork[g].insert(Task(desk: desk, start: t, end: end), at: i)
        stopBeyondDuty(g, at: t, sparing: desk, hours: &hours)
    }

    /// Group `g`'s desks on duty changed to `count` at `t`.
    mutating func changeDuty(group g: Int, to count: Int64, at t: Int64, hours: inout HourSlots) {
        guard isDesk(g) else { return }
        onDuty[g] = count
        stopBeyondDuty(g, at: t, sparing: -1, hours: &hours)
    }

    /// Closes the tasks of `g` that ended by `t`, then stops the highest-numbered desks still at
    /// work (but `spared`) until no more are at work than on duty.
    mutating func stopBeyondDuty(_ g: Int, at t: Int64, sparing spared: Int32, hours: inout HourSlots) {
        var i = 0
        while i < atWork[g].count {
            if atWork[g][i].end > t { i += 1 } else { close(i, group: g, at: t, hours: &hours) }
        }
        i = atWork[g].count - 1
        while atWork[g].count > onDuty[g], i >= 0 {
            if atWork[g][i].desk != spared { close(i, group: g, at: t, hours: &hours) }
            i -= 1
        }
    }

    /// Ends the interval of the `i`-th desk at work in `g` at `t` or at its task's end, whichever
    /// is first, and takes it off the desks at work; a task that reached its end is finished.
    mutating func close(_ i: Int, group g: Int, at t: Int64, hours: inout HourSlots) {
        let task = atWork[g].remove(at: i)
        let end = Swift.min(t, task.end)
        let base = g * slots
        HourSlots.forEachHour(from: Swift.max(task.start, window.start), to: Swift.min(end, window.end)) { h, ticks in
            busyArea[base + hours.slot(ofHour: h)] &+= ticks
        }
        if task.end <= t, window.contains(task.end) { finished[base + hours.slot(ofHour: task.end / HourSlots.hourTicks)] &+= 1 }
    }

    /// Closes every interval at `t`: busy time up to it; tasks due by then are finished.
    mutating func settle(at t: Int64, hours: inout HourSlots) {
        for g in atWork.indices {
            while !atWork[g].isEmpty { close(0, group: g, at: t, hours: &hours) }
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
