public import SimCore

/// The figures of one slot of the day (a kind of day × a time of day) at one window group, in one run.
public struct SlotCell: Sendable, Equatable {
    /// People who joined the queue in the slot: took a ticket or balked at it.
    public var joined = 0
    /// Of them, those who gave up (left the queue, balked, sent home).
    public var abandoned = 0
    /// Of them, those who did not get a window at once: called after a wait, or gave up.
    public var delayed = 0
    /// The waits of those called, in ticks, in order of calling.
    public var waits: [Int64] = []
    /// Of them, those whose window service ended (completed, accepted for the back office, or
    /// stopped for missing materials), and their service ticks (from the call, or `serviceStarted`).
    public var served = 0
    public var work: Int64 = 0
    /// Staffed window-ticks in the slot (by the clock, over every day of its kind).
    public var staffed: Int64 = 0

    public init() {}
}

/// A case event sink for staffing: per window group, kind of day and slot of the day, the waits,
/// delays and abandonments of the people who joined the queue in that slot, the work they brought,
/// and the windows staffed. It folds a run's events as the KPI projection does, but attributes a
/// wait to the slot its case **arrived** in (what a slot's staffing must answer for), at slots of
/// 15, 30 or 60 minutes.
///
/// Memory: one cell per (group, kind of day, slot) holding its waits, and three integers per case id.
public struct SlotWaits: CaseEventSink, Sendable {
    public let slotTicks: Int64
    public let slotsPerDay: Int
    public let groupCount: Int
    let days: DayTypeTable
    /// Cells at `(group × 3 + kind of day) × slotsPerDay + slot`.
    public private(set) var cells: [SlotCell]
    /// Per case id: the cell of the queue it is in (-1: none), and of its last call (for its service time).
    var queued: [Int32] = []
    var calledIn: [Int32] = []
    /// Per case id: when its service at the window began (-1: not at a window).
    var startedAt: [Int64] = []
    /// Per group: windows staffed now, and since when.
    var level: [Int64]
    var since: [Int64]
    /// When the run ended.
    public private(set) var end: SimTime = .zero

    public init(catalog: Catalog, slotSeconds: Int) {
        precondition(slotSeconds > 0 && 86_400 % slotSeconds == 0, "a slot divides the day")
        slotTicks = SimTime.seconds(Double(slotSeconds)).ticks
        slotsPerDay = 86_400 / slotSeconds
        groupCount = catalog.groups.count
        days = DayTypeTable(catalog.calendar)
        cells = Array(repeating: SlotCell(), count: groupCount * 3 * slotsPerDay)
        level = Array(repeating: 0, count: groupCount)
        since = Array(repeating: 0, count: groupCount)
    }

    /// The cell of group `g` at `t`.
    public func cell(group g: Int, at t: SimTime) -> Int {
        let day = Int(t.ticks / ServiceCalendar.dayTicks)
        let type = Int(days.dayType(epochDay: days.startEpochDay + day).rawValue)
        let slot = Int((t.ticks % ServiceCalendar.dayTicks) / slotTicks)
        return (g * 3 + type) * slotsPerDay + slot
    }

    /// The cell index of group `g`, kind of day `type`, slot `slot`.
    public func cell(group g: Int, type: DayType, slot: Int) -> Int { (g * 3 + Int(type.rawValue)) * slotsPerDay + slot }

    /// Days of each kind (by `DayType.rawValue`) the run covered, counting a day it ended in.
    public var dayCounts: [Int] {
        var counts = [0, 0, 0]
        let n = Int((end.ticks + ServiceCalendar.dayTicks - 1) / ServiceCalendar.dayTicks)
        for d in 0 ..< max(1, n) { counts[Int(days.dayType(epochDay: days.startEpochDay + d).rawValue)] += 1 }
        return counts
    }

    public mutating func record(_ e: CaseEvent) {
        let id = Int(e.caseID)
        switch e.kind {
        case .ticketIssued:
            let c = cell(group: Int(e.group), at: e.time)
            grow(to: id)
            queued[id] = Int32(c)
            cells[c].joined += 1
        case .called:
            guard id < queued.count, queued[id] >= 0 else { return }
            let c = Int(queued[id])
            queued[id] = -1
            calledIn[id] = Int32(c)
            startedAt[id] = e.time.ticks
            cells[c].waits.append(e.value)
            if e.value > 0 { cells[c].delayed += 1 }
        case .abandoned:
            if id < queued.count, queued[id] >= 0 {
                let c = Int(queued[id])
                queued[id] = -1
                cells[c].abandoned += 1
                cells[c].delayed += 1
            } else if e.window == AbandonReason.balked.rawValue, Int(e.group) < groupCount {
                let c = cell(group: Int(e.group), at: e.time)
                cells[c].joined += 1
                cells[c].abandoned += 1
                cells[c].delayed += 1
            }
        case .serviceStarted:
            // Where people walk up after the call, service begins when they reach the window.
            guard id < calledIn.count, calledIn[id] >= 0 else { return }
            startedAt[id] = e.time.ticks
        case .serviceCompleted, .accepted, .materialsRequested:
            // A window visit ends: completed, accepted for the back office, or stopped for missing materials.
            guard id < calledIn.count, calledIn[id] >= 0, startedAt[id] >= 0 else { return }
            cells[Int(calledIn[id])].work += e.time.ticks - startedAt[id]
            cells[Int(calledIn[id])].served += 1
            calledIn[id] = -1
            startedAt[id] = -1
        case .staffingChanged:
            let g = Int(e.group)
            guard g < groupCount else { return }
            spread(g, to: e.time.ticks)
            level[g] = e.value
        case .runEnded:
            for g in 0 ..< groupCount { spread(g, to: e.time.ticks) }
            end = e.time
        default:
            return
        }
    }

    mutating func grow(to id: Int) {
        while queued.count <= id {
            queued.append(-1)
            calledIn.append(-1)
            startedAt.append(-1)
        }
    }

    /// Adds group `g`'s staffed windows from `since[g]` to `t`, split at slot boundaries.
    mutating func spread(_ g: Int, to t: Int64) {
        var from = since[g]
        since[g] = t
        guard level[g] > 0 else { return }
        while from < t {
            let next = min(t, (from / slotTicks + 1) * slotTicks)
            cells[cell(group: g, at: SimTime(ticks: from))].staffed += level[g] * (next - from)
            from = next
        }
    }
}
