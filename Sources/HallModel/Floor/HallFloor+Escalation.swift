import CaseEngine
import SimCore

/// The escalation desk and ratings at work.
extension HallFloor {
    /// Case `r` goes to the escalation desk.
    mutating func escalate(_ r: Int, from phase: Phase, _ now: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        emit(.escalated, r, from: phase, now)
        guard let g = escalation.group, escalation.spec != nil else { return }
        let c = records[r]
        let work = escalation.handlingTicks()
        enqueueWork(g, WorkItem(kind: .escalation, channel: c.channel, service: c.service, hall: c.hall, record: Int32(r), caseID: c.caseID, since: now.ticks, remaining: work), &scheduler)
    }

    /// A person gave up for the second time (on a return visit): escalated instead of abandoned.
    mutating func escalateGiveUp(caseID: UInt32, source s: Int, group g: Int, from phase: Phase, _ scheduler: inout Scheduler<HallEvent>) {
        let r = records.open(CaseRecord(
            caseID: caseID, service: sources.service[s], hall: sources.hall[s], atHall: groups.groupHall[g], atGroup: UInt16(g),
            channel: sources.channel[s], source: Int32(s)
        ))
        escalate(r, from: phase, scheduler.now, &scheduler)
    }

    /// The escalation desk finished case `r`: transferred to another body, or resolved.
    mutating func resolveEscalation(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        emit(escalation.transfers() ? .transferred : .closed, r, from: .escalated, scheduler.now)
        caseEnded(r, &scheduler)
    }

    /// The person may rate the service just finished; a bad rating makes a callback task, maybe a complaint.
    mutating func rate(
        caseID: UInt32, hall: UInt16, group g: Int, service s: Int, channel: CaseEvent.Channel, wait: Int64, source: Int,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        guard let (bad, spec) = ratings.rate(source: source, wait: wait) else { return }
        let now = scheduler.now
        sink.record(CaseEvent(
            .rated, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), window: bad ? 1 : 0, channel: channel, value: wait
        ))
        guard bad else { return }
        let route = Int(network.officeRoute[Int(sources.hall[source]) * serviceCount + s])
        let desk = route >= 0 ? route : escalation.group
        if let desk {
            let work = spec.callback.sampleTicks(&ratings.streams[source])
            enqueueWork(desk, WorkItem(kind: .callback, channel: channel, service: UInt16(s), hall: hall, caseID: caseID, since: now.ticks, remaining: work), &scheduler)
        } else {
            sink.record(CaseEvent(.callbackDone, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), channel: channel, value: 0))
        }
        if escalation.group != nil, ratings.streams[source].nextOpenUnit() < spec.complaint {
            let r = submitCase(service: UInt16(s), hall: hall, channel: .feedback, source: source, link: Int64(caseID) + 1, now)
            emit(.accepted, r, from: .submitted, now)
            escalate(r, from: .accepted, now, &scheduler)
        }
    }
}
