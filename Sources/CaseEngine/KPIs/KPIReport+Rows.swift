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

extension KPIReport {
    /// Calls `body` with every row of the KPI table, in this order: per window group (catalog
    /// order), per service the group served (catalog order), one row per day type and hour
    /// with activity (workday, weekend, holiday; hours ascending), then the service's total
    /// over the run; then the same for all the group's services together (a row per day type
    /// and hour with activity or staff), a row per day type over all its hours (its weekend and
    /// holiday totals; `hour` nil), and the group's total.
    ///
    /// Wait percentiles: cells and service totals from the cells' histograms (``WaitBuckets``:
    /// within 6.25%, or 65.5 ms below 1 s), group totals from the group's HdrHistogram (1%).
    public func forEachRow(_ body: (KPIRow) -> Void) {
        let p = projection
        let slots = p.hours.count
        var pairsOfGroup = Array(repeating: [Int](), count: p.groupTable.count)
        for (i, pair) in p.pairs.enumerated() { pairsOfGroup[Int(pair.group)].append(i) }
        var buckets = [UInt64](repeating: 0, count: WaitBuckets.count)
        var groupSlots = [Tally](repeating: Tally(), count: slots)
        for g in p.groupTable.indices {
            let staffedBase = g * slots
            for i in groupSlots.indices { groupSlots[i] = Tally() }
            for pair in pairsOfGroup[g].sorted(by: { p.pairs[$0].service < p.pairs[$1].service }) {
                let service = Int(p.pairs[pair].service)
                var whole = Tally()
                for slot in 0..<slots {
                    let c = p.cellSlot[pair * slots + slot]
                    guard c >= 0 else { continue }
                    let cell = p.cells[Int(c)]
                    var one = Tally()
                    one.add(cell)
                    whole.add(one)
                    groupSlots[slot].add(one)
                    let (key, hour) = HourSlots.parts(slot)
                    body(KPIRow(group: g, service: service, dayType: dayType(key), slice: label(key), hour: hour, figures: figures(
                        one, staffed: p.staffedArea[staffedBase + slot], span: covered[slot], buckets: &buckets
                    )))
                }
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
                var total = Tally()
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
        var pairsOfGroup = Array(repeating: [Int](), count: p.groupTable.count)
        for (i, pair) in p.pairs.enumerated() { pairsOfGroup[Int(pair.group)].append(i) }
        var buckets = [UInt64](repeating: 0, count: WaitBuckets.count)
        var hallSlots = [Tally](repeating: Tally(), count: slots)
        var staffed = [Int64](repeating: 0, count: slots)
        for (h, groups) in groupsByHall.enumerated() {
            let front = groups.filter { !p.desks.isDesk($0) }
            guard !front.isEmpty else { continue }
            for i in 0..<slots {
                hallSlots[i] = Tally()
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

    /// The day type of slice key `key`, when the run is sliced by day type.
    func dayType(_ key: Int) -> DayType? { projection.hours.slices.by == .dayType ? DayType(rawValue: UInt8(key)) : nil }

    /// Slice key `key` as reports write it.
    func label(_ key: Int) -> String { projection.hours.slices.label(key, projection.hours.days) }

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
            for i in buckets.indices { buckets[i] = 0 }
            for offset in tally.histograms {
                for i in 0..<WaitBuckets.count { buckets[i] &+= UInt64(projection.cellWaits[offset + i]) }
            }
            buckets.withUnsafeBufferPointer { b in
                f.waits.p50 = seconds(WaitBuckets.percentile(50, of: b, total: tally.called, longest: tally.waitMax))
                f.waits.p90 = seconds(WaitBuckets.percentile(90, of: b, total: tally.called, longest: tally.waitMax))
                f.waits.p99 = seconds(WaitBuckets.percentile(99, of: b, total: tally.called, longest: tally.waitMax))
            }
        }
        f.serviceLevel = serviceLevel(f.withinTarget, of: f.called)
        setLevels(&f, busy: tally.busy, staffed: staffed, queue: tally.queue, span: span)
        return f
    }
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
    /// Offsets of the cells' histograms in ``KPIProjection/cellWaits``.
    var histograms: [Int] = []

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
        if cell.histogram >= 0 { histograms.append(Int(cell.histogram)) }
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
        histograms += other.histograms
    }
}
