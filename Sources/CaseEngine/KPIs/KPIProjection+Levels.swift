import SimCore

/// Integrating levels over time, split into hour slots: cases waiting and windows busy per
/// (group, service) pair, windows staffed per group.
extension KPIProjection {
    /// Brings pair `p` up to time `t`, changes its levels by `queue` and `busy`, and returns the
    /// cell of `t`'s hour with the levels held there since the pair's last event, for the cell to add.
    ///
    /// Within the hour of its last event a pair's levels go straight into that hour's
    /// cell; when time has moved on to another hour they are spread over every hour in
    /// between first, creating cells where they were not zero.
    @inline(__always)
    mutating func touch(_ p: Int, at t: Int64, queue dq: Int64, busy db: Int64) -> (cell: Int, elapsed: Elapsed) {
        let hour = t / HourSlots.hourTicks
        guard pairs[p].hour == hour else {
            let c = moveOn(p, at: t, hour: hour)
            pairs[p].change(queue: dq, busy: db, at: t)
            return (c, Elapsed())
        }
        let elapsed = Elapsed(queue: pairs[p].queue, busy: pairs[p].busy, ticks: Swift.max(0, t &- pairs[p].since))
        pairs[p].change(queue: dq, busy: db, at: t)
        return (Int(pairs[p].cell), elapsed)
    }

    /// ``touch(_:at:queue:busy:)`` when `t` is in another hour than the pair's last event.
    mutating func moveOn(_ p: Int, at t: Int64, hour: Int64) -> Int {
        spreadLevels(p, to: t)
        let c = cell(p, hour: hour)
        pairs[p].hour = hour
        pairs[p].cell = Int32(c)
        return c
    }

    /// Integrates pair `p`'s levels from its last event up to `t`, hour by hour.
    mutating func spreadLevels(_ p: Int, to t: Int64) {
        let queue = pairs[p].queue
        let busy = pairs[p].busy
        let since = pairs[p].since
        guard t > since else { return }
        pairs[p].since = t
        guard queue != 0 || busy != 0 else { return }
        let known = pairs[p].hour
        let knownCell = Int(pairs[p].cell)
        HourSlots.forEachHour(from: since, to: t) { hour, ticks in
            let c = hour == known ? knownCell : cell(p, hour: hour)
            cells[c].queueArea &+= queue &* ticks
            cells[c].busyArea &+= busy &* ticks
        }
    }

    /// The cell of pair `p` in absolute hour `hour`, created if it does not exist yet.
    mutating func cell(_ p: Int, hour: Int64) -> Int {
        let slot = hours.slot(ofHour: hour)
        let key = p * hours.count + slot
        let existing = cellSlot[key]
        if existing >= 0 { return Int(existing) }
        cellSlot[key] = Int32(cells.count)
        cells.append(KPICell(pair: p, slot: slot), in: storage)
        return cells.count - 1
    }

    /// Sets group `g`'s windows on shift to `windows` at `t`.
    mutating func changeShift(_ g: Int, to windows: Int64, at t: Int64) {
        integrateStaffed(g, to: t)
        groupTable[g].onShift = windows
    }

    /// Integrates group `g`'s staffed level from its last change up to `t`, into its hour slots.
    mutating func integrateStaffed(_ g: Int, to t: Int64) {
        let since = groupTable[g].staffedSince
        guard t > since else { return }
        groupTable[g].staffedSince = t
        let level = groupTable[g].staffedLevel
        guard level != 0 else { return }
        let hour = t / HourSlots.hourTicks
        if since / HourSlots.hourTicks == hour, groupTable[g].staffedHour == hour {
            staffedArea[groupTable[g].staffedSlot] &+= level &* (t &- since)
            return
        }
        let base = g * hours.count
        HourSlots.forEachHour(from: since, to: t) { h, ticks in
            let slot = hours.slot(ofHour: h)
            staffedArea[base + slot] &+= level &* ticks
        }
        let slot = hours.slot(ofHour: hour)
        groupTable[g].staffedHour = hour
        groupTable[g].staffedSlot = base + slot
    }

    /// Integrates every level up to `t`, so the areas cover the run to that time.
    mutating func settle(at t: Int64) {
        makeTablesUnique()
        for p in pairs.indices { spreadLevels(p, to: t) }
        for g in groupTable.indices { integrateStaffed(g, to: t) }
        desks.settle(at: t, hours: &hours)
    }

    /// This projection with every level integrated up to ``clock``: what reports read.
    public func settled() -> KPIProjection {
        var copy = self
        copy.settle(at: window.clamp(Swift.max(0, clock.ticks)))
        return copy
    }
}
