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
}
