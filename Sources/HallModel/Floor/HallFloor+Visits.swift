import CaseEngine
import SimCore

/// Visits aimed at one group: nobody joins a group that will not be staffed again that day.
///
/// - A pick-up, or a return with missing materials, comes at the time it is due if one of the
///   groups that can serve it is staffed then, or else at the next moment one is (the next start
///   of a staffed interval, on this day or a later one). A window group's staffed intervals come
///   from its hall's hours, its roster and the weekend rotation.
/// - A walk-in whose eligible groups are all unstaffed joins the first of them staffed again later
///   that day (the queue waits for it), or, if none is, is sent home at once (`abandoned`, reason
///   `sentHome`, from `submitted`), and may come back another day as their behaviour says.
/// - When a group's staffing drops to zero and it is staffed again later that day, that is a
///   break: its `at_break` policy applies (`serve`, `send_home` or `wait`; without one, its hall's
///   `at_close`). Otherwise it is closing, and `at_close` applies.
extension HallFloor {
    /// Whether group `g` has staffed windows again later today, from `now` on (a shift starting at
    /// this very moment counts: its staffing event may come later in the same tick).
    func staffedLater(_ g: Int, after now: SimTime) -> Bool {
        guard followsCalendar, let day = currentDay else { return true }
        let tod = network.calendar.timeOfDay(now)
        return staffedHours[g][Int(day.type.rawValue)].contains { $0.from >= tod }
    }

    /// The first moment at or after `time` when one of the groups `candidates` (a range into the
    /// network's routes) is staffed, looking up to a year ahead.
    func nextStaffed(_ candidates: Range<Int>, from time: SimTime) -> SimTime? {
        guard followsCalendar else { return time }
        let calendar = network.calendar
        let first = calendar.dayIndex(at: time)
        for index in first ..< first + 366 {
            let type = Int(calendar.dayType(calendar.date(ofDay: index)).rawValue)
            let tod = index == first ? calendar.timeOfDay(time) : 0
            var best = Int64.max
            for r in candidates {
                for x in staffedHours[network.routes[r]][type] where x.to > tod {
                    best = min(best, max(x.from, tod))
                    break
                }
            }
            if best != .max { return calendar.midnight(ofDay: index) + SimTime(ticks: best) }
        }
        return nil
    }

    /// Whether any of the groups `candidates` has windows on duty now.
    func anyStaffed(_ candidates: Range<Int>) -> Bool {
        candidates.contains { groups[network.routes[$0]].target > 0 }
    }

    /// A walk-in of source `s` was routed to group `g`, which has no window on duty: the group they
    /// wait for (staffed again later today), or `nil` when none of their groups is.
    func waitingRoute(_ s: Int, routed g: Int, at now: SimTime) -> Int? {
        if staffedLater(g, after: now) { return g }
        for r in sources.routes[s] where staffedLater(network.routes[r], after: now) { return network.routes[r] }
        return nil
    }

    /// What the queue of group `g` does when its staffing drops to zero now: a break or closing.
    mutating func queueStops(_ g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        guard let policy = network.groups[g].atBreak, staffedLater(g, after: scheduler.now) else {
            closeQueue(g, &scheduler)
            return
        }
        switch policy {
        case .serve:
            groups[g].draining = true
        case .sendHome:
            sendHome(g, &scheduler)
        case .wait:
            groups[g].draining = false
        }
    }

    /// Everyone still waiting in group `g` is sent home.
    mutating func sendHome(_ g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        while let ticket = groups.popTicket(g) {
            guard groups.isLive(ticket) else { continue }
            giveUp(slot: Int(ticket.slot), group: g, reason: .sentHome, &scheduler)
        }
    }

    /// How long a person coming for the result of case `r` waits before giving up, if they give up.
    mutating func pickupPatience(_ r: Int) -> SimTime? {
        let c = records[r]
        let src = Int(c.source)
        guard let patience = network.results[Int(c.service)].patience ?? sources.patience[src] else { return nil }
        return .clamped(seconds: patience.sample(&officeStreams[src]))
    }

    /// Schedules the person of case `r` to come for the result at `later`, or when a pick-up group is next staffed.
    mutating func schedulePickup(_ r: Int, at later: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        guard later < horizon else { return }
        let routes = network.sources[Int(records[r].source)].pickupRoutes
        if let at = nextStaffed(routes, from: later), at < horizon {
            scheduler.schedule(.pickup(record: Int32(r)), at: at)
        }
    }

    /// The person who came for the result of case `r` left group `g`'s queue without it: the case
    /// waits again for its result, which is mailed or collected on another day.
    mutating func pickupGaveUp(_ r: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        var e = CaseEvent(
            .uncollected, at: scheduler.now, case: c.caseID, hall: groups.groupHall[g], group: UInt16(g), service: c.service,
            window: reason.rawValue, channel: c.channel, value: Int64(CaseState.Phase.queued.rawValue)
        )
        e.visit = .pickup
        sink.record(e)
        let src = Int(c.source)
        let result = network.results[Int(c.service)]
        switch result.uncollected {
        case .mail:
            let at = scheduler.now + SimTime(ticks: ticks(result.mailDelay, src))
            if at < horizon { scheduler.schedule(.resultDelivered(record: Int32(r)), at: at) }
        case .returnLater:
            schedulePickup(r, at: scheduler.now + SimTime(ticks: max(1, ticks(result.pickupDelay, src))), &scheduler)
        }
    }
}
