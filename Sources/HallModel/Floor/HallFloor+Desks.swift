import CaseEngine
import SimCore

/// The departments' and the escalation desk's desks at work.
extension HallFloor {
    /// Puts a task in group `g`'s work list, or on a free desk at once.
    mutating func enqueueWork(_ g: Int, _ item: WorkItem, _ scheduler: inout Scheduler<HallEvent>) {
        if let w = groups.takeFree(g) {
            startWork(Int(w), group: g, item, &scheduler)
        } else {
            desks.add(item, to: g)
        }
    }

    /// Desk `w` takes the next task of group `g`, if any.
    mutating func takeWork(_ g: Int, _ w: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard let item = desks.next(in: g) else { return false }
        startWork(w, group: g, item, &scheduler)
        return true
    }

    /// Desk `w` of group `g` begins or resumes `item`: a `workStarted` event with the work left, then
    /// the desk is busy until the work is done or it goes off duty.
    mutating func startWork(_ w: Int, group g: Int, _ item: WorkItem, _ scheduler: inout Scheduler<HallEvent>) {
        sink.record(CaseEvent(
            .workStarted, at: scheduler.now, case: item.caseID, hall: groups.groupHall[g], group: UInt16(g), service: item.service,
            window: groups.windowIndex(w, in: g), channel: item.channel, value: item.remaining
        ))
        desks.start(w, item, &scheduler)
    }

    /// Staff on duty in a department or at the escalation desk change. Desks that go off duty
    /// in the middle of a task put it back at the front of the work list with the work left.
    mutating func setDeskStaffing(_ g: Int, _ count: Int, _ scheduler: inout Scheduler<HallEvent>) {
        groups[g].target = count
        sink.record(CaseEvent(.staffingChanged, at: scheduler.now, hall: groups.groupHall[g], group: UInt16(g), value: Int64(count)))
        groups.sendFreeOff(g, downTo: count)
        if groups[g].onDuty > count {
            // Busy desks stop: the highest-numbered first, their tasks back to the front in order.
            var w = network.groups[g].windows.upperBound - 1
            while groups[g].onDuty > count, w >= network.groups[g].windows.lowerBound {
                if desks.interrupt(w, group: g, &scheduler) { groups.goOff(w, group: g) }
                w -= 1
            }
        }
        while groups[g].onDuty < count, let w = groups[g].off.popLast() {
            groups[g].onDuty &+= 1
            if !takeWork(g, Int(w), &scheduler) { groups[g].free.append(w) }
        }
    }

    /// Desk `w` finished its task.
    mutating func finishWork(_ w: Int, group g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let item = desks.finish(w)
        switch item.kind {
        case .decide: decide(Int(item.record), &scheduler)
        case .callback:
            sink.record(CaseEvent(
                .callbackDone, at: scheduler.now, case: item.caseID, hall: groups.groupHall[g], group: UInt16(g), service: item.service,
                channel: item.channel, value: scheduler.now.ticks &- item.since
            ))
        case .escalation: resolveEscalation(Int(item.record), &scheduler)
        }
        if groups[g].onDuty > groups[g].target {
            groups.goOff(w, group: g)
        } else if !takeWork(g, w, &scheduler) {
            groups[g].free.append(Int32(w))
        }
    }
}
