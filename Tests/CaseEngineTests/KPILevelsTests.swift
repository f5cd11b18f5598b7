@testable import CaseEngine
import SimCore
import Testing

/// The KPI fold's levels: cases waiting and windows busy per pair, windows staffed per group,
/// integrated exactly into hour slots.
@Suite struct KPILevelsTests {
    let hour = HourSlots.hourTicks
    let storage = FoldStorage()

    /// Levels of one group over a Monday-start calendar, sliced by day type.
    func levels(groups: Int = 1) -> KPILevels {
        let calendar = ServiceCalendar(start: CalendarDate("2024-01-01")!)
        return KPILevels(groups: groups, hours: HourSlots(DayTypeTable(calendar)), in: storage)
    }

    @Test func levelsWithinAnHourGoToThatHoursCell() {
        var levels = levels()
        let p = levels.addPair(group: 0, service: 0, in: storage)
        let (first, none) = levels.touch(p, at: 0, queue: 1, busy: 0, in: storage)
        #expect(none.ticks == 0 && levels.cells.count == 1, "the first event opens the hour's cell, with nothing held before it")
        let (same, held) = levels.touch(p, at: hour / 6, queue: -1, busy: 1, in: storage)
        #expect(same == first && levels.cells.count == 1)
        #expect(held.queue == 1 && held.busy == 0 && held.ticks == hour / 6, "one case waited ten minutes")
        #expect(levels.pairs[p].queue == 0 && levels.pairs[p].busy == 1 && levels.pairs[p].since == hour / 6)
    }

    @Test func levelsAcrossHoursAreSpreadOverEveryHourInBetween() {
        var levels = levels()
        let p = levels.addPair(group: 0, service: 0, in: storage)
        _ = levels.touch(p, at: hour / 2, queue: 2, busy: 1, in: storage)
        let (c, held) = levels.touch(p, at: 3 * hour + hour / 4, queue: 0, busy: -1, in: storage)
        #expect(held.ticks == 0, "what was held before the new hour is already in the cells")
        #expect(levels.cells.count == 4 && Int(levels.cells[c].slot) == levels.hours.slot(ofHour: 3))
        #expect(levels.cells.map(\.queueArea) == [hour, 2 * hour, 2 * hour, hour / 2], "2 waiting from 0:30 to 3:15, hour by hour")
        #expect(levels.cells.map(\.busyArea).reduce(0, +) == 3 * hour - hour / 4)
    }

    @Test func noCellIsMadeForHoursWhenNothingWasHeld() {
        var levels = levels()
        let p = levels.addPair(group: 0, service: 0, in: storage)
        _ = levels.touch(p, at: 0, queue: 0, busy: 0, in: storage)
        _ = levels.touch(p, at: 5 * hour, queue: 1, busy: 0, in: storage)
        #expect(levels.cells.count == 2, "the hours in between held nothing")
    }

    @Test func staffedWindowsAreIntegratedPerGroupAndSlot() {
        var levels = levels(groups: 2)
        var group = KPIProjection.GroupFigures(servers: 2, since: 0)
        levels.changeShift(&group, 1, to: 1, at: 2 * hour + hour / 2)
        #expect(group.onShift == 1 && group.staffedSince == 2 * hour + hour / 2)
        let base = levels.hours.count
        let slots = (0 ..< 3).map { levels.staffedArea[base + levels.hours.slot(ofHour: Int64($0))] }
        #expect(slots == [2 * hour, 2 * hour, hour], "2 windows from 0:00 to 2:30, into group 1's slots")
        levels.integrateStaffed(&group, 1, to: 2 * hour + 3 * hour / 4)
        #expect(levels.staffedArea[base + levels.hours.slot(ofHour: 2)] == hour + hour / 4, "then 1 window in the same hour")
        #expect((0 ..< base).allSatisfy { levels.staffedArea[$0] == 0 }, "group 0 untouched")
    }

    @Test func aCopyHasTablesOfItsOwn() {
        var levels = levels()
        let p = levels.addPair(group: 0, service: 0, in: storage)
        _ = levels.touch(p, at: 0, queue: 1, busy: 0, in: storage)
        let own = FoldStorage()
        let copy = levels.copied(into: own)
        _ = levels.touch(p, at: hour / 2, queue: 1, busy: 0, in: storage)
        levels.cells[0].queueArea += 1
        #expect(copy.pairs[p].queue == 1 && levels.pairs[p].queue == 2)
        #expect(copy.cells[0].queueArea == 0)
    }
}
