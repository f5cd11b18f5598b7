import CaseEngine
import SimCore

/// The escalation desk ("couldn't get it done"): which cases it receives and how it settles them.
///
/// It receives contested rejections, cases that would need more than `maxVisits` visits, people
/// giving up on a return visit (when `abandonedTwice`) and complaints after bad ratings. Its staff
/// work the cases as desks of its group (``BackOfficeDesks``), each for a `handling` time drawn from
/// the stream "escalation"; a share `transfer` goes to another body, the rest is closed.
struct EscalationDesk {
    let spec: EscalationSpec?
    /// The desk's group, when the scenario has one.
    let group: Int?
    var stream: RandomStream

    init(_ network: HallNetwork, seed: UInt64) {
        spec = network.escalation
        group = network.escalationGroup
        stream = RandomStream(seed: seed, label: "escalation")
    }

    /// Whether a person giving up on a return visit is escalated.
    var takesSecondGiveUps: Bool { spec?.abandonedTwice ?? false }

    /// Whether a case at its `visits`-th visit would need one visit too many.
    func tooManyVisits(_ visits: UInt16) -> Bool {
        guard let spec else { return false }
        return Int(visits) + 1 > spec.maxVisits
    }

    /// Whether a rejected case is contested (draws only with a desk).
    mutating func contests(_ office: inout RandomStream) -> Bool {
        guard let spec else { return false }
        return office.nextOpenUnit() < spec.contest
    }

    /// The time to handle one case, in ticks.
    mutating func handlingTicks() -> Int64 {
        guard let spec else { return 0 }
        return spec.handling.sampleTicks(&stream)
    }

    /// Whether the case just handled goes to another body.
    mutating func transfers() -> Bool { stream.nextOpenUnit() < (spec?.transfer ?? 0) }
}

/// Ratings after a visit or a delivered result, and what a bad one sets off.
///
/// A share `share` of people rate; a rating is bad with probability `bad` plus `perMinute` for every
/// minute waited beyond the target (at most 1). A bad rating makes a callback task for the
/// department that decides the service at the hall (or the escalation desk), and with probability
/// `complaint` a complaint to the escalation desk. Draws come from "ratings/<source>".
struct Ratings {
    let spec: RatingSpec?
    /// The wait beyond which bad ratings grow, in ticks.
    let target: Int64
    var streams: [RandomStream]

    init(_ network: HallNetwork, seed: UInt64) {
        spec = network.ratings
        target = network.ratingTarget
        streams = network.sources.map { RandomStream(seed: seed, label: "ratings/" + $0.label) }
    }

    /// Whether a person of source `s` who waited `wait` ticks rates, and whether badly.
    mutating func rate(source s: Int, wait: Int64) -> (bad: Bool, spec: RatingSpec)? {
        guard let spec else { return nil }
        guard streams[s].nextOpenUnit() < spec.share else { return nil }
        let over = Double(max(0, wait &- target)) / Double(SimTime.minutes(1).ticks)
        let bad = streams[s].nextOpenUnit() < min(1, spec.bad + spec.perMinute * over)
        return (bad, spec)
    }
}
