@testable import CaseEngine
import SimCore
import Testing

/// The October 2024 holiday week: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
/// Time zero is Monday 23 September 2024, so weeks of the run end on Mondays at midnight.
let octoberCalendar = ServiceCalendar(
    start: date("2024-09-23"),
    holidays: Set((1...7).map { date("2024-10-0\($0)") }),
    workingDays: [date("2024-09-29"), date("2024-10-12")]
)

/// Halls, groups and services of the network tests.
enum Net {
    static let city: UInt16 = 0
    static let hotlineHall: UInt16 = 1
    static let windows: UInt16 = 0
    static let social: UInt16 = 1
    static let housing: UInt16 = 2
    static let desk: UInt16 = 3
    static let agents: UInt16 = 4
    /// Promised 5 working days, statutory 10.
    static let licence: UInt16 = 0
    /// No deadline.
    static let notice: UInt16 = 1
    /// A bundle of `part1`, `part2`, `part3`.
    static let move: UInt16 = 2
    static let part1: UInt16 = 3
    static let part2: UInt16 = 4
    static let part3: UInt16 = 5
    /// A hotline reply, promised in 5 working days.
    static let reply: UInt16 = 6

    static let catalog = Catalog(
        scenario: "network", seed: 3,
        halls: [
            .init(id: "city", tier: "city"),
            .init(id: "12345", tier: "city", kind: "hotline", waitTarget: .seconds(20)),
        ],
        groups: [
            .init(id: "windows", hall: 0, servers: 4),
            .init(id: "social", hall: 0, servers: 3, kind: .department),
            .init(id: "housing", hall: 0, servers: 2, kind: .department),
            .init(id: "escalation", hall: 0, servers: 1, kind: .escalation),
            .init(id: "agents", hall: 1, servers: 5),
        ],
        services: ["licence", "notice", "move", "part1", "part2", "part3", "reply"],
        calendar: octoberCalendar,
        terms: [
            .init(statutory: 10, promised: 5), .init(), .init(parts: [3, 4, 5]), .init(statutory: 10, promised: 5),
            .init(statutory: 10, promised: 5), .init(statutory: 10, promised: 5), .init(promised: 5),
        ]
    )
}

/// The moment `h:m` on `day` (an ISO date) of ``octoberCalendar``.
func on(_ day: String, _ h: Int, _ m: Int = 0, _ s: Double = 0) -> SimTime {
    SimTime.days(Double(date(day).epochDay - octoberCalendar.start.epochDay)) + .hours(Double(h)) + .minutes(Double(m)) + .seconds(s)
}

/// Builds an event stream through a ``CaseBook``, so every event follows the lifecycle and carries
/// the phase it left, as docs/network.md has each path write them; then folds it.
struct NetworkStream {
    var book = CaseBook()
    var events: [CaseEvent] = []

    /// Submits a case; `value` is what `submitted` carries (a parent's or a rated case's id + 1).
    @discardableResult
    mutating func submit(_ service: UInt16, hall: UInt16 = Net.city, _ channel: CaseEvent.Channel, at time: SimTime, value: Int64 = 0) -> UInt32 {
        var e = try! book.handle(.submit(service: service, hall: hall, channel: channel), at: time)
        e.value = value
        events.append(e)
        return e.caseID
    }

    /// Applies `command` at `time`; the event it became.
    @discardableResult
    mutating func go(_ command: CaseCommand, at time: SimTime) throws -> CaseEvent {
        let e = try book.handle(command, at: time)
        events.append(e)
        return e
    }

    /// A walk-in: submitted, ticket, called after `wait`; ends with nothing (the caller goes on).
    mutating func walkIn(_ service: UInt16, hall: UInt16 = Net.city, group: UInt16 = Net.windows, _ channel: CaseEvent.Channel = .walkIn, at time: SimTime, wait: SimTime) throws -> UInt32 {
        let id = submit(service, hall: hall, channel, at: time)
        try go(.issueTicket(case: id, group: group), at: time)
        try go(.call(case: id, window: 1), at: time + wait)
        return id
    }

    /// Accepted at a window at `time`, then forwarded at once to `department`.
    mutating func acceptAndForward(_ id: UInt32, to department: UInt16, hall: UInt16 = Net.city, at time: SimTime) throws {
        try go(.accept(case: id), at: time)
        try go(.forward(case: id, department: department, hall: hall), at: time)
    }

    /// Approves (or rejects), then result ready, delivered and closed, all at `time`.
    mutating func decideAndClose(_ id: UInt32, approve: Bool = true, at time: SimTime) throws {
        try go(approve ? .approve(case: id) : .reject(case: id), at: time)
        try go(.markResultReady(case: id), at: time)
        try go(.deliver(case: id), at: time)
        try go(.close(case: id), at: time)
    }

    /// An abandonment with its reason (the floor writes it in `window`).
    mutating func abandon(_ id: UInt32, _ reason: AbandonReason, at time: SimTime) throws {
        var e = try book.handle(.abandon(case: id), at: time)
        e.window = reason.rawValue
        events.append(e)
    }

    /// A rating of case `id` (not a lifecycle event).
    mutating func rate(_ id: UInt32, bad: Bool, wait: SimTime, hall: UInt16 = Net.city, group: UInt16 = Net.windows, at time: SimTime) {
        events.append(CaseEvent(.rated, at: time, case: id, hall: hall, group: group, service: Net.licence, window: bad ? 1 : 0, channel: .walkIn, value: wait.ticks))
    }

    mutating func callback(_ id: UInt32, by department: UInt16, after: SimTime, at time: SimTime) {
        events.append(CaseEvent(.callbackDone, at: time, case: id, hall: Net.city, group: department, service: Net.licence, value: after.ticks))
    }

    mutating func end(at time: SimTime) { events.append(CaseEvent(.runEnded, at: time, value: 1)) }

    /// The events folded by a fresh ``KPIProjection`` of `catalog`.
    func fold(_ catalog: Catalog = Net.catalog) -> KPIProjection {
        var kpis = KPIProjection(catalog: catalog)
        for e in events { kpis.record(e) }
        return kpis
    }

    /// The network figures of the events.
    func figures(_ catalog: Catalog = Net.catalog) throws -> NetworkFigures {
        try #require(KPIReport(fold(catalog)).network)
    }
}

@Suite("Network projection: channels and conservation")
struct NetworkProjectionTests {
    @Test func everyCaseEndsOneWayOrIsOpenAndChannelsAddUp() throws {
        var s = NetworkStream()
        // Walk-in decided on the spot: 2 h 10 min lead time.
        let a = try s.walkIn(Net.notice, at: on("2024-09-23", 9), wait: .minutes(10))
        try s.go(.completeService(case: a), at: on("2024-09-23", 11, 10))
        // Walk-in who reneges.
        let b = s.submit(Net.notice, .walkIn, at: on("2024-09-23", 9, 30))
        try s.go(.issueTicket(case: b, group: Net.windows), at: on("2024-09-23", 9, 30))
        try s.abandon(b, .reneged, at: on("2024-09-23", 10))
        // Online, to the back office, decided and mailed: 26 h lead time.
        let c = s.submit(Net.licence, .online, at: on("2024-09-23", 10))
        try s.acceptAndForward(c, to: Net.social, at: on("2024-09-23", 10))
        try s.decideAndClose(c, at: on("2024-09-24", 12))
        // Mobile, transferred out of the network from the back office: 4 h lead time.
        let d = s.submit(Net.licence, .mobile, at: on("2024-09-24", 8))
        try s.acceptAndForward(d, to: Net.housing, at: on("2024-09-24", 8))
        try s.go(.transfer(case: d), at: on("2024-09-24", 12))
        // Online, still in the back office at the end.
        let e = s.submit(Net.licence, .online, at: on("2024-09-25", 8))
        try s.acceptAndForward(e, to: Net.social, at: on("2024-09-25", 8))
        // Walk-in still queueing at the end.
        let f = s.submit(Net.notice, .walkIn, at: on("2024-09-25", 9))
        try s.go(.issueTicket(case: f, group: Net.windows), at: on("2024-09-25", 9))
        s.end(at: on("2024-09-26", 0))

        let n = try s.figures()
        let cases = try #require(n.cases)
        #expect(cases == .init(arrived: 6, closed: 2, abandoned: 1, transferred: 1, open: 2))
        #expect(cases.holds)
        #expect(s.book.openCount == cases.open)
        let channels = try #require(n.channels)
        #expect(channels.map(\.channel) == [.walkIn, .online, .mobile])
        let walkIn = channels[0]
        #expect((walkIn.arrived, walkIn.closed, walkIn.abandoned, walkIn.transferred, walkIn.open) == (3, 1, 1, 0, 1))
        #expect(walkIn.leadTimes == 1 && close(walkIn.leadTimeMeanHours, 13.0 / 6))
        let online = channels[1]
        #expect((online.arrived, online.closed, online.open) == (2, 1, 1))
        #expect(close(online.leadTimeMeanHours, 26))
        #expect(abs(online.leadTimeP90Hours - 26) <= 0.26)
        let mobile = channels[2]
        #expect((mobile.arrived, mobile.transferred, mobile.open) == (1, 1, 0))
        #expect(close(mobile.leadTimeMeanHours, 4))
        for c in channels { #expect(c.arrived == c.closed + c.abandoned + c.transferred + c.open) }
    }

    @Test func leadTimePercentilesComeFromTheClosedCasesOfTheChannel() throws {
        var s = NetworkStream()
        // Ten online cases closed after 1, 2, …, 10 hours: p90 is 9 h, the mean 5.5 h.
        var ids: [UInt32] = []
        for _ in 1...10 {
            let id = s.submit(Net.notice, .online, at: on("2024-09-23", 8))
            try s.go(.accept(case: id), at: on("2024-09-23", 8))
            try s.go(.approve(case: id), at: on("2024-09-23", 8))
            try s.go(.markResultReady(case: id), at: on("2024-09-23", 8))
            try s.go(.deliver(case: id), at: on("2024-09-23", 8))
            ids.append(id)
        }
        for (k, id) in ids.enumerated() { try s.go(.close(case: id), at: on("2024-09-23", 9 + k)) }
        let online = try #require(try s.figures().channels?.first)
        #expect(online.leadTimes == 10)
        #expect(close(online.leadTimeMeanHours, 5.5))
        #expect(abs(online.leadTimeP90Hours - 9) <= 0.09)
        // An online case decided at once is no department's decision.
        #expect(try s.figures().departments?.allSatisfy { $0.decided == 0 } == true)
    }

    @Test func aCatalogWithoutANetworkFoldsNothingButRatings() throws {
        let plain = Catalog(scenario: "mmc", seed: 1, halls: [.init(id: "hall", tier: "city")], groups: [.init(id: "w", hall: 0, servers: 2)], services: ["generic"])
        #expect(!plain.hasNetwork)
        var s = NetworkStream()
        let a = try s.walkIn(0, hall: 0, group: 0, at: on("2024-09-23", 9), wait: .seconds(30))
        try s.go(.completeService(case: a), at: on("2024-09-23", 9, 5))
        var kpis = s.fold(plain)
        #expect(!kpis.foldsNetwork)
        #expect(kpis.network.arrived == 0 && kpis.network.open == 0)
        #expect(KPIReport(kpis).network == nil)
        kpis.record(CaseEvent(.rated, at: on("2024-09-23", 9, 6), case: a, window: 1, value: SimTime.seconds(30).ticks))
        let ratings = try #require(KPIReport(kpis).network?.ratings)
        #expect((ratings.rated, ratings.bad, ratings.good) == (1, 1, 0))
        #expect(KPIReport(kpis).network?.channels == nil)
    }

    @Test func aNetworkWithoutBundlesHotlineOrDeskOmitsThoseSections() throws {
        var catalog = Net.catalog
        catalog.halls.removeLast()
        catalog.groups = Array(catalog.groups.prefix(3))
        catalog.terms = catalog.terms.map { Catalog.ServiceTerms(statutory: $0.statutory, promised: $0.promised) }
        var s = NetworkStream()
        let id = s.submit(Net.licence, .online, at: on("2024-09-23", 8))
        try s.acceptAndForward(id, to: Net.social, at: on("2024-09-23", 8))
        let n = try s.figures(catalog)
        #expect(n.departments?.count == 2)
        #expect(n.bundles == nil && n.hotline == nil && n.escalation == nil && n.ratings == nil)
        #expect(n.channels?.count == 1)
    }

    @Test func memoryFollowsOpenCasesNotHistory() throws {
        var s = NetworkStream()
        let stuck = s.submit(Net.licence, .online, at: on("2024-09-23", 8))
        try s.acceptAndForward(stuck, to: Net.social, at: on("2024-09-23", 8))
        var kpis = s.fold()
        for k in 0..<50_000 {
            let t = on("2024-09-23", 9) + .seconds(Double(k))
            let id = UInt32(k + 1)
            kpis.record(CaseEvent(.submitted, at: t, case: id, hall: Net.city, service: Net.notice, channel: .online))
            kpis.record(CaseEvent(.serviceCompleted, at: t, case: id, hall: Net.city, service: Net.notice, channel: .online))
        }
        let cases = kpis.network.cases
        #expect(cases.openCount == 1)
        #expect(cases.slots.count - cases.head < 10_000)
        #expect(cases[stuck]?.department == 0)
        #expect(cases[stuck]?.has(NetworkTrack.inBacklog) == true)
        #expect(kpis.network.closed == 50_000)
    }
}
