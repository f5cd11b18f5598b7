import Foundation
import HallModel
import Scenarios
import Testing

/// The repository's reference scenario `name`.
func referenceScenario(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/\(name).yaml").path
}

/// A town and `villages` village stations of 2 windows each for a year, 4 walk-ins a working day.
func villageNetwork(_ villages: Int) -> String {
    """
    name: villages
    seed: 1
    start: 2024-01-01
    horizon: 366d
    services:
      - { id: social, service_time: { exponential: { mean: 8m } } }
      - { id: civil, service_time: { exponential: { mean: 12m } } }
    halls:
      - { id: town, tier: town, hours: { workday: ["09:00-17:00"] }, windows: [{ id: front, count: 8, serves: [social, civil] }] }
      - family: { id: "village-{n}", count: \(villages), tier: village, parent: town }
        vary: { demand: { uniform: { min: 0.6, max: 1.4 } } }
        hours: { workday: ["09:00-17:00"] }
        windows: [{ id: station, count: 2, serves: [social, civil] }]
    demand:
      - { service: social, hall: town, arrivals: { poisson: { per_hour: 20 } } }
      - { service: social, hall: "village-{n}", arrivals: { poisson: { per_hour: 0.3 } } }
      - { service: civil, hall: "village-{n}", arrivals: { poisson: { per_hour: 0.2 } }, channels: { walk_in: 0.5, online: 0.5 } }
    """
}

@Test func theHuaibeiYearPassesTheGuard() throws {
    let spec = try ScenarioLoader.load(path: referenceScenario("huaibei-network"))
    let estimate = RunEstimate(HallNetwork(spec))
    #expect(estimate.refusal(memory: 8e9) == nil, "\(estimate)")
    // 1.75 million online cases, as reported, and 1.4 million walk-ins.
    #expect(estimate.cases > 2.9e6 && estimate.cases < 3.4e6, "\(estimate)")
}

@Test func aTenThousandVillageNetworkValidatesAndPassesTheGuardQuickly() throws {
    let started = Date()
    let (spec, warnings) = try ScenarioLoader.parseWithWarnings(yaml: villageNetwork(10_000), file: "villages.yaml")
    let network = HallNetwork(spec)
    let estimate = RunEstimate(network)
    #expect(warnings.isEmpty, "\(warnings.prefix(3))")
    #expect(estimate.refusal(memory: 8e9) == nil, "\(estimate)")
    // 10,000 villages × 0.5 an hour × 8 hours × 254 working days, and the town's 20 an hour.
    #expect(estimate.cases > 8e6 && estimate.cases < 12e6, "\(estimate)")
    #expect(Date().timeIntervalSince(started) < 60)
}

@Test func theEstimateCountsTheCompiledVolumeOverTheHorizon() throws {
    let yaml = villageNetwork(3).replacingOccurrences(of: "horizon: 366d", with: "horizon: 14d")
    let network = HallNetwork(try ScenarioLoader.parse(yaml: yaml, file: "villages.yaml"))
    let estimate = RunEstimate(network)
    var exact = 0.0
    let load = OfferedLoad(network)
    for s in network.sources.indices { exact += load.expectedCases(source: s, days: 14) }
    #expect(abs(estimate.cases - exact) < 1e-6 * exact, "\(estimate.cases) vs \(exact)")
}

@Test func limitsRefuseByEventsAndByMemory() {
    let big = RunEstimate(days: 365, cases: 3e8, events: 1.3e9, bytes: 1e9)
    #expect(big.refusal(memory: 1e12)?.contains("above the limit") == true)
    let heavy = RunEstimate(days: 365, cases: 1e7, events: 5e7, bytes: 9e9)
    #expect(heavy.refusal(memory: 8e9)?.contains("beyond the 8.0 GB of memory") == true)
    #expect(heavy.refusal(memory: 16e9) == nil)
}
