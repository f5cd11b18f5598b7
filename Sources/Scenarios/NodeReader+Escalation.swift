import HallModel
import SimCore
import Yams

extension NodeReader {
    static let escalationKeys = KeySet(
        required: ["hall", "handling"],
        optional: ["staff", "hours", "transfer", "contest", "max_visits", "abandoned_twice"]
    )
    static let ratingKeys = KeySet(required: ["share", "bad"], optional: ["per_minute", "target", "complaint", "callback"])

    /// `escalation: { hall, handling, staff, hours, transfer, contest, max_visits, abandoned_twice }`: the "couldn't get it done" desk.
    mutating func escalation(_ node: Node) -> EscalationDraft {
        var draft = EscalationDraft()
        guard let fields = self.fields(node, "'escalation'", keys: Self.escalationKeys) else { return draft }
        draft.hall = fields["hall"].flatMap { text($0, "'hall'", expected: "the id of the hall that holds the desk") }
        let handling = fields["handling"].flatMap { distribution($0, "'handling'") }
        var spec = EscalationSpec(hall: "", handling: .deterministic(0))
        var complete = true
        if let node = fields["staff"] {
            if let n = integer(node, "'staff'", minimum: 1, maximum: Limits.groupSize, expected: "a positive integer: staff at the desk") { spec.staff = n } else { complete = false }
        }
        if let node = fields["hours"] {
            if let hours = hours(node) { spec.hours = hours } else { complete = false }
        }
        if let node = fields["transfer"] {
            if let p = probability(node, "'transfer'") { spec.transfer = p } else { complete = false }
        }
        if let node = fields["contest"] {
            if let p = probability(node, "'contest'") { spec.contest = p } else { complete = false }
        }
        if let node = fields["max_visits"] {
            let expected = "a positive integer: the most visits a case may need before it is escalated"
            if let n = integer(node, "'max_visits'", minimum: 1, expected: expected) { spec.maxVisits = n } else { complete = false }
        }
        if let node = fields["abandoned_twice"] {
            if let b = boolean(node, "'abandoned_twice'") { spec.abandonedTwice = b } else { complete = false }
        }
        guard complete, let hall = draft.hall, let handling else { return draft }
        spec.hall = hall.value
        spec.handling = handling
        draft.spec = spec
        return draft
    }

    /// `ratings: { share, bad, per_minute, target, complaint, callback }`.
    mutating func ratings(_ node: Node) -> RatingsDraft {
        var draft = RatingsDraft()
        guard let fields = self.fields(node, "'ratings'", keys: Self.ratingKeys) else { return draft }
        let share = fields["share"].flatMap { probability($0, "'share'") }
        let bad = fields["bad"].flatMap { probability($0, "'bad'") }
        var spec = RatingSpec(share: 0, bad: 0)
        var complete = true
        if let node = fields["per_minute"] {
            if let p = probability(node, "'per_minute'") { spec.perMinute = p } else { complete = false }
        }
        if let node = fields["target"] {
            if let t = duration(node, "'target'") { spec.target = .seconds(t) } else { complete = false }
        }
        if let node = fields["complaint"] {
            if let p = probability(node, "'complaint'") {
                spec.complaint = p
                if p > 0 { draft.complaint = fields.keyPosition("complaint") }
            } else {
                complete = false
            }
        }
        if let node = fields["callback"] {
            if let d = distribution(node, "'callback'") { spec.callback = d } else { complete = false }
        }
        guard complete, let share, let bad else { return draft }
        spec.share = share
        spec.bad = bad
        draft.spec = spec
        return draft
    }
}
