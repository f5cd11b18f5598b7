import Histogram
import SimCore

/// The figures of a run at every level, computed from its ``KPIProjection``: per cell
/// (hall × window group × service × day type × hour of day), per (group, service), per
/// group, hall and tier, and for the whole run. docs/kpis.md defines each figure.
///
/// Levels are integrated up to the projection's clock first (see ``KPIProjection/settled()``).
/// Counts, time integrals and wait sums are exact integers, so a hall's figures are
/// exactly the sums of its groups', a tier's of its halls'.
public struct KPIReport: Sendable {
    /// The projection, every level integrated to its clock.
    public let projection: KPIProjection
    /// The start and end of the covered span, in ticks (the figures' window within the run).
    let start: Int64
    let end: Int64
    /// Ticks from `start` to `end`.
    var span: Int64 { end - start }
    /// Ticks covered by each slot: every hour of that day type and hour of day in the run.
    let covered: [Int64]
    /// Per group, over all its cells: busy window-ticks (a department's or escalation desk's: its
    /// desks' work, from `workStarted`), queue case-ticks and the sum of waits in ticks.
    let groupBusy: [Int64]
    let groupQueue: [Int64]
    let groupWaitTotal: [Int64]
    /// Per group: staffed window-ticks.
    let groupStaffed: [Int64]

    public init(_ projection: KPIProjection) {
        let p = projection.ended ? projection : projection.settled()
        self.projection = p
        end = p.window.clamp(Swift.max(0, p.clock.ticks))
        start = Swift.min(p.window.start, end)
        covered = p.hours.covered(from: start, until: end)
        var busy = Array(repeating: Int64(0), count: p.groupTable.count)
        var queue = busy
        var waitTotal = busy
        for cell in p.cells {
            let g = Int(p.pairs[Int(cell.pair)].group)
            busy[g] &+= cell.busyArea
            queue[g] &+= cell.queueArea
            waitTotal[g] &+= cell.waitTotal
        }
        for g in p.groupTable.indices where p.desks.isDesk(g) { busy[g] &+= p.desks.totals(g).busy }
        groupBusy = busy
        groupQueue = queue
        groupWaitTotal = waitTotal
        groupStaffed = p.groupTable.indices.map { g in
            p.staffedArea[(g * p.hours.count)..<((g + 1) * p.hours.count)].reduce(0, &+)
        }
    }

    public var catalog: Catalog { projection.catalog }

    /// Tier names in report order: city, county, town, village (those present), then others.
    public var tierNames: [String] { projection.tierNames }

    /// Seconds covered: from time zero (or the window's start) to the projection's clock (or the window's end).
    public var coveredSeconds: Double { seconds(span) }

    func seconds(_ ticks: Int64) -> Double { Double(ticks) / Double(SimTime.ticksPerSecond) }

    /// The share of `called` within the target, when the run has one.
    func serviceLevel(_ within: Int, of called: Int) -> Double? {
        guard catalog.serviceLevelTarget != nil, called > 0 else { return nil }
        return Double(within) / Double(called)
    }

    /// Fills the time-integrated figures of `f` from window-ticks busy and staffed and case-ticks waiting over `span` ticks.
    func setLevels(_ f: inout KPIFigures, busy: Int64, staffed: Int64, queue: Int64, span: Int64) {
        f.busyWindowSeconds = seconds(busy)
        f.staffedWindowSeconds = seconds(staffed)
        f.coveredSeconds = seconds(span)
        f.utilisation = staffed > 0 ? Double(busy) / Double(staffed) : 0
        f.queueMean = span > 0 ? Double(queue) / Double(span) : 0
        f.staffedMean = span > 0 ? Double(staffed) / Double(span) : 0
    }

    /// The figures of group `g` over the whole run; wait percentiles to two significant digits.
    /// A department's or escalation desk's `served` counts the tasks its desks finished.
    public func group(_ g: Int) -> KPIFigures {
        let figures = projection.groupTable[g]
        var f = KPIFigures()
        f.arrived = figures.arrived
        f.ticketed = figures.ticketed
        f.called = figures.waits.count
        f.served = figures.served + projection.desks.totals(g).finished
        f.abandoned = figures.abandoned
        f.withinTarget = figures.withinTarget
        f.waits = WaitSummary(figures.waits)
        f.serviceLevel = serviceLevel(f.withinTarget, of: f.called)
        setLevels(&f, busy: groupBusy[g], staffed: groupStaffed[g], queue: groupQueue[g], span: span)
        return f
    }

    /// The figures of the front-desk groups (windows and kiosks) among `groups`, with `arrived`,
    /// `returns` and `abandoned` left to the caller: departments and escalation desks report
    /// their own figures and do not dilute a hall's utilisation.
    func combined(_ allGroups: some Sequence<Int>, waits histogram: WaitStatistics) -> KPIFigures {
        let groups = allGroups.lazy.filter { !projection.desks.isDesk($0) }
        var f = KPIFigures()
        var waitTotal: Int64 = 0
        var busy: Int64 = 0
        var staffed: Int64 = 0
        var queue: Int64 = 0
        for g in groups {
            let figures = projection.groupTable[g]
            f.ticketed += figures.ticketed
            f.called += figures.waits.count
            f.served += figures.served
            f.withinTarget += figures.withinTarget
            f.waits.max = Swift.max(f.waits.max, figures.waits.maxSeconds)
            waitTotal &+= groupWaitTotal[g]
            busy &+= groupBusy[g]
            staffed &+= groupStaffed[g]
            queue &+= groupQueue[g]
        }
        f.waits.count = f.called
        f.waits.mean = f.called > 0 ? seconds(waitTotal) / Double(f.called) : 0
        f.waits.p50 = WaitStatistics.percentileSeconds(50, of: histogram.histogram)
        f.waits.p90 = WaitStatistics.percentileSeconds(90, of: histogram.histogram)
        f.waits.p99 = WaitStatistics.percentileSeconds(99, of: histogram.histogram)
        f.serviceLevel = serviceLevel(f.withinTarget, of: f.called)
        setLevels(&f, busy: busy, staffed: staffed, queue: queue, span: span)
        return f
    }

    /// The window groups of each hall, in catalog order.
    var groupsByHall: [[Int]] {
        var out = Array(repeating: [Int](), count: catalog.halls.count)
        for (g, group) in catalog.groups.enumerated() where out.indices.contains(group.hall) { out[group.hall].append(g) }
        return out
    }

    /// The figures of hall `h`, given its groups; wait percentiles merged from the groups' (two significant digits).
    func hall(_ h: Int, groups: [Int]) -> KPIFigures {
        var merged = WaitStatistics(significantDigits: .two)
        for g in groups { merged.mergeDistribution(projection.groupTable[g].waits) }
        var f = combined(groups, waits: merged)
        let counts = projection.halls[h]
        f.arrived = counts.arrived
        f.returns = counts.returns
        f.abandoned = counts.abandoned
        return f
    }

    /// The figures of every hall, in catalog order.
    public func halls() -> [KPIFigures] {
        zip(catalog.halls.indices, groupsByHall).map { hall($0, groups: $1) }
    }

    /// The figures of hall `h`.
    public func hall(_ h: Int) -> KPIFigures { hall(h, groups: groupsByHall[h]) }

    /// The figures of each tier, in ``tierNames`` order; wait percentiles merged from its groups' (two significant digits).
    public func tiers() -> [TierFigures] {
        tierNames.indices.map { t in
            let members = catalog.halls.indices.filter { projection.hallTier[$0] == t }
            let groups = catalog.groups.indices.filter { projection.groupTier[$0] == t }
            var waits = WaitStatistics(significantDigits: .two)
            for g in groups { waits.mergeDistribution(projection.groupTable[g].waits) }
            var f = combined(groups, waits: waits)
            for h in members {
                f.arrived += projection.halls[h].arrived
                f.returns += projection.halls[h].returns
                f.abandoned += projection.halls[h].abandoned
            }
            return TierFigures(tier: tierNames[t], halls: members.count, figures: f)
        }
    }

    /// The figures of the whole run; wait percentiles merged from every group's (two significant digits), with the batch-means interval.
    public var total: KPIFigures {
        let waits = projection.allWaits
        var f = combined(catalog.groups.indices, waits: waits)
        f.arrived = projection.submitted
        f.returns = projection.halls.reduce(0) { $0 + $1.returns }
        f.abandoned = projection.abandonedByReason
        f.waits = WaitSummary(waits)
        return f
    }
}

/// The figures of one tier of halls.
public struct TierFigures: Sendable, Equatable {
    public var tier: String
    /// Halls in the tier.
    public var halls: Int
    public var figures: KPIFigures
}
