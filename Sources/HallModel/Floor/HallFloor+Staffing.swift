import CaseEngine
import SimCore

/// Days, opening hours and rosters: who is on duty when.
extension HallFloor {
    /// Midnight of day `day`: schedules the day's staffing changes and the next midnight.
    mutating func startDay(_ day: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let plan = network.day(day)
        currentDay = plan
        let midnight = network.calendar.midnight(ofDay: day)
        for g in 0 ..< groups.count {
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
        if groups.isDesk(g) {
            setDeskStaffing(g, count, &scheduler)
            return
        }
        groups[g].target = count
        sink.record(CaseEvent(.staffingChanged, at: scheduler.now, hall: groups.groupHall[g], group: UInt16(g), value: Int64(count)))
        if count == 0 {
            queueStops(g, &scheduler)
        } else {
            groups[g].draining = false
        }
        groups.sendFreeOff(g, downTo: count)
        while groups[g].onDuty < count, let w = groups[g].off.popLast() {
            groups[g].onDuty &+= 1
            if !callNext(g, to: Int(w), &scheduler) { groups[g].free.append(w) }
        }
    }

    /// The group closes: people still waiting are served to the end, or sent home.
    mutating func closeQueue(_ g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        switch network.halls[Int(groups.groupHall[g])].atClose {
        case .serveQueue:
            groups[g].draining = true
        case .sendHome:
            sendHome(g, &scheduler)
        }
    }
}
