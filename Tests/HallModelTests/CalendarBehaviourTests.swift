import CaseEngine
import HallModel
import Reports
import SimCore
import Testing

let hour = SimTime.hours(1).ticks
let day = ServiceCalendar.dayTicks

/// A city hall open 09:00–12:00 and 14:30–17:30 on working days, with two window groups and two services;
/// on weekends it rotates: only group `social` opens, for service `medical`, 09:00–12:00 and 14:30–17:00.
func cityHall(atClose: ClosingPolicy = .sendHome, calendar: ServiceCalendar? = nil, days: Int = 21, rotation: Bool = true) -> ScenarioSpec {
    let workday = [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))]
    return ScenarioSpec(
        name: "city", seed: 5, stop: StopRule(horizon: .days(Double(days))),
        calendar: calendar ?? ServiceCalendar(start: CalendarDate(year: 2024, month: 9, day: 23)!),
        services: [
            ServiceSpec(id: "medical", serviceTime: .exponential(mean: 240)),
            ServiceSpec(id: "estate", serviceTime: .exponential(mean: 600)),
        ],
        halls: [HallSpec(
            id: "city", tier: .city, hours: .schedule([.workday: workday]), atClose: atClose,
            rotation: rotation ? WeekendRotationSpec(hours: WeekendRotationSpec.standardHours, groups: ["social"], services: ["medical"]) : nil,
            windows: [
                WindowGroupSpec(id: "social", count: 3, serves: ["medical"]),
                WindowGroupSpec(id: "estate", count: 2, serves: ["estate"]),
            ]
        )],
        demand: [
            DemandSpec(service: "medical", hall: "city", arrivals: .poisson(perSecond: 50.0 / 3600)),
            DemandSpec(service: "estate", hall: "city", arrivals: .poisson(perSecond: 14.0 / 3600)),
        ]
    )
}

func events(_ spec: ScenarioSpec, seed: UInt64 = 5) throws -> [CaseEvent] {
    let network = HallNetwork(spec)
    return HallRun.run(network, seed: seed, sink: EventBuffer()).1.events
}

/// Whether `time` falls in one of `intervals` on its day.
func inside(_ time: SimTime, _ intervals: [DayInterval]) -> Bool {
    let t = time.ticks % day
    return intervals.contains { $0.from <= t && t < $0.to }
}

@Test func nobodyArrivesOrIsServedWhileTheHallIsClosedWhenPeopleAreSentHome() throws {
    let spec = cityHall(atClose: .sendHome, rotation: false)
    let cal = spec.calendar
    let workday = [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))]
    let all = try events(spec)
    var submitted = 0
    var sentHome = 0
    for e in all {
        switch e.kind {
        case .submitted, .called, .ticketIssued:
            let date = cal.date(at: e.time)
            #expect(cal.dayType(date) == .workday, "\(e.kind) on \(date), a \(cal.dayType(date))")
            #expect(inside(e.time, workday), "\(e.kind) at \(Double(e.time.ticks % day) / Double(hour)) h")
            if e.kind == .submitted { submitted += 1 }
        case .abandoned:
            #expect(e.window == AbandonReason.sentHome.rawValue)
            #expect(workday.contains { $0.to == e.time.ticks % day }, "sent home only at closing")
            sentHome += 1
        default: break
        }
    }
    #expect(submitted > 3_000)
    #expect(sentHome > 0, "the estate queue is long at closing")
}

@Test func withExtendedHoursTheQueueIsServedAfterClosingButNobodyNewComesIn() throws {
    let spec = cityHall(atClose: .serveQueue, rotation: false)
    let workday = [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))]
    var ticketedAt: [UInt32: SimTime] = [:]
    var lateCalls = 0
    for e in try events(spec) {
        switch e.kind {
        case .submitted:
            #expect(inside(e.time, workday))
        case .ticketIssued:
            ticketedAt[e.caseID] = e.time
        case .called where !inside(e.time, workday):
            // Called after closing: the ticket was taken in the same opening interval.
            let ticket = try #require(ticketedAt[e.caseID])
            #expect(ticket.ticks / day == e.time.ticks / day)
            lateCalls += 1
        case .abandoned:
            Issue.record("nobody is sent home with extended hours")
        default: break
        }
    }
    #expect(lateCalls > 0, "extended hours were used")
    let network = HallNetwork(spec)
    let (_, kpis) = HallRun.run(network, seed: 5, sink: KPIProjection(catalog: network.catalog))
    let summary = Summary(projection: kpis, wallSeconds: nil)
    #expect(summary.cases.called_after_closing == lateCalls, "the summary counts every call after closing")
    #expect(summary.groups.map(\.called_after_closing).reduce(0, +) == lateCalls)
}

@Test func onRotatedWeekendsOnlyTheRotationServicesAndGroupsWork() throws {
    // 2024-09-23 is a Monday; the 21 days hold three weekends, the third in the National Day holidays.
    let calendar = ServiceCalendar(
        start: CalendarDate(year: 2024, month: 9, day: 23)!,
        holidays: Set((1 ... 7).map { CalendarDate(year: 2024, month: 10, day: $0)! }),
        workingDays: [CalendarDate(year: 2024, month: 9, day: 29)!, CalendarDate(year: 2024, month: 10, day: 12)!]
    )
    let spec = cityHall(calendar: calendar, days: 21)
    let rotationHours = WeekendRotationSpec.standardHours
    var weekendCalls = 0
    var adjustedDayEstate = 0
    for e in try events(spec) where e.kind == .submitted || e.kind == .called {
        let date = calendar.date(at: e.time)
        switch calendar.dayType(date) {
        case .weekend:
            #expect(e.service == 0, "only the rotation service on \(date)")
            if e.kind == .called {
                #expect(e.group == 0, "only the rotation group on \(date)")
                weekendCalls += 1
            }
            if e.kind == .submitted { #expect(inside(e.time, rotationHours), "rotation hours on \(date)") }
        case .holiday:
            Issue.record("\(e.kind) on the holiday \(date)")
        case .workday:
            if date == CalendarDate(year: 2024, month: 9, day: 29)!, e.service == 1 { adjustedDayEstate += 1 }
        }
    }
    #expect(weekendCalls > 50)
    #expect(adjustedDayEstate > 0, "the adjusted working Sunday opens as a workday, with every service")
}

@Test func theHourlyProfileShapesArrivalsChiSquare() throws {
    // The textbook licence-centre shape, 9:00–17:00, hall open all day (no hours), 400 days.
    let shape: [Double] = [22, 35, 40, 31, 35, 43, 29, 22]
    var hourly = Array(repeating: 0.0, count: 24)
    for (i, x) in shape.enumerated() { hourly[9 + i] = x / 40 }
    let spec = ScenarioSpec(
        name: "profile", seed: 8, stop: StopRule(horizon: .days(400)),
        services: [ServiceSpec(id: "s", serviceTime: .exponential(mean: 30))],
        halls: [HallSpec(id: "h", tier: .county, windows: [WindowGroupSpec(id: "w", count: 20, serves: ["s"])])],
        demand: [DemandSpec(service: "s", hall: "h", arrivals: .poisson(perSecond: 40.0 / 3600), profile: DemandProfile(hourly: hourly))]
    )
    var counts = Array(repeating: 0, count: 24)
    for e in try events(spec) where e.kind == .submitted {
        counts[Int((e.time.ticks % day) / hour)] += 1
    }
    let total = Double(counts.reduce(0, +))
    let weight = hourly.reduce(0, +)
    var chiSquare = 0.0
    for h in 0 ..< 24 {
        if hourly[h] == 0 {
            #expect(counts[h] == 0, "arrivals at \(h):00 where the rate is zero")
            continue
        }
        let expected = total * hourly[h] / weight
        chiSquare += (Double(counts[h]) - expected) * (Double(counts[h]) - expected) / expected
    }
    // 8 cells, 7 degrees of freedom: the 99.9% point is 24.32.
    #expect(chiSquare < 24.32, "chi-square \(chiSquare) for counts \(counts)")
    // Expected total: 400 days × Σ rates = 400 × 257.
    #expect(abs(total - 400 * 257) < 5 * (400 * 257.0).squareRoot())
}

@Test func theMonthlyProfileTriplesMarchDemand() throws {
    var monthly = Array(repeating: 1.0, count: 12)
    monthly[2] = 3
    let spec = ScenarioSpec(
        name: "season", seed: 2, stop: StopRule(horizon: .days(91)),
        calendar: ServiceCalendar(start: CalendarDate(year: 2024, month: 1, day: 1)!),
        services: [ServiceSpec(id: "subsidy", serviceTime: .exponential(mean: 60))],
        halls: [HallSpec(id: "h", tier: .city, windows: [WindowGroupSpec(id: "w", count: 10, serves: ["subsidy"])])],
        demand: [DemandSpec(service: "subsidy", hall: "h", arrivals: .poisson(perSecond: 20.0 / 3600), profile: DemandProfile(monthly: monthly))]
    )
    var perMonth = [0, 0, 0]
    let cal = spec.calendar
    for e in try events(spec) where e.kind == .submitted { perMonth[cal.date(at: e.time).month - 1] += 1 }
    let dailyJanuary = Double(perMonth[0]) / 31
    let dailyMarch = Double(perMonth[2]) / 31
    #expect(abs(dailyMarch / dailyJanuary - 3) < 0.15, "\(perMonth)")
}

@Test func aRosterSetsTheStaffedWindowsAndAWindowFinishesTheCaseInHand() throws {
    var spec = cityHall(days: 7, rotation: false)
    spec.halls[0].windows[0].roster = [
        RosterShift(day: .workday, interval: DayInterval((9, 0), (12, 0)), count: 1),
        RosterShift(day: .workday, interval: DayInterval((14, 30), (17, 30)), count: 3),
    ]
    var staffed = 0
    var busy = 0
    var staffing: [(SimTime, Int64)] = []
    for e in try events(spec) where e.group == 0 {
        switch e.kind {
        case .staffingChanged:
            staffed = Int(e.value)
            staffing.append((e.time, e.value))
        case .called:
            #expect(busy < staffed, "a call with \(busy) busy of \(staffed) staffed")
            busy += 1
        case .serviceCompleted:
            busy -= 1
        default: break
        }
    }
    let mondayMorning = staffing.first { $0.0.ticks == 9 * hour }
    #expect(mondayMorning?.1 == 1)
    #expect(staffing.contains { $0.0.ticks == 14 * hour + hour / 2 && $0.1 == 3 })
    #expect(staffing.contains { $0.0.ticks == 12 * hour && $0.1 == 0 })
}

@Test func peopleSentHomeComeBackOnALaterOpenDay() throws {
    var spec = cityHall(atClose: .sendHome, days: 14, rotation: false)
    spec.behaviour = BehaviourSpec(returnVisit: ReturnVisitSpec(probability: 1, afterDays: .deterministic(1)))
    let all = try events(spec)
    let cal = spec.calendar
    var sentHome = 0
    var returns = 0
    for e in all {
        if e.kind == .abandoned { sentHome += 1 }
        if e.kind == .submitted, e.window > 0 {
            returns += 1
            #expect(cal.dayType(cal.date(at: e.time)) == .workday)
        }
    }
    #expect(sentHome > 0)
    #expect(returns > 0)
    #expect(returns <= sentHome)
}
