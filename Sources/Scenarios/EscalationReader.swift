import HallModel
import SimCore
import Yams

/// Reads the `escalation` and `ratings` sections.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct EscalationReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let escalationKeys = KeySet(
        required: ["hall", "handling"],
        optional: ["staff", "hours", "transfer", "contest", "max_visits", "abandoned_twice"]
    )
    static let ratingKeys = KeySet(required: ["share", "bad"], optional: ["per_minute", "target", "complaint", "callback"])

    /// `escalation: { hall, handling, staff, hours, transfer, contest, max_visits, abandoned_twice }`: the "couldn't get it done" desk.
    func escalation(_ node: Node) -> EscalationDraft {
        var draft = EscalationDraft()
        guard let fields = reader.fields(node, "'escalation'", keys: Self.escalationKeys) else { return draft }
        draft.hall = fields["hall"].flatMap { reader.text($0, "'hall'", expected: "the id of the hall that holds the desk") }
        let handling = fields["handling"].flatMap { DistributionReader(reader).distribution($0, "'handling'") }
        var spec = EscalationSpec(hall: "", handling: .deterministic(0))
        var complete = true
        if let node = fields["staff"] {
            if let n = reader.integer(node, "'staff'", minimum: 1, maximum: Limits.groupSize, expected: "a positive integer: staff at the desk") { spec.staff = n } else { complete = false }
        }
        if let node = fields["hours"] {
            if let hours = HoursReader(reader).hours(node) { spec.hours = hours } else { complete = false }
        }
        if let node = fields["transfer"] {
            if let p = BehaviourReader(reader).probability(node, "'transfer'") { spec.transfer = p } else { complete = false }
        }
        if let node = fields["contest"] {
            if let p = BehaviourReader(reader).probability(node, "'contest'") { spec.contest = p } else { complete = false }
        }
        if let node = fields["max_visits"] {
            let expected = "a positive integer: the most visits a case may need before it is escalated"
            if let n = reader.integer(node, "'max_visits'", minimum: 1, expected: expected) { spec.maxVisits = n } else { complete = false }
        }
        if let node = fields["abandoned_twice"] {
            if let b = reader.boolean(node, "'abandoned_twice'") { spec.abandonedTwice = b } else { complete = false }
        }
        guard complete, let hall = draft.hall, let handling else { return draft }
        spec.hall = hall.value
        spec.handling = handling
        draft.spec = spec
        return draft
    }

    /// `ratings: { share, bad, per_minute, target, complaint, callback }`.
    func ratings(_ node: Node) -> RatingsDraft {
        var draft = RatingsDraft()
        guard let fields = reader.fields(node, "'ratings'", keys: Self.ratingKeys) else { return draft }
        let share = fields["share"].flatMap { BehaviourReader(reader).probability($0, "'share'") }
        let bad = fields["bad"].flatMap { BehaviourReader(reader).probability($0, "'bad'") }
        var spec = RatingSpec(share: 0, bad: 0)
        var complete = true
        if let node = fields["per_minute"] {
            if let p = BehaviourReader(reader).probability(node, "'per_minute'") { spec.perMinute = p } else { complete = false }
        }
        if let node = fields["target"] {
            if let t = reader.duration(node, "'target'") { spec.target = .seconds(t) } else { complete = false }
        }
        if let node = fields["complaint"] {
            if let p = BehaviourReader(reader).probability(node, "'complaint'") {
                spec.complaint = p
                if p > 0 { draft.complaint = fields.keyPosition("complaint") }
            } else {
                complete = false
            }
        }
        if let node = fields["callback"] {
            if let d = DistributionReader(reader).distribution(node, "'callback'") { spec.callback = d } else { complete = false }
        }
        guard complete, let share, let bad else { return draft }
        spec.share = share
        spec.bad = bad
        draft.spec = spec
        return draft
    }
}
