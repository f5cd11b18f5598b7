import CaseEngine
import DequeModule
import SimCore

/// A task in a department's or the escalation desk's work list.
struct WorkItem {
    enum Kind: UInt8 {
        /// Decide case `record`.
        case decide
        /// Call the person back after a bad rating of case `caseID`.
        case callback
        /// Handle escalated case `record`.
        case escalation
    }

    var kind = Kind.decide
    var channel: CaseEvent.Channel = .none
    var service: UInt16 = 0
    var hall: UInt16 = 0
    var record: Int32 = -1
    var caseID: UInt32 = 0
    /// When the task was created (callbacks: the rating).
    var since: Int64 = 0
    /// Working time still needed, in ticks.
    var remaining: Int64 = 0
}

/// The desks of the back-office departments and the escalation desk, and their work lists.
///
/// Desks are the windows of department and escalation groups (``WindowGroups`` says who is on
/// duty). A task goes to a free desk at once or waits in its group's list, first in, first out.
/// Desks work only while their group is staffed: a desk that goes off duty in the middle of a task
/// puts it back at the front of the list with the work left, to be resumed next time.
struct BackOfficeDesks {
    /// What each desk (by global window index) works on, and when it ends (-1: idle).
    var items: [WorkItem]
    var ends: [EventID]
    var endTimes: [Int64]
    /// Work lists by group (empty for window groups; no lists at all when the network has no desks).
    var lists: [Deque<WorkItem>]

    /// Idle desks and empty lists for every group of `network`.
    init(_ network: HallNetwork) {
        items = Array(repeating: WorkItem(), count: network.windowCount)
        ends = Array(repeating: EventID(sequence: 0), count: network.windowCount)
        endTimes = Array(repeating: -1, count: network.windowCount)
        let hasDesks = network.groups.contains { $0.kind.rawValue >= Catalog.GroupKind.department.rawValue }
        lists = hasDesks ? Array(repeating: Deque(), count: network.groups.count) : []
    }

    /// Desk `w` starts `item`, due to end after its remaining work (never, if that is after the end of the clock).
    mutating func start(_ w: Int, _ item: WorkItem, _ scheduler: inout Scheduler<HallEvent>) {
        items[w] = item
        endTimes[w] = scheduler.now.ticks &+ item.remaining
        if let id = scheduler.scheduleUnlessPastEnd(.serviceEnd(window: Int32(w)), after: item.remaining) {
            ends[w] = id
        } else {
            endTimes[w] = Int64.max
        }
    }

    /// Desk `w` stops in the middle of its task: the task goes back to the front of group `g`'s list.
    /// - Returns: whether the desk was busy.
    mutating func interrupt(_ w: Int, group g: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard endTimes[w] >= 0 else { return false }
        if endTimes[w] != Int64.max { scheduler.cancel(ends[w]) }
        var item = items[w]
        item.remaining = max(0, endTimes[w] &- scheduler.now.ticks)
        lists[g].prepend(item)
        endTimes[w] = -1
        return true
    }

    /// Puts `item` at the end of group `g`'s work list.
    mutating func add(_ item: WorkItem, to g: Int) { lists[g].append(item) }

    /// The first task of group `g`'s work list, taken out of it.
    mutating func next(in g: Int) -> WorkItem? { lists[g].popFirst() }

    /// Desk `w` finished its task.
    mutating func finish(_ w: Int) -> WorkItem {
        endTimes[w] = -1
        return items[w]
    }

    /// Puts a task in group `g`'s work list, or on a free desk at once.
    mutating func enqueueWork<Sink: CaseEventSink>(
        _ g: Int, _ item: WorkItem, _ groups: inout WindowGroups, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) {
        if let w = groups.takeFree(g) {
            startWork(Int(w), group: g, item, &groups, &sink, &scheduler)
        } else {
            add(item, to: g)
        }
    }

    /// Desk `w` takes the next task of group `g`, if any.
    mutating func takeWork<Sink: CaseEventSink>(
        _ g: Int, _ w: Int, _ groups: inout WindowGroups, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) -> Bool {
        guard let item = next(in: g) else { return false }
        startWork(w, group: g, item, &groups, &sink, &scheduler)
        return true
    }

    /// Desk `w` of group `g` begins or resumes `item`: a `workStarted` event with the work left, then
    /// the desk is busy until the work is done or it goes off duty.
    mutating func startWork<Sink: CaseEventSink>(
        _ w: Int, group g: Int, _ item: WorkItem, _ groups: inout WindowGroups, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) {
        sink.recordOwned(CaseEvent(
            .workStarted, at: scheduler.now, case: item.caseID, hall: groups.groupHall[g], group: UInt16(g), service: item.service,
            window: groups.windowIndex(w, in: g), channel: item.channel, value: item.remaining
        ))
        start(w, item, &scheduler)
    }

    /// Staff on duty in group `g` (a department or the escalation desk, its desks `desks`) change to
    /// `count`. Desks that go off duty in the middle of a task put it back at the front of the work
    /// list with the work left; desks that come on duty take the next tasks.
    mutating func setStaffing<Sink: CaseEventSink>(
        _ g: Int, _ count: Int, desks: Range<Int>, _ groups: inout WindowGroups, _ sink: inout Sink,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        groups.setTarget(g, count, &sink, scheduler.now)
        groups.sendFreeOff(g, downTo: count)
        if groups[g].onDuty > count {
            // Busy desks stop: the highest-numbered first, their tasks back to the front in order.
            var w = desks.upperBound - 1
            while groups[g].onDuty > count, w >= desks.lowerBound {
                if interrupt(w, group: g, &scheduler) { groups.goOff(w, group: g) }
                w -= 1
            }
        }
        while groups[g].onDuty < count, let w = groups[g].off.popLast() {
            groups[g].onDuty &+= 1
            if !takeWork(g, Int(w), &groups, &sink, &scheduler) { groups[g].free.append(w) }
        }
    }

    /// Desk `w` of group `g`, its task done, goes off duty, takes the next task, or waits free.
    mutating func release<Sink: CaseEventSink>(
        _ w: Int, group g: Int, _ groups: inout WindowGroups, _ sink: inout Sink, _ scheduler: inout Scheduler<HallEvent>
    ) {
        if groups[g].onDuty > groups[g].target {
            groups.goOff(w, group: g)
        } else if !takeWork(g, w, &groups, &sink, &scheduler) {
            groups[g].free.append(Int32(w))
        }
    }
}
