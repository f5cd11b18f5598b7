import HallModel
import SimCore
import Yams

/// Keys about visits: `at_break` (hall, family or window group), and a result's `behaviour` and `uncollected`.
/// Reads what a visit's end depends on: break policies, uncollected results and pick-up patience.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct VisitReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let pickupBehaviourKeys = KeySet(
        required: [], optional: ["patience"],
        elsewhere: [
            "balk_at": "people coming for a result never balk; 'behaviour' of a result takes only 'patience'",
            "return": "who gives up waiting for a result follows the result's 'uncollected' (return or mail), not 'return'",
        ]
    )

    /// `at_break`: what happens to people waiting while their group is unstaffed during the day.
    func breakPolicy(_ node: Node) -> BreakPolicy? {
        HoursReader(reader).choice(
            node, "'at_break'",
            expected: "serve (finish the queue), send_home (everyone waiting leaves) or wait (the queue waits for the windows to come back)",
            unknown: { "unknown break policy '\($0)'" },
            fallback: { HoursReader.sendHomeHint($0) ?? "a break is a time the group is unstaffed and staffed again later the same day; closing is 'at_close'" }
        )
    }

    /// A result's `uncollected`: `return` or `mail`.
    func uncollectedPolicy(_ node: Node) -> UncollectedPolicy? {
        HoursReader(reader).choice(
            node, "'uncollected'", expected: "return (they come back another day) or mail (the result is mailed)",
            unknown: { "unknown policy '\($0)' for an uncollected result" },
            fallback: { ["abandon", "abandoned", "drop", "lost"].contains($0.lowercased())
                ? "the case is not abandoned when nobody collects the result: it comes back ('return') or is mailed ('mail')" : nil }
        )
    }

    /// A result's `behaviour: { patience }`: how long people coming for the result wait in the queue.
    func pickupPatience(_ node: Node) -> Distribution?? {
        guard let fields = reader.fields(node, "the 'behaviour' of a result", keys: Self.pickupBehaviourKeys) else { return nil }
        guard let patience = fields["patience"] else { return .some(nil) }
        return DistributionReader(reader).distribution(patience, "'patience'").map { .some($0) }
    }
}
