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

    /// Case `r` goes to the escalation desk: `escalated`, and (with a desk) a task in its work list.
    mutating func escalate<Sink: CaseEventSink>(
        _ r: Int, from phase: CaseState.Phase, _ now: SimTime, _ desks: inout BackOfficeDesks, _ groups: inout WindowGroups,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        context.emit(.escalated, r, from: phase, now)
        guard let group, spec != nil else { return }
        let c = context.records[r]
        let work = handlingTicks()
        desks.enqueueWork(
            group, WorkItem(kind: .escalation, channel: c.channel, service: c.service, hall: c.hall, record: Int32(r), caseID: c.caseID, since: now.ticks, remaining: work),
            &groups, &context.sink, &scheduler
        )
    }

    /// The desk finished case `r`: transferred to another body, or resolved.
    mutating func resolve<Sink: CaseEventSink>(_ r: Int, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>) {
        context.emit(transfers() ? .transferred : .closed, r, from: .escalated, scheduler.now)
        context.caseEnded(r, &scheduler)
    }
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

    /// The person may rate the service just finished; a bad rating makes a callback task for the
    /// department deciding the service at the source's hall (or the escalation desk), maybe a complaint.
    mutating func rate<Sink: CaseEventSink>(
        caseID: UInt32, hall: UInt16, group g: Int, service s: Int, channel: CaseEvent.Channel, wait: Int64, source: Int,
        _ escalation: inout EscalationDesk, _ desks: inout BackOfficeDesks, _ groups: inout WindowGroups,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        guard let (bad, spec) = rate(source: source, wait: wait) else { return }
        let now = scheduler.now
        context.sink.recordOwned(CaseEvent(
            .rated, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), window: bad ? 1 : 0, channel: channel, value: wait
        ))
        guard bad else { return }
        let route = Int(context.network.officeRoute[context.network.sources[source].hall * context.serviceCount + s])
        let desk = route >= 0 ? route : escalation.group
        if let desk {
            let work = spec.callback.sampleTicks(&streams[source])
            desks.enqueueWork(
                desk, WorkItem(kind: .callback, channel: channel, service: UInt16(s), hall: hall, caseID: caseID, since: now.ticks, remaining: work),
                &groups, &context.sink, &scheduler
            )
        } else {
            context.sink.recordOwned(CaseEvent(.callbackDone, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), channel: channel, value: 0))
        }
        if escalation.group != nil, streams[source].nextOpenUnit() < spec.complaint {
            let r = context.submitCase(service: UInt16(s), hall: hall, channel: .feedback, source: source, link: Int64(caseID) + 1, now)
            context.emit(.accepted, r, from: .submitted, now)
            escalation.escalate(r, from: .accepted, now, &desks, &groups, &context, &scheduler)
        }
    }
}
