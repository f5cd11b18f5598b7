import CaseEngine
import DequeModule
import SimCore

/// An open case past the window: in the back office, waiting for materials, a result, or escalated.
/// `at…` mirror where ``CaseBook`` says the case stands, so every event carries the same fields.
struct CaseRecord {
    var caseID: UInt32 = 0
    var service: UInt16 = 0
    /// The hall that accepted the case (results return there).
    var hall: UInt16 = 0
    var atHall: UInt16 = 0
    var atGroup: UInt16 = 0
    var atWindow: UInt16 = 0
    var channel: CaseEvent.Channel = .none
    /// The source whose streams and pick-up windows the case uses.
    var source: Int32 = 0
    /// Visits to a window so far.
    var visits: UInt16 = 1
    /// The bundle this case is a part of, as a record index, or -1.
    var parent: Int32 = -1
    /// For a bundle: parts not yet decided, and whether any was rejected.
    var partsLeft: Int32 = 0
    var partRejected = false
    /// Whether the person will never bring the missing materials.
    var givesUp = false
    /// Whether the materials were asked for at a window (the person comes back for another visit)
    /// rather than on acceptance (the file waits for them).
    var returnsToWindow = false
}

/// A task in a department's or the escalation desk's work list.
struct WorkItem {
    enum Kind: UInt8 {
        /// Decide case `record`.
        case decide
        /// Call the person back after a bad rating of case `caseID`.
        case callback
        /// Handle escalated case `record`.
        case escalation
    }

    var kind = Kind.decide
    var channel: CaseEvent.Channel = .none
    var service: UInt16 = 0
    var hall: UInt16 = 0
    var record: Int32 = -1
    var caseID: UInt32 = 0
    /// When the task was created (callbacks: the rating).
    var since: Int64 = 0
    /// Working time still needed, in ticks.
    var remaining: Int64 = 0
}

extension HallFloor {
    typealias Phase = CaseState.Phase

    // MARK: Records and events

    mutating func newRecord(_ r: CaseRecord) -> Int {
        if let i = vacantRecords.popLast() {
            records[Int(i)] = r
            return Int(i)
        }
        records.append(r)
        return records.count - 1
    }

    mutating func freeRecord(_ r: Int) { vacantRecords.append(Int32(r)) }

    /// Records an event of case `r` where the case stands; `value` is the phase left unless given.
    mutating func emit(_ kind: CaseEvent.Kind, _ r: Int, from phase: Phase, value: Int64? = nil, _ now: SimTime) {
        let c = records[r]
        sink.record(CaseEvent(
            kind, at: now, case: c.caseID, hall: c.atHall, group: c.atGroup, service: c.service, window: c.atWindow,
            channel: c.channel, value: value ?? Int64(phase.rawValue)
        ))
    }

    /// Opens a new case of source `s`'s hall: the next case id, with its `submitted` event.
    mutating func submitCase(
        service: UInt16, hall: UInt16, channel: CaseEvent.Channel, source: Int, link: Int64 = 0, _ now: SimTime
    ) -> Int {
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        arrivedCount &+= 1
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, channel: channel, value: link))
        return newRecord(CaseRecord(
            caseID: caseID, service: service, hall: hall, atHall: hall, channel: channel, source: Int32(source)
        ))
    }

    /// Case `r` now stands at group `g` (a window group, a kiosk or a department), at `window` within it.
    mutating func place(_ r: Int, group g: Int, window: UInt16 = 0) {
        records[r].atHall = groupHall[g]
        records[r].atGroup = UInt16(g)
        records[r].atWindow = window
    }

    /// A case reached a terminal phase.
    mutating func caseEnded(_ r: Int?, _ scheduler: inout Scheduler<HallEvent>) {
        if let r { freeRecord(r) }
        finishedCount &+= 1
        if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() }
    }

    // Draws go straight to the stream in place: a local copy held across a call that draws
    // from the same stream would replay its numbers (and correlate, say, a share and a work time).

    /// A uniform draw in (0, 1) from source `s`'s back-office stream.
    mutating func unit(_ s: Int) -> Double { officeStreams[s].nextOpenUnit() }

    /// A duration in ticks drawn from `d` (seconds) with source `s`'s back-office stream.
    mutating func ticks(_ d: Distribution, _ s: Int) -> Int64 { max(0, SimTime.seconds(d.sample(&officeStreams[s])).ticks) }

    /// A duration in ticks drawn from `d` (seconds) with `stream`.
    static func ticks(_ d: Distribution, _ stream: inout RandomStream) -> Int64 { max(0, SimTime.seconds(d.sample(&stream)).ticks) }

    // MARK: The end of a window visit

    /// A window or kiosk finished a visit that may go on past the window.
    mutating func endVisit(_ done: InService, window w: Int, group g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let windowIndex = UInt16(w - groupFirstWindow[g])
        let hall = groupHall[g]
        if done.pickup {
            let r = Int(done.record)
            place(r, group: g, window: windowIndex)
            emit(.pickedUp, r, from: .called, now)
            emit(.closed, r, from: .pickedUp, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: Int(done.service), channel: done.channel, wait: done.wait, source: Int(done.source), &scheduler)
            caseEnded(r, &scheduler)
            return
        }
        let s = Int(done.service)
        let src = Int(done.source)
        let office = network.offices[s]
        let isBundle = !network.parts[s].isEmpty
        let materials = network.incomplete[s]
        var r = Int(done.record)
        func record() -> Int {
            if r < 0 {
                r = newRecord(CaseRecord(caseID: done.caseID, service: done.service, hall: hall, channel: done.channel, source: done.source))
            }
            place(r, group: g, window: windowIndex)
            return r
        }
        if let m = materials, m.policy == .returnVisit || (office == nil && !isBundle), unit(src) < m.share {
            let r = record()
            emit(.materialsRequested, r, from: .called, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &scheduler)
            if let e = network.escalation, Int(records[r].visits) + 1 > e.maxVisits {
                escalate(r, from: .materialsRequested, now, &scheduler)
                return
            }
            records[r].givesUp = unit(src) < m.giveUp
            records[r].returnsToWindow = true
            let back = now + SimTime(ticks: ticks(m.delay, src))
            let at = followsCalendar ? network.nextOpening(source: src, from: back) : back
            if let at, at < horizon { scheduler.schedule(.materialsBack(record: Int32(r)), at: at) }
            return
        }
        if isBundle || (office != nil && unit(src) < office!.share) {
            let r = record()
            emit(.accepted, r, from: .called, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &scheduler)
            proceedAfterAcceptance(r, now, &scheduler)
            return
        }
        sink.record(CaseEvent(
            .serviceCompleted, at: now, case: done.caseID, hall: hall, group: UInt16(g), service: done.service,
            window: windowIndex, channel: done.channel, value: done.duration
        ))
        rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &scheduler)
        caseEnded(r >= 0 ? r : nil, &scheduler)
    }

    /// An accepted case goes on: its bundle's parts are opened, it waits for missing materials
    /// (accepted with a deficiency), or its file goes to the department.
    mutating func proceedAfterAcceptance(_ r: Int, _ now: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        let s = Int(records[r].service)
        let src = Int(records[r].source)
        if !network.parts[s].isEmpty {
            openParts(of: r, now, &scheduler)
            return
        }
        if let m = network.incomplete[s], network.offices[s] != nil, unit(src) < m.share {
            emit(.materialsRequested, r, from: .accepted, now)
            records[r].givesUp = unit(src) < m.giveUp
            records[r].returnsToWindow = false
            let at = now + SimTime(ticks: ticks(m.delay, src))
            if at < horizon { scheduler.schedule(.materialsBack(record: Int32(r)), at: at) }
            return
        }
        if network.offices[s] != nil {
            forward(r, &scheduler)
        } else {
            decideAtOnce(r, now, &scheduler)
        }
    }

    /// An online or mobile case: submitted and accepted at once, never at a window.
    mutating func arriveRemote(_ s: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let r = submitCase(service: sourceService[s], hall: sourceHall[s], channel: sourceChannel[s], source: s, now)
        emit(.accepted, r, from: .submitted, now)
        if let o = network.offices[Int(sourceService[s])], unit(s) >= o.share {
            decideAtOnce(r, now, &scheduler)
            return
        }
        proceedAfterAcceptance(r, now, &scheduler)
    }

    /// A remote case that needs no back office (an online query, or the share of a service decided
    /// at once): approved, result ready and delivered electronically, all at once.
    mutating func decideAtOnce(_ r: Int, _ now: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        emit(.approved, r, from: .accepted, now)
        emit(.resultReady, r, from: .approved, now)
        emit(.delivered, r, from: .resultReady, now)
        emit(.closed, r, from: .delivered, now)
        let c = records[r]
        rate(caseID: c.caseID, hall: c.hall, group: Int(c.atGroup), service: Int(c.service), channel: c.channel, wait: 0, source: Int(c.source), &scheduler)
        caseEnded(r, &scheduler)
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
        emit(.resubmitted, r, from: .materialsRequested, now)
        guard c.returnsToWindow else {
            forward(r, &scheduler)
            return
        }
        // Asked at the window: the case is submitted again and the person takes a new ticket.
        let src = Int(c.source)
        let g = route(sourceRoutes[src])
        let duration = Self.ticks(serviceTimes[src], &serviceStreams[src])
        records[r].visits &+= 1
        place(r, group: g)
        emit(.ticketIssued, r, from: .submitted, value: 0, now)
        join(
            Waiting(
                caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: now.ticks,
                duration: duration, channel: c.channel, generation: 0, record: Int32(r)
            ), group: g, &scheduler
        )
    }

    // MARK: Forwarding and the back office

    /// Sends case `r`'s file to the department that decides it, one tier up per transfer delay.
    mutating func forward(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let key = Int(c.hall) * serviceCount + Int(c.service)
        let hops = Int(network.officeHops[key])
        if hops == 0 {
            fileArrives(r, &scheduler)
        } else {
            let delay = Int64(hops) * network.offices[Int(c.service)]!.transfer
            let at = scheduler.now + SimTime(ticks: delay)
            if at < horizon { scheduler.schedule(.fileArrives(record: Int32(r)), at: at) }
        }
    }

    /// The file reaches its department: `forwarded`, and the case joins the work list.
    mutating func fileArrives(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let key = Int(c.hall) * serviceCount + Int(c.service)
        let g = Int(network.officeRoute[key])
        place(r, group: g)
        emit(.forwarded, r, from: .accepted, scheduler.now)
        let work = ticks(network.offices[Int(c.service)]!.work, Int(c.source))
        enqueueWork(g, WorkItem(kind: .decide, channel: c.channel, service: c.service, hall: c.hall, record: Int32(r), caseID: c.caseID, since: scheduler.now.ticks, remaining: work), &scheduler)
    }

    /// Puts a task in group `g`'s work list, or on a free desk at once.
    mutating func enqueueWork(_ g: Int, _ item: WorkItem, _ scheduler: inout Scheduler<HallEvent>) {
        if let w = groups[g].free.popLast() {
            startWork(Int(w), item, &scheduler)
        } else {
            groups[g].work.append(item)
        }
    }

    mutating func startWork(_ w: Int, _ item: WorkItem, _ scheduler: inout Scheduler<HallEvent>) {
        deskItems[w] = item
        deskEndTimes[w] = scheduler.now.ticks &+ item.remaining
        deskEnds[w] = scheduler.schedule(.serviceEnd(window: Int32(w)), after: SimTime(ticks: item.remaining))
    }

    /// Desk `w` takes the next task of group `g`, if any.
    mutating func takeWork(_ g: Int, _ w: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard let item = groups[g].work.popFirst() else { return false }
        startWork(w, item, &scheduler)
        return true
    }

    /// Staff on duty in a department or at the escalation desk change. Desks that go off duty
    /// in the middle of a task put it back at the front of the work list with the work left.
    mutating func setDeskStaffing(_ g: Int, _ count: Int, _ scheduler: inout Scheduler<HallEvent>) {
        groups[g].target = count
        sink.record(CaseEvent(.staffingChanged, at: scheduler.now, hall: groupHall[g], group: UInt16(g), value: Int64(count)))
        while groups[g].onDuty > count, let w = groups[g].free.popLast() {
            groups[g].onDuty &-= 1
            groups[g].off.append(w)
        }
        if groups[g].onDuty > count {
            // Busy desks stop: the highest-numbered first, their tasks back to the front in order.
            var w = network.groups[g].windows.upperBound - 1
            while groups[g].onDuty > count, w >= network.groups[g].windows.lowerBound {
                if deskEndTimes[w] >= 0 {
                    scheduler.cancel(deskEnds[w])
                    var item = deskItems[w]
                    item.remaining = max(0, deskEndTimes[w] &- scheduler.now.ticks)
                    groups[g].work.prepend(item)
                    deskEndTimes[w] = -1
                    groups[g].onDuty &-= 1
                    groups[g].off.append(Int32(w))
                }
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
        let item = deskItems[w]
        deskEndTimes[w] = -1
        switch item.kind {
        case .decide: decide(Int(item.record), &scheduler)
        case .callback:
            sink.record(CaseEvent(
                .callbackDone, at: scheduler.now, case: item.caseID, hall: groupHall[g], group: UInt16(g), service: item.service,
                channel: item.channel, value: scheduler.now.ticks &- item.since
            ))
        case .escalation: resolveEscalation(Int(item.record), &scheduler)
        }
        if groups[g].onDuty > groups[g].target {
            groups[g].onDuty &-= 1
            groups[g].off.append(Int32(w))
        } else if !takeWork(g, w, &scheduler) {
            groups[g].free.append(Int32(w))
        }
    }

    /// The department decides case `r`.
    mutating func decide(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let c = records[r]
        let src = Int(c.source)
        let rejected = unit(src) < network.offices[Int(c.service)]!.reject
        let contested = rejected && c.parent < 0 && network.escalation != nil && unit(src) < network.escalation!.contest
        emit(rejected ? .rejected : .approved, r, from: .inBackOffice, now)
        let decision: Phase = rejected ? .rejected : .approved
        if c.parent >= 0 {
            emit(.resultReady, r, from: decision, now)
            emit(.closed, r, from: .resultReady, now)
            let p = Int(c.parent)
            records[p].partsLeft -= 1
            if rejected { records[p].partRejected = true }
            caseEnded(r, &scheduler)
            if records[p].partsLeft == 0 { decideBundle(p, &scheduler) }
            return
        }
        if contested {
            escalate(r, from: .rejected, now, &scheduler)
            return
        }
        emit(.resultReady, r, from: decision, now)
        deliverResult(r, &scheduler)
    }

    /// Opens a case for each part of bundle `r`, accepted at once and sent to its department.
    mutating func openParts(of r: Int, _ now: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let parts = network.parts[Int(c.service)]
        records[r].partsLeft = Int32(parts.count)
        for part in parts {
            // Parts are the network's own cases: no channel of their own (the bundle has it).
            let p = submitCase(service: UInt16(part), hall: c.hall, channel: .none, source: Int(c.source), link: Int64(c.caseID) + 1, now)
            records[p].parent = Int32(r)
            emit(.accepted, p, from: .submitted, now)
            forward(p, &scheduler)
        }
    }

    /// The last part of bundle `r` was decided: the bundle's combined decision and result.
    mutating func decideBundle(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let decision: Phase = records[r].partRejected ? .rejected : .approved
        emit(decision == .rejected ? .rejected : .approved, r, from: .accepted, now)
        emit(.resultReady, r, from: decision, now)
        deliverResult(r, &scheduler)
    }

    // MARK: Results

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
        let later = scheduler.now + SimTime(ticks: back + ticks(result.pickupDelay, src))
        if let at = followsCalendar ? network.nextOpening(hall: Int(c.hall), from: later) : later, at < horizon {
            scheduler.schedule(.pickup(record: Int32(r)), at: at)
        }
    }

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

    /// The person comes back to the accepting hall for the result: a ticket, then a window.
    mutating func pickupArrives(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        let src = Int(c.source)
        let g = route(network.sources[src].pickupRoutes)
        let duration = ticks(network.results[Int(c.service)].pickupTime, src)
        place(r, group: g)
        emit(.ticketIssued, r, from: .resultReady, value: 0, scheduler.now)
        join(
            Waiting(
                caseID: c.caseID, service: c.service, visit: 0, source: Int32(src), group: UInt16(g), arrival: scheduler.now.ticks,
                duration: duration, channel: c.channel, generation: 0, record: Int32(r), pickup: true
            ), group: g, &scheduler
        )
    }

    /// A person with a record takes a place in group `g`'s queue, or a free window at once (no patience, no balking).
    mutating func join(_ person: Waiting, group g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        if let w = groups[g].free.popLast() {
            beginService(
                window: Int(w), group: g, caseID: person.caseID, service: person.service, channel: person.channel, wait: 0,
                duration: person.duration, source: person.source, record: person.record, pickup: person.pickup, &scheduler
            )
            return
        }
        let slot = takeSlot(person)
        groups[g].queue.append(Ticket(slot: Int32(slot), generation: slots[slot].generation))
        groups[g].waiting &+= 1
    }

    /// A person with a record left a queue (sent home at closing): the case is abandoned.
    mutating func recordGaveUp(_ r: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let c = records[r]
        sink.record(CaseEvent(
            .abandoned, at: scheduler.now, case: c.caseID, hall: groupHall[g], group: UInt16(g), service: c.service,
            window: reason.rawValue, channel: c.channel, value: Int64(Phase.queued.rawValue)
        ))
        caseEnded(r, &scheduler)
    }

    // MARK: Escalation

    /// Whether a person giving up on a return visit is escalated.
    var escalatesSecondGiveUp: Bool { network.escalation?.abandonedTwice ?? false }

    /// Case `r` goes to the escalation desk.
    mutating func escalate(_ r: Int, from phase: Phase, _ now: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        emit(.escalated, r, from: phase, now)
        guard let g = network.escalationGroup, let e = network.escalation else { return }
        let c = records[r]
        let work = Self.ticks(e.handling, &escalationStream)
        enqueueWork(g, WorkItem(kind: .escalation, channel: c.channel, service: c.service, hall: c.hall, record: Int32(r), caseID: c.caseID, since: now.ticks, remaining: work), &scheduler)
    }

    /// A person gave up for the second time (on a return visit): escalated instead of abandoned.
    mutating func escalateGiveUp(caseID: UInt32, source s: Int, group g: Int, from phase: Phase, _ scheduler: inout Scheduler<HallEvent>) {
        let r = newRecord(CaseRecord(
            caseID: caseID, service: sourceService[s], hall: sourceHall[s], atHall: groupHall[g], atGroup: UInt16(g),
            channel: sourceChannel[s], source: Int32(s)
        ))
        escalate(r, from: phase, scheduler.now, &scheduler)
    }

    /// The escalation desk finished case `r`: transferred to another body, or resolved.
    mutating func resolveEscalation(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let transferred = escalationStream.nextOpenUnit() < (network.escalation?.transfer ?? 0)
        emit(transferred ? .transferred : .closed, r, from: .escalated, scheduler.now)
        caseEnded(r, &scheduler)
    }

    // MARK: Ratings

    /// The person may rate the service just finished; a bad rating makes a callback task, maybe a complaint.
    mutating func rate(
        caseID: UInt32, hall: UInt16, group g: Int, service s: Int, channel: CaseEvent.Channel, wait: Int64, source: Int,
        _ scheduler: inout Scheduler<HallEvent>
    ) {
        guard let spec = network.ratings else { return }
        guard ratingStreams[source].nextOpenUnit() < spec.share else { return }
        let over = Double(max(0, wait &- network.ratingTarget)) / Double(SimTime.minutes(1).ticks)
        let bad = ratingStreams[source].nextOpenUnit() < min(1, spec.bad + spec.perMinute * over)
        let now = scheduler.now
        sink.record(CaseEvent(
            .rated, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), window: bad ? 1 : 0, channel: channel, value: wait
        ))
        guard bad else { return }
        let route = Int(network.officeRoute[Int(sourceHall[source]) * serviceCount + s])
        let desk = route >= 0 ? route : network.escalationGroup
        if let desk {
            let work = Self.ticks(spec.callback, &ratingStreams[source])
            enqueueWork(desk, WorkItem(kind: .callback, channel: channel, service: UInt16(s), hall: hall, caseID: caseID, since: now.ticks, remaining: work), &scheduler)
        } else {
            sink.record(CaseEvent(.callbackDone, at: now, case: caseID, hall: hall, group: UInt16(g), service: UInt16(s), channel: channel, value: 0))
        }
        if network.escalationGroup != nil, ratingStreams[source].nextOpenUnit() < spec.complaint {
            let r = submitCase(service: UInt16(s), hall: hall, channel: .feedback, source: source, link: Int64(caseID) + 1, now)
            emit(.accepted, r, from: .submitted, now)
            escalate(r, from: .accepted, now, &scheduler)
        }
    }
}
