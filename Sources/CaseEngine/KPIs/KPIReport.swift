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
        if histogram.histogram.totalCount > 0 { (f.waits.p50, f.waits.p90, f.waits.p99) = WaitStatistics.percentileSeconds(of: histogram.histogram) }
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
        var merged = WaitStatistics()
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
            var waits = WaitStatistics()
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

    /// The network figures of the run, or `nil` when there are none (a catalog without a network
    /// and no ratings).
    public var network: NetworkFigures? {
        let p = projection
        var figures = NetworkFigures(p.network, catalog: p.catalog, until: p.clock, folded: p.foldsNetwork)
        if figures.departments != nil {
            for (i, d) in p.network.departments.enumerated() { figures.departments![i].utilisation = group(d.group).utilisation }
        }
        return figures.isEmpty ? nil : figures
    }

    /// Calls `body` with every row of the KPI table, in this order: per window group (catalog
    /// order), per service the group served (catalog order), one row per day type and hour
    /// with activity (workday, weekend, holiday; hours ascending), then the service's total
    /// over the run; then the same for all the group's services together (a row per day type
    /// and hour with activity or staff), a row per day type over all its hours (its weekend and
    /// holiday totals; `hour` nil), and the group's total.
    ///
    /// Wait percentiles: cells and service totals from the cells' histograms (``WaitBuckets``:
    /// within 6.25%, or 65.5 ms below 1 s), group totals from the group's HdrHistogram (1%).
    ///
    /// With `services` false only the rows over all the group's services are passed (the cells are
    /// still summed into them, but no figures of theirs are computed).
    public func forEachRow(services: Bool = true, _ body: (KPIRow) -> Void) {
        let p = projection
        let slots = p.hours.count
        let pairs = p.pairs
        let pairsOfGroup = pairsByGroup()
        var buckets = [UInt64](repeating: 0, count: WaitBuckets.count)
        // Tallies reused from group to group (``Tally/reset()`` keeps their lists' room).
        var groupSlots = [Tally](repeating: Tally(), count: slots)
        var whole = Tally()
        var total = Tally()
        for g in p.groupTable.indices {
            let staffedBase = g * slots
            for i in groupSlots.indices { groupSlots[i].reset() }
            for pair in pairsOfGroup[g] {
                let service = Int(pairs[pair].service)
                whole.reset()
                for slot in 0..<slots {
                    let c = p.cellSlot[pair * slots + slot]
                    guard c >= 0 else { continue }
                    let cell = p.cells[Int(c)]
                    var one = Tally()
                    one.add(cell)
                    whole.add(one)
                    groupSlots[slot].add(one)
                    guard services else { continue }
                    let (key, hour) = HourSlots.parts(slot)
                    body(KPIRow(group: g, service: service, dayType: dayType(key), slice: label(key), hour: hour, figures: figures(
                        one, staffed: p.staffedArea[staffedBase + slot], span: covered[slot], buckets: &buckets
                    )))
                }
                guard services else { continue }
                body(KPIRow(group: g, service: service, figures: figures(whole, staffed: groupStaffed[g], span: span, buckets: &buckets)))
            }
            if p.desks.isDesk(g) {
                for slot in 0..<slots {
                    let (busy, finished) = p.desks.slot(g, slot)
                    groupSlots[slot].busy &+= busy
                    groupSlots[slot].served += finished
                    if busy > 0 || finished > 0 { groupSlots[slot].active = true }
                }
            }
            for slot in 0..<slots where groupSlots[slot].active || p.staffedArea[staffedBase + slot] > 0 {
                let (key, hour) = HourSlots.parts(slot)
                body(KPIRow(group: g, dayType: dayType(key), slice: label(key), hour: hour, figures: figures(
                    groupSlots[slot], staffed: p.staffedArea[staffedBase + slot], span: covered[slot], buckets: &buckets
                )))
            }
            for key in 0..<(slots / 24) {
                total.reset()
                var staffed: Int64 = 0
                var span: Int64 = 0
                for slot in (key * 24)..<(key * 24 + 24) {
                    total.add(groupSlots[slot])
                    staffed &+= p.staffedArea[staffedBase + slot]
                    span &+= covered[slot]
                }
                guard total.active || staffed > 0 else { continue }
                body(KPIRow(group: g, dayType: dayType(key), slice: label(key), figures: figures(total, staffed: staffed, span: span, buckets: &buckets)))
            }
            body(KPIRow(group: g, figures: group(g)))
        }
    }

    /// Calls `body` with each hall's hourly rows over its front-desk groups (windows and kiosks;
    /// departments and escalation desks report their own): per hall (catalog order), one row per
    /// slice key and hour with activity or staff, in slot order. Wait percentiles from the cells' histograms.
    public func forEachHallRow(_ body: (KPIHallRow) -> Void) {
        let p = projection
        let slots = p.hours.count
        let pairsOfGroup = pairsByGroup()
        var buckets = [UInt64](repeating: 0, count: WaitBuckets.count)
        var hallSlots = [Tally](repeating: Tally(), count: slots)
        var staffed = [Int64](repeating: 0, count: slots)
        for (h, groups) in groupsByHall.enumerated() {
            let front = groups.filter { !p.desks.isDesk($0) }
            guard !front.isEmpty else { continue }
            for i in 0..<slots {
                hallSlots[i].reset()
                staffed[i] = 0
            }
            for g in front {
                for pair in pairsOfGroup[g] {
                    for slot in 0..<slots {
                        let c = p.cellSlot[pair * slots + slot]
                        if c >= 0 { hallSlots[slot].add(p.cells[Int(c)]) }
                    }
                }
                for slot in 0..<slots { staffed[slot] &+= p.staffedArea[g * slots + slot] }
            }
            let servers = front.reduce(0) { $0 + catalog.groups[$1].servers }
            for slot in 0..<slots where hallSlots[slot].active || staffed[slot] > 0 {
                let (key, hour) = HourSlots.parts(slot)
                body(KPIHallRow(hall: h, servers: servers, dayType: dayType(key), slice: label(key), hour: hour, figures: figures(
                    hallSlots[slot], staffed: staffed[slot], span: covered[slot], buckets: &buckets
                )))
            }
        }
    }

    /// Each group's (group, service) pairs, as indices into the projection's pairs, in service order.
    func pairsByGroup() -> [[Int]] {
        let pairs = projection.pairs
        var out = Array(repeating: [Int](), count: projection.groupTable.count)
        for i in pairs.indices.sorted(by: { (pairs[$0].group, pairs[$0].service) < (pairs[$1].group, pairs[$1].service) }) {
            out[Int(pairs[i].group)].append(i)
        }
        return out
    }

    /// The day type of slice key `key`, when the run is sliced by day type.
    func dayType(_ key: Int) -> DayType? { projection.hours.slices.by == .dayType ? DayType(rawValue: UInt8(key)) : nil }

    /// Slice key `key` as reports write it.
    func label(_ key: Int) -> String { projection.hours.slices.label(key, projection.hours.days) }

    /// The slice keys as reports write them, in key order (`workday`, `weekend`, `holiday` by
    /// default); slot `key * 24 + hour` of a day profile belongs to key `key`.
    public var sliceLabels: [String] { (0..<slices.keys).map(label) }

    /// How the rows are sliced.
    public var slices: KPISlices { projection.hours.slices }

    /// Every row of the KPI table, in ``forEachRow(_:)`` order.
    public func rows() -> [KPIRow] {
        var out: [KPIRow] = []
        forEachRow { out.append($0) }
        return out
    }

    /// The figures of a tally of cells.
    func figures(_ tally: Tally, staffed: Int64, span: Int64, buckets: inout [UInt64]) -> KPIFigures {
        var f = KPIFigures()
        f.arrived = tally.arrived
        f.ticketed = tally.ticketed
        f.called = tally.called
        f.served = tally.served
        f.abandoned = tally.abandoned
        f.withinTarget = tally.withinTarget
        f.waits.count = tally.called
        if tally.called > 0 {
            f.waits.mean = seconds(tally.waitTotal) / Double(tally.called)
            f.waits.max = seconds(tally.waitMax)
            let (p50, p90, p99) = percentiles(tally, buckets: &buckets)
            f.waits.p50 = seconds(p50)
            f.waits.p90 = seconds(p90)
            f.waits.p99 = seconds(p99)
        }
        f.serviceLevel = serviceLevel(f.withinTarget, of: f.called)
        setLevels(&f, busy: tally.busy, staffed: staffed, queue: tally.queue, span: span)
        return f
    }

    /// The 50th, 90th and 99th percentile waits of a tally's cells in ticks, in one scan: of its
    /// one cell's histogram in place, or of the cells' histograms summed into `buckets`.
    ///
    /// No cell of the tally waited longer than the tally's longest wait, so no bucket beyond that
    /// wait's bucket holds a count: only the buckets up to it are summed and scanned (a village's
    /// waits of minutes use a third of them).
    func percentiles(_ tally: Tally, buckets: inout [UInt64]) -> (Int64, Int64, Int64) {
        let waits = projection.cellWaits
        let used = WaitBuckets.index(tally.waitMax) + 1
        func inTable(_ offset: Int) -> Bool { offset >= 0 && offset + WaitBuckets.count <= waits.count }
        precondition(tally.histogramCount == 0 || inTable(tally.firstHistogram), "a cell's histogram lies in the table")
        for offset in tally.moreHistograms { precondition(inTable(offset), "a cell's histogram lies in the table") }
        return withExtendedLifetime(projection.storage) {
            if tally.histogramCount == 1 {
                return WaitBuckets.percentiles(
                    50, 90, 99, of: UnsafeBufferPointer(start: waits.base + tally.firstHistogram, count: used), total: tally.called,
                    longest: tally.waitMax
                )
            }
            return buckets.withUnsafeMutableBufferPointer { sum in
                for i in 0..<used { sum[i] = 0 }
                func add(_ offset: Int) {
                    let cell = waits.base + offset
                    for i in 0..<used { sum[i] &+= UInt64(cell[i]) }
                }
                if tally.firstHistogram >= 0 { add(tally.firstHistogram) }
                for offset in tally.moreHistograms { add(offset) }
                return WaitBuckets.percentiles(
                    50, 90, 99, of: UnsafeBufferPointer(rebasing: sum[..<used]), total: tally.called, longest: tally.waitMax
                )
            }
        }
    }
}

/// The figures of one tier of halls.
public struct TierFigures: Sendable, Equatable {
    public var tier: String
    /// Halls in the tier.
    public var halls: Int
    public var figures: KPIFigures
}
