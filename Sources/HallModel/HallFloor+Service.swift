import CaseEngine
import DequeModule
import SimCore

extension HallFloor {
    mutating func beginService(
        window w: Int, group g: Int, caseID: UInt32, service: UInt16, channel: CaseEvent.Channel, wait: Int64, duration: Int64,
        source: Int32, record: Int32 = -1, pickup: Bool = false, _ scheduler: inout Scheduler<HallEvent>
    ) {
        windows[w] = InService(caseID: caseID, service: service, duration: duration, channel: channel, source: source, record: record, pickup: pickup, wait: wait)
        sink.record(CaseEvent(
            .called, at: scheduler.now, case: caseID, hall: groupHall[g], group: UInt16(g), service: service,
            window: UInt16(w - groupFirstWindow[g]), channel: channel, value: wait
        ))
        scheduler.schedule(.serviceEnd(window: Int32(w)), after: SimTime(ticks: duration))
    }

    /// Calls the next person really waiting in group `g` to window `w`, appointment holders
    /// first; returns whether there was one.
    mutating func callNext(_ g: Int, to w: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        while true {
            let ticket: Ticket
            if !groups[g].booked.isEmpty, let t = groups[g].booked.popFirst() {
                ticket = t
            } else if let t = groups[g].queue.popFirst() {
                ticket = t
            } else {
                return false
            }
            let slot = Int(ticket.slot)
            let person = slots[slot]
            guard person.generation == ticket.generation else { continue }
            vacate(slot)
            groups[g].waiting &-= 1
            beginService(
                window: w, group: g, caseID: person.caseID, service: person.service, channel: person.channel,
                wait: scheduler.now.ticks - person.arrival, duration: person.duration, source: person.source, record: person.record,
                pickup: person.pickup, &scheduler
            )
            return true
        }
    }

    mutating func finishService(_ w: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let g = Int(windowGroup[w])
        if groupKind[g].rawValue >= Catalog.GroupKind.department.rawValue {
            finishWork(w, group: g, &scheduler)
            return
        }
        let done = windows[w]
        if plainService[Int(done.service)], !done.pickup, done.record < 0 {
            sink.record(CaseEvent(
                .serviceCompleted, at: scheduler.now, case: done.caseID, hall: groupHall[g], group: UInt16(g),
                service: done.service, window: UInt16(w - groupFirstWindow[g]), channel: done.channel, value: done.duration
            ))
            finishedCount &+= 1
        } else {
            endVisit(done, window: w, group: g, &scheduler)
        }
        let keepsWorking = groups[g].onDuty <= groups[g].target || (groups[g].draining && groups[g].waiting > 0)
        if !keepsWorking {
            groups[g].onDuty &-= 1
            groups[g].off.append(Int32(w))
        } else if !callNext(g, to: w, &scheduler) {
            groups[g].free.append(Int32(w))
            if groups[g].onDuty > groups[g].target {
                groups[g].free.removeLast()
                groups[g].onDuty &-= 1
                groups[g].off.append(Int32(w))
            }
        }
        if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() }
    }
}
