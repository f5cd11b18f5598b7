/// The levels of a KPI fold, integrated over time exactly (in ticks) and split into hour slots:
/// cases waiting and windows busy per (group, service) pair, into the pair's ``KPICell`` of each
/// slot; windows staffed per group, into ``staffedArea``.
///
/// Within the hour of its last event a pair's levels go straight into that hour's cell; when time
/// has moved on to another hour they are spread over every hour in between first, creating cells
/// where they were not zero. A group's staffed level goes the same way, its last hour's slot kept
/// in its ``KPIProjection/GroupFigures``.
///
/// Its tables live in the fold's ``FoldStorage``, passed to whatever may grow them; like every
/// table of the fold it is written only by a projection that holds its storage alone.
struct KPILevels {
    /// Where each (group, service) pair stands, in order of first sight.
    var pairs: FoldTable<KPIProjection.Pair>
    /// One cell per (pair, slot) that saw activity, in order of first activity.
    var cells: FoldTable<KPICell>
    /// Index into `cells` at `pair * hours.count + slot`; -1 until the cell exists.
    var cellSlot: [Int32] = []
    /// Staffed window-ticks per group and slot, at `group * hours.count + slot`.
    var staffedArea: FoldTable<Int64>
    /// The slots: day type (or other key) and hour of day.
    var hours: HourSlots

    /// No pair yet, and no staffed time for any of `groups` groups.
    init(groups: Int, hours: HourSlots, in storage: FoldStorage) {
        self.hours = hours
        pairs = FoldTable(repeating: KPIProjection.Pair(group: 0, service: 0), count: 0, in: storage)
        cells = FoldTable(repeating: KPICell(pair: 0, slot: 0), count: 0, in: storage)
        staffedArea = FoldTable(repeating: 0, count: groups * hours.count, in: storage)
    }

    /// Copies of the tables, owned by `storage`.
    func copied(into storage: FoldStorage) -> KPILevels {
        var copy = self
        copy.pairs = FoldTable(copying: pairs, in: storage)
        copy.cells = FoldTable(copying: cells, in: storage)
        copy.staffedArea = FoldTable(copying: staffedArea, in: storage)
        return copy
    }

    /// Adds the pair of group `g` and service `s`, with no cell yet.
    /// - Returns: its index.
    mutating func addPair(group g: Int, service s: Int, in storage: FoldStorage) -> Int {
        pairs.append(KPIProjection.Pair(group: Int32(g), service: Int32(s)), in: storage)
        cellSlot.append(contentsOf: repeatElement(-1, count: hours.count))
        return pairs.count - 1
    }

    /// Brings pair `p` up to time `t`, changes its levels by `queue` and `busy`, and returns the
    /// cell of `t`'s hour with the levels held there since the pair's last event, for the cell to add.
    @inline(__always)
    mutating func touch(_ p: Int, at t: Int64, queue dq: Int64, busy db: Int64, in storage: FoldStorage) -> (cell: Int, elapsed: Elapsed) {
        let hour = t / HourSlots.hourTicks
        guard pairs[p].hour == hour else {
            let c = moveOn(p, at: t, hour: hour, in: storage)
            pairs[p].change(queue: dq, busy: db, at: t)
            return (c, Elapsed())
        }
        let elapsed = Elapsed(queue: pairs[p].queue, busy: pairs[p].busy, ticks: Swift.max(0, t &- pairs[p].since))
        pairs[p].change(queue: dq, busy: db, at: t)
        return (Int(pairs[p].cell), elapsed)
    }

    /// ``touch(_:at:queue:busy:in:)`` when `t` is in another hour than the pair's last event.
    mutating func moveOn(_ p: Int, at t: Int64, hour: Int64, in storage: FoldStorage) -> Int {
        spreadLevels(p, to: t, in: storage)
        let c = cell(p, hour: hour, in: storage)
        pairs[p].hour = hour
        pairs[p].cell = Int32(c)
        return c
    }

    /// Integrates pair `p`'s levels from its last event up to `t`, hour by hour.
    mutating func spreadLevels(_ p: Int, to t: Int64, in storage: FoldStorage) {
        let queue = pairs[p].queue
        let busy = pairs[p].busy
        let since = pairs[p].since
        guard t > since else { return }
        pairs[p].since = t
        guard queue != 0 || busy != 0 else { return }
        let known = pairs[p].hour
        let knownCell = Int(pairs[p].cell)
        HourSlots.forEachHour(from: since, to: t) { hour, ticks in
            let c = hour == known ? knownCell : cell(p, hour: hour, in: storage)
            cells[c].queueArea &+= queue &* ticks
            cells[c].busyArea &+= busy &* ticks
        }
    }

    /// The cell of pair `p` in absolute hour `hour`, created if it does not exist yet.
    mutating func cell(_ p: Int, hour: Int64, in storage: FoldStorage) -> Int {
        let slot = hours.slot(ofHour: hour)
        let key = p * hours.count + slot
        let existing = cellSlot[key]
        if existing >= 0 { return Int(existing) }
        cellSlot[key] = Int32(cells.count)
        cells.append(KPICell(pair: p, slot: slot), in: storage)
        return cells.count - 1
    }

    /// Sets the windows on shift of group `g` (its figures `group`) to `windows` at `t`.
    mutating func changeShift(_ group: inout KPIProjection.GroupFigures, _ g: Int, to windows: Int64, at t: Int64) {
        integrateStaffed(&group, g, to: t)
        group.onShift = windows
    }

    /// Integrates the staffed level of group `g` (its figures `group`) from its last change up to `t`, into its hour slots.
    mutating func integrateStaffed(_ group: inout KPIProjection.GroupFigures, _ g: Int, to t: Int64) {
        let since = group.staffedSince
        guard t > since else { return }
        group.staffedSince = t
        let level = group.staffedLevel
        guard level != 0 else { return }
        let hour = t / HourSlots.hourTicks
        if since / HourSlots.hourTicks == hour, group.staffedHour == hour {
            staffedArea[group.staffedSlot] &+= level &* (t &- since)
            return
        }
        let base = g * hours.count
        HourSlots.forEachHour(from: since, to: t) { h, ticks in
            let slot = hours.slot(ofHour: h)
            staffedArea[base + slot] &+= level &* ticks
        }
        group.staffedHour = hour
        group.staffedSlot = base + hours.slot(ofHour: hour)
    }
}
