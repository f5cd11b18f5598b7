import Testing
@testable import Scenarios

@Test(arguments: [
    ("250ms", 0.25), ("90s", 90), ("15m", 900), ("15 m", 900), ("2min", 120), ("1.5h", 5400),
    ("3d", 259_200), ("1w", 604_800), ("0.5 s", 0.5), ("1e2s", 100), (" 7s ", 7), ("-5s", -5),
])
func durationsConvertToSeconds(text: String, seconds: Double) {
    #expect(Units.seconds(in: text) == .success(seconds))
}

@Test(arguments: [
    ("60", Units.DurationProblem.bareNumber), ("2.5", .bareNumber), ("abc", .malformed), ("", .malformed),
    ("5 s s", .malformed), ("1.2.3s", .malformed), ("5x", .unknownUnit("x")), ("5 hours", .unknownUnit("hours")),
    ("5M", .unknownUnit("M")), ("20wd", .workingDays),
])
func badDurationsAreClassified(text: String, problem: Units.DurationProblem) {
    #expect(Units.seconds(in: text) == .failure(problem))
}

@Test(arguments: [("hours", "h"), ("sec", "s"), ("H", "h"), ("minutes", "min"), ("MS", "ms")])
func misspeltUnitsGetASuggestion(unit: String, suggestion: String) {
    #expect(Units.suggestion(forUnit: unit) == suggestion)
}

@Test func suggestionsFindNearKeysButNotFarOnes() {
    #expect(Suggestions.closest(to: "servces", in: ["services", "halls"]) == "services")
    #expect(Suggestions.closest(to: "Halls", in: ["services", "halls"]) == "halls")
    #expect(Suggestions.closest(to: "xyz", in: ["services", "halls"]) == nil)
    #expect(Suggestions.editDistance("teir", "tier") == 1)
}
