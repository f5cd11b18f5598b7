import CaseEngine
import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

private func parse(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ScenarioSpec {
    do {
        return try ScenarioLoader.parse(yaml: yaml, file: "t.yaml")
    } catch {
        Issue.record("rejected: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

private func schedule(_ intervals: [DayInterval]) -> OpeningHours { .schedule([.workday: intervals]) }

/// A minimal scenario with one service decided in a back office, for defaults and small variants.
private let backOfficeYAML = """
name: office
horizon: 30d
services:
  - id: permit
    service_time: { exponential: { mean: 5m } }
    back_office: { department: land, work: { exponential: { mean: 1h } }, statutory: 20wd }
halls:
  - id: city
    tier: city
    windows: [{ id: w, count: 1, serves: [permit] }]
    departments: [{ id: land, staff: 2 }]
demand:
  - { service: permit, hall: city, arrivals: { poisson: { per_day: 3 } } }

"""

// MARK: every key, read into the spec

@Test func servicesReadKioskTimeBackOfficeMissingMaterialsResultsAndParts() throws {
    let spec = try parse(serviceNetworkYAML)
    #expect(spec.services == [
        ServiceSpec(
            id: "licence", serviceTime: .lognormal(mean: 720, sd: 360), selfServiceTime: .exponential(mean: 180),
            backOffice: BackOfficeSpec(department: "market", share: 0.8, work: .lognormal(mean: 7200, sd: 3600), tier: .county,
                                       statutory: 20, promised: 12, reject: 0.03, transfer: .days(1)),
            incomplete: IncompleteSpec(share: 0.1, policy: .deficiency, delay: .exponential(mean: 3 * 86_400), giveUp: 0.05),
            result: ResultSpec(mail: 0.3, mailDelay: .deterministic(2 * 86_400), pickupDelay: .uniform(min: 86_400, max: 5 * 86_400),
                               pickupTime: .deterministic(120))
        ),
        ServiceSpec(id: "tax", serviceTime: .exponential(mean: 480),
                    backOffice: BackOfficeSpec(department: "tax", work: .exponential(mean: 3600), statutory: 10, promised: 6)),
        ServiceSpec(id: "seal", serviceTime: .exponential(mean: 300),
                    backOffice: BackOfficeSpec(department: "police", work: .exponential(mean: 1800), statutory: 5)),
        ServiceSpec(id: "start-a-business", serviceTime: .exponential(mean: 1200),
                    incomplete: IncompleteSpec(share: 0.2, delay: .exponential(mean: 2 * 86_400)), parts: ["licence", "tax", "seal"]),
        ServiceSpec(id: "renewal", serviceTime: .exponential(mean: 240)),
    ])
}

@Test func hallsReadKindWaitTargetDepartmentsAndKiosks() throws {
    let halls = try parse(serviceNetworkYAML).halls
    #expect(halls.map(\.id) == ["city", "county", "outlet-1", "outlet-2", "outlet-3", "hotline"])
    #expect(halls.map(\.kind) == [.hall, .hall, .outlet, .outlet, .outlet, .hotline])
    #expect(halls[0].waitTarget == .minutes(15))
    #expect(halls[5].waitTarget == .seconds(15))
    #expect(halls[1].waitTarget == nil)
    #expect(halls[0].departments == [
        DepartmentSpec(id: "tax", staff: 3),
        DepartmentSpec(id: "police", staff: 2, hours: schedule([DayInterval((8, 30), (12, 0)), DayInterval((13, 30), (17, 30))])),
    ])
    #expect(halls[1].departments == [
        DepartmentSpec(id: "market", staff: 4, hours: schedule([DayInterval((9, 0), (12, 0)), DayInterval((13, 30), (17, 0))]), roster: [
            RosterShift(day: .workday, interval: DayInterval((9, 0), (12, 0)), count: 4),
            RosterShift(day: .workday, interval: DayInterval((13, 30), (17, 0)), count: 2),
        ]),
    ])
    #expect(halls[0].kiosks == KioskSpec(count: 6, services: ["renewal"], hours: .always))
    #expect(halls[1].kiosks == KioskSpec(count: 2, services: ["licence", "renewal"]))
    #expect(halls[2].kiosks == nil)
    #expect(halls[2 ... 4].allSatisfy { $0.parent == "county" && $0.tier == .town && $0.departments.isEmpty })
}

@Test func demandReadsItsChannelSharesInTheSpecsOrder() throws {
    let demand = try parse(serviceNetworkYAML).demand
    #expect(demand.map(\.hall) == ["county", "outlet-1", "outlet-2", "outlet-3", "county", "city", "hotline"])
    #expect(demand[0].channels == [ChannelShare(.walkIn, 0.3), ChannelShare(.online, 0.6), ChannelShare(.mobile, 0.05), ChannelShare(.kiosk, 0.05)])
    #expect(demand[1].channels.isEmpty)
    #expect(demand[4].channels == [ChannelShare(.online, 0.7), ChannelShare(.mobile, 0.3)])
    #expect(demand[5].channels == [ChannelShare(.walkIn, 0.5), ChannelShare(.kiosk, 0.5)])
    #expect(demand[5].appointments == AppointmentSpec(share: 0.2, slot: .minutes(15)))
    #expect(demand[6].channels.isEmpty)
}

@Test func channelsWrittenInAnyOrderComeOutInTheSameOrder() throws {
    let yaml = serviceNetwork(replacing: "{ walk_in: 0.3, online: 0.6, mobile: 0.05, kiosk: 0.05 }", with: "{ kiosk: 0.05, mobile: 0.05, online: 0.6, walk_in: 0.3 }")
    #expect(try parse(yaml).demand[0].channels.map(\.channel) == [.walkIn, .online, .mobile, .kiosk])
}

@Test func escalationAndRatingsAreRead() throws {
    let spec = try parse(serviceNetworkYAML)
    #expect(spec.escalation == EscalationSpec(
        hall: "city", staff: 2, hours: schedule([DayInterval((9, 0), (12, 0)), DayInterval((14, 0), (17, 0))]),
        handling: .exponential(mean: 1800), transfer: 0.15, contest: 0.2, maxVisits: 3, abandonedTwice: false
    ))
    #expect(spec.ratings == RatingSpec(share: 0.6, bad: 0.002, perMinute: 0.01, target: .minutes(15), complaint: 0.1,
                                       callback: .exponential(mean: 1200)))
}

// MARK: defaults

@Test func networkKeysLeftOutTakeTheirDefaults() throws {
    let yaml = backOfficeYAML + """
    escalation: { hall: city, handling: { exponential: { mean: 30m } } }
    ratings: { share: 0.5, bad: 0.01 }

    """
    let spec = try parse(yaml)
    let office = try #require(spec.services[0].backOffice)
    #expect(office == BackOfficeSpec(department: "land", work: .exponential(mean: 3600), statutory: 20))
    #expect(office.share == 1 && office.tier == nil && office.promised == 20 && office.reject == 0 && office.transfer == .days(1))
    #expect(spec.services[0].selfServiceTime == nil)
    #expect(spec.services[0].incomplete == nil)
    #expect(spec.services[0].result == ResultSpec())
    #expect(spec.services[0].parts.isEmpty)
    #expect(spec.halls[0].kind == .hall && spec.halls[0].kiosks == nil && spec.halls[0].waitTarget == nil)
    #expect(spec.halls[0].departments == [DepartmentSpec(id: "land", staff: 2)])
    #expect(spec.halls[0].departments[0].hours == nil && spec.halls[0].departments[0].roster.isEmpty)
    #expect(spec.demand[0].channels.isEmpty)
    #expect(spec.escalation == EscalationSpec(hall: "city", handling: .exponential(mean: 1800)))
    #expect(spec.escalation?.staff == 1 && spec.escalation?.maxVisits == 3 && spec.escalation?.abandonedTwice == true)
    #expect(spec.ratings == RatingSpec(share: 0.5, bad: 0.01))
    #expect(spec.ratings?.target == nil && spec.ratings?.callback == .deterministic(600))
}

@Test func missingMaterialsDefaultToAReturnVisitThatAlwaysComesBack() throws {
    let yaml = backOfficeYAML.replacingOccurrences(
        of: "statutory: 20wd }\n", with: "statutory: 20wd }\n    incomplete: { share: 0.1, delay: { deterministic: 2d } }\n")
    #expect(try parse(yaml).services[0].incomplete == IncompleteSpec(share: 0.1, policy: .returnVisit, delay: .deterministic(172_800), giveUp: 0))
}

@Test func aResultMayGiveOnlySomeOfItsKeys() throws {
    let yaml = backOfficeYAML.replacingOccurrences(of: "statutory: 20wd }\n", with: "statutory: 20wd }\n    result: { mail: 1 }\n")
    #expect(try parse(yaml).services[0].result == ResultSpec(mail: 1))
}

@Test func existingScenariosGetNoneOfTheNetworkKeys() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    // Huaibei has since gained departments and online channels; the other part-1 scenarios have none.
    for name in ["mmc", "pooling", "tongling-weekend"] {
        let spec = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/\(name).yaml").path)
        #expect(spec.escalation == nil && spec.ratings == nil, "\(name)")
        #expect(spec.services.allSatisfy { $0 == ServiceSpec(id: $0.id, serviceTime: $0.serviceTime) }, "\(name)")
        #expect(spec.halls.allSatisfy { $0.kind == .hall && $0.departments.isEmpty && $0.kiosks == nil && $0.waitTarget == nil }, "\(name)")
        #expect(spec.demand.allSatisfy { $0.channels.isEmpty }, "\(name)")
    }
}

// MARK: working days

@Test(arguments: [(0.6, 20, 12), (0.7, 10, 7), (0.75, 5, 4), (1.0, 20, 20), (0.01, 20, 1), (0.0, 20, 0), (0.6, 1, 1)])
func aPromisedShareOfTheStatutoryLimitIsRoundedUp(share: Double, statutory: Int, promised: Int) throws {
    #expect(ServiceNetworkReader.promisedDays(share: share, statutory: statutory) == promised)
    let yaml = backOfficeYAML.replacingOccurrences(of: "statutory: 20wd }", with: "statutory: \(statutory)wd, promised_share: \(share) }")
    #expect(try parse(yaml).services[0].backOffice?.promised == promised)
}

@Test(arguments: [("20wd", 20), ("5 wd", 5), ("0wd", 0), (" 60wd ", 60), ("1e1wd", 10)])
func workingDayLimitsAreRead(text: String, days: Int) {
    #expect(Units.workingDays(in: text) == .success(days))
}

@Test(arguments: [
    ("20", Units.WorkingDaysProblem.bareNumber), ("20d", .calendarUnit("d")), ("4w", .calendarUnit("w")), ("3 days", .calendarUnit("days")),
    ("1.5wd", .fraction), ("-3wd", .negative), ("20WD", .unknownUnit("WD")), ("20 workdays", .unknownUnit("workdays")),
    ("soon", .malformed), ("10001wd", .tooLarge),
])
func badWorkingDayLimitsAreClassified(text: String, problem: Units.WorkingDaysProblem) {
    #expect(Units.workingDays(in: text) == .failure(problem))
}

@Test func aLimitOfZeroWorkingDaysIsDueTheSameDay() throws {
    let yaml = backOfficeYAML.replacingOccurrences(of: "statutory: 20wd }", with: "statutory: 0wd }")
    #expect(try parse(yaml).services[0].backOffice?.statutory == 0)
}

// MARK: channels, bundles and nearest handling that are accepted

@Test func onlineAndKioskDemandNeedsNoWindowServingTheService() throws {
    // The county's windows serve neither start-a-business (online and mobile only) nor
    // does any window need to: only walk-ins and appointment holders use windows.
    let spec = try parse(serviceNetworkYAML)
    #expect(spec.halls[1].windows.allSatisfy { !$0.serves.contains("start-a-business") })
    let kioskOnly = serviceNetwork(replacing: "{ walk_in: 0.3, online: 0.6, mobile: 0.05, kiosk: 0.05 }", with: "{ kiosk: 1 }")
        .replacingOccurrences(of: "serves: [licence, renewal]", with: "serves: [renewal]")
    #expect(try parse(kioskOnly).demand[0].channels == [ChannelShare(.kiosk, 1)])
}

@Test func sharesThatAddUpToOneWithinRoundingAreAccepted() throws {
    let yaml = serviceNetwork(replacing: "{ walk_in: 0.3, online: 0.6, mobile: 0.05, kiosk: 0.05 }", with: "{ walk_in: 0.1, online: 0.2, mobile: 0.3, kiosk: 0.4 }")
    #expect(try parse(yaml).demand[0].channels.map(\.share) == [0.1, 0.2, 0.3, 0.4])
}

/// Two counties, only `east` with the land department; four towns spread over them.
private let nearestYAML = """
name: nearest
horizon: 30d
services:
  - { id: permit, service_time: { exponential: { mean: 5m } }, back_office: { department: land, work: { exponential: { mean: 1h } }, statutory: 20wd } }
halls:
  - { id: city, tier: city, windows: [{ id: w, count: 1, serves: [permit] }] }
  - { id: east, tier: county, parent: city, windows: [{ id: w, count: 1, serves: [permit] }], departments: [{ id: land, staff: 2 }] }
  - { id: west, tier: county, parent: city, windows: [{ id: w, count: 1, serves: [permit] }] }
  - family: { id: "town-{n}", count: 4, tier: town, parent: { tier: county } }
    windows: [{ id: w, count: 1, serves: [permit] }]
demand:
  - { service: permit, hall: "town-{n}", arrivals: { poisson: { per_day: 3 } } }

"""

@Test func aDepartmentHigherUpApprovesForEveryHallBelowIt() throws {
    let yaml = nearestYAML.replacingOccurrences(of: "{ id: city, tier: city, windows: [{ id: w, count: 1, serves: [permit] }] }",
                                                with: "{ id: city, tier: city, windows: [{ id: w, count: 1, serves: [permit] }], departments: [{ id: land, staff: 1 }] }")
    #expect(try parse(yaml).demand.count == 4)
}

@Test func aBundleOnlineAtACountyReachesItsPartsDepartmentsAtTheCity() throws {
    // tax and police are city departments: parts of the county's bundles go up to the city.
    let spec = try parse(serviceNetworkYAML)
    #expect(spec.demand[4].service == "start-a-business" && spec.demand[4].hall == "county")
    #expect(spec.halls[0].departments.map(\.id) == ["tax", "police"])
}

// MARK: families

@Test func aFamilyCarriesItsKindDepartmentsKiosksAndWaitTarget() throws {
    let yaml = """
    name: wenling
    horizon: 30d
    services:
      - { id: pension, service_time: { exponential: { mean: 6m } }, back_office: { department: social, work: { exponential: { mean: 1h } }, statutory: 10wd } }
      - { id: fine, service_time: { exponential: { mean: 2m } } }
    halls:
      - { id: city, tier: city, windows: [{ id: all, count: 4, serves: [pension, fine] }] }
      - { id: county, tier: county, parent: city, windows: [{ id: all, count: 2, serves: [pension, fine] }] }
      - family: { id: "town-{n}", count: 16, tier: town, parent: county }
        vary: { staff: 2 }
        wait_target: 10m
        departments:
          - id: social
            staff: 2
            roster: [{ day: workday, hours: "09:00-12:00", count: 2 }, { day: workday, hours: "14:00-17:00", count: 1 }]
        kiosks: { count: 3, services: [fine] }
        windows: [{ id: desk, count: 2, serves: [pension, fine] }]
      - family: { id: "bank-{n}", count: 201, tier: town, parent: county }
        kind: outlet
        hours: { workday: "09:00-17:00" }
        windows: [{ id: counter, count: 1, serves: [pension] }]
    demand:
      - { service: pension, hall: "town-{n}", arrivals: { poisson: { per_day: 8 } }, channels: { walk_in: 0.5, online: 0.5 } }
      - { service: fine, hall: "town-{n}", arrivals: { poisson: { per_day: 8 } }, channels: { walk_in: 0.2, kiosk: 0.8 } }

    """
    let spec = try parse(yaml).halls
    let towns = spec.filter { $0.id.hasPrefix("town-") }
    let banks = spec.filter { $0.id.hasPrefix("bank-") }
    #expect(towns.count == 16 && banks.count == 201)
    #expect(banks.first?.id == "bank-001" && banks.last?.id == "bank-201")
    #expect(banks.allSatisfy { $0.kind == .outlet && $0.kiosks == nil && $0.departments.isEmpty })
    #expect(towns.allSatisfy { $0.kind == .hall && $0.waitTarget == .minutes(10) && $0.kiosks == KioskSpec(count: 3, services: ["fine"]) })
    // vary: staff doubles window counts and department staff (and their rosters), not kiosks.
    #expect(towns.allSatisfy { $0.windows[0].count == 4 })
    #expect(towns.allSatisfy {
        $0.departments == [DepartmentSpec(id: "social", staff: 4, roster: [
            RosterShift(day: .workday, interval: DayInterval((9, 0), (12, 0)), count: 4),
            RosterShift(day: .workday, interval: DayInterval((14, 0), (17, 0)), count: 2),
        ])]
    })
}

@Test func channelsMayComeFromAnAnchor() throws {
    let yaml = serviceNetwork(replacing: "    channels: { online: 0.7, mobile: 0.3 }\n", with: "    channels: &web { online: 0.7, mobile: 0.3 }\n")
        .replacingOccurrences(of: "    channels: { walk_in: 0.5, kiosk: 0.5 }\n", with: "    channels: { <<: *web }\n")
    #expect(try parse(yaml).demand[5].channels == [ChannelShare(.online, 0.7), ChannelShare(.mobile, 0.3)])
}
