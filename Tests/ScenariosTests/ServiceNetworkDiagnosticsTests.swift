import Foundation
import Testing
@testable import Scenarios

// One test per kind of bad input in the service-network keys: exact line:column, a key phrase,
// often the hint. Line numbers refer to `serviceNetworkYAML` (ServiceNetworkSupport.swift).

// MARK: back office

@Test func anUnknownKeyInABackOfficeGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "      tier: county", with: "      teir: county")), at: 13, 7,
           saying: "unknown key 'teir' in 'back_office'", hint: "did you mean 'tier'?")
}

@Test func aBackOfficeKeyWrittenOnTheServiceSaysWhereItGoes() {
    let found = problem(serviceNetwork(replacing: "    self_service_time:", with: "    statutory: 20wd\n    self_service_time:"))
    expect(found, at: 8, 5, saying: "the key 'statutory' does not belong in a service", hint: "goes inside 'back_office'")
}

@Test func aBackOfficeShareAboveOneIsRejected() {
    expect(problem(serviceNetwork(replacing: "      share: 0.8", with: "      share: 1.2")), at: 11, 14, saying: "'share' is 1.2, more than 1")
}

@Test(arguments: [("20d", "20"), ("4w", "4"), ("3 days", "3")])
func aStatutoryLimitOnTheClockIsRejectedWithTheWorkingDayUnit(text: String, number: String) {
    let found = problem(serviceNetwork(replacing: "statutory: 20wd", with: "statutory: \(text)"))
    expect(found, at: 14, 18, saying: "'statutory' is a duration on the clock ('\(text)'), not in working days",
           hint: "deadlines count only working days, not weekends or holidays: write \(number)wd if \(number) working days are meant")
    #expect(found?.expected == "a whole number of working days, like 20wd")
}

@Test func aStatutoryLimitWithoutAUnitIsRejected() {
    expect(problem(serviceNetwork(replacing: "statutory: 20wd", with: "statutory: 20")), at: 14, 18,
           saying: "'statutory' is the bare number 20; a limit needs the unit wd", hint: "write 20wd for 20 working days")
}

@Test func aFractionOfAWorkingDayIsRejected() {
    expect(problem(serviceNetwork(replacing: "promised: 12wd", with: "promised: 1.5wd")), at: 15, 17,
           saying: "'promised' is not a whole number of working days ('1.5wd')", hint: "limits count whole working days")
}

@Test func aMisspeltWorkingDayUnitGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "promised: 12wd", with: "promised: 12WD")), at: 15, 17,
           saying: "'promised' has the unknown unit 'WD' ('12WD')", hint: "did you mean 'wd'?")
}

@Test func aPromisedLimitLongerThanTheStatutoryOneIsRejected() {
    let found = problem(serviceNetwork(replacing: "promised: 12wd", with: "promised: 25wd"))
    expect(found, at: 15, 17, saying: "'promised' is 25wd, more than the statutory 20wd", hint: "promised_share: 0.6")
    #expect(found?.expected == "a promised limit of at most the statutory limit (20wd)")
}

@Test func promisedAndPromisedShareTogetherAreRejected() {
    let yaml = serviceNetwork(replacing: "statutory: 10wd, promised_share: 0.6", with: "statutory: 10wd, promised: 5wd, promised_share: 0.6")
    expect(problem(yaml), at: 22, 106, saying: "'promised' and 'promised_share' both give the promised limit")
}

@Test func aPromisedShareWrittenAsAPercentageGetsAHint() {
    expect(problem(serviceNetwork(replacing: "promised_share: 0.6", with: "promised_share: 60")), at: 22, 107,
           saying: "'promised_share' is 60, more than 1", hint: "for 60% write 0.6")
}

@Test func anUnknownApprovingTierGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "      tier: county\n", with: "      tier: conty\n")), at: 13, 13,
           saying: "unknown tier 'conty'", hint: "did you mean 'county'?")
}

@Test func aBackOfficeWithoutDepartmentIsRejectedAtItsMapping() {
    expect(problem(serviceNetwork(replacing: "{ department: police, work", with: "{ work")), at: 25, 18,
           saying: "missing key 'department' in 'back_office'")
}

@Test func anUnknownDepartmentGetsASuggestion() {
    let found = problem(serviceNetwork(replacing: "department: market", with: "department: markt"))
    expect(found, at: 10, 19, saying: "unknown department 'markt'", hint: "did you mean 'market'?")
    #expect(found?.expected == "the id of a department of some hall (market, police, tax)")
}

@Test func aDepartmentWhenNoHallHasDepartmentsSaysWhereToAddThem() {
    let yaml = """
    name: office
    horizon: 30d
    services:
      - { id: permit, service_time: { exponential: { mean: 5m } }, back_office: { department: land, work: { exponential: { mean: 1h } }, statutory: 20wd } }
    halls: [{ id: city, tier: city, windows: [{ id: w, count: 1, serves: [permit] }] }]
    demand: [{ service: permit, hall: city, arrivals: { poisson: { per_day: 3 } } }]
    """
    let found = problem(yaml)
    expect(found, at: 4, 91, saying: "unknown department 'land'", hint: "add departments: [{ id: land, staff: 2 }] to the hall that approves 'permit'")
    #expect(found?.expected == "the id of a department of some hall; no hall has 'departments'")
}

@Test func aTransferInWorkingDaysIsRejected() {
    expect(problem(serviceNetwork(replacing: "transfer: 1d", with: "transfer: 1wd")), at: 17, 17,
           saying: "'transfer' is in working days ('1wd'), which are not allowed here", hint: "working days count only for deadlines")
}

@Test func workingDaysStayRejectedForTheHorizon() {
    expect(problem(serviceNetwork(replacing: "horizon: 30d", with: "horizon: 20wd")), at: 4, 10,
           saying: "'horizon' is in working days ('20wd'), which are not allowed here")
}

// MARK: missing materials, results, kiosk time

@Test func anUnknownMaterialsPolicyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "policy: deficiency", with: "policy: deficency")), at: 18, 39,
           saying: "unknown policy 'deficency'", hint: "did you mean 'deficiency'?")
}

@Test func acceptingWithADeficiencyNeedsABackOffice() {
    let yaml = serviceNetwork(
        replacing: "  - id: renewal\n    service_time: { exponential: { mean: 4m } }\n",
        with: "  - id: renewal\n    service_time: { exponential: { mean: 4m } }\n    incomplete: { share: 0.1, policy: deficiency, delay: { exponential: { mean: 1d } } }\n")
    expect(problem(yaml), at: 32, 39, saying: "the policy 'deficiency' needs a back office", hint: "use return_visit")
}

@Test func missingMaterialsWithoutAShareAreRejected() {
    expect(problem(serviceNetwork(replacing: "{ share: 0.2, delay", with: "{ delay")), at: 28, 17,
           saying: "missing key 'share' in 'incomplete'")
}

@Test func aGiveUpShareWrittenAsAPercentageGetsAHint() {
    expect(problem(serviceNetwork(replacing: "give_up: 0.05", with: "give_up: 5%")), at: 18, 98,
           saying: "'give_up' is the percentage 5%", hint: "write 5% as 0.05")
}

@Test func aMisspeltResultKeyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "mail_delay:", with: "mail_dealy:")), at: 19, 26,
           saying: "unknown key 'mail_dealy' in 'result'", hint: "did you mean 'mail_delay'?")
}

@Test func aNegativeMailShareIsRejected() {
    expect(problem(serviceNetwork(replacing: "result: { mail: 0.3", with: "result: { mail: -0.3")), at: 19, 21,
           saying: "'mail' is negative (-0.3)")
}

@Test func aSelfServiceTimeThatIsNotADistributionGetsTheDeterministicHint() {
    expect(problem(serviceNetwork(replacing: "self_service_time: { exponential: { mean: 3m } }", with: "self_service_time: 3m")), at: 8, 24,
           saying: "'self_service_time' is the string '3m'", hint: "{ deterministic: 60s }")
}

// MARK: bundles

@Test func aBundleWithABackOfficeIsRejected() {
    let yaml = serviceNetwork(replacing: "    parts: [licence, tax, seal]",
                              with: "    parts: [licence, tax, seal]\n    back_office: { department: tax, work: { exponential: { mean: 1h } }, statutory: 5wd }")
    expect(problem(yaml), at: 30, 5, saying: "a bundle has a 'back_office'", hint: "each part of a bundle is decided by its own back office")
}

@Test func anUnknownPartGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "parts: [licence, tax, seal]", with: "parts: [licence, tax, sael]")), at: 29, 27,
           saying: "unknown service 'sael'", hint: "did you mean 'seal'?")
}

@Test func aPartWithoutBackOfficeIsRejected() {
    expect(problem(serviceNetwork(replacing: "parts: [licence, tax, seal]", with: "parts: [licence, tax, seal, renewal]")), at: 29, 33,
           saying: "the part 'renewal' has no back office", hint: "give 'renewal' a 'back_office'")
}

@Test func aBundleCannotBeItsOwnPart() {
    expect(problem(serviceNetwork(replacing: "parts: [licence, tax, seal]", with: "parts: [licence, tax, seal, start-a-business]")), at: 29, 33,
           saying: "the bundle 'start-a-business' lists itself as a part")
}

@Test func aBundleCannotBeAPartOfAnother() {
    let yaml = serviceNetwork(replacing: "  - id: renewal\n", with: "  - { id: both, service_time: { exponential: { mean: 9m } }, parts: [start-a-business, tax] }\n  - id: renewal\n")
    expect(problem(yaml), at: 30, 70, saying: "the part 'start-a-business' is a bundle itself", hint: "list its parts instead: licence, tax, seal")
}

@Test func aPartListedTwiceIsRejected() {
    expect(problem(serviceNetwork(replacing: "parts: [licence, tax, seal]", with: "parts: [licence, tax, licence]")), at: 29, 27,
           saying: "the part 'licence' is listed twice", hint: "first listed at line 29, column 13")
}

@Test func anEmptyListOfPartsIsRejected() {
    expect(problem(serviceNetwork(replacing: "parts: [licence, tax, seal]", with: "parts: []")), at: 29, 12, saying: "'parts' is an empty list")
}

// MARK: halls: kind, wait target, departments, kiosks

@Test func anUnknownHallKindGetsASuggestion() {
    let found = problem(serviceNetwork(replacing: "kind: outlet", with: "kind: bank"))
    expect(found, at: 53, 11, saying: "unknown hall kind 'bank'", hint: "did you mean 'outlet'?")
    #expect(found?.expected == "hall (a service hall), outlet (a bank or post outlet) or hotline (the 12345 hotline)")
}

@Test func aWaitTargetNeedsAUnit() {
    expect(problem(serviceNetwork(replacing: "wait_target: 15m", with: "wait_target: 15")), at: 35, 18, saying: "'wait_target' is the bare number 15")
}

@Test func aDepartmentWithoutStaffIsRejected() {
    expect(problem(serviceNetwork(replacing: "{ id: tax, staff: 3 }", with: "{ id: tax, staff: 0 }")), at: 39, 27,
           saying: "'staff' must be at least 1, found 0")
}

@Test func aDepartmentIdUsedTwiceInAHallIsRejected() {
    let police = "      - { id: police, staff: 2, hours: { workday: [\"08:30-12:00\", \"13:30-17:30\"] } }\n"
    expect(problem(serviceNetwork(replacing: police, with: police + "      - { id: tax, staff: 1 }\n")), at: 41, 15,
           saying: "duplicate department id 'tax' in hall 'city'", hint: "'tax' is already used at line 39")
}

@Test func aDepartmentRosterBeyondItsStaffIsRejected() {
    let found = problem(serviceNetwork(replacing: "hours: \"09:00-12:00\", count: 4 }", with: "hours: \"09:00-12:00\", count: 5 }"))
    expect(found, at: 51, 63, saying: "the shift puts 5 staff on duty, but department 'market' has only 4",
           hint: "raise the department's 'staff' to 5")
    #expect(found?.expected == "a number of staff from 1 to 4, the department's staff")
}

@Test func aMisspeltDepartmentKeyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "        staff: 4\n", with: "        staf: 4\n")), at: 49, 9,
           saying: "unknown key 'staf' in a department", hint: "did you mean 'staff'?")
}

@Test func overlappingDepartmentHoursAreRejected() {
    expect(problem(serviceNetwork(replacing: "\"08:30-12:00\", \"13:30-17:30\"", with: "\"08:30-12:00\", \"11:30-17:30\"")), at: 40, 67,
           saying: "the interval '11:30-17:30' overlaps '08:30-12:00'")
}

@Test func departmentsThatAreNoListAreRejected() {
    let yaml = serviceNetwork(
        replacing: "    departments:\n      - { id: tax, staff: 3 }\n      - { id: police, staff: 2, hours: { workday: [\"08:30-12:00\", \"13:30-17:30\"] } }\n",
        with: "    departments: tax\n")
    expect(problem(yaml), at: 38, 18, saying: "'departments' is the string 'tax'")
}

@Test func zeroKiosksAreRejected() {
    expect(problem(serviceNetwork(replacing: "kiosks: { count: 6,", with: "kiosks: { count: 0,")), at: 41, 22,
           saying: "'count' must be at least 1, found 0")
}

@Test func aKioskServiceMustBeKnown() {
    expect(problem(serviceNetwork(replacing: "services: [renewal], hours: always", with: "services: [renewl], hours: always")), at: 41, 36,
           saying: "unknown service 'renewl'", hint: "did you mean 'renewal'?")
}

@Test func kiosksWithoutServicesAreRejected() {
    expect(problem(serviceNetwork(replacing: "kiosks: { count: 6, services: [renewal], hours: always }", with: "kiosks: { count: 6, hours: always }")),
           at: 41, 13, saying: "missing key 'services' in 'kiosks'")
}

@Test func kiosksAtABankOutletAreRejected() {
    let found = problem(serviceNetwork(replacing: "    kind: outlet\n", with: "    kind: outlet\n    kiosks: { count: 1, services: [licence] }\n"))
    expect(found, at: 54, 5, saying: "a bank outlet has kiosks", hint: "which bank outlets do not have")
}

@Test func channelsWrittenOnAHallSayWhereTheyGo() {
    expect(problem(serviceNetwork(replacing: "    wait_target: 15m\n", with: "    wait_target: 15m\n    channels: { online: 1 }\n")), at: 36, 5,
           saying: "the key 'channels' does not belong in a hall", hint: "'channels' belongs to a demand entry")
}
