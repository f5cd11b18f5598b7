import Foundation
import Testing
@testable import Scenarios

// Bad input in the service-network keys, continued from ServiceNetworkDiagnosticsTests.swift: exact
// line:column, a key phrase, often the hint. Line numbers refer to `serviceNetworkYAML` (ServiceNetworkSupport.swift).

// MARK: channels

@Test func channelSharesThatDoNotAddUpToOneAreRejected() {
    let found = problem(serviceNetwork(replacing: "mobile: 0.05, kiosk: 0.05 }", with: "mobile: 0.05, kiosk: 0.01 }"))
    expect(found, at: 61, 15, saying: "the channel shares add up to 0.96", hint: "they fall 0.04 short of 1")
    #expect(found?.expected == "shares that add up to 1")
    expect(problem(serviceNetwork(replacing: "mobile: 0.05, kiosk: 0.05 }", with: "mobile: 0.05, kiosk: 0.15 }")), at: 61, 15,
           saying: "the channel shares add up to 1.1", hint: "they are 0.1 more than 1")
}

@Test func sharesWithoutWalkInsThatFallShortSuggestTheWalkInShare() {
    expect(problem(serviceNetwork(replacing: "{ online: 0.7, mobile: 0.3 }", with: "{ online: 0.6, mobile: 0.3 }")), at: 66, 15,
           saying: "the channel shares add up to 0.9", hint: "write walk_in: 0.1 for the people who walk in")
}

@Test func aChannelShareAboveOneIsRejected() {
    expect(problem(serviceNetwork(replacing: "{ walk_in: 0.5, kiosk: 0.5 }", with: "{ walk_in: 1.5, kiosk: 0.5 }")), at: 70, 26,
           saying: "the 'walk_in' share is 1.5, more than 1")
}

@Test func appointmentsAsAChannelShareSayWhereTheyGo() {
    expect(problem(serviceNetwork(replacing: "{ walk_in: 0.5, kiosk: 0.5 }", with: "{ walk_in: 0.5, kiosk: 0.3, appointment: 0.2 }")), at: 70, 43,
           saying: "the key 'appointment' does not belong in 'channels'", hint: "the demand entry's own 'appointments' key")
}

@Test func aMisspeltChannelGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "{ walk_in: 0.5, kiosk: 0.5 }", with: "{ walkin: 0.5, kiosk: 0.5 }")), at: 70, 17,
           saying: "unknown key 'walkin' in 'channels'", hint: "did you mean 'walk_in'?")
}

@Test func theOutletChannelIsAHallKind() {
    expect(problem(serviceNetwork(replacing: "{ online: 0.7, mobile: 0.3 }", with: "{ online: 0.7, outlet: 0.3 }")), at: 66, 30,
           saying: "the key 'outlet' does not belong in 'channels'", hint: "halls of 'kind: outlet'")
}

@Test func emptyChannelsAreRejected() {
    expect(problem(serviceNetwork(replacing: "{ online: 0.7, mobile: 0.3 }", with: "{}")), at: 66, 15,
           saying: "'channels' gives no channel", hint: "leave 'channels' out when everyone walks in")
}

@Test func aChannelShareWrittenOnTheDemandEntrySaysWhereItGoes() {
    let yaml = serviceNetwork(replacing: "    channels: { online: 0.7, mobile: 0.3 }\n", with: "    online: 1\n")
    expect(problem(yaml), at: 66, 5, saying: "the key 'online' does not belong in a demand entry", hint: "channel shares go under 'channels'")
}

@Test func aKioskShareAtAHallWithoutKiosksIsRejected() {
    let found = problem(serviceNetwork(replacing: "    kiosks: { count: 2, services: [licence, renewal] }\n", with: ""))
    expect(found, at: 60, 58, saying: "hall 'county' has no kiosks", hint: "add kiosks: { count: 2, services: [licence] } to hall 'county'")
}

@Test func aKioskShareForAServiceTheKiosksDoNotOfferIsRejected() {
    let found = problem(serviceNetwork(replacing: "kiosks: { count: 2, services: [licence, renewal] }", with: "kiosks: { count: 2, services: [renewal] }"))
    expect(found, at: 61, 58, saying: "the kiosks of hall 'county' do not offer 'licence'", hint: "add 'licence' to the kiosks' 'services' at line 46")
    #expect(found?.expected == "a service listed under the kiosks' 'services' (renewal)")
}

@Test func channelsAtABankOutletAreRejected() {
    let yaml = serviceNetwork(replacing: "hall: \"outlet-{n}\", arrivals: { poisson: { per_day: 5 } } }",
                              with: "hall: \"outlet-{n}\", arrivals: { poisson: { per_day: 5 } }, channels: { online: 1 } }")
    let found = problem(yaml)
    expect(found, at: 62, 84, saying: "demand at family 'outlet-{n}', a bank outlet, has 'channels'")
    #expect(found?.expected == "no 'channels' at a bank outlet: its channel is outlet")
}

@Test func channelsAtTheHotlineAreRejected() {
    let yaml = serviceNetwork(replacing: "hall: hotline, arrivals: { poisson: { per_hour: 100 } } }",
                              with: "hall: hotline, arrivals: { poisson: { per_hour: 100 } }, channels: { walk_in: 1 } }")
    expect(problem(yaml), at: 72, 82, saying: "demand at hall 'hotline', a hotline, has 'channels'")
}

@Test func appointmentsAtTheHotlineAreRejected() {
    let yaml = serviceNetwork(replacing: "hall: hotline, arrivals: { poisson: { per_hour: 100 } } }",
                              with: "hall: hotline, arrivals: { poisson: { per_hour: 100 } }, appointments: { share: 0.1, slot: 15m } }")
    expect(problem(yaml), at: 72, 82, saying: "demand at hall 'hotline', a hotline, has 'appointments'", hint: "booked at halls of kind 'hall'")
}

@Test func walkInsNeedAWindowServingTheService() {
    expect(problem(serviceNetwork(replacing: "{ online: 0.7, mobile: 0.3 }", with: "{ walk_in: 0.1, online: 0.6, mobile: 0.3 }")), at: 63, 5,
           saying: "no window group in hall 'county' serves 'start-a-business'")
}

// MARK: nearest handling

@Test func demandAboveTheApprovingTierIsRejected() {
    let yaml = serviceNetwork(replacing: "  - { service: renewal, hall: hotline,",
                              with: "  - { service: licence, hall: city, arrivals: { poisson: { per_day: 1 } } }\n  - { service: renewal, hall: hotline,")
    expect(problem(yaml), at: 72, 5, saying: "'licence' is approved at the county tier, but hall 'city' is a city hall, above it",
           hint: "cases are forwarded up the tiers, never down")
}

@Test func anApprovingTierWithoutTheDepartmentIsRejectedOncePerEntry() {
    let found = problems(serviceNetwork(replacing: "      tier: county\n", with: "      tier: city\n"))
    #expect(found.count == 3)
    guard found.count == 3 else { return }
    expect(found[0], at: 58, 5, saying: "'licence' is approved at the city tier, but 'city', the city hall above 'county', has no department 'market'",
           hint: "add { id: market, staff: 1 } to the departments of hall 'city'")
    expect(found[1], at: 62, 5, saying: "'city', the city hall above 'outlet-1', has no department 'market' (and 2 more halls of family 'outlet-{n}')")
    expect(found[2], at: 63, 5, saying: "'licence', a part of 'start-a-business', is approved at the city tier")
}

/// Two counties, only `east` with the land department; four towns spread over them.
private let nearestYAML = """
name: nearest
horizon: 30d
services:
  - { id: permit, service_time: { exponential: { mean: 5m } }, back_office: { department: land, work: { exponential: { mean: 1h } }, statutory: 20wd } }
  - { id: both, service_time: { exponential: { mean: 9m } }, parts: [permit] }
halls:
  - { id: city, tier: city, windows: [{ id: w, count: 1, serves: [permit, both] }] }
  - { id: east, tier: county, parent: city, windows: [{ id: w, count: 1, serves: [permit] }], departments: [{ id: land, staff: 2 }] }
  - { id: west, tier: county, parent: city, windows: [{ id: w, count: 1, serves: [permit] }] }
  - family: { id: "town-{n}", count: 4, tier: town, parent: { tier: county } }
    windows: [{ id: w, count: 1, serves: [permit, both] }]
demand:
  - { service: permit, hall: "town-{n}", arrivals: { poisson: { per_day: 3 } } }

"""

@Test func aDepartmentOutOfReachOfSomeHallsIsRejectedWithTheChain() {
    let found = problem(nearestYAML)
    expect(found, at: 13, 5,
           saying: "'permit' has no department 'land' to approve it at hall 'town-2' or above (town-2 → west → city) (and 1 more halls of family 'town-{n}')",
           hint: "'land' is a department of hall 'east', which town-2 does not reach")
}

@Test func aBundlesPartsMustBeReachableToo() {
    let yaml = nearestYAML.replacingOccurrences(of: "hall: \"town-{n}\"", with: "hall: city").replacingOccurrences(of: "service: permit", with: "service: both")
    expect(problem(yaml), at: 13, 5, saying: "'permit', a part of 'both', has no department 'land' to approve it at hall 'city' or above (city)")
}

@Test func anApprovingTierAboveAHallWithoutParentsIsRejected() {
    let yaml = nearestYAML
        .replacingOccurrences(of: "statutory: 20wd }", with: "statutory: 20wd, tier: county }")
        .replacingOccurrences(of: "  - family: { id: \"town-{n}\", count: 4, tier: town, parent: { tier: county } }\n    windows: [{ id: w, count: 1, serves: [permit, both] }]\n",
                              with: "  - { id: lone, tier: town, windows: [{ id: w, count: 1, serves: [permit] }] }\n")
        .replacingOccurrences(of: "hall: \"town-{n}\"", with: "hall: lone")
    expect(problem(yaml), at: 12, 5, saying: "'permit' is approved at the county tier, but no county hall is above hall 'lone' (lone)")
}

// MARK: escalation and ratings

@Test func anUnknownEscalationHallGetsASuggestion() {
    let found = problem(serviceNetwork(replacing: "  hall: city\n  staff: 2", with: "  hall: cty\n  staff: 2"))
    expect(found, at: 74, 9, saying: "unknown hall 'cty'", hint: "did you mean 'city'?")
    #expect(found?.expected.hasPrefix("the id of the hall that holds the desk under 'halls'") == true)
}

@Test func anEscalationDeskWithoutStaffIsRejected() {
    expect(problem(serviceNetwork(replacing: "  staff: 2\n", with: "  staff: 0\n")), at: 75, 10, saying: "'staff' must be at least 1, found 0")
}

@Test func abandonedTwiceMustBeABoolean() {
    let found = problem(serviceNetwork(replacing: "abandoned_twice: false", with: "abandoned_twice: 1"))
    expect(found, at: 81, 20, saying: "'abandoned_twice' is the number 1", hint: "write true or false, not a number")
    #expect(found?.expected == "true or false")
}

@Test func anEscalationDeskWithoutHandlingTimeIsRejected() {
    expect(problem(serviceNetwork(replacing: "  handling: { exponential: { mean: 30m } }\n", with: "")), at: 74, 3,
           saying: "missing key 'handling' in 'escalation'")
}

@Test func zeroMaximumVisitsAreRejected() {
    expect(problem(serviceNetwork(replacing: "max_visits: 3", with: "max_visits: 0")), at: 80, 15, saying: "'max_visits' must be at least 1, found 0")
}

@Test func aContestShareAboveOneIsRejected() {
    expect(problem(serviceNetwork(replacing: "contest: 0.2", with: "contest: 1.5")), at: 79, 12, saying: "'contest' is 1.5, more than 1")
}

@Test func aMisspeltEscalationKeyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "abandoned_twice: false", with: "abandon_twice: false")), at: 81, 3,
           saying: "unknown key 'abandon_twice' in 'escalation'", hint: "did you mean 'abandoned_twice'?")
}

@Test func complaintsWithoutAnEscalationDeskAreRejected() {
    let desk = "escalation:\n  hall: city\n  staff: 2\n  hours: { workday: [\"09:00-12:00\", \"14:00-17:00\"] }\n  handling: { exponential: { mean: 30m } }\n  transfer: 0.15\n  contest: 0.2\n  max_visits: 3\n  abandoned_twice: false\n"
    expect(problem(serviceNetwork(replacing: desk, with: "")), at: 73, 67,
           saying: "bad ratings turn into complaints, but the scenario has no 'escalation' desk", hint: "a complaint is a new case escalated at once")
}

@Test func aBadRatingShareAboveOneGetsThePercentHint() {
    expect(problem(serviceNetwork(replacing: "bad: 0.002", with: "bad: 2")), at: 82, 29, saying: "'bad' is 2, more than 1", hint: "for 2% write 0.02")
}

@Test func aRatingTargetNeedsAUnit() {
    expect(problem(serviceNetwork(replacing: "target: 15m, complaint", with: "target: 15, complaint")), at: 82, 62,
           saying: "'target' is the bare number 15")
}

@Test func ratingsWithoutABadShareAreRejected() {
    expect(problem(serviceNetwork(replacing: "bad: 0.002, ", with: "")), at: 82, 10, saying: "missing key 'bad' in 'ratings'")
}

@Test func aMisspeltRatingKeyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "per_minute: 0.01", with: "per_minutes: 0.01")), at: 82, 36,
           saying: "unknown key 'per_minutes' in 'ratings'", hint: "did you mean 'per_minute'?")
}

@Test func aMisspeltTopLevelNetworkKeyGetsASuggestion() {
    expect(problem(serviceNetwork(replacing: "ratings: {", with: "ratngs: {")), at: 82, 1,
           saying: "unknown key 'ratngs' in the scenario", hint: "did you mean 'ratings'?")
}

// MARK: scalars

@Test(arguments: [
    ("soon", "'statutory' is not a number of working days ('soon')"),
    ("-3wd", "'statutory' is negative (-3wd)"),
    ("10001wd", "'statutory' is too large (10001wd)"),
    ("[20wd]", "'statutory' is a list"),
])
func otherBadStatutoryLimitsAreReportedAtTheValue(text: String, message: String) {
    expect(problem(serviceNetwork(replacing: "statutory: 20wd", with: "statutory: \(text)")), at: 14, 18, saying: message)
}

@Test(arguments: [("\"false\"", "remove the quotes around false"), ("no way", nil)])
func abandonedTwiceWrittenAsTextIsRejected(text: String, hint: String?) {
    expect(problem(serviceNetwork(replacing: "abandoned_twice: false", with: "abandoned_twice: \(text)")), at: 81, 20,
           saying: "'abandoned_twice' is the string", hint: hint)
}
