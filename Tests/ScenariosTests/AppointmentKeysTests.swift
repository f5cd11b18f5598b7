import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

/// The `appointments` block of the test scenario; its lines are 18 to 23.
private let appointmentBody = """
      share: 0.3
      slot: 15m
      no_show: 0.2
      punctuality: { uniform: { min: -10m, max: 5m } }
      lead: 2d
      per_slot: 2

"""

private let arrivalsLine = "    arrivals: { poisson: { per_hour: 540 } }\n"

/// The M/M/c scenario whose demand entry has `appointments:` with `body` (line 17 is the key).
private func withAppointments(_ body: String = appointmentBody) -> String {
    mmcYAML.replacingOccurrences(of: arrivalsLine, with: arrivalsLine + "    appointments:\n" + body)
}

/// `withAppointments()` with `old` replaced by `new` in the appointments block.
private func appointments(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(appointmentBody.contains(old), "the block has no '\(old)'", sourceLocation: sourceLocation)
    return withAppointments(appointmentBody.replacingOccurrences(of: old, with: new))
}

@Test func theAppointmentsKeyParses() throws {
    let spec = try ScenarioLoader.parse(yaml: withAppointments(), file: "t.yaml")
    let expected = AppointmentSpec(
        share: 0.3, slot: .minutes(15), noShow: 0.2, punctuality: PunctualitySpec(shift: -600, spread: .uniform(min: 0, max: 900)),
        lead: .days(2), perSlot: 2
    )
    #expect(spec.demand.first?.appointments == expected)
    #expect(spec.demand.first?.appointments?.punctuality.bounds == -600 ... 300)
    _ = HallNetwork(spec)
}

@Test func optionalAppointmentKeysTakeTheirDefaults() throws {
    let spec = try ScenarioLoader.parse(yaml: withAppointments("      share: 1\n      slot: 20m\n"), file: "t.yaml")
    #expect(spec.demand.first?.appointments == AppointmentSpec(share: 1, slot: .minutes(20), noShow: 0, punctuality: PunctualitySpec(), lead: .days(1), perSlot: 1))
}

@Test func withoutTheKeyThereAreNoAppointments() throws {
    #expect(try ScenarioLoader.parse(yaml: mmcYAML, file: "t.yaml").demand.first?.appointments == nil)
}

@Test(arguments: [
    ("{ triangular: { min: -5m, mode: 0s, max: 10m } }", PunctualitySpec(shift: -300, spread: .triangular(min: 0, mode: 300, max: 900))),
    ("{ deterministic: -5m }", PunctualitySpec(shift: -300)),
    ("{ deterministic: { value: 2m } }", PunctualitySpec(shift: 120)),
])
func otherPunctualityFamiliesParse(text: String, expected: PunctualitySpec) throws {
    let yaml = appointments(replacing: "{ uniform: { min: -10m, max: 5m } }", with: text)
    #expect(try ScenarioLoader.parse(yaml: yaml, file: "t.yaml").demand.first?.appointments?.punctuality == expected)
}

@Test func aShareAboveOneIsRejectedAtItsValue() {
    let found = problem(appointments(replacing: "share: 0.3", with: "share: 1.5"))
    expect(found, at: 18, 14, saying: "'share' is 1.5, more than 1")
    #expect(found?.expected == "a probability from 0 to 1, like 0.3")
    #expect(found?.description.hasPrefix("test.yaml:18:14: ") == true, "\(String(describing: found))")
}

@Test func aShareGivenAsAPercentageIsRejectedWithAHint() {
    expect(problem(appointments(replacing: "share: 0.3", with: "share: 30%")), at: 18, 14,
           saying: "'share' is the percentage 30%", hint: "write 30% as 0.3")
}

@Test func aNegativeNoShowIsRejected() {
    let found = problem(appointments(replacing: "no_show: 0.2", with: "no_show: -0.2"))
    expect(found, at: 20, 16, saying: "'no_show' is negative (-0.2)")
    #expect(found?.expected == "a probability from 0 to 1, like 0.3")
}

@Test(arguments: [
    ("slot: 0m", "'slot' is zero (0m)", nil as String?),
    ("slot: 15", "'slot' is the bare number 15", "write 60s"),
    ("slot: -15m", "'slot' is negative (-15m)", nil),
    ("slot: 15 mins", "'slot' has the unknown unit 'mins'", "did you mean 'min'?"),
    ("slot: soon", "'slot' is not a duration ('soon')", nil),
])
func aBadSlotIsRejectedAtItsValue(text: String, phrase: String, hint: String?) {
    let found = problem(appointments(replacing: "slot: 15m", with: text))
    expect(found, at: 19, 13, saying: phrase, hint: hint)
}

@Test func aMissingSlotIsReportedAtTheAppointmentsMapping() {
    let found = problem(appointments(replacing: "      slot: 15m\n", with: ""))
    expect(found, at: 18, 7, saying: "missing key 'slot' in 'appointments'")
}

@Test func aMisspeltKeyGetsASuggestion() {
    expect(problem(appointments(replacing: "no_show: 0.2", with: "no_shows: 0.2")), at: 20, 7,
           saying: "unknown key 'no_shows' in 'appointments'", hint: "did you mean 'no_show'?")
}

@Test func aPerSlotOfZeroIsRejected() {
    expect(problem(appointments(replacing: "per_slot: 2", with: "per_slot: 0")), at: 23, 17, saying: "'per_slot' must be at least 1, found 0")
}

@Test func aNegativeLeadIsRejected() {
    expect(problem(appointments(replacing: "lead: 2d", with: "lead: -1d")), at: 22, 13, saying: "'lead' is negative (-1d)")
}

@Test func aPunctualityWhoseMaxIsNotAboveItsMinIsRejectedAtMax() {
    let found = problem(appointments(replacing: "max: 5m", with: "max: -15m"))
    expect(found, at: 21, 49, saying: "the punctuality's max is not above its min", hint: "negative offsets are early")
}

@Test func aPunctualityOffsetWithoutAUnitIsRejectedAtIt() {
    expect(problem(appointments(replacing: "min: -10m", with: "min: -10")), at: 21, 38,
           saying: "'min' is the bare number -10; an offset needs a unit", hint: "write -10m")
}

@Test func anUnboundedPunctualityFamilyIsRejectedWithAHint() {
    let found = problem(appointments(replacing: "{ uniform: { min: -10m, max: 5m } }", with: "{ exponential: { mean: 5m } }"))
    expect(found, at: 21, 22, saying: "unknown punctuality distribution 'exponential'", hint: "only the bounded families")
}

@Test func aMisspeltPunctualityFamilyGetsASuggestion() {
    expect(problem(appointments(replacing: "{ uniform: {", with: "{ unifrom: {")), at: 21, 22,
           saying: "unknown punctuality distribution 'unifrom'", hint: "did you mean 'uniform'?")
}

@Test func aPunctualityThatIsNoMappingIsRejected() {
    expect(problem(appointments(replacing: "{ uniform: { min: -10m, max: 5m } }", with: "-5m")), at: 21, 20,
           saying: "'punctuality'", hint: "{ deterministic: -5m }")
}

@Test func appointmentsThatAreNoMappingAreRejected() {
    let yaml = mmcYAML.replacingOccurrences(of: arrivalsLine, with: arrivalsLine + "    appointments: 0.3\n")
    expect(problem(yaml), at: 17, 19, saying: "'appointments'")
}

@Test func severalBadAppointmentKeysAreAllReportedInFileOrder() {
    let body = appointmentBody.replacingOccurrences(of: "share: 0.3", with: "share: 2")
        .replacingOccurrences(of: "no_show: 0.2", with: "no_show: 1.2")
    let found = problems(withAppointments(body))
    #expect(found.map { "\($0.line):\($0.column)" } == ["18:14", "20:16"], "\(found.map(\.description))")
}
