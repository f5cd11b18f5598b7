import CaseEngine
import HallModel
import Reports
import SimCore
import Testing

@Test func serviceRowsOfAComprehensiveGroupAddUpToItsTotalRow() throws {
    let spec = ScenarioSpec(
        name: "two-services", seed: 9, stop: StopRule(cases: 5_000),
        services: [
            ServiceSpec(id: "licence", serviceTime: .exponential(mean: 120)),
            ServiceSpec(id: "housing, fund", serviceTime: .lognormal(mean: 300, sd: 120)),
        ],
        halls: [HallSpec(id: "city", tier: .city, windows: [WindowGroupSpec(id: "one-window", count: 4, serves: ["licence", "housing, fund"])])],
        demand: [
            DemandSpec(service: "licence", hall: "city", arrivals: .poisson(perSecond: 40.0 / 3600)),
            DemandSpec(service: "housing, fund", hall: "city", arrivals: .poisson(perSecond: 20.0 / 3600)),
        ]
    )
    let network = HallNetwork(spec)
    let (_, kpis) = HallRun.run(network, seed: spec.seed, sink: KPIProjection(catalog: network.catalog))
    let lines = KPITable.csv(kpis).split(separator: "\n").map(String.init)
    #expect(lines.first == KPITable.header.joined(separator: ","))
    let rows = KPIReport(kpis).rows()
    var hallRows = 0
    KPIReport(kpis).forEachHallRow { _ in hallRows += 1 }
    #expect(hallRows > 0)
    #expect(lines.count == rows.count + hallRows + 1)
    // Whole-run rows (no hour): one per service, then the group's total.
    #expect(rows.filter { $0.hour == nil && $0.dayType == nil }.map(\.service) == [0, 1, nil])
    #expect(lines.contains { $0.contains("\"housing, fund\"") }, "a name with a comma is quoted")
    let perService = kpis.servicesInCatalogOrder
    #expect(perService.map(\.service) == [0, 1])
    #expect(perService.map(\.served).reduce(0, +) == kpis.groups[0].served)
    #expect(perService.map(\.ticketed).reduce(0, +) == kpis.groups[0].ticketed)
    let totalWait = perService.map { $0.waitMeanSeconds * Double($0.called) }.reduce(0, +)
    #expect(abs(totalWait / Double(kpis.groups[0].waits.count) - kpis.groups[0].waits.meanSeconds) < 1e-6)
    #expect(perService[0].served > perService[1].served)
}
