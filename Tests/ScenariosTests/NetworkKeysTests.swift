import CaseEngine
import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

private func parse(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ScenarioSpec {
    do {
        return try ScenarioLoader.parse(yaml: yaml, file: "t.yaml")
    } catch {
        Issue.record("rejected: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

@Test func theNetworkScenarioParsesIntoTheExpectedSpec() throws {
    let spec = try parse(networkYAML)
    var hourly = Array(repeating: 1.0, count: 24)
    hourly[8] = 0.5
    hourly[9] = 2
    hourly[10] = 1.5
    var monthly = Array(repeating: 1.0, count: 12)
    monthly[2] = 3
    monthly[8] = 3
    let holidays = (1 ... 7).map { date("2024-10-0\($0)") }
    let expected = ScenarioSpec(
        name: "net", seed: 7, stop: StopRule(horizon: .days(30)),
        calendar: ServiceCalendar(start: date("2024-09-23"), weekend: [.saturday, .sunday], holidays: Set(holidays),
                                  workingDays: [date("2024-09-29"), date("2024-10-12")]),
        behaviour: BehaviourSpec(patience: .exponential(mean: 600), balkAt: 30,
                                 returnVisit: ReturnVisitSpec(probability: 0.5, afterDays: .uniform(min: 1, max: 3))),
        serviceLevelTarget: .minutes(15),
        services: [ServiceSpec(id: "social", serviceTime: .exponential(mean: 300)), ServiceSpec(id: "housing", serviceTime: .exponential(mean: 480))],
        halls: [HallSpec(
            id: "city", tier: .city,
            hours: .schedule([.workday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))], .holiday: []]),
            atClose: .sendHome,
            rotation: WeekendRotationSpec(hours: WeekendRotationSpec.standardHours, groups: ["all"], services: ["social"]),
            windows: [
                WindowGroupSpec(id: "all", count: 4, serves: ["social", "housing"], roster: [
                    RosterShift(day: .workday, interval: DayInterval((9, 0), (12, 0)), count: 4),
                    RosterShift(day: .workday, interval: DayInterval((14, 30), (16, 0)), count: 2),
                    RosterShift(day: .workday, interval: DayInterval((16, 0), (17, 30)), count: 2),
                ]),
                WindowGroupSpec(id: "desk", count: 1, serves: ["housing"]),
            ]
        )],
        demand: [
            DemandSpec(service: "social", hall: "city", arrivals: .poisson(perSecond: 20.0 / 3600), factor: 1.5,
                       profile: DemandProfile(hourly: hourly, weekday: [1.4, 1, 1, 1, 1.2, 0.5, 0.5], monthly: monthly),
                       behaviour: BehaviourSpec(patience: .deterministic(1200))),
            DemandSpec(service: "housing", hall: "city", arrivals: .poisson(perSecond: 30.0 / 86_400)),
        ]
    )
    #expect(spec == expected)
}

@Test func newKeysTakeTheirDefaults() throws {
    let spec = try parse(mmcYAML)
    #expect(spec.calendar == ServiceCalendar(start: ScenarioSpec.defaultStart))
    #expect(spec.calendar.weekend == [.saturday, .sunday])
    #expect(spec.behaviour == BehaviourSpec())
    #expect(spec.serviceLevelTarget == nil)
    #expect(spec.halls[0].atClose == .serveQueue)
    #expect(spec.halls[0].rotation == nil)
    #expect(spec.halls[0].windows[0].roster.isEmpty)
    #expect(spec.demand[0].factor == 1)
    #expect(spec.demand[0].profile == DemandProfile())
    #expect(spec.demand[0].behaviour == nil)
}

@Test(arguments: [
    ("start: 2024-09-23", "2024-09-23"),
    ("start: \"2024-09-23\"", "2024-09-23"),
    ("start: '2023-12-31'", "2023-12-31"),
    ("start: 2024-02-29", "2024-02-29"),
])
func theStartDateIsADateOrAString(line: String, expected: String) throws {
    let spec = try parse(network(replacing: "start: 2024-09-23", with: line))
    #expect(spec.calendar.start == date(expected))
}

@Test(arguments: [
    ("horizon: 30d", "stop: { cases: 100 }", StopRule(cases: 100, horizon: .days(30))),
    ("horizon: 365d", "", StopRule(horizon: .days(365))),
    ("", "stop: { time: 2w }", StopRule(horizon: .days(14))),
    ("horizon: 12h", "stop: {}", StopRule(horizon: .hours(12))),
])
func horizonAndStopCombine(horizon: String, stop: String, expected: StopRule) throws {
    let yaml = network(replacing: "horizon: 30d\n", with: horizon.isEmpty ? "" : horizon + "\n")
        .replacingOccurrences(of: "seed: 7\n", with: "seed: 7\n" + (stop.isEmpty ? "" : stop + "\n"))
    #expect(try parse(yaml).stop == expected)
}

@Test(arguments: [
    ("weekend: [sat, sun]", [Weekday.saturday, .sunday]),
    ("weekend: [saturday, sunday]", [.saturday, .sunday]),
    ("weekend: [fri, sat]", [.friday, .saturday]),
    ("weekend: [sun]", [.sunday]),
    ("weekend: []", []),
])
func weekendDaysAreShortOrFullNames(line: String, expected: [Weekday]) throws {
    let yaml = network(replacing: "weekend: [sat, sun]", with: line)
        .replacingOccurrences(of: "  working_days: [2024-09-29, 2024-10-12]\n", with: "")
    #expect(try parse(yaml).calendar.weekend == Set(expected))
}

@Test func holidayRangesAreInclusiveAndMayCrossMonthsAndPrecedeTheStart() throws {
    let yaml = network(replacing: "holidays: [2024-10-01, \"2024-10-02..2024-10-07\"]",
                       with: "holidays: [\"2024-09-30 .. 2024-10-02\", 2023-01-01, '2024-12-25..2024-12-25']")
    let spec = try parse(yaml)
    #expect(spec.calendar.holidays == [date("2024-09-30"), date("2024-10-01"), date("2024-10-02"), date("2023-01-01"), date("2024-12-25")])
}

@Test func workingDaysMayBeRangesOfWeekendDaysAndComeBeforeTheStart() throws {
    let yaml = network(replacing: "working_days: [2024-09-29, 2024-10-12]", with: "working_days: [\"2024-09-28..2024-09-29\", 2023-01-07]")
    #expect(try parse(yaml).calendar.workingDays == [date("2024-09-28"), date("2024-09-29"), date("2023-01-07")])
}

@Test(arguments: [
    ("{ patience: { exponential: { mean: 10m } } }", BehaviourSpec(patience: .exponential(mean: 600))),
    ("{ balk_at: 1 }", BehaviourSpec(balkAt: 1)),
    ("{ return: { probability: 1, after: { deterministic: 2d } } }",
     BehaviourSpec(returnVisit: ReturnVisitSpec(probability: 1, afterDays: .deterministic(2)))),
    ("{ return: { probability: 0, after: { exponential: { mean: 36h } } } }",
     BehaviourSpec(returnVisit: ReturnVisitSpec(probability: 0, afterDays: .exponential(mean: 1.5)))),
    ("{ return: { probability: 0.25, after: { empirical: { values: [1d, 1w], weights: [3, 1] } } } }",
     BehaviourSpec(returnVisit: ReturnVisitSpec(probability: 0.25, afterDays: .empirical(values: [1, 7], weights: [3, 1])))),
    ("{}", BehaviourSpec()),
])
func behaviourKeysParse(text: String, expected: BehaviourSpec) throws {
    let yaml = network(replacing: """
    behaviour:
      patience: { exponential: { mean: 10m } }
      balk_at: 30
      return: { probability: 0.5, after: { uniform: { min: 1d, max: 3d } } }
    """, with: "behaviour: \(text)")
    #expect(try parse(yaml).behaviour == expected)
}

@Test func aDemandEntryOverridesOnlyTheBehaviourKeysItGives() throws {
    let spec = try parse(networkYAML)
    // The model merges key by key: the entry's patience, the scenario's balk_at and return.
    #expect(spec.demand[0].behaviour == BehaviourSpec(patience: .deterministic(1200)))
    #expect(spec.demand[1].behaviour == nil)
    #expect(spec.behaviour.balkAt == 30)
}

@Test(arguments: [
    ("hours: always", OpeningHours.always),
    ("hours: { workday: \"08:00-20:00\" }", .schedule([.workday: [DayInterval((8, 0), (20, 0))]])),
    ("hours: { workday: [\"9:00-12:00\"], weekend: [\"10:00 - 24:00\"], holiday: [] }",
     .schedule([.workday: [DayInterval((9, 0), (12, 0))], .weekend: [DayInterval((10, 0), (24, 0))], .holiday: []])),
    ("hours: { holiday: [\"00:00-24:00\"] }", .schedule([.holiday: [DayInterval((0, 0), (24, 0))]])),
    ("hours: { workday: [\"09:00–12:00\", \"14:30–17:30\"] }", .schedule([.workday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))]])),
])
func openingHoursParse(text: String, expected: OpeningHours) throws {
    let yaml = mmcYAML.replacingOccurrences(of: "hours: always", with: text)
    #expect(try parse(yaml).halls[0].hours == expected)
}

@Test func openingHoursInBlockStyleParse() throws {
    let yaml = mmcYAML.replacingOccurrences(of: "    hours: always\n", with: """
        hours:
          workday:
            - 09:00-12:00
            - 14:30-17:30
          weekend:
            - "10:00-12:00"

    """)
    let spec = try parse(yaml)
    #expect(spec.halls[0].hours == .schedule([
        .workday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))],
        .weekend: [DayInterval((10, 0), (12, 0))],
    ]))
}

@Test(arguments: [("serve", ClosingPolicy.serveQueue), ("send_home", .sendHome)])
func closingPolicyParses(name: String, expected: ClosingPolicy) throws {
    let spec = try parse(network(replacing: "at_close: send_home", with: "at_close: \(name)"))
    #expect(spec.halls[0].atClose == expected)
}

@Test func aRotationWithItsOwnHoursParses() throws {
    let yaml = network(replacing: "rotation: { groups: [all], services: [social] }",
                       with: "rotation: { hours: [\"10:00-15:00\"], groups: [all, desk], services: [social, housing] }")
    let rotation = try parse(yaml).halls[0].rotation
    #expect(rotation == WeekendRotationSpec(hours: [DayInterval((10, 0), (15, 0))], groups: ["all", "desk"], services: ["social", "housing"]))
}

@Test func rosterShiftsOfDifferentDayTypesMayOverlapAndShiftsMayTouch() throws {
    let yaml = network(replacing: "          - { day: workday, hours: \"09:00-12:00\", count: 4 }\n", with: """
              - { day: workday, hours: "09:00-12:00", count: 4 }
              - { day: holiday, hours: "09:00-12:00", count: 1 }
              - { day: weekend, hours: ["08:00-09:00", "11:00-12:00"], count: 3 }

    """)
    let roster = try parse(yaml).halls[0].windows[0].roster
    #expect(roster.map(\.day) == [.workday, .holiday, .weekend, .weekend, .workday, .workday])
    #expect(roster.map(\.count) == [4, 1, 3, 3, 2, 2])
}

@Test(arguments: [
    ("hourly: { 9: 2, \"10\": 1.5, \"08\": 0.5 }", "hourly", 8, 0.5),
    ("hourly: { 0: 0, 23: 4 }", "hourly", 23, 4),
    ("hourly: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 2, 1, 1, 2, 3, 2, 1, 0, 0, 0, 0, 0]", "hourly", 10, 3),
    ("weekday: { mon: 1.4, saturday: 0 }", "weekday", 5, 0),
    ("weekday: { sunday: 0.2 }", "weekday", 6, 0.2),
    ("monthly: { march: 3, 9: 3 }", "monthly", 2, 3),
    ("monthly: { 12: 0.5 }", "monthly", 11, 0.5),
    ("monthly: [1, 1, 3, 1, 1, 1, 1, 1, 3, 1, 1, 0.5]", "monthly", 8, 3),
])
func profileFactorsParseFromListsAndMappings(text: String, part: String, index: Int, value: Double) throws {
    let yaml = mmcYAML.replacingOccurrences(of: "    arrivals: { poisson: { per_hour: 540 } }\n", with: """
        arrivals: { poisson: { per_hour: 540 } }
        profile: { \(text) }

    """)
    let profile = try parse(yaml).demand[0].profile
    let factors = ["hourly": profile.hourly, "weekday": profile.weekday, "monthly": profile.monthly][part]
    #expect(factors?[index] == value)
    #expect(profile.hourly.count == 24 && profile.weekday.count == 7 && profile.monthly.count == 12)
}

@Test func unspecifiedHoursOfAMappingAreOne() throws {
    let yaml = mmcYAML.replacingOccurrences(of: "    arrivals: { poisson: { per_hour: 540 } }\n", with: """
        arrivals: { poisson: { per_hour: 540 } }
        profile: { hourly: { 12: 0 } }

    """)
    let hourly = try parse(yaml).demand[0].profile.hourly
    #expect(hourly == (0 ..< 24).map { $0 == 12 ? 0 : 1 })
}

@Test func theDemandFactorParses() throws {
    let spec = try parse(mmcYAML.replacingOccurrences(of: "    hall: hall\n", with: "    hall: hall\n    factor: 0.25\n"))
    #expect(spec.demand[0].factor == 0.25)
}

@Test func theServiceLevelTargetIsADuration() throws {
    let spec = try parse(network(replacing: "service_level: { target: 15m }", with: "service_level: { target: 90s }"))
    #expect(spec.serviceLevelTarget == .seconds(90))
}

/// `every: 15m` with `factors`: the day's shape at a step finer than the hour.
@Test func aProfileAtAFinerStepThanTheHourHasOneFactorPerStep() throws {
    func profile(_ text: String) -> String {
        mmcYAML.replacingOccurrences(of: "    arrivals: { poisson: { per_hour: 540 } }\n", with: """
            arrivals: { poisson: { per_hour: 540 } }
            profile: \(text)

        """)
    }
    let shape = try parse(profile(#"{ every: 15m, factors: { "09:15": 1.8, "23:45": 0 } }"#)).demand[0].profile.hourly
    #expect(shape.count == 96)
    #expect(shape == (0 ..< 96).map { $0 == 37 ? 1.8 : $0 == 95 ? 0 : 1 })
    let listed = try parse(profile("{ every: 30m, factors: [\((0 ..< 48).map { String($0 % 3) }.joined(separator: ", "))] }")).demand[0].profile.hourly
    #expect(listed.count == 48 && listed[4] == 1 && listed[5] == 2)
    let cases: [(String, String)] = [
        ("{ every: 7m, factors: [1] }", "'every' must divide the hour into whole minutes, found 7m"),
        ("{ every: 15m, factors: [1, 2] }", "'factors' has 2 factors"),
        ("{ every: 15m }", "missing key 'factors' beside 'every'"),
        ("{ factors: [1] }", "'factors' without 'every'"),
        (#"{ every: 15m, factors: { "09:10": 2 } }"#, "'factors' has the key '09:10', which is no step"),
    ]
    for (text, message) in cases {
        let found = problems(profile(text))
        #expect(found.contains { $0.message.hasPrefix(message) && $0.line > 0 && $0.column > 0 }, "\(text): \(found.map(\.message))")
    }
}
