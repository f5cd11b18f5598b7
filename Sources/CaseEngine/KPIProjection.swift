public import SimCore

/// The key figures of a run, folded from its case events.
///
/// Everything a summary reports comes from here, so a run and a replay of its
/// log report the same figures. Memory does not grow with the horizon: it is
/// fixed per window group, hall and tier, plus one cell per (group, service, day
/// type, hour of day) that saw activity; ``KPIReport`` turns it into figures and
/// docs/kpis.md defines them.
///
/// Every event counts in the hour and day type of its own time, read through the
/// catalog's calendar. Levels (cases waiting, windows busy, windows staffed) are
/// integrated over time exactly, in ticks, and split at hour boundaries.
///
/// Its parts are types of their own, each in its file beside the fold's tables: ``GroupFigures``,
/// ``ServiceFigures``, `Pair` (a group and service's levels), `HallCounts`, and `KPILevels`, which
/// integrates the levels into the cells.
public struct KPIProjection: CaseEventSink, Sendable {
    public let catalog: Catalog
    /// Owns the tables below; a projection writes to them only while it holds it alone (``takeOwnership()``).
    @usableFromInline var storage: FoldStorage
    /// Figures per window group, in catalog order.
    var groupTable: FoldTable<GroupFigures>
    /// The pairs, their cells and the staffed areas, with the levels integrated into them.
    var levels: KPILevels
    /// Index into `pairs` of each (group, service) pair, at `group * serviceCount + service`; -1 until seen.
    /// A table of the fold (read on every queue event, so without an array's bounds and uniqueness checks).
    var pairSlot: FoldTable<Int32>
    /// Services in the catalog.
    let serviceCount: Int
    /// The cells' wait histograms, ``WaitBuckets/count`` counts each, allocated at a cell's first wait.
    var cellWaits: FoldTable<UInt32>
    var halls: FoldTable<HallCounts>
    /// Tier names: city, county, town, village (those present), then any others in order of appearance.
    let tierNames: [String]
    /// The tier of each hall, as an index into `tierNames`.
    let hallTier: [Int]
    /// The tier of each group's hall.
    let groupTier: [Int]
    /// The service-level target in ticks, -1 without one (no wait is within it).
    let targetTicks: Int64
    /// Waits of all cases called: exact mean, batch-means interval and maximum (the histogram is merged from the groups' on demand).
    var waits = WaitStatistics()
    /// Whether the overall waits' batches and maximum are those of group 0, kept there alone: while
    /// the catalog has one group and every wait counted went to it, the two series are the same
    /// (``allWaits`` reads them from the group; a misplaced wait gives `waits` its own copy first).
    var waitsAreGroupZero: Bool
    public internal(set) var submitted = 0
    public internal(set) var completed = 0
    public internal(set) var abandoned = 0
    /// Everyone who gave up, by reason.
    public internal(set) var abandonedByReason = AbandonCounts()
    /// Events naming a hall, group or service outside the catalog: counted in the run's totals only.
    public internal(set) var misplaced = 0
    /// The time of the last event folded (the run's end once `.runEnded` is in).
    public internal(set) var clock: SimTime = .zero
    /// Whether the run's end marker has been folded.
    public internal(set) var ended = false
    /// The number of events folded.
    public internal(set) var events = 0
    /// The kernel events the run handled, as its end marker records them.
    public internal(set) var kernelEvents = 0
    /// Channels, back office, bundles, escalation, hotline and ratings (docs/network.md): folded only
    /// when the catalog ``Catalog/hasNetwork``; otherwise it sees only `.rated` and `.callbackDone`.
    public internal(set) var network: NetworkProjection
    /// Whether every event goes to ``network`` too.
    public let foldsNetwork: Bool
    /// Desks at work in departments and at the escalation desk (nothing without them).
    var desks: DeskWork
    /// The span the figures cover (the whole run unless given; docs/kpis.md, *Ranges*).
    public let window: KPIWindow
    /// Whether `window` is less than the whole run: only then are arrivals marked in `arrivals`.
    let windowed: Bool
    /// The cases whose latest visit arrived inside `window` (empty when not `windowed`).
    var arrivals = ArrivalBits()
    /// With a span: 0 before it, 1 inside it, 2 after it. Queue maxima restart at its start and
    /// are kept in `queueMaxAtEnd` at its end.
    var spanPhase: UInt8 = 0
    var queueMaxAtEnd: [Int64] = []

    /// A projection of `catalog`'s runs, sliced by `slices` (by day type unless asked otherwise).
    /// Figures cover `window` only when given (docs/kpis.md, *Ranges*).
    public init(catalog: Catalog, slices: KPISlices = .byDayType, window: KPIWindow = .whole) {
        self.catalog = catalog
        self.window = window
        windowed = !window.isWhole
        let storage = FoldStorage()
        self.storage = storage
        groupTable = FoldTable(catalog.groups.map { GroupFigures(servers: $0.servers, since: window.start) }, in: storage)
        cellWaits = FoldTable(repeating: 0, count: 0, in: storage)
        serviceCount = catalog.services.count
        pairSlot = FoldTable(repeating: -1, count: catalog.groups.count * catalog.services.count, in: storage)
        let days = DayTypeTable(catalog.calendar)
        levels = KPILevels(groups: catalog.groups.count, hours: HourSlots(days, slices: slices), in: storage)
        halls = FoldTable(repeating: HallCounts(), count: catalog.halls.count, in: storage)
        var names = ["city", "county", "town", "village"].filter { tier in catalog.halls.contains { $0.tier == tier } }
        for h in catalog.halls where !names.contains(h.tier) { names.append(h.tier) }
        tierNames = names
        hallTier = catalog.halls.map { h in names.firstIndex(of: h.tier)! }
        groupTier = catalog.groups.map { [hallTier] g in hallTier.indices.contains(g.hall) ? hallTier[g.hall] : 0 }
        waitsAreGroupZero = catalog.groups.count == 1
        targetTicks = catalog.serviceLevelTarget.map { Swift.max(0, $0.ticks) } ?? -1
        foldsNetwork = catalog.hasNetwork
        desks = DeskWork(catalog: catalog, slots: levels.hours.count)
        desks.window = window
        network = foldsNetwork ? NetworkProjection(catalog: catalog, days: days, window: window) : NetworkProjection(ratingsOnlyWith: days)
    }

    /// Figures per window group, in catalog order (a copy: O(groups)).
    public var groups: [GroupFigures] { Array(groupTable) }

    /// The figures of window group `g`.
    public func group(_ g: Int) -> GroupFigures { groupTable[g] }

    // The level tables, as reports read them.
    var pairs: FoldTable<Pair> { levels.pairs }
    var cells: FoldTable<KPICell> { levels.cells }
    var cellSlot: [Int32] { levels.cellSlot }
    var staffedArea: FoldTable<Int64> { levels.staffedArea }
    var hours: HourSlots { levels.hours }

    /// Gives this projection tables of its own when it shares them with a copy: the copy-on-write
    /// check, before any table is written (per event in ``record(_:)``; once for many events where
    /// the caller records them with ``recordOwned(_:)``).
    @inlinable @inline(__always)
    public mutating func takeOwnership() {
        if !isKnownUniquelyReferenced(&storage) { copyTables() }
    }

    /// Copies every table into storage of this projection's own.
    @usableFromInline @inline(never)
    mutating func copyTables() {
        let own = FoldStorage()
        groupTable = FoldTable(copying: groupTable, in: own)
        pairSlot = FoldTable(copying: pairSlot, in: own)
        levels = levels.copied(into: own)
        cellWaits = FoldTable(copying: cellWaits, in: own)
        halls = FoldTable(copying: halls, in: own)
        storage = own
    }

    /// Counts a wait that no group took while the overall waits were group 0's: they get their own
    /// copy of group 0's batches and maximum (the same series so far), then the wait.
    @inline(never)
    mutating func addMisplacedWait(_ wait: Int64) {
        waits.batches = groupTable[0].waits.batches
        waits.longest = groupTable[0].waits.longest
        waitsAreGroupZero = false
        waits.batches.add(Double(wait))
        if wait > waits.longest { waits.longest = wait }
    }

    /// Restarts the queue maxima when time reaches the span's start and keeps them when it reaches its end.
    @inline(never)
    mutating func passSpanEdges(_ raw: Int64) {
        if spanPhase == 0, raw >= window.start {
            for g in groupTable.indices { groupTable[g].queue.maximum = groupTable[g].queue.level }
            spanPhase = 1
        }
        if spanPhase == 1, raw >= window.end {
            queueMaxAtEnd = groupTable.map(\.queue.maximum)
            spanPhase = 2
        }
    }

    /// The longest queue of group `g` inside the span (the whole run without one).
    public func queueMax(_ g: Int) -> Int64 { spanPhase == 2 ? queueMaxAtEnd[g] : groupTable[g].queue.maximum }

    /// The pair of `e`'s group and service, created on first sight; `nil` (and counted as misplaced) outside the catalog.
    @inline(__always)
    mutating func pair(_ e: CaseEvent) -> Int? {
        let g = Int(e.group)
        let s = Int(e.service)
        guard g < groupTable.count, s < serviceCount else {
            misplaced &+= 1
            return nil
        }
        let key = g &* serviceCount &+ s
        let existing = pairSlot[key]
        if existing >= 0 { return Int(existing) }
        return addPair(group: g, service: s, key: key)
    }

    /// Creates the pair of group `g` and service `s`, whose slot in `pairSlot` is `key`.
    @inline(never)
    mutating func addPair(group g: Int, service s: Int, key: Int) -> Int {
        let p = levels.addPair(group: g, service: s, in: storage)
        pairSlot[key] = Int32(p)
        return p
    }

    /// Gives cell `c` its wait histogram at the end of ``cellWaits``.
    @inline(never)
    mutating func addHistogram(_ c: Int) {
        levels.cells[c].histogram = Int32(cellWaits.count)
        cellWaits.append(0, times: WaitBuckets.count, in: storage)
    }

    /// A window of pair `p` in `group` finished serving (completed, or accepted for the back office).
    @inline(__always)
    mutating func endService(_ p: Int, group g: Int, at t: Int64, counts: Bool) {
        if groupTable[g].busy.level > groupTable[g].onShift { levels.integrateStaffed(&groupTable[g], g, to: t) }
        groupTable[g].endService(counts: counts)
        let (c, elapsed) = levels.touch(p, at: t, queue: 0, busy: -1, in: storage)
        guard counts else { return levels.cells[c].add(elapsed) }
        levels.cells[c].serve(after: elapsed)
    }

    /// Integrates every level up to `t`, so the areas cover the run to that time.
    mutating func settle(at t: Int64) {
        takeOwnership()
        for p in levels.pairs.indices { levels.spreadLevels(p, to: t, in: storage) }
        for g in groupTable.indices { levels.integrateStaffed(&groupTable[g], g, to: t) }
        desks.settle(at: t, hours: &levels.hours)
    }

    /// This projection with every level integrated up to ``clock``: what reports read.
    public func settled() -> KPIProjection {
        var copy = self
        copy.settle(at: window.clamp(Swift.max(0, clock.ticks)))
        return copy
    }

    /// Cases submitted and not yet finished.
    public var inSystem: Int { submitted - completed - abandoned }

    /// The simulated span covered, in seconds.
    public var simulatedSeconds: Double { clock.seconds }

    /// The distribution of all waits (merged from the groups' histograms), with the exact mean, CI and maximum.
    public var allWaits: WaitStatistics {
        var merged = waits
        if waitsAreGroupZero {
            merged.batches = groupTable[0].waits.batches
            merged.longest = groupTable[0].waits.longest
        }
        for g in groupTable { merged.mergeDistribution(g.waits) }
        return merged
    }

    /// Figures per (group, service) pair over the whole run, in the order the pairs were first seen.
    public var services: [ServiceFigures] {
        var out = pairs.map { ServiceFigures(group: Int($0.group), service: Int($0.service)) }
        for cell in cells {
            let p = Int(cell.pair)
            out[p].ticketed += cell.ticketed
            out[p].served += cell.served
            out[p].called += cell.called
            out[p].waitTotal += cell.waitTotal
            out[p].waitMax = Swift.max(out[p].waitMax, cell.waitMax)
        }
        return out
    }

    /// The (group, service) pairs ordered by group, then service, as reports list them.
    public var servicesInCatalogOrder: [ServiceFigures] {
        services.sorted { ($0.group, $0.service) < ($1.group, $1.service) }
    }
}
