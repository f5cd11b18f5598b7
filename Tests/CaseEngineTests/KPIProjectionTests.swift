@testable import CaseEngine
import SimCore
import Testing

/// A city hall (2 windows) and a village below it (1 window); Monday 2024-09-30, a holiday on Tuesday 1 October.
let twoHallCatalog = Catalog(
    scenario: "kpi", seed: 1,
    halls: [.init(id: "city", tier: "city"), .init(id: "village", tier: "village", parent: 0)],
    groups: [.init(id: "w", hall: 0, servers: 2), .init(id: "v", hall: 1, servers: 1)],
    services: ["licence", "subsidy"],
    calendar: ServiceCalendar(start: date("2024-09-30"), holidays: [date("2024-10-01")]),
    serviceLevelTarget: .seconds(60)
)

/// Two working days around a holiday: a queue, a balk, a renege, a lunch-time staffing change,
/// a return visit, a balk on the holiday and someone sent home at closing.
func twoDayStream() -> [CaseEvent] {
    var s = StreamBuilder()
    s.staff(hall: 0, group: 0, 0, at: at(0, 0))
    s.staff(hall: 1, group: 1, 0, at: at(0, 0))
    s.staff(hall: 0, group: 0, 2, at: at(0, 9))
    s.staff(hall: 1, group: 1, 1, at: at(0, 9))
    let c0 = s.submit(hall: 0, service: 0, at: at(0, 9, 10))
    s.ticket(c0, hall: 0, group: 0, service: 0, at: at(0, 9, 10))
    s.call(c0, hall: 0, group: 0, service: 0, window: 0, waited: .zero, at: at(0, 9, 10))
    let c1 = s.submit(hall: 0, service: 1, at: at(0, 9, 20))
    s.ticket(c1, hall: 0, group: 0, service: 1, at: at(0, 9, 20))
    s.call(c1, hall: 0, group: 0, service: 1, window: 1, waited: .zero, at: at(0, 9, 20))
    let c2 = s.submit(hall: 0, service: 0, at: at(0, 9, 30))
    s.ticket(c2, hall: 0, group: 0, service: 0, at: at(0, 9, 30))
    let c3 = s.submit(hall: 0, service: 0, at: at(0, 9, 40))
    s.abandon(c3, hall: 0, group: 0, service: 0, .balked, at: at(0, 9, 40))
    s.complete(c0, hall: 0, group: 0, service: 0, window: 0, took: .minutes(40), at: at(0, 9, 50))
    s.call(c2, hall: 0, group: 0, service: 0, window: 0, waited: .minutes(20), at: at(0, 9, 50))
    let c4 = s.submit(hall: 0, service: 0, at: at(0, 10, 15))
    s.ticket(c4, hall: 0, group: 0, service: 0, at: at(0, 10, 15))
    s.abandon(c4, hall: 0, group: 0, service: 0, .reneged, at: at(0, 10, 30))
    s.complete(c1, hall: 0, group: 0, service: 1, window: 1, took: .minutes(80), at: at(0, 10, 40))
    s.complete(c2, hall: 0, group: 0, service: 0, window: 0, took: .minutes(55), at: at(0, 10, 45))
    let c5 = s.submit(hall: 1, service: 1, at: at(0, 11))
    s.ticket(c5, hall: 1, group: 1, service: 1, at: at(0, 11))
    s.call(c5, hall: 1, group: 1, service: 1, window: 0, waited: .zero, at: at(0, 11))
    s.complete(c5, hall: 1, group: 1, service: 1, window: 0, took: .minutes(30), at: at(0, 11, 30))
    s.staff(hall: 0, group: 0, 1, at: at(0, 12))
    s.staff(hall: 0, group: 0, 0, at: at(0, 17))
    s.staff(hall: 1, group: 1, 0, at: at(0, 17))
    let c6 = s.submit(hall: 1, service: 1, at: at(1, 10))
    s.abandon(c6, hall: 1, group: 1, service: 1, .balked, at: at(1, 10))
    s.staff(hall: 0, group: 0, 2, at: at(2, 9))
    let c7 = s.submit(hall: 0, service: 0, visit: 1, at: at(2, 9, 5))
    s.ticket(c7, hall: 0, group: 0, service: 0, at: at(2, 9, 5))
    s.call(c7, hall: 0, group: 0, service: 0, window: 1, waited: .seconds(30), at: at(2, 9, 5, 30))
    s.complete(c7, hall: 0, group: 0, service: 0, window: 1, took: .seconds(270), at: at(2, 9, 10))
    let c8 = s.submit(hall: 0, service: 1, at: at(2, 16, 50))
    s.ticket(c8, hall: 0, group: 0, service: 1, at: at(2, 16, 50))
    s.staff(hall: 0, group: 0, 0, at: at(2, 17))
    s.abandon(c8, hall: 0, group: 0, service: 1, .sentHome, at: at(2, 17))
    s.end(at: at(2, 18))
    return s.events
}

/// A row's key: group, service (nil for `*`), day type and hour (nil for `*`).
struct RowKey: Hashable, CustomStringConvertible {
    var group: Int
    var service: Int?
    var dayType: DayType?
    var hour: Int?
    var description: String { "\(group)/\(service.map(String.init) ?? "*")/\(dayType.map(\.description) ?? "*")/\(hour.map(String.init) ?? "*")" }
}

extension KPIReport {
    func rowsByKey() -> [RowKey: KPIFigures] {
        Dictionary(uniqueKeysWithValues: rows().map { (RowKey(group: $0.group, service: $0.service, dayType: $0.dayType, hour: $0.hour), $0.figures) })
    }
}

@Suite("KPI projection: cells by hall, group, service, day type and hour")
struct KPIProjectionTests {
    let report = KPIReport(fold(twoDayStream(), twoHallCatalog))

    @Test func theRunsTotalsCountEveryCaseOnce() {
        let p = report.projection
        #expect(p.submitted == 9 && p.completed == 5 && p.abandoned == 4 && p.inSystem == 0)
        #expect(p.ended && p.kernelEvents == 123 && p.misplaced == 0)
        let total = report.total
        #expect(total.arrived == 9 && total.returns == 1)
        #expect(total.abandoned == { var a = AbandonCounts(); a.reneged = 1; a.balked = 2; a.sentHome = 1; return a }())
        #expect(total.called == 5 && total.served == 5 && total.withinTarget == 4)
        #expect(total.serviceLevel == 0.8)
        #expect(close(total.waits.mean, 1230.0 / 5))
        #expect(total.waits.max == 1200)
    }

    @Test func cellsHoldExactlyTheExpectedFigures() throws {
        let rows = report.rowsByKey()
        let keys = rows.keys.filter { $0.service != nil && $0.hour != nil }
        #expect(Set(keys) == [
            RowKey(group: 0, service: 0, dayType: .workday, hour: 9), RowKey(group: 0, service: 0, dayType: .workday, hour: 10),
            RowKey(group: 0, service: 1, dayType: .workday, hour: 9), RowKey(group: 0, service: 1, dayType: .workday, hour: 10),
            RowKey(group: 0, service: 1, dayType: .workday, hour: 16), RowKey(group: 0, service: 1, dayType: .workday, hour: 17),
            RowKey(group: 1, service: 1, dayType: .workday, hour: 11), RowKey(group: 1, service: 1, dayType: .holiday, hour: 10),
        ])

        // Licence at the city's windows, 09:00–10:00 on working days (Monday and Wednesday).
        let nine = try #require(rows[RowKey(group: 0, service: 0, dayType: .workday, hour: 9)])
        #expect(nine.arrived == 4 && nine.ticketed == 3 && nine.called == 3 && nine.served == 2)
        #expect(nine.abandoned.balked == 1 && nine.abandoned.total == 1)
        #expect(nine.withinTarget == 2 && nine.serviceLevel == 2.0 / 3)
        #expect(nine.waits.count == 3 && close(nine.waits.mean, 410) && nine.waits.max == 1200)
        #expect(nine.waits.p50 == 30.408704)  // the middle of the bucket of 30 s: 224–240 × 131.072 ms
        #expect(nine.waits.p90 == 1140.850688 && nine.waits.p99 == 1140.850688)
        #expect(nine.busyWindowSeconds == 2400 + 600 + 270)
        #expect(nine.staffedWindowSeconds == 14_400)
        #expect(close(nine.utilisation, 3270.0 / 14_400))
        #expect(nine.coveredSeconds == 7200)
        #expect(close(nine.queueMean, 1230.0 / 7200))
        #expect(nine.staffedMean == 2)

        let ten = try #require(rows[RowKey(group: 0, service: 0, dayType: .workday, hour: 10)])
        #expect(ten.arrived == 1 && ten.ticketed == 1 && ten.called == 0 && ten.served == 1)
        #expect(ten.abandoned.reneged == 1 && ten.abandoned.total == 1)
        #expect(ten.serviceLevel == nil && ten.waits.count == 0)
        #expect(ten.busyWindowSeconds == 2700 && close(ten.utilisation, 2700.0 / 14_400))
        #expect(close(ten.queueMean, 900.0 / 7200))

        let subsidyNine = try #require(rows[RowKey(group: 0, service: 1, dayType: .workday, hour: 9)])
        #expect(subsidyNine.arrived == 1 && subsidyNine.called == 1 && subsidyNine.withinTarget == 1 && subsidyNine.served == 0)
        #expect(subsidyNine.busyWindowSeconds == 2400 && subsidyNine.waits.p50 == 0)
        let subsidyTen = try #require(rows[RowKey(group: 0, service: 1, dayType: .workday, hour: 10)])
        #expect(subsidyTen.served == 1 && subsidyTen.busyWindowSeconds == 2400)
        let subsidyFour = try #require(rows[RowKey(group: 0, service: 1, dayType: .workday, hour: 16)])
        #expect(subsidyFour.ticketed == 1 && subsidyFour.queueMean == 600.0 / 7200 && subsidyFour.staffedWindowSeconds == 3600 + 7200)
        let subsidyFive = try #require(rows[RowKey(group: 0, service: 1, dayType: .workday, hour: 17)])
        #expect(subsidyFive.abandoned.sentHome == 1 && subsidyFive.arrived == 0 && subsidyFive.queueMean == 0)
        #expect(subsidyFive.staffedWindowSeconds == 0 && subsidyFive.utilisation == 0)

        let village = try #require(rows[RowKey(group: 1, service: 1, dayType: .workday, hour: 11)])
        #expect(village.arrived == 1 && village.served == 1 && village.utilisation == 0.5 && village.serviceLevel == 1)
        let holiday = try #require(rows[RowKey(group: 1, service: 1, dayType: .holiday, hour: 10)])
        #expect(holiday.arrived == 1 && holiday.abandoned.balked == 1 && holiday.ticketed == 0)
        #expect(holiday.staffedWindowSeconds == 0 && holiday.coveredSeconds == 3600)
    }

    @Test func groupRowsFollowTheRosterAndTotalsAddUp() throws {
        let rows = report.rowsByKey()
        let staffedHours = (9...17).map { RowKey(group: 0, dayType: .workday, hour: $0) }
        #expect(Set(rows.keys.filter { $0.group == 0 && $0.service == nil && $0.hour != nil }) == Set(staffedHours))
        let expectedStaff: [Int: Double] = [9: 14_400, 10: 14_400, 11: 14_400, 12: 10_800, 13: 10_800, 14: 10_800, 15: 10_800, 16: 10_800, 17: 0]
        for key in staffedHours {
            #expect(rows[key]?.staffedWindowSeconds == expectedStaff[key.hour!], "\(key)")
        }
        let nine = try #require(rows[RowKey(group: 0, dayType: .workday, hour: 9)])
        #expect(nine.arrived == 5 && nine.called == 4 && nine.busyWindowSeconds == 3270 + 2400)

        let city = try #require(rows[RowKey(group: 0)])
        #expect(city.arrived == 7 && city.ticketed == 6 && city.called == 4 && city.served == 4)
        #expect(city.abandoned.total == 3 && city.withinTarget == 3 && city.serviceLevel == 0.75)
        #expect(city.busyWindowSeconds == 10_770 && city.staffedWindowSeconds == 97_200)
        #expect(close(city.utilisation, 10_770.0 / 97_200))
        #expect(close(city.queueMean, 2730.0 / (66 * 3600)))
        #expect(city == report.group(0))
        let licence = try #require(rows[RowKey(group: 0, service: 0)])
        #expect(licence.arrived == 5 && licence.called == 3 && licence.busyWindowSeconds == 5970)
        #expect(close(licence.utilisation, 5970.0 / 97_200))

        let village = report.group(1)
        #expect(village.arrived == 2 && village.ticketed == 1 && village.abandoned.balked == 1)
        #expect(village.utilisation == 1800.0 / 28_800 && village.serviceLevel == 1)

        // Every row kind adds up: cells to service totals, service totals to the group's.
        for g in 0..<2 {
            let cells = rows.filter { $0.key.group == g && $0.key.service != nil && $0.key.hour != nil }.map(\.value)
            let services = rows.filter { $0.key.group == g && $0.key.service != nil && $0.key.hour == nil }.map(\.value)
            let group = report.group(g)
            #expect(cells.map(\.arrived).reduce(0, +) == group.arrived)
            #expect(services.map(\.served).reduce(0, +) == group.served)
            #expect(cells.map(\.busyWindowSeconds).reduce(0, +) == group.busyWindowSeconds)
            #expect(close(services.map(\.utilisation).reduce(0, +), group.utilisation))
        }
    }

    @Test func hallsAndTiersAddUpToTheRun() {
        let halls = report.halls()
        let tiers = report.tiers()
        let total = report.total
        #expect(report.tierNames == ["city", "village"])
        #expect(tiers.map(\.halls) == [1, 1])
        #expect(halls[0].arrived == 7 && halls[0].returns == 1 && halls[1].arrived == 2)
        #expect(halls[1].abandoned.balked == 1)
        for level in [halls, tiers.map(\.figures)] {
            #expect(level.map(\.arrived).reduce(0, +) == total.arrived)
            #expect(level.map(\.served).reduce(0, +) == total.served)
            #expect(level.map(\.called).reduce(0, +) == total.called)
            #expect(level.map(\.abandoned.total).reduce(0, +) == total.abandoned.total)
            #expect(level.map(\.withinTarget).reduce(0, +) == total.withinTarget)
            #expect(level.map(\.busyWindowSeconds).reduce(0, +) == total.busyWindowSeconds)
            #expect(level.map(\.staffedWindowSeconds).reduce(0, +) == total.staffedWindowSeconds)
            #expect(close(level.map(\.queueMean).reduce(0, +), total.queueMean))
        }
        #expect(halls[0].waits.count == 4 && close(halls[0].waits.mean, 1230.0 / 4))
        // Percentiles of halls and tiers come from their groups' HdrHistograms (two significant digits).
        #expect(halls[0].waits.p50 == 0 && abs(halls[0].waits.p90 - 1200) <= 12 && abs(halls[0].waits.p99 - 1200) <= 12)
        #expect(abs(tiers[0].figures.waits.p90 - 1200) <= 12 && abs(total.waits.p99 - 1200) <= 12)
        #expect(abs(halls[0].waits.p50 - report.group(0).waits.p50) <= 0.3 && total.waits.p50 == 0)
        #expect(tiers[0].figures.arrived == halls[0].arrived && tiers[0].figures.utilisation == halls[0].utilisation)
        #expect(tiers[0].figures.waits.mean == halls[0].waits.mean)
    }

    @Test func theSameEventsGiveTheSameFiguresWhetherOrNotTheRunEnded() {
        let events = twoDayStream()
        let unfinished = KPIReport(fold(Array(events.dropLast()), twoHallCatalog))
        #expect(unfinished.rows() != report.rows())  // the run's end is 17:00, not 18:00: less time covered
        var endsAtFive = events.dropLast()
        endsAtFive.append(CaseEvent(.runEnded, at: at(2, 17), value: 123))
        #expect(KPIReport(fold(Array(endsAtFive), twoHallCatalog)).rows() == unfinished.rows())
    }
}

@Suite("KPI projection: service level, utilisation, abandonment")
struct KPIFiguresTests {
    let catalog = Catalog(
        scenario: "one", seed: 1, halls: [.init(id: "h", tier: "town")], groups: [.init(id: "g", hall: 0, servers: 3)],
        services: ["s"], calendar: ServiceCalendar(start: date("2024-01-01"))
    )

    @Test(arguments: [(nil, nil), (SimTime.seconds(60), 0.5), (SimTime.seconds(59.999999), 0.25), (SimTime.zero, 0.25), (SimTime.hours(1), 1.0)] as [(SimTime?, Double?)])
    func serviceLevelIsTheShareOfCalledCasesWithinTheTarget(target: SimTime?, expected: Double?) {
        var catalog = catalog
        catalog.serviceLevelTarget = target
        var s = StreamBuilder()
        for (i, wait) in [0.0, 60, 60.000001, 600].enumerated() {
            let id = s.submit(hall: 0, service: 0, at: .seconds(Double(i)))
            s.ticket(id, hall: 0, group: 0, service: 0, at: .seconds(Double(i)))
            s.call(id, hall: 0, group: 0, service: 0, window: 0, waited: .seconds(wait), at: .seconds(Double(i) + wait))
        }
        s.end(at: .hours(1))
        let inTimeOrder = s.events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let report = KPIReport(fold(inTimeOrder, catalog))
        #expect(report.total.serviceLevel == expected)
        #expect(report.group(0).serviceLevel == expected)
        #expect(report.rows().allSatisfy { $0.figures.serviceLevel == expected || $0.figures.called == 0 })
    }

    @Test func utilisationFollowsTheRosterAndCountsWindowsFinishingAfterTheirShift() throws {
        var s = StreamBuilder()
        s.staff(hall: 0, group: 0, 0, at: .zero)
        s.staff(hall: 0, group: 0, 2, at: at(0, 9))
        s.staff(hall: 0, group: 0, 3, at: at(0, 10))
        let a = s.submit(hall: 0, service: 0, at: at(0, 9))
        s.ticket(a, hall: 0, group: 0, service: 0, at: at(0, 9))
        s.call(a, hall: 0, group: 0, service: 0, window: 0, waited: .zero, at: at(0, 9))
        s.complete(a, hall: 0, group: 0, service: 0, window: 0, took: .minutes(90), at: at(0, 10, 30))
        let b = s.submit(hall: 0, service: 0, at: at(0, 10, 30))
        s.ticket(b, hall: 0, group: 0, service: 0, at: at(0, 10, 30))
        s.call(b, hall: 0, group: 0, service: 0, window: 0, waited: .zero, at: at(0, 10, 30))
        s.staff(hall: 0, group: 0, 0, at: at(0, 11))  // the shift ends; the window finishes its case
        s.complete(b, hall: 0, group: 0, service: 0, window: 0, took: .minutes(60), at: at(0, 11, 30))
        s.end(at: at(1, 0))
        let report = KPIReport(fold(s.events, catalog))
        let rows = report.rowsByKey()
        let nine = try #require(rows[RowKey(group: 0, dayType: .workday, hour: 9)])
        #expect(nine.staffedWindowSeconds == 7200 && nine.utilisation == 0.5 && nine.staffedMean == 2)
        let ten = try #require(rows[RowKey(group: 0, dayType: .workday, hour: 10)])
        #expect(ten.staffedWindowSeconds == 10_800 && ten.utilisation == 1.0 / 3)
        let eleven = try #require(rows[RowKey(group: 0, dayType: .workday, hour: 11)])
        #expect(eleven.staffedWindowSeconds == 1800 && eleven.busyWindowSeconds == 1800 && eleven.utilisation == 1)
        let whole = report.group(0)
        #expect(whole.staffedWindowSeconds == 7200 + 10_800 + 1800 && whole.busyWindowSeconds == 5400 + 3600)
        #expect(whole.staffedMean == 19_800.0 / 86_400)
        #expect(report.projection.groups[0].staffedLevel == 0)
    }

    @Test func anAlwaysOpenGroupIsStaffedByItsWindowsWithOrWithoutStaffingEvents() {
        var s = StreamBuilder()
        for i in 0..<5 {
            let id = s.submit(hall: 0, service: 0, at: .minutes(Double(10 * i)))
            s.ticket(id, hall: 0, group: 0, service: 0, at: .minutes(Double(10 * i)))
            s.call(id, hall: 0, group: 0, service: 0, window: 0, waited: .zero, at: .minutes(Double(10 * i)))
            s.complete(id, hall: 0, group: 0, service: 0, window: 0, took: .minutes(6), at: .minutes(Double(10 * i + 6)))
        }
        s.end(at: .hours(50))
        let without = KPIReport(fold(s.events, catalog)).group(0)
        let with = KPIReport(fold([CaseEvent(.staffingChanged, at: .zero, value: 3)] + s.events, catalog)).group(0)
        #expect(without == with)
        #expect(close(with.utilisation, 30.0 * 60 / (3 * 50 * 3600)))
        #expect(with.staffedMean == 3)
    }

    @Test func abandonmentIsCountedByReasonAndReleasesTheQueueOrWindow() {
        var s = StreamBuilder()
        let reasons: [AbandonReason] = [.reneged, .balked, .sentHome, .reneged]
        for (i, reason) in reasons.enumerated() {
            let id = s.submit(hall: 0, service: 0, at: .seconds(Double(i)))
            if reason != .balked { s.ticket(id, hall: 0, group: 0, service: 0, at: .seconds(Double(i))) }
            s.abandon(id, hall: 0, group: 0, service: 0, reason, at: .seconds(Double(i) + 0.5))
        }
        let id = s.submit(hall: 0, service: 0, at: .seconds(10))
        s.ticket(id, hall: 0, group: 0, service: 0, at: .seconds(10))
        s.call(id, hall: 0, group: 0, service: 0, window: 0, waited: .zero, at: .seconds(10))
        s.events.append(CaseEvent(.noShow, at: .seconds(11), case: id, hall: 0, group: 0, service: 0, value: Int64(CaseState.Phase.called.rawValue)))
        s.events.append(CaseEvent(.abandoned, at: .seconds(12), case: 99, hall: 0, group: 0, service: 0, window: 7, value: Int64(CaseState.Phase.materialsRequested.rawValue)))
        s.end(at: .seconds(20))
        let p = fold(s.events, catalog)
        #expect(p.groups[0].queue.level == 0 && p.groups[0].busy.level == 0)
        var expected = AbandonCounts()
        expected.reneged = 2
        expected.balked = 1
        expected.sentHome = 1
        expected.noShow = 1
        var everyone = expected
        everyone.other = 1
        let report = KPIReport(p)
        #expect(report.total.abandoned == everyone && p.abandoned == 6 && report.total.abandoned.total == 6)
        #expect(report.hall(0).abandoned == everyone)
        #expect(report.group(0).abandoned == expected)  // the back-office abandonment is not the window group's
        #expect(report.group(0).arrived == 5 && report.group(0).ticketed == 4)
        #expect(report.rows().first?.figures.abandoned == expected)
    }

    @Test func eventsOutsideTheCatalogAreCountedButNotPlaced() {
        let events = [
            CaseEvent(.submitted, at: .seconds(1), case: 0, hall: 5, service: 0, channel: .walkIn),
            CaseEvent(.ticketIssued, at: .seconds(1), case: 0, hall: 0, group: 9, service: 0),
            CaseEvent(.called, at: .seconds(2), case: 0, hall: 0, group: 0, service: 4, value: 1),
            CaseEvent(.staffingChanged, at: .seconds(3), hall: 0, group: 3, value: 1),
        ]
        let p = fold(events, catalog)
        #expect(p.misplaced == 4 && p.submitted == 1 && p.groups[0].ticketed == 0)
        #expect(KPIReport(p).rows().allSatisfy { $0.service == nil })  // staffed hours and the group's total only
    }

    @Test func memoryDoesNotGrowWithTheHorizon() {
        func cells(days: Int) -> (cells: Int, histograms: Int) {
            var kpis = KPIProjection(catalog: catalog)
            var id: UInt32 = 0
            for day in 0..<days {
                for hour in 9..<17 {
                    let t = at(day, hour, 5)
                    kpis.record(CaseEvent(.submitted, at: t, case: id, service: 0, channel: .walkIn))
                    kpis.record(CaseEvent(.ticketIssued, at: t, case: id))
                    kpis.record(CaseEvent(.called, at: t + .seconds(30), case: id, value: SimTime.seconds(30).ticks))
                    kpis.record(CaseEvent(.serviceCompleted, at: t + .minutes(5), case: id, value: SimTime.minutes(5).ticks))
                    id += 1
                }
            }
            return (kpis.cells.count, kpis.cellWaits.count)
        }
        let month = cells(days: 30)
        #expect(month == cells(days: 365))
        #expect(month.cells == 16)  // 8 hours × (workday, weekend)
        #expect(month.histograms == 16 * WaitBuckets.count)
    }
}

@Suite("KPI cells' compact wait histogram")
struct WaitBucketsTests {
    @Test func bucketsTileTheWaitsAndHoldTheirValues() {
        #expect(WaitBuckets.index(0) == 0 && WaitBuckets.index(-5) == 0 && WaitBuckets.index(1) == 1)
        for i in 2..<WaitBuckets.count {
            #expect(WaitBuckets.bounds(i).lower == WaitBuckets.bounds(i - 1).upper, "bucket \(i)")
        }
        #expect(WaitBuckets.bounds(WaitBuckets.count - 1).upper == 1 << 37)
        var rng = LogTestRandom(seed: 3)
        for _ in 0..<20_000 {
            let wait = Int64.random(in: 1...(1 << 37) - 1, using: &rng) >> Int64.random(in: 0...36, using: &rng)
            guard wait > 0 else { continue }
            let (lower, upper) = WaitBuckets.bounds(WaitBuckets.index(wait))
            #expect(lower <= wait && wait < upper, "\(wait)")
            let middle = lower + (upper - lower) / 2
            if wait >= 1 << 20 {
                #expect(Double(abs(middle - wait)) <= 0.0625 * Double(wait), "\(wait)")
            } else {
                #expect(abs(middle - wait) <= 65_536, "\(wait)")
            }
        }
        #expect(WaitBuckets.index(.max) == WaitBuckets.count - 1)
    }

    @Test func slotsCoverEveryKeyOfTheSlicingAndHour() {
        let days = DayTypeTable(ServiceCalendar(start: CalendarDate(year: 2024, month: 1, day: 1)!))
        #expect(HourSlots(days).count == DayType.allCases.count * 24)
        #expect(HourSlots(days, slices: KPISlices(by: .weekday)).count == 7 * 24)
        #expect(HourSlots(days, slices: KPISlices(by: .month)).count == 12 * 24)
        #expect(HourSlots(days, slices: KPISlices(by: .date, days: 40)).count == 40 * 24)
        #expect(HourSlots.hourTicks == SimTime.hours(1).ticks)
        #expect(HourSlots.parts(49) == (2, 1))
        #expect(DayType(rawValue: 2) == .holiday)
        // 2024-01-01 is a Monday: day 6 is a Sunday, day 31 is in February.
        var weekdays = HourSlots(days, slices: KPISlices(by: .weekday))
        #expect(weekdays.slot(ofHour: 6 * 24 + 10) == 6 * 24 + 10)
        var months = HourSlots(days, slices: KPISlices(by: .month))
        #expect(months.slot(ofHour: 31 * 24 + 3) == 24 + 3)
    }

    @Test func percentilesRankAsHdrHistogramDoesAndNeverExceedTheLongestWait() {
        var buckets = [UInt64](repeating: 0, count: WaitBuckets.count)
        let waits: [Int64] = [0, 0, 0, 5_000_000, 5_100_000, 300_000_000]
        for w in waits { buckets[WaitBuckets.index(w)] += 1 }
        buckets.withUnsafeBufferPointer { b in
            #expect(WaitBuckets.percentile(50, of: b, total: waits.count, longest: 300_000_000) == 0)
            let p60 = WaitBuckets.percentile(60, of: b, total: waits.count, longest: 300_000_000)
            #expect(abs(p60 - 5_000_000) <= 5_000_000 / 16)
            #expect(WaitBuckets.percentile(99, of: b, total: waits.count, longest: 280_000_000) == 280_000_000)
            #expect(WaitBuckets.percentile(50, of: b, total: 0, longest: 0) == 0)
        }
    }
}
