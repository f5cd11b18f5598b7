import Foundation
import Testing
@testable import Scenarios

// One test per kind of bad input in the network keys: exact line:column, a key phrase, often the hint.
// Line numbers refer to `networkYAML` (Support.swift) or `huaibeiYAML` (FamilyTests.swift).

// MARK: start, horizon, calendar

@Test func aStartDateWithNoSuchMonthIsRejected() {
    let found = problem(network(replacing: "start: 2024-09-23", with: "start: 2024-13-01"))
    expect(found, at: 3, 8, saying: "'start' has no month 13 ('2024-13-01')", hint: "runs from 01 to 12")
    #expect(found?.expected == "a date written YYYY-MM-DD, like 2024-10-01")
}

@Test func aStartDateThatIsNoDayOfTheCalendarIsRejected() {
    expect(problem(network(replacing: "start: 2024-09-23", with: "start: 2023-02-29")), at: 3, 8,
           saying: "'start' is not a day of the calendar ('2023-02-29')", hint: "February 2023 has 28 days")
}

@Test(arguments: [
    ("2024-9-3", "write months and days with two digits: 2024-09-03"),
    ("23/09/2024", "write dates as YYYY-MM-DD"),
    ("soon", nil),
    ("2024-09-23 09:00:00", "write dates as YYYY-MM-DD"),
])
func aStartThatIsNotADateIsRejected(text: String, hint: String?) {
    expect(problem(network(replacing: "start: 2024-09-23", with: "start: \(text)")), at: 3, 8,
           saying: "'start' is not a date ('\(text)')", hint: hint)
}

@Test func horizonAndStopTimeTogetherAreRejected() {
    let found = problem(network(replacing: "seed: 7\n", with: "seed: 7\nstop: { time: 10d }\n"))
    expect(found, at: 5, 1, saying: "'horizon' and 'time' under 'stop' both say when the run ends", hint: "'time' is given at line 3")
}

@Test func neitherStopNorHorizonIsRejected() {
    let found = problem(network(replacing: "horizon: 30d\n", with: ""))
    expect(found, at: 1, 1, saying: "missing key 'stop' in the scenario", hint: "horizon: 365d")
}

@Test func aBadHorizonIsReportedAtItsValue() {
    expect(problem(network(replacing: "horizon: 30d", with: "horizon: 30")), at: 4, 10, saying: "'horizon' is the bare number 30")
}

@Test func anUnknownWeekdayIsRejectedWithASuggestion() {
    expect(problem(network(replacing: "weekend: [sat, sun]", with: "weekend: [sat, sundy]")), at: 6, 18,
           saying: "unknown weekday 'sundy'", hint: "did you mean 'sunday'?")
}

@Test func aCapitalisedWeekdayIsRejectedWithTheLowercaseSpelling() {
    expect(problem(network(replacing: "weekend: [sat, sun]", with: "weekend: [Sat, sun]")), at: 6, 13,
           saying: "unknown weekday 'Sat'", hint: "did you mean 'sat'?")
}

@Test func aWeekendDayListedTwiceIsRejected() {
    expect(problem(network(replacing: "weekend: [sat, sun]", with: "weekend: [sat, sun, saturday]")), at: 6, 23,
           saying: "the weekday 'saturday' is listed twice", hint: "line 6, column 13")
}

@Test func aHolidayRangeThatEndsBeforeItStartsIsRejected() {
    expect(problem(network(replacing: "\"2024-10-02..2024-10-07\"", with: "\"2024-10-07..2024-10-02\"")), at: 7, 26,
           saying: "the range '2024-10-07..2024-10-02' ends before it starts", hint: "write it as 2024-10-02..2024-10-07")
}

@Test func aBadDateInARangeIsRejected() {
    expect(problem(network(replacing: "\"2024-10-02..2024-10-07\"", with: "\"2024-10-02..2024-10-32\"")), at: 7, 26,
           saying: "the last date of the range is not a day of the calendar ('2024-10-32')", hint: "October 2024 has 31 days")
}

@Test func aHolidayThatIsNotADateIsRejected() {
    let found = problem(network(replacing: "holidays: [2024-10-01,", with: "holidays: [national-day,"))
    expect(found, at: 7, 14, saying: "the holiday is not a date ('national-day')")
    #expect(found?.expected.contains("a range of dates") == true)
}

@Test func aWorkingDayThatIsNoWeekendDayIsRejectedWithAHint() {
    let found = problem(network(replacing: "working_days: [2024-09-29, 2024-10-12]", with: "working_days: [2024-09-29, 2024-09-30]"))
    expect(found, at: 8, 30, saying: "2024-09-30 is a Monday, which is a working day anyway",
           hint: "'working_days' lists weekend days that are worked")
    #expect(found?.expected == "a weekend day (saturday, sunday) worked in exchange for a holiday")
}

@Test func aWorkingDayFollowsTheWeekendAsWritten() {
    // With a Friday-Saturday weekend, a Sunday is a working day anyway.
    let yaml = network(replacing: "weekend: [sat, sun]", with: "weekend: [fri, sat]")
    let found = problems(yaml)
    expect(found.first, at: 8, 18, saying: "2024-09-29 is a Sunday, which is a working day anyway")
}

@Test func aWorkingDayThatIsAlsoAHolidayIsRejected() {
    expect(problem(network(replacing: "working_days: [2024-09-29, 2024-10-12]", with: "working_days: [2024-09-29, 2024-10-05]")),
           at: 8, 30, saying: "2024-10-05 is both a working day and a holiday", hint: "it is a holiday by line 7")
}

@Test func anUnknownCalendarKeyIsRejectedWithASuggestion() {
    expect(problem(network(replacing: "  working_days:", with: "  working_day:")), at: 8, 3,
           saying: "unknown key 'working_day' in 'calendar'", hint: "did you mean 'working_days'?")
}

// MARK: behaviour and service level

@Test func aReturnProbabilityAboveOneIsRejected() {
    let found = problem(network(replacing: "probability: 0.5", with: "probability: 1.5"))
    expect(found, at: 12, 26, saying: "'probability' is 1.5, more than 1")
    #expect(found?.expected == "a probability from 0 to 1, like 0.3")
}

@Test(arguments: [("30", "for 30% write 0.3"), ("30%", "write 30% as 0.3")])
func aReturnProbabilityWrittenAsAPercentageGetsAHint(text: String, hint: String) {
    expect(problem(network(replacing: "probability: 0.5", with: "probability: \(text)")), at: 12, 26, saying: "'probability' is", hint: hint)
}

@Test func aReturnWithoutDelayIsRejected() {
    expect(problem(network(replacing: "return: { probability: 0.5, after: { uniform: { min: 1d, max: 3d } } }", with: "return: { probability: 0.5 }")),
           at: 12, 11, saying: "missing key 'after' in 'return'")
}

@Test func aZeroBalkingThresholdIsRejected() {
    expect(problem(network(replacing: "balk_at: 30", with: "balk_at: 0")), at: 11, 12, saying: "'balk_at' must be at least 1, found 0")
}

@Test func aPatienceThatIsNotADistributionGetsTheDeterministicHint() {
    expect(problem(network(replacing: "patience: { exponential: { mean: 10m } }", with: "patience: 10m")), at: 10, 13,
           saying: "'patience' is the string '10m'", hint: "{ deterministic: 60s }")
}

@Test func aServiceLevelTargetNeedsAUnit() {
    expect(problem(network(replacing: "target: 15m", with: "target: 15")), at: 13, 26, saying: "'target' is the bare number 15")
}

@Test func aBadBehaviourInADemandEntryIsReportedThere() {
    expect(problem(network(replacing: "{ patience: { deterministic: 20m } }", with: "{ patience: { deterministic: 20m }, balk_at: many }")),
           at: 42, 61, saying: "'balk_at' is the string 'many'")
}

@Test func theAmericanSpellingOfBehaviourGetsASuggestion() {
    expect(problem(network(replacing: "    behaviour: { patience", with: "    behavior: { patience")), at: 42, 5,
           saying: "unknown key 'behavior' in a demand entry", hint: "did you mean 'behaviour'?")
}

// MARK: opening hours, closing, rotation, rosters

@Test func anIntervalWithAnImpossibleTimeIsRejected() {
    expect(problem(network(replacing: "\"14:30-17:30\"]", with: "\"14:30-25:00\"]")), at: 21, 32,
           saying: "'14:30-25:00' has '25:00', which is not a time of day", hint: "times run from 00:00 to 24:00")
}

@Test(arguments: [
    ("14-17", "has '14', which is not a time of day", "write hours and minutes, like 14:00"),
    ("2:30pm-5pm", "has '2:30pm', which is not a time of day", "use the 24-hour clock"),
    ("14:30 to 17:30", "'14:30 to 17:30' is not an interval", "write a dash between the times"),
    ("17:30-14:30", "the interval '17:30-14:30' ends before it starts", "cannot run past midnight"),
    ("14:30-14:30", "the interval '14:30-14:30' is empty", nil),
    ("24:00-24:00", "the interval '24:00-24:00' starts at 24:00", "24:00 may only end an interval"),
])
func aBadIntervalIsRejected(text: String, phrase: String, hint: String?) {
    let found = problem(network(replacing: "\"14:30-17:30\"]", with: "\"\(text)\"]"))
    expect(found, at: 21, 32, saying: phrase, hint: hint)
    #expect(found?.expected.contains("HH:MM-HH:MM") == true || found?.expected.contains("ends after it starts") == true
        || found?.expected.contains("starts before 24:00") == true)
}

@Test func overlappingIntervalsAreRejected() {
    expect(problem(network(replacing: "\"14:30-17:30\"]", with: "\"11:30-17:30\"]")), at: 21, 32,
           saying: "the interval '11:30-17:30' overlaps '09:00-12:00'", hint: "at 12:00 or later")
}

@Test func intervalsOutOfOrderAreRejected() {
    expect(problem(network(replacing: "[\"09:00-12:00\", \"14:30-17:30\"]", with: "[\"14:30-17:30\", \"09:00-12:00\"]")), at: 21, 32,
           saying: "the interval '09:00-12:00' comes after '14:30-17:30' but starts earlier")
}

@Test func openingIntervalsThatTouchAreRejectedWithTheMergedOne() {
    expect(problem(network(replacing: "\"14:30-17:30\"]", with: "\"12:00-17:30\"]")), at: 21, 32,
           saying: "the interval '12:00-17:30' starts when '09:00-12:00' ends", hint: "write one interval '09:00-17:30'")
}

@Test func unknownOpeningHoursAreRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "hours: always", with: "hours: alwys")
    let found = problem(yaml)
    expect(found, at: 10, 12, saying: "'hours' is the string 'alwys'", hint: "did you mean 'always'?")
    #expect(found?.expected.hasPrefix("always, or a mapping from day type (workday, weekend, holiday) to intervals") == true)
}

@Test func hoursWithNoDayTypeAreRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: "hours: always", with: "hours: {}")
    expect(problem(yaml), at: 10, 12, saying: "'hours' gives no day type, so the hall would never open", hint: "hours: always")
}

@Test func anUnknownDayTypeInHoursGetsASuggestion() {
    expect(problem(network(replacing: "      holiday: []", with: "      holidays: []")), at: 22, 7,
           saying: "unknown key 'holidays' in 'hours'", hint: "did you mean 'holiday'?")
}

@Test func anUnknownClosingPolicyIsRejected() {
    let found = problem(network(replacing: "at_close: send_home", with: "at_close: send home"))
    expect(found, at: 23, 15, saying: "unknown closing policy 'send home'", hint: "did you mean 'send_home'?")
    #expect(found?.expected == "serve (finish the queue after closing) or send_home (everyone waiting leaves)")
}

@Test func aRotationNamingAGroupOfAnotherHallIsRejected() {
    let yaml = """
    name: rotation
    stop: { cases: 1 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - id: city
        tier: city
        hours: { workday: ["09:00-17:00"] }
        rotation: { groups: [counter], services: [s] }
        windows: [{ id: all, count: 2, serves: [s] }]
      - { id: county, tier: county, parent: city, windows: [{ id: counter, count: 1, serves: [s] }] }
    demand: [{ service: s, hall: city, arrivals: { poisson: { per_hour: 1 } } }]
    """
    let found = problem(yaml)
    expect(found, at: 8, 26, saying: "hall 'city' has no window group 'counter'",
           hint: "'counter' is a window group of hall 'county'; a rotation opens groups of its own hall")
    #expect(found?.expected == "the id of a window group of hall 'city' (all)")
}

@Test func aRotationGroupTypoGetsASuggestion() {
    expect(problem(network(replacing: "rotation: { groups: [all]", with: "rotation: { groups: [al]")), at: 24, 26,
           saying: "hall 'city' has no window group 'al'", hint: "did you mean 'all'?")
}

@Test func aRotationServiceThatNoListedGroupServesIsRejected() {
    let found = problem(network(replacing: "rotation: { groups: [all], services: [social] }", with: "rotation: { groups: [desk], services: [social] }"))
    expect(found, at: 24, 44, saying: "no window group on the rotation of hall 'city' serves 'social'", hint: "add 'all' to the rotation's 'groups'")
}

@Test func aRotationNamingAnUnknownServiceIsRejected() {
    expect(problem(network(replacing: "services: [social] }", with: "services: [socal] }")), at: 24, 43,
           saying: "unknown service 'socal'", hint: "did you mean 'social'?")
}

@Test func weekendHoursAndARotationTogetherAreRejected() {
    expect(problem(network(replacing: "      holiday: []\n", with: "      weekend: [\"10:00-12:00\"]\n")), at: 22, 7,
           saying: "weekend opening hours are given and so is a 'rotation'", hint: "the rotation is at line 24")
}

@Test func aRotationInAHallOpenAlwaysIsRejected() {
    let yaml = network(replacing: "    hours:\n      workday: [\"09:00-12:00\", \"14:30-17:30\"]\n      holiday: []\n", with: "")
    expect(problem(yaml), at: 21, 5, saying: "a hall with a weekend rotation needs opening hours")
}

@Test func aRosterCountAboveTheGroupCountIsRejected() {
    let found = problem(network(replacing: "hours: \"09:00-12:00\", count: 4 }", with: "hours: \"09:00-12:00\", count: 5 }"))
    expect(found, at: 30, 58, saying: "the shift staffs 5 windows, but group 'all' has only 4", hint: "raise the group's 'count' to 5")
    #expect(found?.expected == "a number of windows from 1 to 4, the group's count")
}

@Test func overlappingShiftsOfOneDayTypeAreRejected() {
    expect(problem(network(replacing: "hours: \"09:00-12:00\", count: 4 }", with: "hours: \"09:00-15:00\", count: 4 }")), at: 31, 36,
           saying: "the workday shift '14:30-16:00' overlaps the workday shift '09:00-15:00'", hint: "the other shift is at line 30")
}

@Test func aRosterDayThatIsAWeekdayGetsAnExplanation() {
    expect(problem(network(replacing: "{ day: workday, hours: \"09:00-12:00\"", with: "{ day: monday, hours: \"09:00-12:00\"")), at: 30, 20,
           saying: "unknown day type 'monday'", hint: "'workday' covers Monday to Friday")
}

@Test func aShiftWithoutCountIsRejected() {
    expect(problem(network(replacing: "hours: \"09:00-12:00\", count: 4 }", with: "hours: \"09:00-12:00\" }")), at: 30, 13,
           saying: "missing key 'count' in a shift")
}

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
