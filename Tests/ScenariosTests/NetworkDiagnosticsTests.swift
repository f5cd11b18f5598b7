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
