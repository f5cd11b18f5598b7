import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

/// `mmcYAML` with `texts` applied as `--set` overrides.
func overridden(_ texts: [String], yaml: String = mmcYAML) throws -> ScenarioSpec {
    try ScenarioLoader.parse(yaml: yaml, file: "t.yaml", overrides: texts.map { try Override(parsing: $0) })
}

/// The diagnostics of overrides that must be rejected (parse errors of the override included).
func overrideProblems(_ texts: [String], yaml: String = mmcYAML, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        let spec = try overridden(texts, yaml: yaml)
        Issue.record("expected \(texts) to be rejected, got \(spec)", sourceLocation: sourceLocation)
    } catch let error as ScenarioError {
        return error.diagnostics
    } catch let error as OverrideError {
        return [Diagnostic(file: "", line: 0, column: 0, message: error.message, expected: error.expected, hint: error.hint, override: error.override)]
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
    return []
}

/// Two services at two halls, for addressing list entries by id and by fields.
let twoHallsYAML = """
name: two
stop: { cases: 10 }
services:
  - { id: social, service_time: { exponential: { mean: 6m } } }
  - { id: housing, service_time: { deterministic: 4m } }
halls:
  - id: city
    tier: city
    windows:
      - { id: all, count: 6, serves: [social, housing], roster: [{ day: workday, hours: "09:00-12:00", count: 4 }] }
  - family: { id: "county-{n}", count: 3, tier: county, parent: city }
    windows: [{ id: desk, count: 2, serves: [social] }]
demand:
  - { service: social, hall: city, arrivals: { poisson: { per_hour: 30 } } }
  - { service: housing, hall: city, factor: 2, arrivals: { poisson: { per_hour: 10 } } }
  - { service: social, hall: "county-{n}", arrivals: { poisson: { per_day: 20 } } }

"""

@Test func anOverrideAddressesListEntriesByTheirIds() throws {
    let spec = try overridden(["halls.hall.windows.w.count=12"])
    #expect(spec.halls[0].windows[0].count == 12)
    #expect(try overridden([]).halls[0].windows[0].count == 10)
}

@Test func aFamilyIsAddressedByItsIdPatternAndChangesEveryGeneratedHall() throws {
    let spec = try overridden(["halls.county-{n}.windows.desk.count=+1"], yaml: twoHallsYAML)
    #expect(spec.halls.filter { $0.tier == .county }.map { $0.windows[0].count } == [3, 3, 3])
    #expect(spec.halls[0].windows[0].count == 6)
}

@Test func entriesAreSelectedByFieldsByPositionOrAll() throws {
    let byFields = try overridden(["demand[service=housing,hall=city].factor=*1.5"], yaml: twoHallsYAML)
    #expect(byFields.demand.map(\.factor) == [1, 3, 1, 1, 1])
    let roster = try overridden(["halls.city.windows.all.roster[0].count=5"], yaml: twoHallsYAML)
    #expect(roster.halls[0].windows[0].roster[0].count == 5)
    let every = try overridden(["demand[*].factor=2"], yaml: twoHallsYAML)
    #expect(every.demand.map(\.factor) == [2, 2, 2, 2, 2])
}

@Test func relativeChangesKeepTheUnitAndADemandFactorScalesEveryEntry() throws {
    let slower = try overridden(["services.generic.service_time.exponential.mean=*1.5"])
    #expect(slower.services[0].serviceTime == .exponential(mean: 90))
    let scaled = try ScenarioLoader.parse(yaml: twoHallsYAML, file: "t", overrides: [.demandFactor(1.3)])
    let plain = try overridden([], yaml: twoHallsYAML)
    #expect(zip(scaled.demand, plain.demand).allSatisfy { abs($0.factor - 1.3 * $1.factor) < 1e-12 })
}

@Test func aWholePartIsReplacedByAYAMLValueAndChecksAsTheFileWouldBe() throws {
    let spec = try overridden(["services.generic.service_time={ deterministic: 45s }"])
    #expect(spec.services[0].serviceTime == .deterministic(45))
    // The same mistake in the file and in an override gets the same message.
    let inFile = problems(mmcYAML.replacingOccurrences(of: "count: 10", with: "count: -3"))
    let inOverride = overrideProblems(["halls.hall.windows.w.count=-3"])
    #expect(inFile.map(\.message) == inOverride.map(\.message))
    #expect(inOverride.first?.override == "--set halls.hall.windows.w.count=-3")
    #expect(inOverride.first?.line == 0)
    #expect(inOverride.first?.description.hasPrefix("t.yaml: --set halls.hall.windows.w.count=-3: ") == true)
}

@Test func aPathThatDoesNotExistIsNamedWithWhatThereIs() {
    let id = overrideProblems(["halls.hal.windows.w.count=12"])
    #expect(id.first?.message == "'halls' has no entry with id 'hal'")
    #expect(id.first?.hint == "did you mean 'hall'?")
    #expect(id.first?.line == 8, "where the list of halls is in the file")
    let key = overrideProblems(["stp.cases=5"])
    #expect(key.first?.message == "the document has no key 'stp'")
    #expect(key.first?.hint == "did you mean 'stop'?")
    let fields = overrideProblems(["demand[service=x].factor=2"])
    #expect(fields.first?.message == "no entry of 'demand' has service=x")
    let position = overrideProblems(["halls[3].tier=town"])
    #expect(position.first?.message == "'halls' has 1 entry, none at position 3")
    // A new key is added and then checked like any other: an unknown one is reported.
    let unknown = overrideProblems(["halls.hall.windows.w.cont=3"])
    #expect(unknown.first?.message == "unknown key 'cont' in a window group")
    #expect(unknown.first?.hint == "did you mean 'count'?")
    #expect(unknown.first?.override == "--set halls.hall.windows.w.cont=3")
}

@Test func malformedOverridesAreRefusedWithWhatWasExpected() {
    let cases: [(String, String)] = [
        ("name", "no '=' between the path and the value"),
        ("name=", "the value is empty"),
        ("=x", "the path is empty"),
        ("halls..hall=1", "the path has an empty part"),
        ("demand[0.factor=2", "'[' without ']' in the path"),
        ("demand[a=].factor=2", "'[a=]' is not a selector"),
        ("stop.cases=*many", "'*many' is not a relative change"),
    ]
    for (text, message) in cases {
        #expect(overrideProblems([text]).first?.message == message, "\(text)")
    }
    #expect(overrideProblems(["name=*2"]).first?.message == "'mmc' is not a number to change")
    #expect(overrideProblems(["halls.hall.tier.x=1"]).first?.message == "'halls[hall].tier' is not a mapping, so it has no key 'x'")
}
