import CaseEngine
import SimCore

/// Past the window: acceptance, missing materials, forwarding up the tiers, the departments'
/// decisions and bundles, with the roles that work there — the departments' and the escalation
/// desk's ``BackOfficeDesks``, the ``EscalationDesk`` and ``Ratings`` — and the back-office draws.
///
/// - A visit that may go on past the window ends in one of three ways, drawn from the source's
///   back-office stream: missing materials are asked for (the person comes back, or the file waits
///   for them), the case is accepted (a bundle always is) and goes on, or it is completed there.
/// - An accepted case opens its bundle's parts, waits for missing materials (accepted with a
///   deficiency), or its file goes to the department deciding the service at its hall, one tier up
///   per transfer delay; remote cases a department does not see are decided at once.
/// - A department rejects with its `reject` share (a rejection may be contested, then escalated);
///   a bundle is decided when its last part is, rejected if any part was; the result then goes out
///   (``Results``).
/// - Draws go straight to the stream in place: a local copy held across a call that draws from the
///   same stream would replay its numbers (and correlate, say, a share and a work time).
struct BackOffice {
    var desks: BackOfficeDesks
    var escalation: EscalationDesk
    var ratings: Ratings
    /// Back-office draws (shares, work times, delays) per source.
    var streams: [RandomStream]

    /// The back office of `network`, idle, with random streams derived from `seed`.
    init(_ network: HallNetwork, seed: UInt64) {
        desks = BackOfficeDesks(network)
        escalation = EscalationDesk(network, seed: seed)
        ratings = Ratings(network, seed: seed)
        streams = network.sources.map { RandomStream(seed: seed, label: "office/" + $0.label) }
    }

    /// A uniform draw in (0, 1) from source `s`'s back-office stream.
    mutating func unit(_ s: Int) -> Double { streams[s].nextOpenUnit() }

    /// A duration in ticks drawn from `d` (seconds) with source `s`'s back-office stream.
    mutating func ticks(_ d: Distribution, _ s: Int) -> Int64 { d.sampleTicks(&streams[s]) }

    /// The person may rate the service just finished (``Ratings``).
    mutating func rate<Sink: CaseEventSink>(
        caseID: UInt32, hall: UInt16, group g: Int, service s: Int, channel: CaseEvent.Channel, wait: Int64, source: Int,
        _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        ratings.rate(
            caseID: caseID, hall: hall, group: g, service: s, channel: channel, wait: wait, source: source,
            &escalation, &desks, &groups, &context, &scheduler
        )
    }

    /// Case `r` goes to the escalation desk.
    mutating func escalate<Sink: CaseEventSink>(
        _ r: Int, from phase: CaseState.Phase, _ now: SimTime, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        escalation.escalate(r, from: phase, now, &desks, &groups, &context, &scheduler)
    }

    /// A person of `source` gave up for the second time (on a return visit) at group `g`: escalated instead of abandoned.
    mutating func escalateGiveUp<Sink: CaseEventSink>(
        caseID: UInt32, service: UInt16, hall: UInt16, channel: CaseEvent.Channel, source: Int, group g: Int, from phase: CaseState.Phase,
        _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let r = context.records.open(CaseRecord(
            caseID: caseID, service: service, hall: hall, atHall: groups.groupHall[g], atGroup: UInt16(g), channel: channel, source: Int32(source)
        ))
        escalate(r, from: phase, scheduler.now, &groups, &context, &scheduler)
    }

    /// A window or kiosk finished a visit that may go on past the window.
    mutating func endVisit<Sink: CaseEventSink>(
        _ done: WindowGroups.InService, window w: Int, group g: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let windowIndex = groups.windowIndex(w, in: g)
        let hall = groups.groupHall[g]
        if done.pickup {
            let r = Int(done.record)
            context.records.place(r, hall: hall, group: g, window: windowIndex)
            context.emit(.pickedUp, r, from: .called, now)
            context.emit(.closed, r, from: .pickedUp, now)
            rate(
                caseID: done.caseID, hall: hall, group: g, service: Int(done.service), channel: done.channel, wait: done.wait,
                source: Int(done.source), &groups, &context, &scheduler
            )
            context.caseEnded(r, &scheduler)
            return
        }
        let s = Int(done.service)
        let src = Int(done.source)
        let office = context.network.offices[s]
        let isBundle = !context.network.parts[s].isEmpty
        let materials = context.network.incomplete[s]
        var r = Int(done.record)
        func record() -> Int {
            if r < 0 {
                r = context.records.open(CaseRecord(caseID: done.caseID, service: done.service, hall: hall, channel: done.channel, source: done.source))
            }
            context.records.place(r, hall: hall, group: g, window: windowIndex)
            return r
        }
        if let m = materials, m.policy == .returnVisit || (office == nil && !isBundle), unit(src) < m.share {
            let r = record()
            context.emit(.materialsRequested, r, from: .called, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &groups, &context, &scheduler)
            if escalation.tooManyVisits(context.records[r].visits) {
                escalate(r, from: .materialsRequested, now, &groups, &context, &scheduler)
                return
            }
            context.records[r].givesUp = unit(src) < m.giveUp
            context.records[r].returnsToWindow = true
            let back = now + SimTime(ticks: ticks(m.delay, src))
            guard back < context.horizon else { return }
            let at = context.followsCalendar ? context.daily.nextOpening(source: src, from: back) : back
            if let at, at < context.horizon { scheduler.schedule(.materialsBack(record: Int32(r)), at: at) }
            return
        }
        if isBundle || (office != nil && unit(src) < office!.share) {
            let r = record()
            context.emit(.accepted, r, from: .called, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &groups, &context, &scheduler)
            proceedAfterAcceptance(r, now, &groups, &context, &scheduler)
            return
        }
        context.sink.recordOwned(CaseEvent(
            .serviceCompleted, at: now, case: done.caseID, hall: hall, group: UInt16(g), service: done.service,
            window: windowIndex, channel: done.channel, value: done.duration
        ))
        rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &groups, &context, &scheduler)
        context.caseEnded(r >= 0 ? r : nil, &scheduler)
    }

    /// An accepted case goes on: its bundle's parts are opened, it waits for missing materials
    /// (accepted with a deficiency), or its file goes to the department.
    mutating func proceedAfterAcceptance<Sink: CaseEventSink>(
        _ r: Int, _ now: SimTime, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let s = Int(context.records[r].service)
        let src = Int(context.records[r].source)
        if !context.network.parts[s].isEmpty {
            openParts(of: r, now, &groups, &context, &scheduler)
            return
        }
        if let m = context.network.incomplete[s], context.network.offices[s] != nil, unit(src) < m.share {
            context.emit(.materialsRequested, r, from: .accepted, now)
            context.records[r].givesUp = unit(src) < m.giveUp
            context.records[r].returnsToWindow = false
            let at = now + SimTime(ticks: ticks(m.delay, src))
            if at < context.horizon { scheduler.schedule(.materialsBack(record: Int32(r)), at: at) }
            return
        }
        if context.network.offices[s] != nil {
            forward(r, &groups, &context, &scheduler)
        } else {
            decideAtOnce(r, now, &groups, &context, &scheduler)
        }
    }

    /// An online or mobile case of source `s` (`service` at `hall` by `channel`): submitted and
    /// accepted at once, never at a window. Kept out of line: the floor's event switch stays small.
    @inline(never)
    mutating func arriveRemote<Sink: CaseEventSink>(
        _ s: Int, service: UInt16, hall: UInt16, channel: CaseEvent.Channel, _ groups: inout WindowGroups,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let r = context.submitCase(service: service, hall: hall, channel: channel, source: s, now)
        context.emit(.accepted, r, from: .submitted, now)
        if let o = context.network.offices[Int(service)], unit(s) >= o.share {
            decideAtOnce(r, now, &groups, &context, &scheduler)
            return
        }
        proceedAfterAcceptance(r, now, &groups, &context, &scheduler)
    }

    /// A remote case that needs no back office (an online query, or the share of a service decided
    /// at once): approved, result ready and delivered electronically, all at once.
    mutating func decideAtOnce<Sink: CaseEventSink>(
        _ r: Int, _ now: SimTime, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        context.emit(.approved, r, from: .accepted, now)
        context.emit(.resultReady, r, from: .approved, now)
        context.emit(.delivered, r, from: .resultReady, now)
        context.emit(.closed, r, from: .delivered, now)
        let c = context.records[r]
        rate(
            caseID: c.caseID, hall: c.hall, group: Int(c.atGroup), service: Int(c.service), channel: c.channel, wait: 0,
            source: Int(c.source), &groups, &context, &scheduler
        )
        context.caseEnded(r, &scheduler)
    }

    /// Sends case `r`'s file to the department that decides it, one tier up per transfer delay.
    mutating func forward<Sink: CaseEventSink>(
        _ r: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let c = context.records[r]
        let key = Int(c.hall) * context.serviceCount + Int(c.service)
        let hops = Int(context.network.officeHops[key])
        if hops == 0 {
            fileArrives(r, &groups, &context, &scheduler)
        } else {
            let delay = Int64(hops) * context.network.offices[Int(c.service)]!.transfer
            let at = scheduler.now + SimTime(ticks: delay)
            if at < context.horizon { scheduler.schedule(.fileArrives(record: Int32(r)), at: at) }
        }
    }

    /// The file reaches its department: `forwarded`, and the case joins the work list.
    mutating func fileArrives<Sink: CaseEventSink>(
        _ r: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let c = context.records[r]
        let key = Int(c.hall) * context.serviceCount + Int(c.service)
        let g = Int(context.network.officeRoute[key])
        context.records.place(r, hall: groups.groupHall[g], group: g)
        context.emit(.forwarded, r, from: .accepted, scheduler.now)
        let work = ticks(context.network.offices[Int(c.service)]!.work, Int(c.source))
        desks.enqueueWork(
            g, WorkItem(kind: .decide, channel: c.channel, service: c.service, hall: c.hall, record: Int32(r), caseID: c.caseID, since: scheduler.now.ticks, remaining: work),
            &groups, &context.sink, &scheduler
        )
    }

    /// Desk `w` of group `g` finished its task: a decision, a callback or an escalated case; then it
    /// takes the next task, waits, or goes off duty.
    mutating func finishWork<Sink: CaseEventSink>(
        _ w: Int, group g: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let item = desks.finish(w)
        switch item.kind {
        case .decide: decide(Int(item.record), &groups, &context, &scheduler)
        case .callback:
            context.sink.recordOwned(CaseEvent(
                .callbackDone, at: scheduler.now, case: item.caseID, hall: groups.groupHall[g], group: UInt16(g), service: item.service,
                channel: item.channel, value: scheduler.now.ticks &- item.since
            ))
        case .escalation: escalation.resolve(Int(item.record), &context, &scheduler)
        }
        desks.release(w, group: g, &groups, &context.sink, &scheduler)
    }

    /// The department decides case `r`.
    mutating func decide<Sink: CaseEventSink>(
        _ r: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let c = context.records[r]
        let src = Int(c.source)
        let rejected = unit(src) < context.network.offices[Int(c.service)]!.reject
        let contested = rejected && c.parent < 0 && escalation.contests(&streams[src])
        context.emit(rejected ? .rejected : .approved, r, from: .inBackOffice, now)
        let decision: CaseState.Phase = rejected ? .rejected : .approved
        if c.parent >= 0 {
            context.emit(.resultReady, r, from: decision, now)
            context.emit(.closed, r, from: .resultReady, now)
            let p = Int(c.parent)
            context.records[p].partsLeft -= 1
            if rejected { context.records[p].partRejected = true }
            context.caseEnded(r, &scheduler)
            if context.records[p].partsLeft == 0 { decideBundle(p, &groups, &context, &scheduler) }
            return
        }
        if contested {
            escalate(r, from: .rejected, now, &groups, &context, &scheduler)
            return
        }
        context.emit(.resultReady, r, from: decision, now)
        Results.deliver(r, &self, &groups, &context, &scheduler)
    }

    /// Opens a case for each part of bundle `r`, accepted at once and sent to its department.
    mutating func openParts<Sink: CaseEventSink>(
        of r: Int, _ now: SimTime, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let c = context.records[r]
        let parts = context.network.parts[Int(c.service)]
        context.records[r].partsLeft = Int32(parts.count)
        for part in parts {
            // Parts are the network's own cases: no channel of their own (the bundle has it).
            let p = context.submitCase(service: UInt16(part), hall: c.hall, channel: .none, source: Int(c.source), link: Int64(c.caseID) + 1, now)
            context.records[p].parent = Int32(r)
            context.emit(.accepted, p, from: .submitted, now)
            forward(p, &groups, &context, &scheduler)
        }
    }

    /// The last part of bundle `r` was decided: the bundle's combined decision and result.
    mutating func decideBundle<Sink: CaseEventSink>(
        _ r: Int, _ groups: inout WindowGroups, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let decision: CaseState.Phase = context.records[r].partRejected ? .rejected : .approved
        context.emit(decision == .rejected ? .rejected : .approved, r, from: .accepted, now)
        context.emit(.resultReady, r, from: decision, now)
        Results.deliver(r, &self, &groups, &context, &scheduler)
    }
}
