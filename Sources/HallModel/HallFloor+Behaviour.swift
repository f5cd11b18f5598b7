import CaseEngine
import SimCore

extension HallFloor {
    /// A waiting person's patience ran out: they leave the queue, unless they were called or left already.
    mutating func patienceEnds(_ slot: Int, _ generation: UInt32, _ scheduler: inout Scheduler<HallEvent>) {
        guard slot < slots.count, slots[slot].generation == generation else { return }
        giveUp(slot: slot, group: Int(slots[slot].group), reason: .reneged, &scheduler)
    }

    /// The person in `slot` leaves group `g`'s queue without being served.
    mutating func giveUp(slot: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let person = slots[slot]
        vacate(slot)
        groups[g].waiting &-= 1
        if person.record >= 0 {
            recordGaveUp(Int(person.record), group: g, reason: reason, &scheduler)
            return
        }
        if person.visit >= 1, escalatesSecondGiveUp {
            escalateGiveUp(caseID: person.caseID, source: Int(person.source), group: g, from: .queued, &scheduler)
            return
        }
        sink.record(CaseEvent(
            .abandoned, at: scheduler.now, case: person.caseID, hall: groupHall[g], group: UInt16(g), service: person.service,
            window: reason.rawValue, channel: person.channel, value: Int64(CaseState.Phase.queued.rawValue)
        ))
        gaveUp(source: Int(person.source), visit: person.visit, &scheduler)
    }

    /// Someone of source `s` gave up: counts them out, and maybe schedules their return visit.
    mutating func gaveUp(source s: Int, visit: UInt16, _ scheduler: inout Scheduler<HallEvent>) {
        finishedCount &+= 1
        defer { if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() } }
        if let back = returnVisit[s], visit < UInt16.max {
            var b = behaviourStreams[s]
            let returns = b.nextOpenUnit() < back.probability
            let days = returns ? back.afterDays.sample(&b) : 0
            behaviourStreams[s] = b
            if returns {
                let later = scheduler.now + SimTime(ticks: Int64(max(1, days.rounded(.up))) * ServiceCalendar.dayTicks)
                let at = followsCalendar ? network.nextOpening(source: s, from: later) : later
                if let at, at < horizon {
                    scheduler.schedule(.returnVisit(source: Int32(s), visit: visit + 1), at: at)
                }
            }
        }
    }
}
