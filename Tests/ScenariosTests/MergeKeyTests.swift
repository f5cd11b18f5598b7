import Foundation
import HallModel
import Testing
@testable import Scenarios

@Test func anUnknownKeyInsideAMergeIsReportedAtItsPosition() {
    let yaml = mmcYAML.replacingOccurrences(of: "      - { id: w, count: 10, serves: [generic] }", with: "      - { id: w, <<: { count: 10, sevres: [generic] }, serves: [generic] }")
    expect(problem(yaml), at: 12, 35, saying: "unknown key 'sevres' in", hint: "did you mean 'serves'?")
}

@Test func anUnknownKeyInAnAnchoredMappingMergedByAliasIsReported() {
    let yaml = mmcYAML.replacingOccurrences(of: "demand:\n  - service: generic\n", with: "demand:\n  - <<: &common { service: generic, colour: blue }\n")
    expect(problem(yaml), at: 14, 37, saying: "unknown key 'colour'")
}

@Test func knownKeysInsideAMergeStillApplyAndTheMappingsOwnKeysWin() throws {
    let yaml = mmcYAML.replacingOccurrences(of: "      - { id: w, count: 10, serves: [generic] }", with: "      - { id: w, <<: [{ count: 4 }, { count: 7, serves: [generic] }], count: 10 }")
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
    #expect(spec.halls.first?.windows.first?.count == 10)
}

@Test func aMergeOfSomethingOtherThanAMappingIsReported() {
    let yaml = mmcYAML.replacingOccurrences(of: "      - { id: w, count: 10, serves: [generic] }", with: "      - { id: w, <<: 3, count: 10, serves: [generic] }")
    expect(problem(yaml), at: 12, 22, saying: "merge")
}

@Test func aMegabyteUnknownReferenceIsReportedWithoutComparingItLetterByLetter() {
    let long = String(repeating: "h", count: 1_000_000)
    // Far longer than every candidate: no edit distance is computed at all (it would take length × length).
    #expect(Suggestions.closest(to: long, in: ["hall", "hal", String(repeating: "h", count: 999_990)]) == nil)
    let yaml = mmcYAML.replacingOccurrences(of: "    hall: hall\n", with: "    hall: \(long)\n")
    let clock = ContinuousClock()
    let elapsed = clock.measure { expect(problem(yaml), at: 15, 11, saying: "unknown hall") }
    #expect(elapsed < .seconds(10), "took \(elapsed)")
}
