import CaseEngine
import SimCore

/// Past the window: acceptance, missing materials, forwarding up the tiers, and the departments' decisions.
extension HallFloor {
    typealias Phase = CaseState.Phase

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
        return records.open(CaseRecord(
            caseID: caseID, service: service, hall: hall, atHall: hall, channel: channel, source: Int32(source)
        ))
    }

    /// Case `r` now stands at group `g` (a window group, a kiosk or a department), at `window` within it.
    mutating func place(_ r: Int, group g: Int, window: UInt16 = 0) {
        records.place(r, hall: groups.groupHall[g], group: g, window: window)
    }

    // Draws go straight to the stream in place: a local copy held across a call that draws
    // from the same stream would replay its numbers (and correlate, say, a share and a work time).

    /// A uniform draw in (0, 1) from source `s`'s back-office stream.
    mutating func unit(_ s: Int) -> Double { officeStreams[s].nextOpenUnit() }

    /// A duration in ticks drawn from `d` (seconds) with source `s`'s back-office stream.
    mutating func ticks(_ d: Distribution, _ s: Int) -> Int64 { d.sampleTicks(&officeStreams[s]) }

    /// A window or kiosk finished a visit that may go on past the window.
    mutating func endVisit(_ done: WindowGroups.InService, window w: Int, group g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let windowIndex = groups.windowIndex(w, in: g)
        let hall = groups.groupHall[g]
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
                r = records.open(CaseRecord(caseID: done.caseID, service: done.service, hall: hall, channel: done.channel, source: done.source))
            }
            place(r, group: g, window: windowIndex)
            return r
        }
        if let m = materials, m.policy == .returnVisit || (office == nil && !isBundle), unit(src) < m.share {
            let r = record()
            emit(.materialsRequested, r, from: .called, now)
            rate(caseID: done.caseID, hall: hall, group: g, service: s, channel: done.channel, wait: done.wait, source: src, &scheduler)
            if escalation.tooManyVisits(records[r].visits) {
                escalate(r, from: .materialsRequested, now, &scheduler)
                return
            }
            records[r].givesUp = unit(src) < m.giveUp
            records[r].returnsToWindow = true
            let back = now + SimTime(ticks: ticks(m.delay, src))
            guard back < horizon else { return }
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
        let r = submitCase(service: sources.service[s], hall: sources.hall[s], channel: sources.channel[s], source: s, now)
        emit(.accepted, r, from: .submitted, now)
        if let o = network.offices[Int(sources.service[s])], unit(s) >= o.share {
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

    /// The department decides case `r`.
    mutating func decide(_ r: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let c = records[r]
        let src = Int(c.source)
        let rejected = unit(src) < network.offices[Int(c.service)]!.reject
        let contested = rejected && c.parent < 0 && escalation.contests(&officeStreams[src])
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
}
