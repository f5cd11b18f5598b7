import CaseEngine
import SimCore

/// Results and return visits: mailed and electronic results, pick-ups at the accepting hall, and
/// people coming back with missing materials. Its state is the cases' records (``FloorContext``)
/// and the back-office draws (``BackOffice``); it holds none of its own.
///
/// - A result is mailed with the result's `mail` share (always for remote channels and hotline
///   cases, electronically for the remote ones that are not mailed, and always when the source has
///   no pick-up windows); otherwise the person comes back for it after the pick-up delay, once a
///   file decided higher up is back down.
/// - A pick-up, or a return with missing materials, comes at the time it is due if one of the
///   groups that can serve it is staffed then, or else at the next moment one is (the next start
///   of a staffed interval, on this day or a later one).
/// - Who gives up waiting for a pick-up leaves the result uncollected: it is mailed, or collected
///   on another day, as the result's `uncollected` says.
enum Results {
    /// The result of case `r` is ready: mailed or sent, or the person comes to pick it up.
    static func deliver<Sink: CaseEventSink>(
        _ r: Int, _ office: inout BackOffice, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        let c = context.records[r]
        let result = context.network.results[Int(c.service)]
        let src = Int(c.source)
        let remote = !c.channel.entersQueue || c.channel == .hotline
        let pickupRoutes = context.network.sources[Int(c.source)].pickupRoutes
        if remote || pickupRoutes.isEmpty || office.unit(src) < result.mail {
            let electronic = remote && office.unit(src) >= result.mail
            let delay = electronic ? 0 : office.ticks(result.mailDelay, src)
            if delay == 0 {
                delivered(r, &office, &groups, &context, &scheduler)
            } else {
                let at = scheduler.now + SimTime(ticks: delay)
                if at < context.horizon { scheduler.schedule(.resultDelivered(record: Int32(r)), at: at) }
            }
            return
        }
        // A file decided higher up comes back down before the result can be picked up where it was accepted.
        let key = Int(c.hall) * context.serviceCount + Int(c.service)
        let back = context.network.offices[Int(c.service)].map { Int64(context.network.officeHops[key]) * $0.transfer } ?? 0
        schedulePickup(r, at: scheduler.now + SimTime(ticks: back + office.ticks(result.pickupDelay, src)), &context, &scheduler)
    }

    /// A mailed or sent result arrives: the case is closed.
    static func delivered<Sink: CaseEventSink>(
        _ r: Int, _ office: inout BackOffice, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        context.emit(.delivered, r, from: .resultReady, now)
        context.emit(.closed, r, from: .delivered, now)
        let c = context.records[r]
        if !c.channel.entersQueue || c.channel == .hotline {
            office.rate(
                caseID: c.caseID, hall: c.hall, group: Int(c.atGroup), service: Int(c.service), channel: c.channel, wait: 0,
                source: Int(c.source), &groups, &context, &scheduler
            )
        }
        context.caseEnded(r, &scheduler)
    }

    /// Schedules the person of case `r` to come for the result at `later`, or when a pick-up group is next staffed.
    static func schedulePickup<Sink: CaseEventSink>(
        _ r: Int, at later: SimTime, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        guard later < context.horizon else { return }
        let routes = context.network.sources[Int(context.records[r].source)].pickupRoutes
        if let at = context.nextStaffed(routes, from: later), at < context.horizon {
            scheduler.schedule(.pickup(record: Int32(r)), at: at)
        }
    }

    /// The person comes back to the accepting hall for the result: a ticket, then a window, or gives up
    /// after their patience. If no pick-up group has windows on duty yet (staffing at this very
    /// moment comes later in the same tick), they come a tick later, at the next staffed moment.
    static func pickupArrives<Sink: CaseEventSink>(
        _ r: Int, _ office: inout BackOffice, _ sources: inout ArrivalSources, _ groups: inout WindowGroups,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let c = context.records[r]
        let src = Int(c.source)
        let routes = context.network.sources[src].pickupRoutes
        guard groups.anyStaffed(routes) else {
            schedulePickup(r, at: scheduler.now + SimTime(ticks: 1), &context, &scheduler)
            return
        }
        let g = groups.route(routes)
        let duration = office.ticks(context.network.results[Int(c.service)].pickupTime, src)
        context.records.place(r, hall: groups.groupHall[g], group: g)
        let at = context.records[r]
        var ticket = CaseEvent(
            .ticketIssued, at: scheduler.now, case: c.caseID, hall: at.atHall, group: at.atGroup, service: c.service,
            window: at.atWindow, channel: c.channel
        )
        ticket.visit = .pickup
        context.sink.recordOwned(ticket)
        // How long they wait before giving up, if they do: the result's patience, else the source's.
        var patience: SimTime?
        if let p = context.network.results[Int(c.service)].patience ?? sources.patience[src] {
            patience = .clamped(seconds: p.sample(&office.streams[src]))
        }
        let person = WindowGroups.Waiting(
            caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: scheduler.now.ticks,
            duration: duration, channel: c.channel, generation: 0, record: Int32(r), pickup: true
        )
        if let place = groups.join(person, group: g, &context.sink, &scheduler), let patience {
            scheduler.scheduleUnlessPastEnd(.patienceEnds(slot: place.slot, generation: place.generation), after: patience.ticks)
        }
    }

    /// Missing materials come in, or the person who was to bring them gives up.
    static func materialsBack<Sink: CaseEventSink>(
        _ r: Int, _ office: inout BackOffice, _ sources: inout ArrivalSources, _ groups: inout WindowGroups,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let c = context.records[r]
        if c.givesUp {
            context.sink.recordOwned(CaseEvent(
                .abandoned, at: now, case: c.caseID, hall: c.atHall, group: c.atGroup, service: c.service,
                window: AbandonReason.noMaterials.rawValue, channel: c.channel, value: Int64(CaseState.Phase.materialsRequested.rawValue)
            ))
            context.caseEnded(r, &scheduler)
            return
        }
        let src = Int(c.source)
        if c.returnsToWindow, !groups.anyStaffed(sources.routes[src]) {
            // Nobody joins a group that is not staffed: the person comes when one of their groups next is.
            if let at = context.nextStaffed(sources.routes[src], from: now + SimTime(ticks: 1)), at < context.horizon {
                scheduler.schedule(.materialsBack(record: Int32(r)), at: at)
            }
            return
        }
        context.emit(.resubmitted, r, from: .materialsRequested, now)
        guard c.returnsToWindow else {
            office.forward(r, &groups, &context, &scheduler)
            return
        }
        // Asked at the window: the case is submitted again and the person takes a new ticket.
        let g = groups.route(sources.routes[src])
        let duration = sources.serviceTicks(src)
        context.records[r].visits &+= 1
        context.records.place(r, hall: groups.groupHall[g], group: g)
        let at = context.records[r]
        var ticket = CaseEvent(
            .ticketIssued, at: now, case: c.caseID, hall: at.atHall, group: at.atGroup, service: c.service,
            window: at.atWindow, channel: c.channel
        )
        ticket.visit = .returning
        context.sink.recordOwned(ticket)
        groups.join(
            WindowGroups.Waiting(
                caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: now.ticks,
                duration: duration, channel: c.channel, generation: 0, record: Int32(r)
            ), group: g, &context.sink, &scheduler
        )
    }

    /// The person who came for the result of case `r` left group `g`'s queue (at `hall`) without it: the case
    /// waits again for its result, which is mailed or collected on another day.
    static func pickupGaveUp<Sink: CaseEventSink>(
        _ r: Int, group g: Int, reason: AbandonReason, hall: UInt16, _ office: inout BackOffice,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        left(.uncollected, r, group: g, hall: hall, reason: reason, visit: .pickup, &context, scheduler.now)
        let c = context.records[r]
        let src = Int(c.source)
        let result = context.network.results[Int(c.service)]
        switch result.uncollected {
        case .mail:
            let at = scheduler.now + SimTime(ticks: office.ticks(result.mailDelay, src))
            if at < context.horizon { scheduler.schedule(.resultDelivered(record: Int32(r)), at: at) }
        case .returnLater:
            schedulePickup(r, at: scheduler.now + SimTime(ticks: max(1, office.ticks(result.pickupDelay, src))), &context, &scheduler)
        }
    }

    /// A person back with missing materials left group `g`'s queue (at `hall`; sent home at closing): the case is abandoned.
    static func recordGaveUp<Sink: CaseEventSink>(
        _ r: Int, group g: Int, reason: AbandonReason, hall: UInt16, _ context: inout FloorContext<Sink>,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        left(.abandoned, r, group: g, hall: hall, reason: reason, visit: .returning, &context, scheduler.now)
        context.caseEnded(r, &scheduler)
    }

    /// Records `kind` for case `r`, whose person left group `g`'s queue at `hall` for `reason` on a `visit`.
    private static func left<Sink: CaseEventSink>(
        _ kind: CaseEvent.Kind, _ r: Int, group g: Int, hall: UInt16, reason: AbandonReason, visit: CaseEvent.Visit,
        _ context: inout FloorContext<Sink>, _ now: SimTime
    ) {
        let c = context.records[r]
        var e = CaseEvent(
            kind, at: now, case: c.caseID, hall: hall, group: UInt16(g), service: c.service,
            window: reason.rawValue, channel: c.channel, value: Int64(CaseState.Phase.queued.rawValue)
        )
        e.visit = visit
        context.sink.recordOwned(e)
    }
}
