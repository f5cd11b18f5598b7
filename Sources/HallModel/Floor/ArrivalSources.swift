import CaseEngine
import SimCore

/// The arrival sources — a service arriving at a hall by one channel — with their random streams
/// and what their people are like: service time, patience, balking, return visits.
///
/// - Arrivals: a Poisson process whose rate is constant within each hour and zero while the hall
///   (or, on a rotated weekend, the service) is closed, drawn exactly by inverting its cumulative
///   rate. A network that does not follow the calendar draws plain exponential gaps.
/// - Every source draws from its own streams ("arrivals/", "service/", "behaviour/" and the
///   source's label), so changing one part of a scenario leaves the others' numbers unchanged.
/// - Sampled durations beyond the clock's range are clamped to ``SimTime/end``: after the end.
/// - Walk-ins: each person is a new case routed to a group (``WindowGroups``) and served at once,
///   queued with a patience timer, or balking when `balk_at` people wait (appointment holders
///   never balk). Who gives up may come back after whole days, at the same time of day or the next
///   opening; on a return visit, with an escalation desk taking second give-ups, they are
///   escalated instead.
struct ArrivalSources: ~Copyable {
    // Read-only tables by source index (never out of range: every index comes from the network
    // or from the floor's own events).
    let hall: FloorTable<UInt16>
    let service: FloorTable<UInt16>
    let meanGap: FloorTable<Double>
    let routes: FloorTable<Range<Int>>
    let serviceTimes: FloorTable<Distribution>
    let channel: FloorTable<CaseEvent.Channel>
    let patience: FloorTable<Distribution?>
    let balkAt: FloorTable<Int>
    let returnVisit: FloorTable<ReturnVisitSpec?>
    /// The network, day by day, the sources belong to (its calendar and rates), held once so that no call copies it.
    let daily: NetworkDays

    var arrivalStreams: FloorTable<RandomStream>
    var serviceStreams: FloorTable<RandomStream>
    var behaviourStreams: FloorTable<RandomStream>
    /// Each source's rate segments of the day being drawn (``ArrivalRates``).
    var rates: ArrivalRates

    /// The sources of `network`, with streams derived from `seed`.
    init(_ network: HallNetwork, seed: UInt64) {
        daily = NetworkDays(network)
        let sources = network.sources
        hall = FloorTable(sources.map { UInt16($0.hall) })
        service = FloorTable(sources.map { UInt16($0.service) })
        meanGap = FloorTable(sources.map { 1 / $0.rate })
        routes = FloorTable(sources.map(\.routes))
        serviceTimes = FloorTable(sources.map(\.serviceTime))
        channel = FloorTable(sources.map(\.channel))
        patience = FloorTable(sources.map(\.behaviour.patience))
        balkAt = FloorTable(sources.map { $0.behaviour.balkAt ?? Int.max })
        returnVisit = FloorTable(sources.map(\.behaviour.returnVisit))
        arrivalStreams = FloorTable(sources.map { RandomStream(seed: seed, label: "arrivals/" + $0.label) })
        serviceStreams = FloorTable(sources.map { RandomStream(seed: seed, label: "service/" + $0.label) })
        behaviourStreams = FloorTable(sources.map { RandomStream(seed: seed, label: "behaviour/" + $0.label) })
        rates = ArrivalRates(daily)
    }

    /// The number of sources.
    var count: Int { hall.count }

    // The draws below draw in place, from a stream in its table with the distribution read in
    // its own (both tables are read through their addresses: nothing is copied or retained).

    /// A service time for a person of source `s`, in ticks (never negative, at most ``SimTime/end``).
    @inline(__always)
    mutating func serviceTicks(_ s: Int) -> Int64 {
        let seconds = serviceTimes[s].sample(&serviceStreams[s])
        return max(0, SimTime.clamped(seconds: seconds).ticks)
    }

    /// The gap to source `s`'s next arrival when the rate never changes, in ticks (at most ``SimTime/end``).
    @inline(__always)
    mutating func plainGap(_ s: Int) -> SimTime {
        .clamped(seconds: Distribution.exponential(mean: meanGap[s], &arrivalStreams[s]))
    }

    /// How long a person of source `s` waits before giving up, or `nil` without patience.
    @inline(__always)
    mutating func patienceLimit(_ s: Int) -> SimTime? {
        guard case .some(let distribution) = patience[s] else { return nil }
        return .clamped(seconds: distribution.sample(&behaviourStreams[s]))
    }

    /// Whether a person of source `s` who gave up comes back, and after how many whole days (at least one).
    mutating func returnDays(_ s: Int) -> Int64? {
        guard let back = returnVisit[s] else { return nil }
        let returns = behaviourStreams[s].nextOpenUnit() < back.probability
        let days = returns ? back.afterDays.sample(&behaviourStreams[s]) : 0
        guard returns else { return nil }
        // Beyond the clock's range in days: after the end.
        return Int64(min(max(1, days.rounded(.up)), Double(SimTime.end.ticks / ServiceCalendar.dayTicks)))
    }

    /// The moment the cumulative arrival rate of source `s` from `time` reaches `work`
    /// (an Exp(1) draw): the next arrival of a non-homogeneous Poisson process.
    /// Looks a year ahead at most, and not past `horizon`; `nil` when the source has no rate in that time.
    mutating func nextArrival(_ s: Int, after time: SimTime, work: Double, horizon: SimTime) -> SimTime? {
        var remaining = work
        var day = daily.network.calendar.dayIndex(at: time)
        var tod = daily.network.calendar.timeOfDay(time)
        let perSecond = 1 / Double(SimTime.ticksPerSecond)
        for _ in 0 ..< 366 {
            rates.prepare(s, day: day)
            let midnight = daily.network.calendar.midnight(ofDay: day).ticks
            for seg in rates.segments[s] where seg.to > tod {
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
            if daily.network.calendar.midnight(ofDay: day) >= horizon { return nil }
        }
        return nil
    }

    /// Schedules the next arrival of source `s`, if one comes before `horizon`. Inlined where the
    /// floor handles an arrival: without a calendar it is one draw and one push, less than a call's
    /// own cost; the calendar's walk stays out of line.
    @inline(__always)
    mutating func scheduleArrival(_ s: Int32, followsCalendar: Bool, horizon: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        if !followsCalendar {
            scheduler.scheduleUnlessPastEnd(.arrival(source: s), after: plainGap(Int(s)).ticks)
            return
        }
        scheduleCalendarArrival(s, horizon: horizon, &scheduler)
    }

    /// ``scheduleArrival(_:followsCalendar:horizon:_:)`` when the network follows the calendar.
    @inline(never)
    mutating func scheduleCalendarArrival(_ s: Int32, horizon: SimTime, _ scheduler: inout Scheduler<HallEvent>) {
        let i = Int(s)
        let work = Distribution.exponential(mean: 1, &arrivalStreams[i])
        if let next = nextArrival(i, after: scheduler.now, work: work, horizon: horizon), next < horizon {
            scheduler.schedule(.arrival(source: s), at: next)
        }
    }

    /// A person of source `s` walks in: a new case, routed to a group, served at once, queued or balking.
    mutating func arrive<Sink: CaseEventSink>(
        _ s: Int, visit: UInt16, channel: CaseEvent.Channel = .walkIn, _ groups: inout WindowGroups, _ office: inout BackOffice,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let now = scheduler.now
        let caseID = context.nextCaseID()
        let hall = self.hall[s]
        let service = self.service[s]
        context.sink.recordOwned(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, window: visit, channel: channel))
        let duration = serviceTicks(s)
        var g = groups.route(routes[s])
        if groups[g].target == 0, context.followsCalendar {
            guard let waitFor = context.waitingRoute(routes[s], routed: g, at: now) else {
                context.sink.recordOwned(CaseEvent(
                    .abandoned, at: now, case: caseID, hall: hall, group: UInt16(g), service: service,
                    window: AbandonReason.sentHome.rawValue, channel: channel, value: Int64(CaseState.Phase.submitted.rawValue)
                ))
                gaveUp(source: s, visit: visit, &context, &scheduler)
                return
            }
            g = waitFor
        }
        if groups[g].waiting >= balkAt[s], channel != .appointment {
            if visit >= 1, office.escalation.takesSecondGiveUps {
                office.escalateGiveUp(
                    caseID: caseID, service: service, hall: hall, channel: self.channel[s], source: s, group: g, from: .submitted,
                    &groups, &context, &scheduler
                )
                return
            }
            context.sink.recordOwned(CaseEvent(
                .abandoned, at: now, case: caseID, hall: hall, group: UInt16(g), service: service,
                window: AbandonReason.balked.rawValue, channel: channel, value: Int64(CaseState.Phase.submitted.rawValue)
            ))
            gaveUp(source: s, visit: visit, &context, &scheduler)
            return
        }
        let kind: CaseEvent.Visit = visit > 0 ? .returning : .first
        var ticket = CaseEvent(.ticketIssued, at: now, case: caseID, hall: hall, group: UInt16(g), service: service, channel: channel)
        ticket.visit = kind
        context.sink.recordOwned(ticket)
        if let w = groups.takeFree(g) {
            groups.beginService(
                window: Int(w), group: g, caseID: caseID, service: service, channel: channel, wait: 0, duration: duration, source: Int32(s),
                visit: kind, &context.sink, &scheduler
            )
            return
        }
        let place = groups.enqueue(
            WindowGroups.Waiting(
                caseID: caseID, service: service, visit: visit, source: Int32(s), group: UInt16(g), arrival: now.ticks, duration: duration,
                channel: channel, generation: 0
            ), group: g, booked: channel == .appointment
        )
        if let limit = patienceLimit(s) {
            scheduler.scheduleUnlessPastEnd(.patienceEnds(slot: place.slot, generation: place.generation), after: limit.ticks)
        }
    }

    /// A walk-in (no record) left group `g`'s queue unserved: `abandoned` (escalated instead on a
    /// return visit when the escalation desk takes second give-ups), and maybe a return visit.
    mutating func leftQueue<Sink: CaseEventSink>(
        _ person: WindowGroups.Waiting, group g: Int, reason: AbandonReason, _ groups: inout WindowGroups, _ office: inout BackOffice,
        _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        let s = Int(person.source)
        if person.visit >= 1, office.escalation.takesSecondGiveUps {
            office.escalateGiveUp(
                caseID: person.caseID, service: service[s], hall: hall[s], channel: channel[s], source: s, group: g, from: .queued,
                &groups, &context, &scheduler
            )
            return
        }
        var left = CaseEvent(
            .abandoned, at: scheduler.now, case: person.caseID, hall: groups.groupHall[g], group: UInt16(g), service: person.service,
            window: reason.rawValue, channel: person.channel, value: Int64(CaseState.Phase.queued.rawValue)
        )
        left.visit = person.visitKind
        context.sink.recordOwned(left)
        gaveUp(source: s, visit: person.visit, &context, &scheduler)
    }

    /// Someone of source `s` gave up: counts them out, and maybe schedules their return visit.
    mutating func gaveUp<Sink: CaseEventSink>(
        source s: Int, visit: UInt16, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) {
        context.finishedCount &+= 1
        defer { context.stopIfDone(&scheduler) }
        guard returnVisit[s] != nil, visit < UInt16.max, let days = returnDays(s) else { return }
        let later = scheduler.now.ticks + days * ServiceCalendar.dayTicks
        guard later < context.horizon.ticks else { return }
        let at = context.followsCalendar ? daily.nextOpening(source: s, from: SimTime(ticks: later)) : SimTime(ticks: later)
        if let at, at < context.horizon {
            scheduler.schedule(.returnVisit(source: Int32(s), visit: visit + 1), at: at)
        }
    }
}
