public import SimCore

/// The figures of one slot of the day (a class of days × a time of day) at one window group, in one run.
public struct SlotCell: Sendable, Equatable {
    /// People who joined the queue in the slot (took a ticket or balked at it), over every day.
    public var joined: Int { days.reduce(0) { $0 + Int($1.joined) } }
    /// The waits of those called, in ticks, in order of calling.
    public var waits: [Int64] = []
    /// Of them, those whose window service ended (completed, accepted for the back office, or
    /// stopped for missing materials), and their service ticks (from the call, or `serviceStarted`).
    public var served = 0
    public var work: Int64 = 0
    /// Staffed window-ticks in the slot (by the clock, over every day of its class).
    public var staffed: Int64 = 0
    /// The slot's counts day by day (days without anyone joining left out), so that intervals can
    /// treat days as the observations: a slot 24 hours from the next is all but independent of it.
    public var days: [SlotDay] = []

    public init() {}

    /// The entry of day `day`, added when missing (days come in order, so it is nearly always the last).
    mutating func entry(_ day: Int32) -> Int {
        var i = days.count - 1
        while i >= 0, days[i].day > day { i -= 1 }
        if i >= 0, days[i].day == day { return i }
        days.insert(SlotDay(day: day), at: i + 1)
        return i + 1
    }
}

/// One day's counts of a slot (``SlotCell``): those who joined, gave up, were delayed and called,
/// their waits' sum and how many waited at most the threshold ``SlotWaits/withinTicks``.
public struct SlotDay: Sendable, Equatable {
    public var day: Int32
    public var joined: Int32 = 0
    public var abandoned: Int32 = 0
    public var delayed: Int32 = 0
    public var called: Int32 = 0
    public var within: Int32 = 0
    public var waitTicks: Int64 = 0

    public init(day: Int32) { self.day = day }
}

/// A case event sink for staffing: per window group, class of days and slot of the day, the waits,
/// delays and abandonments of the people who joined the queue in that slot, the work they brought,
/// and the windows staffed. It folds a run's events as the KPI projection does, but attributes a
/// wait to the slot its case **arrived** in (what a slot's staffing must answer for), at slots of
/// 15, 30 or 60 minutes. Days fall in classes by their kind alone, or also by weekday or month
/// (``DayPartition``).
///
/// Memory: one cell per (group, class of days, slot) holding its waits and its days' counts, and four
/// integers per case id.
public struct SlotWaits: CaseEventSink, Sendable {
    public let slotTicks: Int64
    public let slotsPerDay: Int
    public let groupCount: Int
    let days: DayTypeTable
    /// How days fall in classes.
    public let partition: DayPartition
    /// Cells at `(group × classes + class) × slotsPerDay + slot`.
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
    /// Waits at most this long count as ``SlotDay/within`` (a service level's threshold).
    public let withinTicks: Int64
    /// Per case id: the day (from the run's start) it joined its queue.
    var queuedDay: [Int32] = []

    public init(catalog: Catalog, slotSeconds: Int, withinTicks: Int64 = 0, partition: DayPartition = .dayType) {
        self.partition = partition
        self.withinTicks = withinTicks
        precondition(slotSeconds > 0 && 86_400 % slotSeconds == 0, "a slot divides the day")
        slotTicks = SimTime.seconds(Double(slotSeconds)).ticks
        slotsPerDay = 86_400 / slotSeconds
        groupCount = catalog.groups.count
        days = DayTypeTable(catalog.calendar)
        cells = Array(repeating: SlotCell(), count: groupCount * partition.classCount * slotsPerDay)
        level = Array(repeating: 0, count: groupCount)
        since = Array(repeating: 0, count: groupCount)
    }

    /// The cell of group `g` at `t`.
    public func cell(group g: Int, at t: SimTime) -> Int {
        let day = Int(t.ticks / ServiceCalendar.dayTicks)
        let slot = Int((t.ticks % ServiceCalendar.dayTicks) / slotTicks)
        return (g * partition.classCount + dayClass(day)) * slotsPerDay + slot
    }

    /// The class of day `day` (from the run's start).
    func dayClass(_ day: Int) -> Int {
        let epochDay = days.startEpochDay + day
        let type = days.dayType(epochDay: epochDay)
        return partition == .dayType ? Int(type.rawValue) : partition.index(of: CalendarDate(epochDay: epochDay), type: type)
    }

    /// The cell index of group `g`, class of days `dayClass`, slot `slot`.
    public func cell(group g: Int, dayClass: Int, slot: Int) -> Int { (g * partition.classCount + dayClass) * slotsPerDay + slot }

    /// Days of each class the run covered, counting a day it ended in.
    public var dayCounts: [Int] {
        var counts = Array(repeating: 0, count: partition.classCount)
        let n = Int((end.ticks + ServiceCalendar.dayTicks - 1) / ServiceCalendar.dayTicks)
        for d in 0 ..< max(1, n) { counts[dayClass(d)] += 1 }
        return counts
    }

    public mutating func record(_ e: CaseEvent) {
        let id = Int(e.caseID)
        switch e.kind {
        case .ticketIssued:
            let c = cell(group: Int(e.group), at: e.time)
            grow(to: id)
            queued[id] = Int32(c)
            let day = Self.day(e.time)
            queuedDay[id] = day
            cells[c].days[cells[c].entry(day)].joined += 1
        case .called:
            guard id < queued.count, queued[id] >= 0 else { return }
            let c = Int(queued[id])
            queued[id] = -1
            calledIn[id] = Int32(c)
            startedAt[id] = e.time.ticks
            cells[c].waits.append(e.value)
            let d = cells[c].entry(queuedDay[id])
            cells[c].days[d].called += 1
            cells[c].days[d].waitTicks += e.value
            if e.value > 0 { cells[c].days[d].delayed += 1 }
            if e.value <= withinTicks { cells[c].days[d].within += 1 }
        case .abandoned:
            if id < queued.count, queued[id] >= 0 {
                let c = Int(queued[id])
                queued[id] = -1
                let d = cells[c].entry(queuedDay[id])
                cells[c].days[d].abandoned += 1
                cells[c].days[d].delayed += 1
            } else if e.window == AbandonReason.balked.rawValue, Int(e.group) < groupCount {
                let c = cell(group: Int(e.group), at: e.time)
                let d = cells[c].entry(Self.day(e.time))
                cells[c].days[d].joined += 1
                cells[c].days[d].abandoned += 1
                cells[c].days[d].delayed += 1
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

    /// The day of `t`, from the run's start.
    static func day(_ t: SimTime) -> Int32 { Int32(truncatingIfNeeded: t.ticks / ServiceCalendar.dayTicks) }

    mutating func grow(to id: Int) {
        while queued.count <= id {
            queued.append(-1)
            queuedDay.append(0)
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
