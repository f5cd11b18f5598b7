import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

@Test func theMMCScenarioParsesToTheExpectedSpec() throws {
    let spec = try ScenarioLoader.parse(yaml: mmcYAML, file: "mmc.yaml")
    let expected = ScenarioSpec(
        name: "mmc",
        seed: 1,
        stop: StopRule(cases: 1_000_000),
        services: [ServiceSpec(id: "generic", serviceTime: .exponential(mean: 60))],
        halls: [HallSpec(id: "hall", tier: .city, parent: nil, hours: .always,
                         windows: [WindowGroupSpec(id: "w", count: 10, serves: ["generic"])])],
        demand: [DemandSpec(service: "generic", hall: "hall", arrivals: .poisson(perSecond: 540.0 / 3600))]
    )
    #expect(spec == expected)
}

@Test func loadReadsAFileFromDisk() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-mmc-\(UUID().uuidString).yaml")
    try mmcYAML.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let spec = try ScenarioLoader.load(path: url.path)
    #expect(spec.name == "mmc")
    #expect(spec.halls.first?.windows.first?.count == 10)
}

@Test func theShippedMMCFileLoadsToTheSameSpec() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let shipped = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/mmc.yaml").path)
    #expect(shipped == (try ScenarioLoader.parse(yaml: mmcYAML, file: "mmc.yaml")))
}

@Test func optionalKeysTakeTheirDefaults() throws {
    let yaml = mmcYAML.replacingOccurrences(of: "seed: 1\n", with: "").replacingOccurrences(of: "    hours: always\n", with: "")
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "t.yaml")
    #expect(spec.seed == 1)
    #expect(spec.halls[0].hours == .always)
}

@Test func stopTakesCasesTimeOrBoth() throws {
    let both = try ScenarioLoader.parse(yaml: mmcYAML.replacingOccurrences(of: "{ cases: 1000000 }", with: "{ cases: 5, time: 2h }"), file: "t")
    #expect(both.stop == StopRule(cases: 5, horizon: .seconds(7200)))
    let time = try ScenarioLoader.parse(yaml: mmcYAML.replacingOccurrences(of: "{ cases: 1000000 }", with: "{ time: 3d }"), file: "t")
    #expect(time.stop == StopRule(cases: nil, horizon: .days(3)))
}

@Test(arguments: [
    ("{ per_second: 0.5 }", 0.5),
    ("{ per_minute: 3 }", 0.05),
    ("{ per_hour: 540 }", 0.15),
    ("{ per_day: 8640 }", 0.1),
])
func rateUnitsConvertToPerSecond(rate: String, perSecond: Double) throws {
    let yaml = mmcYAML.replacingOccurrences(of: "{ per_hour: 540 }", with: rate)
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "t")
    guard case .poisson(let parsed) = spec.demand[0].arrivals else {
        Issue.record("\(rate) was read as \(spec.demand[0].arrivals), not a Poisson rate")
        return
    }
    #expect(abs(parsed - perSecond) < 1e-12)
}

@Test func aNetworkOfTiersWithParentsParses() throws {
    let yaml = """
    name: network
    seed: 42
    stop: { time: 1w }
    services:
      - id: a
        service_time: { deterministic: 5m }
      - id: b
        service_time: { uniform: { min: 1m, max: 3m } }
    halls:
      - { id: c, tier: city, windows: [{ id: all, count: 3, serves: [a, b] }] }
      - { id: k, tier: county, parent: c, windows: [{ id: all, count: 2, serves: [a, b] }] }
      - { id: t, tier: town, parent: k, windows: [{ id: x, count: 1, serves: [a] }] }
      - { id: v, tier: village, parent: t, windows: [{ id: y, count: 1, serves: [b] }] }
    demand:
      - { service: a, hall: t, arrivals: { poisson: { per_hour: 4 } } }
      - { service: b, hall: v, arrivals: { poisson: { per_day: 10 } } }
    """
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "network.yaml")
    #expect(spec.seed == 42)
    #expect(spec.halls.map(\.parent) == [nil, "c", "k", "t"])
    #expect(spec.halls.map(\.tier) == [.city, .county, .town, .village])
    #expect(spec.services[1].serviceTime == .uniform(min: 60, max: 180))
}

@Test(arguments: [
    ("{ exponential: { mean: 90s } }", Distribution.exponential(mean: 90)),
    ("{ deterministic: 2m }", .deterministic(120)),
    ("{ deterministic: { value: 0s } }", .deterministic(0)),
    ("{ uniform: { min: 0s, max: 10m } }", .uniform(min: 0, max: 600)),
    ("{ triangular: { min: 1m, mode: 2m, max: 6m } }", .triangular(min: 60, mode: 120, max: 360)),
    ("{ normal: { mean: 5m, sd: 30s } }", .truncatedNormal(mean: 300, sd: 30)),
    ("{ lognormal: { mean: 5m, sd: 2m } }", .lognormal(mean: 300, sd: 120)),
    ("{ gamma: { shape: 2.5, mean: 10m } }", .gamma(shape: 2.5, mean: 600)),
    ("{ erlang: { k: 3, mean: 90s } }", .erlang(k: 3, mean: 90)),
    ("{ empirical: { values: [1m, 2m, 5m], weights: [1, 2, 1] } }", .empirical(values: [60, 120, 300], weights: [1, 2, 1])),
    ("{ empirical: { values: [30s, 90s] } }", .empirical(values: [30, 90], weights: [1, 1])),
])
func everyDistributionFamilyParses(serviceTime: String, expected: Distribution) throws {
    let spec = try ScenarioLoader.parse(yaml: scenario(serviceTime: serviceTime), file: "t")
    #expect(spec.services[0].serviceTime == expected)
}

@Test func aDistributionInBlockStyleParses() throws {
    let yaml = mmcYAML.replacingOccurrences(of: "    service_time: { exponential: { mean: 60s } }\n", with: """
        service_time:
          triangular:
            min: 30s
            mode: 1 m
            max: 0.1h

    """)
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "t")
    #expect(spec.services[0].serviceTime == .triangular(min: 30, mode: 60, max: 360))
}

@Test func mergeKeysInheritFromAnAnchoredTemplate() throws {
    let yaml = """
    name: merged
    stop: { cases: 10 }
    services:
      - id: a
        service_time: { exponential: { mean: 1m } }
    halls:
      - &hall { id: one, tier: city, windows: [{ id: w, count: 2, serves: [a] }] }
      - { <<: *hall, id: two }
    demand:
      - { service: a, hall: two, arrivals: { poisson: { per_hour: 10 } } }
    """
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "t")
    #expect(spec.halls.map(\.id) == ["one", "two"])
    #expect(spec.halls[1].windows == spec.halls[0].windows)
}

@Test func diagnosticsDescribeThemselvesInTheCompilerFormat() {
    let withHint = Diagnostic(file: "a.yaml", line: 3, column: 7, message: "unknown key 'servces'", expected: "one of x", hint: "did you mean 'services'?")
    #expect(withHint.description == "a.yaml:3:7: unknown key 'servces'; expected one of x (did you mean 'services'?)")
    let plain = Diagnostic(file: "a.yaml", line: 1, column: 1, message: "m", expected: "e")
    #expect(plain.description == "a.yaml:1:1: m; expected e")
    #expect(ScenarioError(diagnostics: [plain, withHint]).description == plain.description + "\n" + withHint.description)
}

@Test func everyCompleteExampleInTheScenarioReadmeParses() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("scenarios/README.md"), encoding: .utf8)
    let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    let scenarios = blocks.filter { $0.hasPrefix("name:") }
    #expect(scenarios.count >= 2)
    for yaml in scenarios {
        #expect(throws: Never.self) { try ScenarioLoader.parse(yaml: yaml, file: "README.md") }
    }
    // The family example, completed with services and demand, parses too.
    let family = try #require(blocks.first { $0.contains("family: { id: \"village-{n}\"") })
    let completed = """
    name: families
    horizon: 365d
    services:
      - { id: social, service_time: { exponential: { mean: 6m } } }
      - { id: medical, service_time: { exponential: { mean: 4m } } }
    \(family)demand:
      - { service: social, hall: "village-{n}", arrivals: { poisson: { per_day: 5 } } }
    """
    #expect(try ScenarioLoader.parse(yaml: completed, file: "README.md").halls.count == 482)
}
