import CaseEngine
import HallModel
import SimCore
import Testing

/// A town that accepts, a county and a city that approve: every path of docs/network.md in one network.
///
/// - `licence`: decided by the city's `market` department (tier city); 20% of visits lack
///   materials and must come back; half of the results are mailed.
/// - `permit`: decided by `permit`, which the county has (nearest handling, no tier given);
///   30% accepted with a deficiency.
/// - `query`: decided at the window or a kiosk.
/// - `startup`: a bundle of a licence and a permit.
func threeTiers(days: Int = 90, escalation: Bool = true, ratings: Bool = true) -> ScenarioSpec {
    let workday = OpeningHours.schedule([.workday: [DayInterval((9, 0), (17, 0))]])
    let minute = 60.0
    return ScenarioSpec(
        name: "three-tiers", seed: 11, stop: StopRule(horizon: .days(Double(days))),
        calendar: ServiceCalendar(
            start: CalendarDate(year: 2024, month: 9, day: 2)!,
            holidays: Set((1 ... 7).map { CalendarDate(year: 2024, month: 10, day: $0)! }),
            workingDays: [CalendarDate(year: 2024, month: 9, day: 29)!, CalendarDate(year: 2024, month: 10, day: 12)!]
        ),
        behaviour: BehaviourSpec(
            patience: .exponential(mean: 40 * minute),
            returnVisit: ReturnVisitSpec(probability: 0.6, afterDays: .deterministic(1))
        ),
        serviceLevelTarget: .minutes(15),
        services: [
            ServiceSpec(
                id: "licence", serviceTime: .exponential(mean: 8 * minute),
                backOffice: BackOfficeSpec(department: "market", work: .exponential(mean: 50 * minute), tier: .city, statutory: 20, promised: 12, reject: 0.1),
                incomplete: IncompleteSpec(share: 0.2, policy: .returnVisit, delay: .exponential(mean: 2 * 86_400), giveUp: 0.1),
                result: ResultSpec(mail: 0.5)
            ),
            ServiceSpec(
                id: "permit", serviceTime: .exponential(mean: 6 * minute),
                backOffice: BackOfficeSpec(department: "permit", work: .exponential(mean: 40 * minute), statutory: 10, promised: 6, reject: 0.05),
                incomplete: IncompleteSpec(share: 0.3, policy: .deficiency, delay: .exponential(mean: 86_400))
            ),
            ServiceSpec(id: "query", serviceTime: .exponential(mean: 3 * minute), selfServiceTime: .exponential(mean: 2 * minute)),
            ServiceSpec(id: "startup", serviceTime: .exponential(mean: 15 * minute), result: ResultSpec(mail: 0.3), parts: ["licence", "permit"]),
        ],
        halls: [
            HallSpec(
                id: "city", tier: .city, hours: workday,
                windows: [WindowGroupSpec(id: "general", count: 2, serves: ["query", "licence"])],
                departments: [DepartmentSpec(id: "market", staff: 2)],
                kiosks: KioskSpec(count: 2, services: ["query"])
            ),
            HallSpec(
                id: "county", tier: .county, parent: "city", hours: workday,
                windows: [WindowGroupSpec(id: "general", count: 1, serves: ["permit"])],
                departments: [DepartmentSpec(id: "permit", staff: 1)]
            ),
            HallSpec(
                id: "town", tier: .town, parent: "county", hours: workday,
                windows: [WindowGroupSpec(id: "front", count: 2, serves: ["licence", "permit", "startup", "query"])]
            ),
        ],
        demand: [
            DemandSpec(service: "licence", hall: "town", arrivals: .poisson(perSecond: 14.0 / 3600), channels: [ChannelShare(.walkIn, 0.4), ChannelShare(.online, 0.6)]),
            DemandSpec(service: "permit", hall: "town", arrivals: .poisson(perSecond: 6.0 / 3600)),
            DemandSpec(service: "startup", hall: "town", arrivals: .poisson(perSecond: 2.0 / 3600), channels: [ChannelShare(.walkIn, 0.5), ChannelShare(.mobile, 0.5)]),
            DemandSpec(service: "query", hall: "town", arrivals: .poisson(perSecond: 10.0 / 3600)),
            DemandSpec(service: "query", hall: "city", arrivals: .poisson(perSecond: 30.0 / 3600), channels: [ChannelShare(.walkIn, 0.5), ChannelShare(.kiosk, 0.5)]),
            DemandSpec(service: "licence", hall: "city", arrivals: .poisson(perSecond: 5.0 / 3600)),
        ],
        escalation: escalation ? EscalationSpec(hall: "city", staff: 1, handling: .exponential(mean: 3600), transfer: 0.15, contest: 0.3, maxVisits: 2) : nil,
        ratings: ratings ? RatingSpec(share: 0.7, bad: 0.02, perMinute: 0.02, complaint: 0.2) : nil
    )
}

struct Flow {
    let network: HallNetwork
    let events: [CaseEvent]
    let book: CaseBook

    init(_ spec: ScenarioSpec, seed: UInt64 = 11) throws {
        network = HallNetwork(spec)
        events = HallRun.run(network, seed: seed, sink: EventBuffer()).1.events
        var book = CaseBook()
        for e in events { try book.apply(e) }
        self.book = book
    }

    var catalog: Catalog { network.catalog }
    func service(_ id: String) -> UInt16 { UInt16(catalog.services.firstIndex(of: id)!) }
    func count(_ kind: CaseEvent.Kind) -> Int { events.count { $0.kind == kind } }
    /// Every case's events, by case id.
    var byCase: [UInt32: [CaseEvent]] {
        Dictionary(grouping: events.filter { $0.kind.rawValue < CaseEvent.Kind.rated.rawValue }, by: \.caseID)
    }
}

@Test func everyPathOfTheNetworkIsALegalLifecycleAndEveryCaseIsAccountedFor() throws {
    let flow = try Flow(threeTiers())
    // Folding through the book (in Flow.init) already proved every event legal for its case.
    let book = flow.book
    let arrived = flow.count(.submitted)
    let closed = book.count(in: .closed), abandoned = book.count(in: .abandoned) + book.count(in: .noShow)
    let transferred = book.count(in: .transferred)
    #expect(arrived == closed + abandoned + transferred + book.openCount)
    #expect(closed == flow.count(.serviceCompleted) + flow.count(.closed))
    // Each path actually happened.
    for kind: CaseEvent.Kind in [
        .forwarded, .approved, .rejected, .materialsRequested, .resubmitted, .delivered, .pickedUp, .escalated, .transferred,
        .rated, .callbackDone,
    ] {
        #expect(flow.count(kind) > 0, "no \(kind) event")
    }
    #expect(flow.events.contains { $0.kind == .abandoned && $0.window == AbandonReason.noMaterials.rawValue })
    #expect(flow.events.contains { $0.kind == .submitted && $0.channel == .feedback })
    #expect(flow.events.contains { $0.kind == .submitted && $0.channel == .kiosk })
}

@Test func onlineAndMobileCasesNeverOccupyAHallWindow() throws {
    let flow = try Flow(threeTiers())
    var remote = 0
    for (_, events) in flow.byCase where events[0].channel == .online || events[0].channel == .mobile {
        remote += 1
        #expect(!events.contains { [.ticketIssued, .called, .serviceStarted, .serviceCompleted, .pickedUp].contains($0.kind) })
    }
    #expect(remote > 500)
}

@Test func forwardedCasesAreDecidedOnlyByADepartmentWithTheAuthority() throws {
    let flow = try Flow(threeTiers())
    let catalog = flow.catalog
    let licence = flow.service("licence"), permit = flow.service("permit")
    var decided = 0
    for (_, events) in flow.byCase {
        guard let forwarded = events.first(where: { $0.kind == .forwarded }) else { continue }
        let group = catalog.groups[Int(forwarded.group)]
        #expect(group.kind == .department)
        #expect(Int(forwarded.hall) == group.hall)
        let tier = catalog.halls[group.hall].tier
        if forwarded.service == licence { #expect(tier == "city" && group.id == "market") }
        if forwarded.service == permit { #expect(tier == "county" && group.id == "permit") }
        for decision in events where decision.kind == .approved || decision.kind == .rejected {
            #expect(decision.hall == forwarded.hall && decision.group == forwarded.group)
            decided += 1
        }
        // A case accepted in the town reaches the city a day later (two tiers up, one day each).
        if let accepted = events.first(where: { $0.kind == .accepted }), accepted.hall == 2, forwarded.service == licence,
           !events.contains(where: { $0.kind == .materialsRequested }) {
            #expect(forwarded.time.ticks - accepted.time.ticks == 2 * ServiceCalendar.dayTicks)
        }
    }
    #expect(decided > 1000)
}

@Test func aBundleIsDecidedWhenItsLastPartIsAndRejectedIfAnyPartIs() throws {
    let flow = try Flow(threeTiers())
    let cases = flow.byCase
    let startup = flow.service("startup")
    var parts: [UInt32: [[CaseEvent]]] = [:]
    for (_, events) in cases where events[0].value > 0 && events[0].kind == .submitted && events[0].channel == .none {
        parts[UInt32(events[0].value - 1), default: []].append(events)
    }
    var checked = 0
    for (id, events) in cases where events[0].service == startup {
        guard let ready = events.first(where: { $0.kind == .resultReady }) else { continue }
        let mine = parts[id] ?? []
        #expect(mine.count == 2)
        let partReady = mine.compactMap { $0.first { $0.kind == .resultReady }?.time }
        #expect(partReady.count == 2)
        #expect(ready.time == partReady.max())
        let anyRejected = mine.contains { $0.contains { $0.kind == .rejected } }
        #expect(events.contains { $0.kind == (anyRejected ? .rejected : .approved) })
        for part in mine { #expect(part.last?.kind == .closed) }
        checked += 1
    }
    #expect(checked > 50)
}

@Test func departmentsDecideOnlyWhileTheyWork() throws {
    let flow = try Flow(threeTiers())
    let calendar = flow.catalog.calendar
    for e in flow.events where e.kind == .approved || e.kind == .rejected || e.kind == .callbackDone {
        guard flow.catalog.groups[Int(e.group)].kind == .department || flow.catalog.groups[Int(e.group)].kind == .escalation else { continue }
        let date = calendar.date(at: e.time)
        #expect(calendar.dayType(date) == .workday, "\(e.kind) on \(date)")
        let t = calendar.timeOfDay(e.time)
        let open = DepartmentSpec.standardHours
        guard case .schedule(let byType) = open else { continue }
        #expect(byType[.workday]!.contains { $0.from <= t && t <= $0.to }, "\(e.kind) at \(Double(t) / 3.6e9) h")
    }
}

@Test func aSecondGiveUpIsEscalatedAndNeverAThirdVisit() throws {
    let flow = try Flow(threeTiers())
    var escalatedGiveUps = 0
    for e in flow.events where e.kind == .escalated && (e.value == Int64(CaseState.Phase.queued.rawValue) || e.value == Int64(CaseState.Phase.submitted.rawValue)) {
        escalatedGiveUps += 1
        #expect(flow.catalog.groups[Int(e.group)].kind != .department)
    }
    #expect(escalatedGiveUps > 0)
    // Without an escalation desk, the same people abandon.
    let plain = try Flow(threeTiers(escalation: false))
    #expect(plain.count(.escalated) == 0 && plain.count(.transferred) == 0)
}

@Test func theSameSeedGivesTheSameNetworkEvents() throws {
    let a = try Flow(threeTiers(days: 30)).events
    let b = try Flow(threeTiers(days: 30)).events
    #expect(a == b)
    let c = try Flow(threeTiers(days: 30), seed: 12).events
    #expect(a != c)
}

/// Online cases, half of them to a department that never closes and never queues them:
/// the time from `forwarded` to the decision is the desk's work time alone.
@Test func deskWorkTimesFollowTheirDistributionWhateverElseIsDrawn() throws {
    let always = OpeningHours.schedule(Dictionary(uniqueKeysWithValues: DayType.allCases.map { ($0, [DayInterval((0, 0), (24, 0))]) }))
    let spec = ScenarioSpec(
        name: "desk", seed: 3, stop: StopRule(horizon: .days(60)),
        services: [ServiceSpec(
            id: "s", serviceTime: .exponential(mean: 60),
            backOffice: BackOfficeSpec(department: "d", share: 0.5, work: .exponential(mean: 1800), statutory: 5, reject: 0.5),
            incomplete: IncompleteSpec(share: 0.2, policy: .deficiency, delay: .exponential(mean: 3600)),
            result: ResultSpec(mail: 0.5)
        )],
        halls: [HallSpec(id: "h", tier: .city, windows: [WindowGroupSpec(id: "w", count: 1, serves: ["s"])], departments: [DepartmentSpec(id: "d", staff: 60, hours: always)])],
        demand: [DemandSpec(service: "s", hall: "h", arrivals: .poisson(perSecond: 10.0 / 3600), channels: [ChannelShare(.online, 1)])]
    )
    let flow = try Flow(spec, seed: 3)
    var forwardedAt: [UInt32: Int64] = [:]
    var works: [Double] = []
    for e in flow.events {
        if e.kind == .forwarded { forwardedAt[e.caseID] = e.time.ticks }
        if e.kind == .approved || e.kind == .rejected, let t = forwardedAt[e.caseID] { works.append(Double(e.time.ticks - t) / 1e6) }
    }
    let mean = works.reduce(0, +) / Double(works.count)
    // About 7,200 decisions: the mean's standard error is about 21 s.
    #expect(works.count > 6000)
    #expect(abs(mean - 1800) < 90, "mean desk work \(mean) s")
    let rejected = Double(flow.count(.rejected)) / Double(works.count)
    #expect(abs(rejected - 0.5) < 0.03)
}
