import Foundation
import Testing
@testable import Scenarios

@Test func aTypeMismatchIsReportedAtTheValue() {
    let yaml = mmcYAML.replacingOccurrences(of: "services:\n  - id: generic\n    service_time: { exponential: { mean: 60s } }", with: "services: generic")
    expect(problem(yaml), at: 4, 11, saying: "'services' is the string 'generic'")
}

@Test func aMissingKeyIsReportedAtItsMapping() {
    let yaml = mmcYAML.replacingOccurrences(of: "    service_time: { exponential: { mean: 60s } }\n", with: "")
    expect(problem(yaml), at: 5, 5, saying: "missing key 'service_time' in a service")
}

@Test func anUnknownKeySuggestsTheNearestKnownOne() {
    let yaml = mmcYAML.replacingOccurrences(of: "services:", with: "servces:")
    let found = problem(yaml)
    expect(found, at: 4, 1, saying: "unknown key 'servces'", hint: "did you mean 'services'?")
}

@Test func anUnknownServiceReferenceIsReportedWithASuggestion() {
    let yaml = mmcYAML.replacingOccurrences(of: "serves: [generic]", with: "serves: [generc]")
    expect(problem(yaml), at: 12, 38, saying: "unknown service 'generc'", hint: "did you mean 'generic'?")
}

@Test func anUnknownHallReferenceIsReportedWithASuggestion() {
    let yaml = mmcYAML.replacingOccurrences(of: "    hall: hall\n", with: "    hall: hal\n")
    expect(problem(yaml), at: 15, 11, saying: "unknown hall 'hal'", hint: "did you mean 'hall'?")
}

@Test func anUnknownParentIsReported() {
    let yaml = mmcYAML.replacingOccurrences(of: "    tier: city\n", with: "    tier: town\n    parent: county-1\n")
    expect(problem(yaml), at: 10, 13, saying: "unknown parent hall 'county-1'")
}

@Test func aParentMustBeExactlyOneTierUp() {
    let yaml = """
    name: tiers
    stop: { cases: 1 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - { id: c, tier: city, windows: [{ id: w, count: 1, serves: [s] }] }
      - { id: v, tier: village, parent: c, windows: [{ id: w, count: 1, serves: [s] }] }
      - { id: c2, tier: city, parent: c, windows: [{ id: w, count: 1, serves: [s] }] }
    demand: [{ service: s, hall: c, arrivals: { poisson: { per_hour: 1 } } }]
    """
    let found = problems(yaml)
    #expect(found.count == 2)
    expect(found.first, at: 6, 37, saying: "the parent of a village hall must be a town hall, but 'c' is a city hall")
    expect(found.last, at: 7, 35, saying: "a city hall has no parent")
}

@Test func aZeroRateIsRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "per_hour: 540", with: "per_hour: 0")
    expect(problem(yaml), at: 16, 38, saying: "the rate 'per_hour' is zero")
}

@Test func aNegativeRateIsRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "per_hour: 540", with: "per_hour: -3.5")
    expect(problem(yaml), at: 16, 38, saying: "the rate 'per_hour' is negative")
}

@Test func aZeroWindowCountIsRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "count: 10", with: "count: 0")
    expect(problem(yaml), at: 12, 25, saying: "'count' must be at least 1, found 0")
}

@Test func aFractionalWindowCountIsRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "count: 10", with: "count: 2.5")
    expect(problem(yaml), at: 12, 25, saying: "'count' is the number 2.5")
}

@Test func aQuotedNumberIsAStringNotANumber() {
    let yaml = mmcYAML.replacingOccurrences(of: "per_hour: 540", with: "per_hour: \"540\"")
    expect(problem(yaml), at: 16, 38, saying: "is the string '540'", hint: "remove the quotes")
}

@Test func aNegativeDurationIsRejected() {
    let yaml = scenario(serviceTime: "{ exponential: { mean: -60s } }")
    expect(problem(yaml), at: 6, 42, saying: "'mean' is negative (-60s)")
}

@Test func aMalformedDurationIsRejected() {
    let yaml = scenario(serviceTime: "{ exponential: { mean: soon } }")
    expect(problem(yaml), at: 6, 42, saying: "'mean' is not a duration ('soon')")
}

@Test func anUnknownUnitIsRejectedWithTheUnitsListed() {
    let yaml = scenario(serviceTime: "{ exponential: { mean: 60 secs } }")
    let found = problem(yaml)
    expect(found, at: 6, 42, saying: "unknown unit 'secs'", hint: "did you mean 's'?")
    #expect(found?.expected.contains("ms, s, m (or min), h, d, w") == true)
}

@Test func aBareNumberDurationNeedsAUnit() {
    let yaml = scenario(serviceTime: "{ exponential: { mean: 60 } }")
    expect(problem(yaml), at: 6, 42, saying: "a duration needs a unit", hint: "write 60s for sixty seconds")
}

@Test func workingDaysAreRejectedOutsideDeadlines() {
    let yaml = mmcYAML.replacingOccurrences(of: "{ cases: 1000000 }", with: "{ time: 20wd }")
    expect(problem(yaml), at: 3, 15, saying: "working days", hint: "working days count only for deadlines")
}

@Test func anUnknownDistributionFamilySuggestsTheNearestOne() {
    let yaml = scenario(serviceTime: "{ exponentail: { mean: 60s } }")
    expect(problem(yaml), at: 6, 21, saying: "unknown distribution 'exponentail'", hint: "did you mean 'exponential'?")
}

@Test func invalidDistributionParametersAreReportedAtTheDistribution() {
    let yaml = scenario(serviceTime: "{ uniform: { min: 5m, max: 1m } }")
    expect(problem(yaml), at: 6, 19, saying: "the uniform distribution is invalid: needs 0 <= min < max")
}

@Test func demandAtAHallThatDoesNotServeTheServiceIsRejected() {
    let yaml = mmcYAML
        .replacingOccurrences(of: "services:\n", with: "services:\n  - id: other\n    service_time: { deterministic: 1m }\n")
        .replacingOccurrences(of: "  - service: generic\n", with: "  - service: other\n")
    expect(problem(yaml), at: 16, 5, saying: "no window group in hall 'hall' serves 'other'")
}

@Test func aDuplicateIdIsReportedAtTheSecondOne() {
    let yaml = mmcYAML.replacingOccurrences(of: "      - { id: w, count: 10, serves: [generic] }\n", with: """
          - { id: w, count: 10, serves: [generic] }
          - { id: w, count: 2, serves: [generic] }

    """)
    expect(problem(yaml), at: 13, 15, saying: "duplicate window group id 'w' in hall 'hall'", hint: "already used at line 12")
}

@Test func aYAMLSyntaxErrorIsOneDiagnosticWithLibyamlsWords() {
    let yaml = mmcYAML.replacingOccurrences(of: "{ cases: 1000000 }", with: "{ cases: 1000000")
    let found = problem(yaml)
    expect(found, at: 4, 9, saying: "YAML syntax error")
    #expect(found?.message.contains("flow mapping") == true)
    #expect(found?.expected == "valid YAML")
}

@Test func aDuplicateKeyIsReported() {
    let yaml = mmcYAML.replacingOccurrences(of: "seed: 1\n", with: "seed: 1\nseed: 2\n")
    expect(problem(yaml), at: 2, 1, saying: "the key 'seed' appears more than once")
}

@Test(arguments: ["", "\n\n", "# only a comment\n   \n", "---\n"])
func anEmptyFileIsReported(yaml: String) {
    let found = problem(yaml)
    expect(found, at: 1, 1, saying: "the file is empty")
    #expect(found?.description == "test.yaml:1:1: the file is empty; expected a mapping with keys name, services, halls, demand")
}

@Test func aMissingFileIsReported() {
    let path = "/nonexistent/hallsim-\(UUID().uuidString).yaml"
    let error = #expect(throws: ScenarioError.self) {
        try ScenarioLoader.load(path: path)
    }
    #expect(error?.description == "\(path):1:1: cannot read the file (no such file); expected a readable YAML scenario file")
}

@Test func aDirectoryIsNotAReadableFile() {
    let error = #expect(throws: ScenarioError.self) {
        try ScenarioLoader.load(path: NSTemporaryDirectory())
    }
    #expect(error?.diagnostics.map(\.message) == ["cannot read the file (it is a directory)"])
}

@Test func aFileOnDiskIsNamedByItsPathInDiagnostics() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-bad-\(UUID().uuidString).yaml")
    try mmcYAML.replacingOccurrences(of: "count: 10", with: "count: ten").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let error = #expect(throws: ScenarioError.self) {
        try ScenarioLoader.load(path: url.path)
    }
    #expect(error?.description == "\(url.path):12:25: 'count' is the string 'ten'; expected a positive integer")
}

@Test func everyProblemInAFileIsReportedInOneRun() {
    let yaml = """
    name: broken
    stop: { cases: 0 }
    services:
      - id: generic
        service_time: { exponential: { mean: 60 } }
      - id: generic
        service_time: { normal: { mean: 5m } }
    halls:
      - id: hall
        tier: County
        windows:
          - { id: w, count: 10, serves: [generc] }
    demand:
      - service: generic
        hall: hal
        arrivals: { poisson: { per_hour: 540, per_day: 3 } }
    colour: blue
    """
    let found = problems(yaml)
    let summary = found.map { "\($0.line):\($0.column) \($0.message)" }
    #expect(summary == [
        "2:16 'cases' must be at least 1, found 0",
        "5:42 'mean' is the bare number 60; a duration needs a unit",
        "6:9 duplicate service id 'generic'",
        "7:29 missing key 'sd' in the normal distribution",
        "10:11 unknown tier 'County'",
        "12:38 unknown service 'generc'",
        "15:11 unknown hall 'hal'",
        "16:43 'poisson' gives more than one rate ('per_hour' and 'per_day')",
        "17:1 unknown key 'colour' in the scenario",
    ])
    #expect(found.first(where: { $0.message.contains("County") })?.hint == "did you mean 'county'?")
}
