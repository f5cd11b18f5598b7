import CaseEngine
import Foundation
import HallModel
import Reports
import SimCore
import Testing

/// Pick-ups on the next staffed day, with patience, and the by-visit figures (issue 12, observations 1 and 2).
@Suite struct VisitTests {
    static let minute = 60.0

    /// A county hall open 09:00–17:00 on workdays with a weekend rotation (09:00–12:00, 14:30–17:00)
    /// of its `general` group only; `licences` hands out the results of `licence` and is not on the
    /// rotation. The department decides every working day, so Friday's results are due on Saturday.
    static func countyHall(weeks: Int, atClose: ClosingPolicy = .serveQueue, patience: Distribution? = nil,
                           uncollected: UncollectedPolicy = .returnLater) -> ScenarioSpec {
        let workday = OpeningHours.schedule([.workday: [DayInterval((9, 0), (17, 0))]])
        var result = ResultSpec(mail: 0, pickupDelay: .deterministic(86_400), pickupTime: .exponential(mean: 3 * minute))
        result.patience = patience
        result.uncollected = uncollected
        return ScenarioSpec(
            name: "county-weekend", seed: 5, stop: StopRule(horizon: .days(Double(7 * weeks))),
            calendar: ServiceCalendar(start: CalendarDate(year: 2024, month: 3, day: 4)!),
            services: [
                ServiceSpec(
                    id: "licence", serviceTime: .exponential(mean: 6 * minute),
                    backOffice: BackOfficeSpec(department: "market", work: .exponential(mean: 20 * minute), statutory: 20, transfer: .zero),
                    result: result
                ),
                ServiceSpec(id: "query", serviceTime: .exponential(mean: 4 * minute)),
            ],
            halls: [HallSpec(
                id: "county", tier: .county, hours: workday, atClose: atClose,
                rotation: WeekendRotationSpec(hours: WeekendRotationSpec.standardHours, groups: ["general"], services: ["query"]),
                windows: [
                    WindowGroupSpec(id: "licences", count: 3, serves: ["licence"]),
                    WindowGroupSpec(id: "general", count: 2, serves: ["query"]),
                ],
                departments: [DepartmentSpec(id: "market", staff: 4)]
            )],
            demand: [
                DemandSpec(service: "licence", hall: "county", arrivals: .poisson(perSecond: 12 / 3600)),
                DemandSpec(service: "query", hall: "county", arrivals: .poisson(perSecond: 10 / 3600)),
            ]
        )
    }

    /// Runs `spec`; returns its events and the projection folded from them.
    static func run(_ spec: ScenarioSpec) throws -> ([CaseEvent], KPIProjection) {
        let network = HallNetwork(spec)
        let (_, buffer) = HallRun.run(network, seed: spec.seed, sink: EventBuffer())
        var p = KPIProjection(catalog: network.catalog)
        for e in buffer.events { p.record(e) }
        return (buffer.events, p)
    }

    /// kpis.csv rows (hour rows of window groups) with no window staffed and people queued.
    static func queuedWhileUnstaffed(_ p: KPIProjection) -> [String] {
        let lines = KPITable.csv(p).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let queue = try! #require(header.firstIndex(of: "queue_mean"))
        let staffed = try! #require(header.firstIndex(of: "staffed_mean"))
        return lines.dropFirst().filter { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return Double(f[staffed]) == 0 && (Double(f[queue]) ?? 0) > 0
        }
    }

    /// Calls whose wait began on an earlier day than the call.
    static func overnightWaits(_ events: [CaseEvent]) -> [CaseEvent] {
        events.filter { e in
            e.kind == .called && (e.time.ticks - e.value) / ServiceCalendar.dayTicks != e.time.ticks / ServiceCalendar.dayTicks
        }
    }

    @Test(arguments: [ClosingPolicy.serveQueue, .sendHome])
    func pickUpsComeOnTheNextStaffedDayAndNobodyWaitsOvernight(atClose: ClosingPolicy) throws {
        let (events, p) = try Self.run(Self.countyHall(weeks: 4, atClose: atClose))
        let pickups = events.filter { $0.kind == .ticketIssued && $0.visit == .pickup }
        #expect(pickups.count > 500)
        // Saturday pick-ups would be needed for Friday's results: they come on Monday instead.
        let calendar = p.catalog.calendar
        let weekendPickups = pickups.filter { calendar.dayType(calendar.date(ofDay: Int($0.time.ticks / ServiceCalendar.dayTicks))) != .workday }
        #expect(weekendPickups.isEmpty, "\(weekendPickups.count) pick-ups on weekend days")
        #expect(Self.queuedWhileUnstaffed(p).isEmpty, "\(Self.queuedWhileUnstaffed(p).prefix(3))")
        #expect(Self.overnightWaits(events).isEmpty, "\(Self.overnightWaits(events).count) waits span a night")
        #expect(events.contains { $0.kind == .pickedUp })
    }

    @Test func pickUpsGiveUpByTheirPatience() throws {
        // One window for the pick-ups, slow hand-overs: long queues. Patience exponential, mean 20 min:
        // the give-up rate per minute waited must be 1/20 (exposure estimate), within 10%.
        var spec = Self.countyHall(weeks: 6, patience: .exponential(mean: 20 * Self.minute), uncollected: .mail)
        spec.halls[0].windows[0].count = 1
        spec.services[0].result.pickupTime = .exponential(mean: 5 * Self.minute)
        let (events, p) = try Self.run(spec)
        var since: [UInt32: Int64] = [:]
        var exposure: Int64 = 0
        var gaveUp = 0
        for e in events {
            switch e.kind {
            case .ticketIssued where e.visit == .pickup:
                since[e.caseID] = e.time.ticks
            case .called where e.visit == .pickup:
                exposure += e.time.ticks - (since.removeValue(forKey: e.caseID) ?? e.time.ticks)
            case .uncollected:
                exposure += e.time.ticks - (since.removeValue(forKey: e.caseID) ?? e.time.ticks)
                if e.window == AbandonReason.reneged.rawValue { gaveUp += 1 }
            case .runEnded:
                for start in since.values { exposure += e.time.ticks - start }
            default:
                break
            }
        }
        #expect(gaveUp > 300)
        let meanPatience = Double(exposure) / Double(gaveUp) / Double(SimTime.ticksPerSecond)
        #expect(abs(meanPatience / (20 * Self.minute) - 1) < 0.1, "estimated mean patience \(meanPatience) s")
        // Nobody is abandoned for it: a result not collected is mailed.
        #expect(!events.contains { $0.kind == .abandoned && $0.visit == .pickup })
        #expect(events.filter { $0.kind == .delivered }.count >= gaveUp)
        let licences = p.groups[0].byVisit.pickup
        #expect(licences.gaveUp == events.filter { $0.kind == .uncollected }.count)
    }

    @Test func visitsAreServedGaveUpOrStillWaiting() throws {
        var spec = Self.countyHall(weeks: 3, patience: .exponential(mean: 20 * Self.minute))
        spec.behaviour = BehaviourSpec(
            patience: .exponential(mean: 15 * Self.minute), returnVisit: ReturnVisitSpec(probability: 0.5, afterDays: .deterministic(1))
        )
        spec.halls[0].windows[0].count = 1
        let (events, p) = try Self.run(spec)
        // Counted independently from the events: per group and kind, tickets, calls, departures, and who is left.
        var counts: [[Int]] = Array(repeating: [0, 0, 0], count: 2 * 3)
        var open: [UInt32: Int] = [:]
        for e in events where Int(e.group) < 2 {
            let k = Int(e.group) * 3 + Int(e.visit.rawValue)
            switch e.kind {
            case .ticketIssued: counts[k][0] += 1; open[e.caseID] = k
            case .called: counts[k][1] += 1; open[e.caseID] = nil
            case .abandoned where e.value == Int64(CaseState.Phase.queued.rawValue),
                 .escalated where e.value == Int64(CaseState.Phase.queued.rawValue), .uncollected:
                open[e.caseID].map { counts[$0][2] += 1 }
                open[e.caseID] = nil
            default: break
            }
        }
        for g in 0 ..< 2 {
            for kind in CaseEvent.Visit.allCases {
                let k = g * 3 + Int(kind.rawValue)
                let f = p.groups[g].byVisit[kind]
                let waiting = open.values.filter { $0 == k }.count
                #expect(f.visits == counts[k][0] && f.served == counts[k][1] && f.gaveUp == counts[k][2])
                #expect(f.visits == f.served + f.gaveUp + waiting, "group \(g) \(kind)")
                #expect(f.waiting == waiting)
            }
        }
        #expect(p.groups[0].byVisit.returning.visits > 0)
        #expect(p.groups[0].byVisit.pickup.gaveUp > 0)
        // The first visits' wait is not the pick-ups'.
        #expect(p.groups[0].byVisit.first.waitMeanSeconds != p.groups[0].byVisit.pickup.waitMeanSeconds)
    }
}
