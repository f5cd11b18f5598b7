import Foundation
import Testing
@testable import Scenarios

// Every number the simulator cannot hold is refused where the file gives it, with its line and
// column — never a trap and never a message without a position (see `Limits`).

/// The 1-based line and column where `value` starts in `yaml`, after the first `after` (if given).
func position(of value: String, after: String = "", in yaml: String) -> (line: Int, column: Int) {
    let start = after.isEmpty ? yaml.startIndex : yaml.range(of: after)!.upperBound
    let at = yaml.range(of: value, range: start ..< yaml.endIndex)!.lowerBound
    let before = yaml[..<at]
    let line = before.count { $0 == "\n" } + 1
    let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
    return (line, column)
}

/// Expects `yaml` to fail with one problem at `value` (after `after`) saying `phrase`.
func expectRefused(
    _ yaml: String, at value: String, after: String = "", saying phrase: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let (line, column) = position(of: value, after: after, in: yaml)
    expect(problem(yaml, sourceLocation: sourceLocation), at: line, column, saying: phrase, sourceLocation: sourceLocation)
}

@Test func stopCasesBeyondThirtyTwoBitCaseIDsIsRefusedWithItsPosition() {
    let yaml = mmcYAML.replacingOccurrences(of: "cases: 1000000", with: "cases: 4294967296")
    expectRefused(yaml, at: "4294967296", saying: "'cases' is too large")
}

@Test func aGroupOf65536WindowsIsRefusedWithItsPosition() {
    let yaml = mmcYAML.replacingOccurrences(of: "count: 10,", with: "count: 65536,")
    expectRefused(yaml, at: "65536", saying: "'count' is too large")
}

@Test func aRateThatRoundsToNothingIsRefusedWithItsPosition() {
    for rate in ["5e-324", "1e-300"] {
        let yaml = mmcYAML.replacingOccurrences(of: "per_hour: 540", with: "per_hour: \(rate)")
        expectRefused(yaml, at: rate, saying: "out of the simulator's range")
    }
}

@Test func aHorizonShorterThanOneTickIsRefusedWithItsPosition() {
    let yaml = mmcYAML.replacingOccurrences(of: "stop: { cases: 1000000 }", with: "horizon: 0.0000001s")
    expectRefused(yaml, at: "0.0000001s", saying: "shorter than the clock's tick")
}

@Test func countsOfTwoToTheSixtyThreeAreRefusedForWindowsKiosksDepartmentsAndTheEscalationDesk() {
    let huge = "9223372036854775807"
    let cases: [(old: String, new: String)] = [
        ("{ id: all, count: 4,", "{ id: all, count: \(huge),"),
        ("kiosks: { count: 6,", "kiosks: { count: \(huge),"),
        ("{ id: tax, staff: 3 }", "{ id: tax, staff: \(huge) }"),
        ("  staff: 2\n  hours", "  staff: \(huge)\n  hours"),
    ]
    for (old, new) in cases {
        let yaml = serviceNetwork(replacing: old, with: new)
        expectRefused(yaml, at: huge, saying: "is too large (\(huge))")
    }
}

@Test func aKioskCountBeyondSixteenBitIndicesIsRefused() {
    let yaml = serviceNetwork(replacing: "kiosks: { count: 6,", with: "kiosks: { count: 70000,")
    expectRefused(yaml, at: "70000", saying: "the simulator holds at most 65535")
}

@Test func durationsBeyondAThousandYearsAreRefusedWhereverTheyAreRead() {
    let long = "100000000d"
    let network = [
        ("horizon: 30d", "horizon: \(long)"),
        ("service_level: { target: 15m }", "service_level: { target: \(long) }"),
    ]
    for (old, new) in network {
        expectRefused(ScenariosTests.network(replacing: old, with: new), at: long, saying: "is too long")
    }
    let stopTime = mmcYAML.replacingOccurrences(of: "stop: { cases: 1000000 }", with: "stop: { time: \(long) }")
    expectRefused(stopTime, at: long, saying: "is too long")
    let waitTarget = serviceNetwork(replacing: "wait_target: 15m", with: "wait_target: \(long)")
    expectRefused(waitTarget, at: long, saying: "is too long")
}

@Test func aFamilyStaffFactorThatGrowsAGroupPastTheLimitIsRefusedAtTheGroup() {
    let yaml = """
    name: grown
    stop: { cases: 10 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - family: { id: "v-{n}", count: 2, tier: city }
        vary: { staff: 2 }
        windows: [{ id: w, count: 40000, serves: [s] }]
    demand:
      - { service: s, hall: "v-{n}", arrivals: { poisson: { per_hour: 1 } } }
    """
    let found = problems(yaml)
    #expect(found.count == 2)
    let (line, column) = position(of: "w,", in: yaml)
    expect(found.first, at: line, column, saying: "has 80000 windows after the family's staff factor")
}

@Test func aDemandFactorThatPushesTheRateOutOfRangeIsRefusedAtTheEntry() {
    let yaml = mmcYAML.replacingOccurrences(of: "    arrivals: { poisson: { per_hour: 540 } }", with: "    arrivals: { poisson: { per_hour: 540 } }\n    factor: 1e-300")
    expectRefused(yaml, at: "service: generic\n", saying: "out of the simulator's range")
}

@Test func moreGroupsThanSixteenBitIndicesHoldAreRefusedAtTheHallThatCrossesTheLimit() {
    let groups = (0 ..< 6).map { "{ id: w\($0), count: 1, serves: [s] }" }.joined(separator: ", ")
    let yaml = """
    name: many
    stop: { cases: 10 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - family: { id: "a-{n}", count: 11000, tier: city }
        windows: [\(groups)]
    demand:
      - { service: s, hall: "a-{n}", arrivals: { poisson: { per_hour: 1 } } }
    """
    let found = problems(yaml)
    #expect(found.count == 1)
    let (line, column) = position(of: "\"a-{n}\"", in: yaml)
    expect(found.first, at: line, column, saying: "more than 65534 window groups, kiosks and departments by hall 'a-10923'")
}
