import Foundation
import SimCore
import Staffing
import Testing

/// The cheapest cost by enumerating every count from 0 to the largest requirement per shift.
private func bruteForce(_ requirement: [Int], _ slot: Double, _ shifts: [Shift]) -> Double? {
    let top = requirement.max() ?? 0
    var best: Double?
    var counts = [Int](repeating: 0, count: shifts.count)
    func visit(_ j: Int) {
        if j == shifts.count {
            for i in requirement.indices {
                var covered = 0
                for k in shifts.indices where shifts[k].works(slot: i, slotLength: slot) { covered += counts[k] }
                if covered < requirement[i] { return }
            }
            let cost = zip(counts, shifts).reduce(0.0) { $0 + Double($1.0) * $1.1.paidHours }
            if best == nil || cost < best! - 1e-9 { best = cost }
            return
        }
        for c in 0 ... top {
            counts[j] = c
            visit(j + 1)
        }
        counts[j] = 0
    }
    visit(0)
    return best
}

@Test func theRosterIsOptimalOnSmallRandomInstances() throws {
    var random = RandomStream(seed: 1954)
    let slot = 1800.0
    var solved = 0, tried = 0
    while solved < 150 && tried < 3_000 {
        tried += 1
        let slots = 4 + Int(random.next() % 13)
        let kinds = 1 + Int(random.next() % 4)
        let shifts = (0 ..< kinds).map { _ -> Shift in
            let start = Double(random.next() % UInt64(slots)) * slot
            let length = Double(2 + random.next() % 8) * slot
            if random.next() % 3 == 0 && length >= 4 * slot {
                return Shift(start: start, length: length, breakStart: slot * 2, breakLength: slot, breakIsPaid: random.next() % 2 == 0)
            }
            return Shift(start: start, length: length)
        }
        let requirement = (0 ..< slots).map { _ in Int(random.next() % 4) }
        let expected = bruteForce(requirement, slot, shifts)
        do {
            let roster = try Roster.cheapest(requirement: requirement, slotLength: slot, shifts: shifts)
            let best = try #require(expected)
            #expect(abs(roster.cost - best) < 1e-9)
            for i in requirement.indices { #expect(roster.coverage[i] >= requirement[i]) }
            solved += 1
        } catch let RosterError.uncoverable(bare) {
            #expect(expected == nil)
            for i in bare { #expect(requirement[i] > 0 && !shifts.contains { $0.works(slot: i, slotLength: slot) }) }
        }
    }
    #expect(solved == 150)
}

@Test func aTwoShiftMenuCoversTheDayAtTheLeastCost() throws {
    // 30-minute slots from 08:00 to 18:00; an early shift 08:00–14:00 with a paid half-hour
    // break at 12:30 and a late shift 12:00–18:00 with an unpaid one at 13:00.
    let slot = 1800.0
    let early = Shift(start: 0, length: 6 * 3600, breakStart: 4.5 * 3600, breakLength: 1800, breakIsPaid: true)
    let late = Shift(start: 4 * 3600, length: 6 * 3600, breakStart: 3600, breakLength: 1800)
    let requirement = [3, 4, 5, 5, 4, 4, 5, 6, 6, 5, 5, 4, 4, 3, 5, 6, 6, 5, 4, 3]
    let roster = try Roster.cheapest(requirement: requirement, slotLength: slot, shifts: [early, late])
    for i in requirement.indices { #expect(roster.coverage[i] >= requirement[i]) }
    #expect(abs(roster.cost - (try #require(bruteForce(requirement, slot, [early, late])))) < 1e-9)
    #expect(roster.paidHours == Double(roster.counts[0]) * 6 + Double(roster.counts[1]) * 5.5)
    #expect(roster.requiredHours == Double(requirement.reduce(0, +)) / 2)
    #expect(try #require(roster.priceOfShifts) >= 1)
}

@Test func aSlotNoShiftWorksIsReported() {
    let shifts = [Shift(start: 0, length: 4 * 900, breakStart: 900, breakLength: 900)]
    #expect(throws: RosterError.uncoverable(slots: [1, 5])) {
        try Roster.cheapest(requirement: [1, 2, 1, 1, 0, 1], slotLength: 900, shifts: shifts)
    }
    #expect(throws: Never.self) { try Roster.cheapest(requirement: [1, 0, 1, 1, 0, 0], slotLength: 900, shifts: shifts) }
}

@Test func aShiftWorksOnlyTheSlotsItCoversWhole() {
    let shift = Shift(start: 450, length: 3600, breakStart: 1350, breakLength: 900)
    #expect((0 ..< 6).map { shift.works(slot: $0, slotLength: 900) } == [false, true, false, true, false, false])
    #expect(shift.paidHours == 0.75)
}

@Test func aDayOfNinetySixSlotsAndTwentyShiftsIsSolvedQuickly() throws {
    var random = RandomStream(seed: 96)
    let slot = 900.0
    var shifts: [Shift] = []
    for k in 0 ..< 20 {
        let start = Double((k * 7) % 72) * slot
        let length = Double([16, 24, 32, 36][k % 4]) * slot
        shifts.append(length >= 24 * slot ? Shift(start: start, length: length, breakStart: length / 2, breakLength: 1800) : Shift(start: start, length: length))
    }
    for noisy in [false, true] {
    let requirement = (0 ..< 96).map { i in
        noisy ? Int(random.next() % 41) : Int(20 + 18 * sin(Double(i) * Double.pi / 48)) + Int(random.next() % 3)
    }
    let clock = ContinuousClock()
    var roster: Roster?
    let elapsed = clock.measure { roster = try? Roster.cheapest(requirement: requirement, slotLength: slot, shifts: shifts) }
    let found = try #require(roster)
    for i in requirement.indices where shifts.contains(where: { $0.works(slot: i, slotLength: slot) }) {
        #expect(found.coverage[i] >= requirement[i])
    }
    print("96 slots, 20 shifts: cost \(found.cost) h, price of shifts \(found.priceOfShifts ?? 0), \(elapsed)")
    #expect(elapsed < .seconds(10))
    }
}

@Test func aShiftMenuReadsAsWrittenAndRefusesWhatIsNoShift() throws {
    let menu = try Shift.menu(parsing: "09:00-17:30/12:00-14:30,09:00-13:00")
    #expect(menu == [Shift(start: 32_400, length: 30_600, breakStart: 10_800, breakLength: 9_000), Shift(start: 32_400, length: 14_400)])
    #expect(menu[0].paidHours == 6)
    for bad in ["", "09:00", "17:00-09:00", "09:00-17:00/08:00-09:30", "9-17", "09:00-25:00", "09:00-12:00/10:00-10:30/11:00-11:30"] {
        #expect(throws: ShiftMenuError.self, "\(bad)") { try Shift.menu(parsing: bad) }
    }
}
