import CaseEngine
import SimCore

/// Walk-ins at the windows: arrivals, queues, service, and people who give up.
extension HallFloor {
    /// Schedules the next arrival of source `s`, if one comes before the horizon.
    mutating func scheduleArrival(_ s: Int32, _ scheduler: inout Scheduler<HallEvent>) {
        let i = Int(s)
        if !followsCalendar {
            scheduler.scheduleUnlessPastEnd(.arrival(source: s), after: sources.plainGap(i).ticks)
            return
        }
        let work = Distribution.exponential(mean: 1, &sources.arrivalStreams[i])
        if let next = sources.nextArrival(i, after: scheduler.now, work: work, horizon: horizon), next < horizon {
            scheduler.schedule(.arrival(source: s), at: next)
        }
    }

    /// A person of source `s` walks in: a new case, routed to a group, served at once, queued or balking.
    mutating func arrive(_ s: Int, visit: UInt16, channel: CaseEvent.Channel = .walkIn, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        arrivedCount &+= 1
        let hall = sources.hall[s]
        let service = sources.service[s]
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, window: visit, channel: channel))
        let duration = sources.serviceTicks(s)
        var g = groups.route(sources.routes[s])
        if groups[g].target == 0, followsCalendar {
            guard let waitFor = waitingRoute(s, routed: g, at: now) else {
                sink.record(CaseEvent(
                    .abandoned, at: now, case: caseID, hall: hall, group: UInt16(g), service: service,
                    window: AbandonReason.sentHome.rawValue, channel: channel, value: Int64(CaseState.Phase.submitted.rawValue)
                ))
                gaveUp(source: s, visit: visit, &scheduler)
                return
            }
            g = waitFor
        }
        if groups[g].waiting >= sources.balkAt[s], channel != .appointment {
            if visit >= 1, escalation.takesSecondGiveUps {
                escalateGiveUp(caseID: caseID, source: s, group: g, from: .submitted, &scheduler)
                return
            }
            sink.record(CaseEvent(
                .abandoned, at: now, case: caseID, hall: hall, group: UInt16(g), service: service,
                window: AbandonReason.balked.rawValue, channel: channel, value: Int64(CaseState.Phase.submitted.rawValue)
            ))
            gaveUp(source: s, visit: visit, &scheduler)
            return
        }
        let kind: CaseEvent.Visit = visit > 0 ? .returning : .first
        var ticket = CaseEvent(.ticketIssued, at: now, case: caseID, hall: hall, group: UInt16(g), service: service, channel: channel)
        ticket.visit = kind
        sink.record(ticket)
        if let w = groups.takeFree(g) {
            beginService(
                window: Int(w), group: g, caseID: caseID, service: service, channel: channel, wait: 0, duration: duration, source: Int32(s),
                visit: kind, &scheduler
            )
            return
        }
        let place = groups.enqueue(
            WindowGroups.Waiting(
                caseID: caseID, service: service, visit: visit, source: Int32(s), group: UInt16(g), arrival: now.ticks, duration: duration,
                channel: channel, generation: 0
            ), group: g, booked: channel == .appointment
        )
        if let limit = sources.patienceLimit(s) {
            scheduler.scheduleUnlessPastEnd(.patienceEnds(slot: place.slot, generation: place.generation), after: limit.ticks)
        }
    }

    /// Window `w` of group `g` starts serving a case, due to end after `duration` ticks.
    mutating func beginService(
        window w: Int, group g: Int, caseID: UInt32, service: UInt16, channel: CaseEvent.Channel, wait: Int64, duration: Int64,
        source: Int32, record: Int32 = -1, pickup: Bool = false, visit: CaseEvent.Visit = .first, _ scheduler: inout Scheduler<HallEvent>
    ) {
        groups.windows[w] = WindowGroups.InService(
            caseID: caseID, service: service, duration: duration, channel: channel, source: source, record: record, pickup: pickup, wait: wait
        )
        var called = CaseEvent(
            .called, at: scheduler.now, case: caseID, hall: groups.groupHall[g], group: UInt16(g), service: service,
            window: groups.windowIndex(w, in: g), channel: channel, value: wait
        )
        called.visit = visit
        sink.record(called)
        scheduler.scheduleUnlessPastEnd(.serviceEnd(window: Int32(w)), after: duration)
    }

    /// Calls the next person really waiting in group `g` to window `w`, appointment holders
    /// first; returns whether there was one.
    mutating func callNext(_ g: Int, to w: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard let person = groups.next(in: g) else { return false }
        beginService(
            window: w, group: g, caseID: person.caseID, service: person.service, channel: person.channel,
            wait: scheduler.now.ticks - person.arrival, duration: person.duration, source: person.source, record: person.record,
            pickup: person.pickup, visit: person.visitKind, &scheduler
        )
        return true
    }

    /// Window (or desk) `w` finished what it was doing; it calls the next person, waits, or goes off duty.
    mutating func finishService(_ w: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let g = Int(groups.windowGroup[w])
        if groups.isDesk(g) {
            finishWork(w, group: g, &scheduler)
            return
        }
        let done = groups.windows[w]
        if plainService[Int(done.service)], !done.pickup, done.record < 0 {
            sink.record(CaseEvent(
                .serviceCompleted, at: scheduler.now, case: done.caseID, hall: groups.groupHall[g], group: UInt16(g),
                service: done.service, window: groups.windowIndex(w, in: g), channel: done.channel, value: done.duration
            ))
            finishedCount &+= 1
        } else {
            endVisit(done, window: w, group: g, &scheduler)
        }
        if !groups[g].keepsWorking {
            groups.goOff(w, group: g)
        } else if !callNext(g, to: w, &scheduler) {
            if groups[g].onDuty > groups[g].target {
                groups.goOff(w, group: g)
            } else {
                groups[g].free.append(Int32(w))
            }
        }
        if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() }
    }

    /// A waiting person's patience ran out: they leave the queue, unless they were called or left already.
    mutating func patienceEnds(_ slot: Int, _ generation: UInt32, _ scheduler: inout Scheduler<HallEvent>) {
        guard slot < groups.slots.capacity, groups.slots[slot].generation == generation else { return }
        giveUp(slot: slot, group: Int(groups.slots[slot].group), reason: .reneged, &scheduler)
    }

    /// The person in `slot` leaves group `g`'s queue without being served.
    mutating func giveUp(slot: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let person = groups.leave(slot, group: g)
        if person.pickup {
            pickupGaveUp(Int(person.record), group: g, reason: reason, &scheduler)
            return
        }
        if person.record >= 0 {
            recordGaveUp(Int(person.record), group: g, reason: reason, &scheduler)
            return
        }
        if person.visit >= 1, escalation.takesSecondGiveUps {
            escalateGiveUp(caseID: person.caseID, source: Int(person.source), group: g, from: .queued, &scheduler)
            return
        }
        var left = CaseEvent(
            .abandoned, at: scheduler.now, case: person.caseID, hall: groups.groupHall[g], group: UInt16(g), service: person.service,
            window: reason.rawValue, channel: person.channel, value: Int64(CaseState.Phase.queued.rawValue)
        )
        left.visit = person.visitKind
        sink.record(left)
        gaveUp(source: Int(person.source), visit: person.visit, &scheduler)
    }

    /// Someone of source `s` gave up: counts them out, and maybe schedules their return visit.
    mutating func gaveUp(source s: Int, visit: UInt16, _ scheduler: inout Scheduler<HallEvent>) {
        finishedCount &+= 1
        defer { if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() } }
        guard sources.returnVisit[s] != nil, visit < UInt16.max, let days = sources.returnDays(s) else { return }
        let later = scheduler.now.ticks + days * ServiceCalendar.dayTicks
        guard later < horizon.ticks else { return }
        let at = followsCalendar ? network.nextOpening(source: s, from: SimTime(ticks: later)) : SimTime(ticks: later)
        if let at, at < horizon {
            scheduler.schedule(.returnVisit(source: Int32(s), visit: visit + 1), at: at)
        }
    }
}
