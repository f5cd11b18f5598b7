import CaseEngine
import SimCore

extension HallFloor {
    /// Schedules the next arrival of source `s`, if one comes before the horizon.
    mutating func scheduleArrival(_ s: Int32, _ scheduler: inout Scheduler<HallEvent>) {
        let i = Int(s)
        var rng = arrivalStreams[i]
        defer { arrivalStreams[i] = rng }
        if !followsCalendar {
            let gap = Distribution.exponential(mean: sourceMeanGap[i], &rng)
            scheduler.schedule(.arrival(source: s), after: .seconds(gap))
            return
        }
        if let next = nextArrival(i, after: scheduler.now, work: Distribution.exponential(mean: 1, &rng)), next < horizon {
            scheduler.schedule(.arrival(source: s), at: next)
        }
    }

    /// The moment the cumulative arrival rate of source `s` from `time` reaches `work`
    /// (an Exp(1) draw): the next arrival of a non-homogeneous Poisson process.
    /// Looks a year ahead at most; `nil` when the source has no rate in that time.
    mutating func nextArrival(_ s: Int, after time: SimTime, work: Double) -> SimTime? {
        var remaining = work
        var day = network.calendar.dayIndex(at: time)
        var tod = network.calendar.timeOfDay(time)
        let perSecond = 1 / Double(SimTime.ticksPerSecond)
        for _ in 0 ..< 366 {
            if segmentDay[s] != day {
                network.rateSegments(source: s, on: network.day(day), into: &segments[s])
                segmentDay[s] = day
            }
            let midnight = network.calendar.midnight(ofDay: day).ticks
            for seg in segments[s] where seg.to > tod {
                let from = max(seg.from, tod)
                let capacity = seg.rate * Double(seg.to - from) * perSecond
                if remaining <= capacity {
                    let offset = Int64((remaining / seg.rate) / perSecond)
                    return SimTime(ticks: midnight + min(from + offset, seg.to - 1))
                }
                remaining -= capacity
            }
            day += 1
            tod = 0
            if network.calendar.midnight(ofDay: day) >= horizon { return nil }
        }
        return nil
    }

    /// A person of source `s` walks in: a new case, routed to a group, served at once, queued or balking.
    mutating func arrive(_ s: Int, visit: UInt16, channel: CaseEvent.Channel = .walkIn, _ scheduler: inout Scheduler<HallEvent>) {
        let now = scheduler.now
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        arrivedCount &+= 1
        let hall = sourceHall[s]
        let service = sourceService[s]
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, window: visit, channel: channel))
        var rng = serviceStreams[s]
        let duration = max(0, SimTime.seconds(serviceTimes[s].sample(&rng)).ticks)
        serviceStreams[s] = rng
        let g = route(sourceRoutes[s])
        if groups[g].waiting >= balkAt[s], channel != .appointment {
            if visit >= 1, escalatesSecondGiveUp {
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
        sink.record(CaseEvent(.ticketIssued, at: now, case: caseID, hall: hall, group: UInt16(g), service: service, channel: channel))
        if let w = groups[g].free.popLast() {
            beginService(window: Int(w), group: g, caseID: caseID, service: service, channel: channel, wait: 0, duration: duration, source: Int32(s), &scheduler)
            return
        }
        let slot = takeSlot(Waiting(
            caseID: caseID, service: service, visit: visit, source: Int32(s), group: UInt16(g), arrival: now.ticks, duration: duration,
            channel: channel, generation: 0
        ))
        let generation = slots[slot].generation
        if channel == .appointment {
            groups[g].booked.append(Ticket(slot: Int32(slot), generation: generation))
        } else {
            groups[g].queue.append(Ticket(slot: Int32(slot), generation: generation))
        }
        groups[g].waiting &+= 1
        if let patience = patience[s] {
            var b = behaviourStreams[s]
            let limit = patience.sample(&b)
            behaviourStreams[s] = b
            scheduler.schedule(.patienceEnds(slot: Int32(slot), generation: generation), after: .seconds(limit))
        }
    }

    /// The group a walk-in joins among `candidates` (see the type's documentation).
    /// Mutating only so that the large floor is passed by reference, not copied.
    mutating func route(_ candidates: Range<Int>) -> Int {
        if candidates.count == 1 { return routes[candidates.lowerBound] }
        var best = routes[candidates.lowerBound]
        var bestLoad = Double.infinity
        for r in candidates {
            let g = routes[r]
            if !groups[g].free.isEmpty { return g }
            guard groups[g].target > 0 else { continue }
            let load = Double(groups[g].waiting + 1) / Double(groups[g].target)
            if load < bestLoad {
                best = g
                bestLoad = load
            }
        }
        return best
    }

    mutating func takeSlot(_ waiting: Waiting) -> Int {
        if let slot = vacantSlots.popLast() {
            let generation = slots[Int(slot)].generation
            slots[Int(slot)] = waiting
            slots[Int(slot)].generation = generation
            return Int(slot)
        }
        slots.append(waiting)
        return slots.count - 1
    }

    mutating func vacate(_ slot: Int) {
        slots[slot].generation &+= 1
        vacantSlots.append(Int32(slot))
    }
}
