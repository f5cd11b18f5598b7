import CaseEngine
import Experiments
import HallModel
import SimCore
import Testing

@Suite("Staffing: targets, slot estimates and plans as rosters")
struct StaffingTargetTests {
    @Test func targetsReadAsWrittenAndSayWhatTheyAre() throws {
        let p90 = try SlotTarget(parsing: "p90_wait<=15m")
        #expect(p90.statistic == .waitQuantile(0.9) && p90.limit == 900 && p90.atMost)
        #expect(p90.description == "p90_wait<=15m")
        let sl = try SlotTarget(parsing: "service_level(20s) >= 80%")
        #expect(sl.statistic == .serviceLevel(within: 20) && sl.limit == 0.8 && !sl.atMost)
        #expect(try SlotTarget(parsing: "mean_wait<=5m").limit == 300)
        #expect(try SlotTarget(parsing: "wait_probability<=0.2").statistic == .waitProbability)
        #expect(try SlotTarget(parsing: "abandonment<=0.05").limit == 0.05)
        for bad in ["p90_wait<15m", "p90_wait<=15", "service_level(20s)<=0.8", "queue<=3", "abandonment<=1.5", "mean_wait>=5m", "p100_wait<=1m"] {
            #expect(throws: SlotTargetError.self, "\(bad)") { try SlotTarget(parsing: bad) }
        }
    }

    func cell(waits: [Double], abandoned: Int = 0) -> SlotCell {
        var c = SlotCell()
        c.waits = waits.map { SimTime.seconds($0).ticks }
        var day = SlotDay(day: 0)
        day.joined = Int32(waits.count + abandoned)
        day.abandoned = Int32(abandoned)
        day.delayed = Int32(waits.filter { $0 > 0 }.count + abandoned)
        day.called = Int32(waits.count)
        day.waitTicks = c.waits.reduce(0, +)
        c.days = [day]
        return c
    }

    @Test func aSlotIsMetOnlyWhenItsWholeIntervalIsOnTheTargetsSide() throws {
        let target = try SlotTarget(parsing: "mean_wait<=60s")
        let low = (0 ..< 10).map { r in [cell(waits: (0 ..< 50).map { Double(($0 + r) % 41) })] }
        #expect(SlotEstimate(target, replications: low).verdict == .met)
        let high = (0 ..< 10).map { r in [cell(waits: (0 ..< 50).map { 90 + Double(($0 + r) % 41) })] }
        #expect(SlotEstimate(target, replications: high).verdict == .missed)
        // Replications either side of the limit: the interval straddles it.
        let mixed = (0 ..< 10).map { r in [cell(waits: Array(repeating: r % 2 == 0 ? 20 : 100, count: 50))] }
        let e = SlotEstimate(target, replications: mixed)
        #expect(e.verdict == .undecided && e.value == 60)
        #expect(SlotEstimate(target, replications: [[cell(waits: [1, 2, 3])], [cell(waits: [4])]]).verdict == .tooFew)
    }

    @Test func aWaitPercentileHasAnOrderStatisticInterval() throws {
        let target = try SlotTarget(parsing: "p90_wait<=100s")
        let waits = (1 ... 1000).map(Double.init)
        let e = SlotEstimate(target, replications: [[cell(waits: waits)]])
        #expect(e.value == 900)
        // n·q ∓ 1.96·√(n·q·(1−q)) = 900 ∓ 18.6: ranks 881 and 920.
        #expect(e.low == 881 && e.high == 920)
        #expect(e.verdict == .missed)
    }

    /// 40 waits give a p99 no upper bound (the rank it needs is past the largest wait): more
    /// windows cannot settle that, so the slot is "too few", not "undecided" — unless its lower
    /// bound already misses the target.
    @Test func aPercentileWithoutAnUpperBoundIsTooFewUnlessItsLowerBoundMisses() throws {
        let waits = (1 ... 40).map(Double.init)
        let within = SlotEstimate(try SlotTarget(parsing: "p99_wait<=100s"), replications: [[cell(waits: waits)]])
        #expect(within.high == nil && within.verdict == .tooFew, "\(within)")
        let beyond = SlotEstimate(try SlotTarget(parsing: "p99_wait<=10s"), replications: [[cell(waits: waits)]])
        #expect(beyond.high == nil && beyond.verdict == .missed, "\(beyond)")
    }

    @Test func aPlanBecomesOneShiftPerRunOfSlotsWithTheSameCount() {
        var row = Array(repeating: 0, count: 48)
        for s in 18 ..< 24 { row[s] = 3 }
        for s in 24 ..< 26 { row[s] = 2 }
        for s in 29 ..< 35 { row[s] = 3 }
        let shifts = RosterShift.runs(of: [row, Array(repeating: 0, count: 48), Array(repeating: 0, count: 48)], slotSeconds: 1800)
        #expect(shifts.map(\.count) == [3, 2, 3])
        #expect(shifts[0].interval == DayInterval((9, 0), (12, 0)))
        #expect(shifts[1].interval == DayInterval((12, 0), (13, 0)))
        #expect(shifts[2].interval == DayInterval((14, 30), (17, 30)))
        #expect(shifts.allSatisfy { $0.day == .workday })
    }
}
