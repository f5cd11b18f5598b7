import CaseEngine
import HallModel
import SimCore
import Testing

/// `at_break`: windows stop at 12:00 and come back at 14:00 (issue 12, observation 6).
@Suite struct BreakTests {
    static let noon = SimTime.hours(12).ticks
    static let two = SimTime.hours(14).ticks

    /// One hall open 09:00–17:00 every workday; its group `front` is staffed 09:00–12:00 and, when
    /// `afternoon`, 14:00–17:00. Busy mornings, patience exponential (mean 3 hours), one working week.
    static func hall(atBreak: BreakPolicy?, atClose: ClosingPolicy = .serveQueue, afternoon: Bool = true) -> ScenarioSpec {
        var shifts = [RosterShift(day: .workday, interval: DayInterval((9, 0), (12, 0)), count: 2)]
        if afternoon { shifts.append(RosterShift(day: .workday, interval: DayInterval((14, 0), (17, 0)), count: 2)) }
        var hall = HallSpec(
            id: "hall", tier: .town, hours: .schedule([.workday: [DayInterval((9, 0), (17, 0))]]), atClose: atClose,
            windows: [WindowGroupSpec(id: "front", count: 2, serves: ["s"], roster: shifts)]
        )
        hall.atBreak = atBreak
        return ScenarioSpec(
            name: "break", seed: 9, stop: StopRule(horizon: .days(5)),
            calendar: ServiceCalendar(start: CalendarDate(year: 2024, month: 3, day: 4)!),
            behaviour: BehaviourSpec(patience: .exponential(mean: 3 * 3600)),
            services: [ServiceSpec(id: "s", serviceTime: .exponential(mean: 300))],
            halls: [hall],
            demand: [DemandSpec(service: "s", hall: "hall", arrivals: .poisson(perSecond: 30.0 / 3600))]
        )
    }

    static func events(_ spec: ScenarioSpec) throws -> [CaseEvent] {
        HallRun.run(HallNetwork(spec), seed: spec.seed, sink: EventBuffer()).1.events
    }

    static func timeOfDay(_ t: Int64) -> Int64 { t % ServiceCalendar.dayTicks }

    /// Calls of people who arrived in the morning (before noon, the same day), made at 14:00 or later.
    static func calledAfterTheBreak(_ events: [CaseEvent]) -> [CaseEvent] {
        events.filter { e in
            guard e.kind == .called else { return false }
            let arrived = e.time.ticks - e.value
            return timeOfDay(arrived) < noon && timeOfDay(e.time.ticks) >= two && arrived / ServiceCalendar.dayTicks == e.time.ticks / ServiceCalendar.dayTicks
        }
    }

    /// Calls made during the break.
    static func calledDuringTheBreak(_ events: [CaseEvent]) -> [CaseEvent] {
        events.filter { $0.kind == .called && (noon ..< two).contains(timeOfDay($0.time.ticks)) }
    }

    static func sentHome(_ events: [CaseEvent]) -> [CaseEvent] {
        events.filter { $0.kind == .abandoned && $0.window == AbandonReason.sentHome.rawValue }
    }

    @Test func withWaitTheQueueWaitsThroughTheBreak() throws {
        let events = try Self.events(Self.hall(atBreak: .wait))
        #expect(Self.calledAfterTheBreak(events).count > 20)
        #expect(Self.calledDuringTheBreak(events).isEmpty)
        #expect(Self.sentHome(events).filter { Self.timeOfDay($0.time.ticks) == Self.noon }.isEmpty)
        // Patience still runs through the break: some give up during it.
        #expect(events.contains { $0.kind == .abandoned && $0.window == AbandonReason.reneged.rawValue && (Self.noon ..< Self.two).contains(Self.timeOfDay($0.time.ticks)) })
    }

    @Test func withSendHomeTheyAreNotServedAfterTheBreak() throws {
        let events = try Self.events(Self.hall(atBreak: .sendHome))
        #expect(Self.calledAfterTheBreak(events).isEmpty)
        #expect(Self.sentHome(events).filter { Self.timeOfDay($0.time.ticks) == Self.noon }.count > 20)
    }

    @Test func withoutAnAfternoonAtCloseDecides() throws {
        let drained = try Self.events(Self.hall(atBreak: .wait, atClose: .serveQueue, afternoon: false))
        #expect(Self.calledDuringTheBreak(drained).count > 20)
        #expect(Self.sentHome(drained).filter { $0.value == Int64(CaseState.Phase.queued.rawValue) }.isEmpty)
        // Who comes after the group's last shift is turned away at once rather than joining a closed group.
        #expect(Self.sentHome(drained).contains { $0.value == Int64(CaseState.Phase.submitted.rawValue) && Self.timeOfDay($0.time.ticks) > Self.two })
        let home = try Self.events(Self.hall(atBreak: .wait, atClose: .sendHome, afternoon: false))
        #expect(Self.sentHome(home).filter { Self.timeOfDay($0.time.ticks) == Self.noon }.count > 20)
        #expect(Self.calledAfterTheBreak(home).isEmpty)
    }
}
