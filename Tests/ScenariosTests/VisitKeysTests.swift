import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

// `at_break` (hall, family or window group) and a result's `behaviour` and `uncollected`.
// Line numbers refer to serviceNetworkYAML.

@Test func breakAndPickUpKeysLoad() throws {
    var yaml = serviceNetwork(replacing: "    wait_target: 15m\n", with: "    wait_target: 15m\n    at_break: send_home\n")
    yaml = yaml.replacingOccurrences(
        of: "      - { id: all, count: 4, serves: [licence, tax, seal, start-a-business, renewal] }",
        with: "      - { id: all, count: 4, serves: [licence, tax, seal, start-a-business, renewal], at_break: wait }"
    )
    yaml = yaml.replacingOccurrences(
        of: "pickup_time: { deterministic: 2m } }",
        with: "pickup_time: { deterministic: 2m }, behaviour: { patience: { exponential: { mean: 30m } } }, uncollected: mail }"
    )
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
    #expect(spec.halls[0].atBreak == .sendHome)
    #expect(spec.halls[0].windows[0].atBreak == .wait)
    #expect(spec.halls[1].atBreak == nil && spec.halls[1].windows[0].atBreak == nil)
    #expect(spec.services[0].result.patience == .exponential(mean: 1800))
    #expect(spec.services[0].result.uncollected == .mail)
    // Defaults: no break policy (at_close applies), no patience of its own, results not collected come back.
    let plain = try ScenarioLoader.parse(yaml: serviceNetworkYAML, file: "test.yaml")
    #expect(plain.halls[0].atBreak == nil && plain.services[0].result.patience == nil && plain.services[0].result.uncollected == .returnLater)
}

@Test func anUnknownBreakPolicyOfAGroupSaysWhatABreakIs() {
    let found = problem(serviceNetwork(
        replacing: "      - { id: all, count: 4, serves: [licence, tax, seal, start-a-business, renewal] }",
        with: "      - { id: all, count: 4, serves: [licence, tax, seal, start-a-business, renewal], at_break: lunch }"
    ))
    expect(found, at: 37, 97, saying: "unknown break policy 'lunch'", hint: "staffed again later the same day")
}

@Test func aMisspeltBreakPolicyOfAHallGetsASuggestion() {
    let found = problem(serviceNetwork(replacing: "    wait_target: 15m\n", with: "    wait_target: 15m\n    at_break: wiat\n"))
    expect(found, at: 36, 15, saying: "unknown break policy 'wiat'", hint: "did you mean 'wait'?")
}

@Test func anUncollectedResultIsNotAbandoned() {
    let found = problem(serviceNetwork(
        replacing: "pickup_time: { deterministic: 2m } }", with: "pickup_time: { deterministic: 2m }, uncollected: abandon }"
    ))
    expect(found, at: 19, 159, saying: "unknown policy 'abandon' for an uncollected result", hint: "the case is not abandoned")
}

@Test func peopleComingForAResultDoNotBalk() {
    let found = problem(serviceNetwork(
        replacing: "pickup_time: { deterministic: 2m } }", with: "pickup_time: { deterministic: 2m }, behaviour: { balk_at: 5 } }"
    ))
    expect(found, at: 19, 159, saying: "the key 'balk_at' does not belong in the 'behaviour' of a result", hint: "never balk")
}
