import CaseEngine
import DequeModule
import SimCore

extension HallFloor {
    /// Midnight of day `day`: schedules the day's staffing changes and the next midnight.
    mutating func startDay(_ day: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let plan = network.day(day)
        currentDay = plan
        let midnight = network.calendar.midnight(ofDay: day)
        for g in groups.indices {
            for step in network.staffingSteps(group: g, on: plan) {
                if step.at == 0 {
                    if step.count != groups[g].target || day == 0 { setStaffing(g, step.count, &scheduler) }
                } else {
                    scheduler.schedule(.staffing(group: Int32(g), count: Int32(step.count)), at: midnight + SimTime(ticks: step.at))
                }
            }
        }
        let next = network.calendar.midnight(ofDay: day + 1)
        if next < horizon, arrivedCount < caseLimit || finishedCount < arrivedCount {
            scheduler.schedule(.dayStart(day: Int32(day + 1)), at: next)
        }
    }

    /// Sets group `g`'s staffed windows to `count`, calling waiting people or sending windows off duty.
    mutating func setStaffing(_ g: Int, _ count: Int, _ scheduler: inout Scheduler<HallEvent>) {
        if groupKind[g].rawValue >= Catalog.GroupKind.department.rawValue {
            setDeskStaffing(g, count, &scheduler)
            return
        }
        let hall = groupHall[g]
        groups[g].target = count
        sink.record(CaseEvent(.staffingChanged, at: scheduler.now, hall: hall, group: UInt16(g), value: Int64(count)))
        if count == 0 {
            closeQueue(g, &scheduler)
        } else {
            groups[g].draining = false
        }
        while groups[g].onDuty > count, let w = groups[g].free.popLast() {
            groups[g].onDuty &-= 1
            groups[g].off.append(w)
        }
        while groups[g].onDuty < count, let w = groups[g].off.popLast() {
            groups[g].onDuty &+= 1
            if !callNext(g, to: Int(w), &scheduler) { groups[g].free.append(w) }
        }
    }

    /// The group closes: people still waiting are served to the end, or sent home.
    mutating func closeQueue(_ g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        switch network.halls[Int(groupHall[g])].atClose {
        case .serveQueue:
            groups[g].draining = true
        case .sendHome:
            while let ticket = groups[g].booked.popFirst() {
                let slot = Int(ticket.slot)
                guard slots[slot].generation == ticket.generation else { continue }
                giveUp(slot: slot, group: g, reason: .sentHome, &scheduler)
            }
            while let ticket = groups[g].queue.popFirst() {
                let slot = Int(ticket.slot)
                guard slots[slot].generation == ticket.generation else { continue }
                giveUp(slot: slot, group: g, reason: .sentHome, &scheduler)
            }
        }
    }
}
