import CaseEngine
import SimCore

/// Results and return visits: mail, pick-ups, and people coming back with missing materials.
extension HallFloor {
    /// The result of case `r` is ready: mailed or sent, or the person comes to pick it up.
    mutating func deliverResult(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let result = network.results[Int(c.service)]
        let src = Int(c.source)
        let remote = !c.channel.entersQueue || c.channel == .hotline
        let pickupRoutes = network.sources[Int(c.source)].pickupRoutes
        if remote || pickupRoutes.isEmpty || unit(src) < result.mail {
            let electronic = remote && unit(src) >= result.mail
            let delay = electronic ? 0 : ticks(result.mailDelay, src)
            if delay == 0 {
                resultDelivered(r, &scheduler)
            } else {
                let at = scheduler.now + SimTime(ticks: delay)
                if at < horizon { scheduler.schedule(.resultDelivered(record: Int32(r)), at: at) }
            }
            return
        }
        // A file decided higher up comes back down before the result can be picked up where it was accepted.
        let key = Int(c.hall) * serviceCount + Int(c.service)
        let back = network.offices[Int(c.service)].map { Int64(network.officeHops[key]) * $0.transfer } ?? 0
        schedulePickup(r, at: scheduler.now + SimTime(ticks: back + ticks(result.pickupDelay, src)), &scheduler)
    }

    /// A mailed or sent result arrives: the case is closed.
    mutating func resultDelivered(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        emit(.delivered, r, from: .resultReady, now)
        emit(.closed, r, from: .delivered, now)
        let c = records[r]
        if !c.channel.entersQueue || c.channel == .hotline {
            rate(caseID: c.caseID, hall: c.hall, group: Int(c.atGroup), service: Int(c.service), channel: c.channel, wait: 0, source: Int(c.source), &scheduler)
        }
        caseEnded(r, &scheduler)
    }

    /// The person comes back to the accepting hall for the result: a ticket, then a window, or gives up
    /// after their patience. If no pick-up group has windows on duty yet (staffing at this very
    /// moment comes later in the same tick), they come a tick later, at the next staffed moment.
    mutating func pickupArrives(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let src = Int(c.source)
        let routes = network.sources[src].pickupRoutes
        guard anyStaffed(routes) else {
            schedulePickup(r, at: scheduler.now + SimTime(ticks: 1), &scheduler)
            return
        }
        let g = groups.route(routes)
        let duration = ticks(network.results[Int(c.service)].pickupTime, src)
        place(r, group: g)
        var ticket = CaseEvent(
            .ticketIssued, at: scheduler.now, case: c.caseID, hall: records[r].atHall, group: records[r].atGroup, service: c.service,
            window: records[r].atWindow, channel: c.channel
        )
        ticket.visit = .pickup
        sink.record(ticket)
        let patience = pickupPatience(r)
        let person = WindowGroups.Waiting(
            caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: scheduler.now.ticks,
            duration: duration, channel: c.channel, generation: 0, record: Int32(r), pickup: true
        )
        if let place = join(person, group: g, &scheduler), let patience {
            scheduler.scheduleUnlessPastEnd(.patienceEnds(slot: place.slot, generation: place.generation), after: patience.ticks)
        }
    }

    /// Missing materials come in, or the person who was to bring them gives up.
    mutating func materialsBack(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let c = records[r]
        if c.givesUp {
            sink.record(CaseEvent(
                .abandoned, at: now, case: c.caseID, hall: c.atHall, group: c.atGroup, service: c.service,
                window: AbandonReason.noMaterials.rawValue, channel: c.channel, value: Int64(Phase.materialsRequested.rawValue)
            ))
            caseEnded(r, &scheduler)
            return
        }
        let src = Int(c.source)
        if c.returnsToWindow, !anyStaffed(sources.routes[src]) {
            // Nobody joins a group that is not staffed: the person comes when one of their groups next is.
            if let at = nextStaffed(sources.routes[src], from: now + SimTime(ticks: 1)), at < horizon {
                scheduler.schedule(.materialsBack(record: Int32(r)), at: at)
            }
            return
        }
        emit(.resubmitted, r, from: .materialsRequested, now)
        guard c.returnsToWindow else {
            forward(r, &scheduler)
            return
        }
        // Asked at the window: the case is submitted again and the person takes a new ticket.
        let g = groups.route(sources.routes[src])
        let duration = sources.serviceTicks(src)
        records[r].visits &+= 1
        place(r, group: g)
        var ticket = CaseEvent(
            .ticketIssued, at: now, case: c.caseID, hall: records[r].atHall, group: records[r].atGroup, service: c.service,
            window: records[r].atWindow, channel: c.channel
        )
        ticket.visit = .returning
        sink.record(ticket)
        join(
            WindowGroups.Waiting(
                caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: now.ticks,
                duration: duration, channel: c.channel, generation: 0, record: Int32(r)
            ), group: g, &scheduler
        )
    }

    /// A person with a record takes a place in group `g`'s queue, or a free window at once (no balking).
    /// - Returns: their place in the queue, for a patience timer; `nil` when served at once.
    @discardableResult
    mutating func join(_ person: WindowGroups.Waiting, group g: Int, _ scheduler: inout Scheduler<HallEvent>) -> WindowGroups.Ticket? {
        if let w = groups.takeFree(g) {
            beginService(
                window: Int(w), group: g, caseID: person.caseID, service: person.service, channel: person.channel, wait: 0,
                duration: person.duration, source: person.source, record: person.record, pickup: person.pickup,
                visit: person.visitKind, &scheduler
            )
            return nil
        }
        return groups.enqueue(person, group: g)
    }

    /// A person back with missing materials left a queue (sent home at closing): the case is abandoned.
    mutating func recordGaveUp(_ r: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        var e = CaseEvent(
            .abandoned, at: scheduler.now, case: c.caseID, hall: groups.groupHall[g], group: UInt16(g), service: c.service,
            window: reason.rawValue, channel: c.channel, value: Int64(Phase.queued.rawValue)
        )
        e.visit = .returning
        sink.record(e)
        caseEnded(r, &scheduler)
    }
}
