/// One row of the KPI table: a cell, or a total over a group's services or over the day.
public struct KPIRow: Sendable, Equatable {
    /// The window group, as an index into ``Catalog/groups``.
    public var group: Int
    /// The service, as an index into ``Catalog/services``; `nil` on a row over all the group's services.
    public var service: Int?
    /// The day type, when the run is sliced by day type; `nil` on a row over the whole run or under another slicing.
    public var dayType: DayType?
    /// The slice's key as reports write it (a day type, weekday, month or date; see ``KPISlices``); `nil` on a row over the whole run.
    public var slice: String?
    /// The hour of the day (0–23); `nil` on a row over the whole run.
    public var hour: Int?
    public var figures: KPIFigures
}

/// One hourly row of a hall in the KPI table: all its front-desk groups together.
public struct KPIHallRow: Sendable, Equatable {
    /// The hall, as an index into ``Catalog/halls``.
    public var hall: Int
    /// Windows in its front-desk groups.
    public var servers: Int
    /// The day type, when the run is sliced by day type.
    public var dayType: DayType?
    /// The slice's key as reports write it.
    public var slice: String
    /// The hour of the day (0–23).
    public var hour: Int
    public var figures: KPIFigures
}

/// Sums of cells, with the histograms to merge when percentiles are asked for.
struct Tally {
    var active = false
    var arrived = 0
    var ticketed = 0
    var called = 0
    var served = 0
    var abandoned = AbandonCounts()
    var withinTarget = 0
    var waitTotal: Int64 = 0
    var waitMax: Int64 = 0
    var queue: Int64 = 0
    var busy: Int64 = 0
    /// Offsets of the cells' histograms in ``KPIProjection/cellWaits``: the first kept here (-1
    /// before any), the others in `moreHistograms` — a row of one cell, the most common, allocates
    /// nothing, and a tally ``reset()`` for reuse keeps the room its list has grown to.
    var firstHistogram = -1
    var moreHistograms: [Int] = []

    /// The number of histograms to merge.
    var histogramCount: Int { firstHistogram < 0 ? 0 : 1 + moreHistograms.count }

    mutating func addHistogram(_ offset: Int) {
        if firstHistogram < 0 { firstHistogram = offset } else { moreHistograms.append(offset) }
    }

    /// Empties the tally for reuse, keeping the room of its histogram list.
    mutating func reset() {
        var more: [Int] = []
        swap(&more, &moreHistograms)
        more.removeAll(keepingCapacity: true)
        self = Tally()
        moreHistograms = more
    }

    mutating func add(_ cell: KPICell) {
        active = true
        arrived += cell.arrived
        ticketed += cell.ticketed
        called += cell.called
        served += cell.served
        abandoned += cell.abandoned
        withinTarget += cell.withinTarget
        waitTotal &+= cell.waitTotal
        waitMax = Swift.max(waitMax, cell.waitMax)
        queue &+= cell.queueArea
        busy &+= cell.busyArea
        if cell.histogram >= 0 { addHistogram(Int(cell.histogram)) }
    }

    mutating func add(_ other: Tally) {
        active = active || other.active
        arrived += other.arrived
        ticketed += other.ticketed
        called += other.called
        served += other.served
        abandoned += other.abandoned
        withinTarget += other.withinTarget
        waitTotal &+= other.waitTotal
        waitMax = Swift.max(waitMax, other.waitMax)
        queue &+= other.queue
        busy &+= other.busy
        if other.firstHistogram >= 0 {
            addHistogram(other.firstHistogram)
            moreHistograms += other.moreHistograms
        }
    }
}
