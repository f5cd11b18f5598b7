import HallModel
import SimCore
import Yams

/// Keys about visits: `at_break` (hall, family or window group), and a result's `behaviour` and `uncollected`.
extension NodeReader {
    static let pickupBehaviourKeys = KeySet(
        required: [], optional: ["patience"],
        elsewhere: [
            "balk_at": "people coming for a result never balk; 'behaviour' of a result takes only 'patience'",
            "return": "who gives up waiting for a result follows the result's 'uncollected' (return or mail), not 'return'",
        ]
    )

    /// `at_break`: what happens to people waiting while their group is unstaffed during the day.
    mutating func breakPolicy(_ node: Node) -> BreakPolicy? {
        let names = BreakPolicy.allCases.map(\.rawValue)
        let expected = "serve (finish the queue), send_home (everyone waiting leaves) or wait (the queue waits for the windows to come back)"
        guard let name = text(node, "'at_break'", expected: expected) else { return nil }
        guard let policy = BreakPolicy(rawValue: name.value) else {
            let hint = Suggestions.didYouMean(name.value, in: names)
                ?? (["send home", "sendhome", "send-home", "home"].contains(name.value.lowercased()) ? "did you mean 'send_home'?" : nil)
                ?? "a break is a time the group is unstaffed and staffed again later the same day; closing is 'at_close'"
            report(at: name.position, "unknown break policy '\(name.value)'", expected: expected, hint: hint)
            return nil
        }
        return policy
    }

    /// A result's `uncollected`: `return` or `mail`.
    mutating func uncollectedPolicy(_ node: Node) -> UncollectedPolicy? {
        let names = UncollectedPolicy.allCases.map(\.rawValue)
        let expected = "return (they come back another day) or mail (the result is mailed)"
        guard let name = text(node, "'uncollected'", expected: expected) else { return nil }
        guard let policy = UncollectedPolicy(rawValue: name.value) else {
            let hint = Suggestions.didYouMean(name.value, in: names)
                ?? (["abandon", "abandoned", "drop", "lost"].contains(name.value.lowercased())
                    ? "the case is not abandoned when nobody collects the result: it comes back ('return') or is mailed ('mail')" : nil)
            report(at: name.position, "unknown policy '\(name.value)' for an uncollected result", expected: expected, hint: hint)
            return nil
        }
        return policy
    }

    /// A result's `behaviour: { patience }`: how long people coming for the result wait in the queue.
    mutating func pickupPatience(_ node: Node) -> Distribution?? {
        guard let fields = self.fields(node, "the 'behaviour' of a result", keys: Self.pickupBehaviourKeys) else { return nil }
        guard let patience = fields["patience"] else { return .some(nil) }
        return distribution(patience, "'patience'").map { .some($0) }
    }
}
