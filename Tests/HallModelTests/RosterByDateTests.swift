import CaseEngine
import HallModel
import SimCore
import Testing

/// Roster shifts worked only on some weekdays or in some months: the floor staffs each day by the
/// shifts worked on it, and a kind of day with shifts has nobody on duty on a day none is worked.
@Suite struct RosterByDateTests {
    /// One hall open 09:00–12:00 on workdays from Monday 2024-03-04 for `days` days; its group
    /// `front` (3 windows) works `shifts`.
    static func hall(_ shifts: [RosterShift], days: Int = 7) -> ScenarioSpec {
        ScenarioSpec(
            name: "by-date", seed: 4, stop: StopRule(horizon: .days(Double(days))),
            calendar: ServiceCalendar(start: CalendarDate(year: 2024, month: 3, day: 4)!),
            services: [ServiceSpec(id: "s", serviceTime: .exponential(mean: 300))],
            halls: [HallSpec(
                id: "hall", tier: .town, hours: .schedule([.workday: [DayInterval((9, 0), (12, 0))]]),
                windows: [WindowGroupSpec(id: "front", count: 3, serves: ["s"], roster: shifts)]
            )],
            demand: [DemandSpec(service: "s", hall: "hall", arrivals: .poisson(perSecond: 20.0 / 3600))]
        )
    }

    static func events(_ spec: ScenarioSpec) -> [CaseEvent] {
        HallRun.run(HallNetwork(spec), seed: spec.seed, sink: EventBuffer()).1.events
    }

    /// The staffing levels set on day `day` (from the start), in order.
    static func levels(_ events: [CaseEvent], day: Int) -> [Int64] {
        events.filter { $0.kind == .staffingChanged && Int($0.time.ticks / ServiceCalendar.dayTicks) == day }.map(\.value)
    }

    static let morning = DayInterval((9, 0), (12, 0))

    @Test func aShiftWorkedOnMondaysStaffsMondaysAndTheOtherWeekdaysFollowTheirOwn() {
        let events = Self.events(Self.hall([
            RosterShift(day: .workday, interval: Self.morning, count: 3, weekdays: [.monday]),
            RosterShift(day: .workday, interval: Self.morning, count: 1, weekdays: [.tuesday, .wednesday, .thursday, .friday]),
        ]))
        #expect(Self.levels(events, day: 0).max() == 3)
        for day in 1 ... 4 { #expect(Self.levels(events, day: day).max() == 1, "day \(day)") }
        // Calls on Monday use all three windows; on the other days one only.
        let windowsUsed = { (day: Int) in Set(events.filter { $0.kind == .called && Int($0.time.ticks / ServiceCalendar.dayTicks) == day }.map(\.window)) }
        #expect(windowsUsed(0).count == 3)
        for day in 1 ... 4 { #expect(windowsUsed(day).count == 1, "day \(day)") }
    }

    @Test func aWorkdayNoShiftIsWorkedOnHasNobodyOnDutyAndItsWalkInsAreSentHome() {
        let events = Self.events(Self.hall([RosterShift(day: .workday, interval: Self.morning, count: 2, weekdays: [.monday, .tuesday])]))
        let onWednesday = events.filter { Int($0.time.ticks / ServiceCalendar.dayTicks) == 2 }
        #expect(onWednesday.contains { $0.kind == .submitted })
        #expect(!onWednesday.contains { $0.kind == .called })
        #expect(onWednesday.filter { $0.kind == .abandoned && $0.window == AbandonReason.sentHome.rawValue }.count
            == onWednesday.filter { $0.kind == .submitted }.count)
        #expect(Self.levels(events, day: 1).max() == 2)
    }

    @Test func aShiftWorkedInAprilOnlyStartsOnTheFirstOfApril() {
        // 2024-03-04 + 28 days = Monday 2024-04-01.
        let events = Self.events(Self.hall([
            RosterShift(day: .workday, interval: Self.morning, count: 1, months: [3]),
            RosterShift(day: .workday, interval: Self.morning, count: 3, months: [4]),
        ], days: 30))
        #expect(Self.levels(events, day: 25).max() == 1)
        #expect(Self.levels(events, day: 28).max() == 3)
    }
}
