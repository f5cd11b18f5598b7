import Foundation
import Testing
@testable import Scenarios

// Bad input in the network keys, continued from NetworkDiagnosticsTests.swift: exact line:column,
// a key phrase, often the hint. Line numbers refer to `networkYAML` (Support.swift) or `huaibeiYAML` (FamilyTests.swift).

// MARK: demand factor and profile

@Test func anHourlyListOf23NumbersIsRejected() {
    let list = "[" + Array(repeating: "1", count: 23).joined(separator: ", ") + "]"
    let found = problem(network(replacing: "hourly: { 9: 2, \"10\": 1.5, \"08\": 0.5 }", with: "hourly: \(list)"))
    expect(found, at: 39, 15, saying: "'hourly' has 23 factors", hint: "one per hour: 1 missing")
    #expect(found?.expected.hasPrefix("a list of 24 factors (one per hour) or a mapping") == true)
}

@Test func hourlyFactorsThatAreAllZeroAreRejected() {
    let list = "[" + Array(repeating: "0", count: 24).joined(separator: ", ") + "]"
    expect(problem(network(replacing: "hourly: { 9: 2, \"10\": 1.5, \"08\": 0.5 }", with: "hourly: \(list)")), at: 39, 15,
           saying: "every hour factor in 'hourly' is zero")
}

@Test func badHourKeysAreRejected() {
    let found = problems(network(replacing: "hourly: { 9: 2, \"10\": 1.5, \"08\": 0.5 }", with: "hourly: { 24: 1, \"09:00\": 2, 9: 1, \"09\": 3 }"))
    #expect(found.count == 3)
    expect(found.first, at: 39, 17, saying: "'hourly' has the key '24', which is no hour")
    expect(found.dropFirst().first, at: 39, 24, saying: "'hourly' has the key '09:00', which is no hour", hint: "write the hour alone, like 09")
    expect(found.last, at: 39, 42, saying: "'hourly' gives the hour 09 twice", hint: "first given at line 39")
}

@Test func negativeAndUnknownWeekdayFactorsAreRejected() {
    let found = problems(network(replacing: "weekday: [1.4, 1, 1, 1, 1.2, 0.5, 0.5]", with: "weekday: { mon: -1, sundy: 2 }"))
    #expect(found.count == 2)
    expect(found.first, at: 40, 23, saying: "the factor for weekday mon is negative (-1)")
    expect(found.last, at: 40, 27, saying: "'weekday' has the key 'sundy', which is no weekday", hint: "did you mean 'sun'?")
}

@Test func aMonthlyListOfTheWrongLengthAndABadMonthAreRejected() {
    let short = problem(network(replacing: "monthly: { mar: 3, 9: 3 }", with: "monthly: [1, 3]"))
    expect(short, at: 41, 16, saying: "'monthly' has 2 factors", hint: "10 missing")
    let month = problem(network(replacing: "monthly: { mar: 3, 9: 3 }", with: "monthly: { mar: 3, 13: 3 }"))
    expect(month, at: 41, 26, saying: "'monthly' has the key '13', which is no month")
    #expect(month?.expected == "months jan … dec or 1 … 12")
}

@Test func aZeroDemandFactorIsRejected() {
    expect(problem(network(replacing: "factor: 1.5", with: "factor: 0")), at: 37, 13, saying: "'factor' is zero")
}

// MARK: families

@Test func aFamilyCountOfZeroIsRejected() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "count: 442", with: "count: 0")), at: 18, 41,
           saying: "the family's 'count' must be at least 1, found 0")
}

@Test func aFamilyIdWithoutThePlaceholderIsRejected() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "id: \"village-{n}\", count", with: "id: \"village\", count")), at: 18, 19,
           saying: "the family id 'village' has no '{n}'", hint: "write \"village-{n}\"")
}

@Test func aFamilyParentTierWithNoHallsIsRejected() {
    let yaml = """
    name: lonely
    stop: { cases: 1 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - { id: city, tier: city, windows: [{ id: w, count: 1, serves: [s] }] }
      - family: { id: "v{n}", count: 3, tier: village, parent: { tier: town } }
        windows: [{ id: w, count: 1, serves: [s] }]
    demand: [{ service: s, hall: "v{n}", arrivals: { poisson: { per_hour: 1 } } }]
    """
    let found = problem(yaml)
    expect(found, at: 6, 68, saying: "no hall has the tier 'town', so family 'v{n}' has no parent to spread over",
           hint: "add town halls, or a family of them")
}

@Test func aFamilyParentTierThatIsNotOneUpIsRejected() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "parent: { tier: town }", with: "parent: { tier: county }")), at: 18, 77,
           saying: "the parent of a village hall must be a town hall, but family 'village-{n}' spreads over county halls",
           hint: "write 'parent: { tier: town }'")
}

@Test func aFamilyParentThatIsAnUnknownFamilyIsRejected() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "{ family: \"county-{n}\" }", with: "{ family: \"countie-{n}\" }")), at: 11, 72,
           saying: "unknown family 'countie-{n}'", hint: "did you mean 'county-{n}'?")
}

@Test func aDemandNamingAnUnknownFamilyIsRejected() {
    let found = problem(huaibeiYAML.replacingOccurrences(of: "hall: \"village-{n}\"", with: "hall: \"vilage-{n}\""))
    expect(found, at: 24, 30, saying: "unknown family 'vilage-{n}'", hint: "did you mean 'village-{n}'?")
    #expect(found?.expected == "the id pattern of a family under 'halls' (county-{n}, town-{n}, village-{n})")
}

@Test func aDemandAtAFamilyThatDoesNotServeTheServiceIsRejected() {
    let yaml = huaibeiYAML.replacingOccurrences(of: "serves: [social, medical]\n        roster", with: "serves: [social]\n        roster")
    expect(problem(yaml), at: 25, 5, saying: "no window group in family 'town-{n}' serves 'medical'")
}

@Test func familyIdsThatClashWithOtherHallsAreReportedOncePerFamily() {
    let found = problems(huaibeiYAML.replacingOccurrences(of: "  - { id: city, tier: city,", with: "  - { id: town-07, tier: city,")
        .replacingOccurrences(of: "parent: city }", with: "parent: town-07 }")
        .replacingOccurrences(of: "hall: city,", with: "hall: town-07,"))
    #expect(found.count == 1)
    expect(found.first, at: 11, 19, saying: "family 'town-{n}' generates the hall id 'town-07', which is already used",
           hint: "'town-07' is already used at line 8")
}

@Test func twoFamiliesWithOverlappingIdsAreReportedWithTheCount() {
    let found = problems(huaibeiYAML.replacingOccurrences(of: "id: \"county-{n}\", count: 4", with: "id: \"town-0{n}\", count: 4")
        .replacingOccurrences(of: "{ family: \"county-{n}\" }", with: "{ family: \"town-0{n}\" }"))
    #expect(found.count == 1)
    expect(found.first, at: 11, 19, saying: "family 'town-{n}' generates the hall id 'town-01' (and 3 more of its ids), which is already used",
           hint: "by family 'town-0{n}' at line 9")
}

@Test func aHallIdWithThePlaceholderIsRejected() {
    let found = problems(huaibeiYAML.replacingOccurrences(of: "  - { id: city, tier: city,", with: "  - { id: \"city-{n}\", tier: city,"))
    expect(found.first, at: 8, 11, saying: "the hall id 'city-{n}' contains '{n}'", hint: "family: { id: \"city-{n}\"")
}

@Test func familyKeysOutsideTheFamilyMappingAreExplained() {
    let yaml = huaibeiYAML.replacingOccurrences(of: "tier: county, parent: city }\n", with: "tier: county }\n    parent: city\n")
    expect(problem(yaml), at: 10, 5, saying: "the key 'parent' does not belong in a family of halls", hint: "goes inside 'family'")
}

@Test func varyInASingleHallIsExplained() {
    let yaml = huaibeiYAML.replacingOccurrences(of: "  - { id: city, tier: city,", with: "  - { id: city, vary: {}, tier: city,")
    expect(problem(yaml), at: 8, 17, saying: "the key 'vary' does not belong in a hall", hint: "'vary' belongs to a family of halls")
}

@Test func aMisspeltFamilyKeyIsOneProblem() {
    let yaml = huaibeiYAML.replacingOccurrences(of: "  - family: { id: \"county-{n}\"", with: "  - famly: { id: \"county-{n}\"")
    let found = problems(yaml)
    expect(found.first, at: 9, 5, saying: "unknown key 'famly' in a hall", hint: "did you mean 'family'?")
    #expect(!found.contains { $0.message.hasPrefix("missing key") })
}

@Test func aVariationThatCanDrawZeroIsRejected() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "vary: { staff: { uniform: { min: 0.5, max: 2 } } }", with: "vary: { staff: { deterministic: 0 } }")),
           at: 12, 20, saying: "'staff' can draw the factor 0")
}

@Test func aVariationIsOfPlainNumbersNotDurations() {
    expect(problem(huaibeiYAML.replacingOccurrences(of: "{ uniform: { min: 0.5, max: 2 } }", with: "{ uniform: { min: 5m, max: 2 } }")),
           at: 12, 38, saying: "'min' is the string '5m'")
}

@Test func aSingleHallCannotSpreadOverATier() {
    let yaml = huaibeiYAML.replacingOccurrences(of: "  - { id: city, tier: city,", with: "  - { id: city, parent: { tier: town }, tier: city,")
    expect(problem(yaml), at: 8, 25, saying: "'parent' is a mapping", hint: "spread the halls of a family")
}

// MARK: several at once

@Test func everyNetworkProblemInAFileIsReportedInOneRun() {
    let yaml = """
    name: broken-network
    start: 2024-02-30
    horizon: 1y
    calendar: { weekend: [sat, sunday], holidays: ["2024-10-07..2024-10-01"], working_days: [2024-10-08] }
    behaviour: { patience: { exponential: { mean: 10m } }, return: { probability: 2, after: { deterministic: 1d } } }
    services:
      - { id: s, service_time: { exponential: { mean: 5m } } }
    halls:
      - id: city
        tier: city
        hours: { workday: ["09:00-12:00", "11:00-17:00"], holiday: ["9-12"] }
        at_close: stay
        windows:
          - { id: w, count: 2, serves: [s], roster: [{ day: workday, hours: "09:00-12:00", count: 3 }] }
      - family: { id: "v{n}", count: 0, tier: village, parent: { tier: town } }
        windows: [{ id: w, count: 1, serves: [s] }]
    demand:
      - { service: s, hall: city, arrivals: { poisson: { per_hour: 5 } }, profile: { hourly: [1, 2, 3] } }
      - { service: s, hall: "x{n}", arrivals: { poisson: { per_hour: 5 } } }
    """
    let summary = problems(yaml).map { "\($0.line):\($0.column) \($0.message)" }
    #expect(summary == [
        "2:8 'start' is not a day of the calendar ('2024-02-30')",
        "3:10 'horizon' has the unknown unit 'y' ('1y')",
        "4:48 the range '2024-10-07..2024-10-01' ends before it starts",
        "4:90 2024-10-08 is a Tuesday, which is a working day anyway",
        "5:79 'probability' is 2, more than 1",
        "11:39 the interval '11:00-17:00' overlaps '09:00-12:00'",
        "11:65 '9-12' has '9', which is not a time of day",
        "12:15 unknown closing policy 'stay'",
        "14:95 the shift staffs 3 windows, but group 'w' has only 2",
        "15:34 the family's 'count' must be at least 1, found 0",
        "18:90 'hourly' has 3 factors",
    ])
}

@Test func aRotationInAHallOpenAlwaysIsRejectedToo() {
    let yaml = network(replacing: "    hours:\n      workday: [\"09:00-12:00\", \"14:30-17:30\"]\n      holiday: []\n", with: "    hours: always\n")
    expect(problem(yaml), at: 22, 5, saying: "a hall open 'always' cannot have a weekend rotation", hint: "give the workday hours under 'hours'")
}
