public import CaseEngine
public import SimCore

/// What the kernel schedules for the halls.
public enum HallEvent: Sendable {
    /// The next case from an arrival source.
    case arrival(source: Int32)
    /// A window finishes the case in hand.
    case serviceEnd(window: Int32)
    /// Midnight: lay out the day's opening, closing and shift changes.
    case dayStart(day: Int32)
    /// A window group's staffed windows change.
    case staffing(group: Int32, count: Int32)
    /// A waiting person's patience runs out (ignored if they were called first).
    case patienceEnds(slot: Int32, generation: UInt32)
    /// Someone who gave up comes back as a new visit.
    case returnVisit(source: Int32, visit: UInt16)
    /// A booked person comes to the hall, or (at the slot's start) turns out not to come.
    case appointment(booking: Int32)
    /// A forwarded file reaches the department that decides it.
    case fileArrives(record: Int32)
    /// Missing materials come in (or, for who gives up, the moment they would have).
    case materialsBack(record: Int32)
    /// A mailed result arrives.
    case resultDelivered(record: Int32)
    /// A person comes back to pick a result up.
    case pickup(record: Int32)
}

/// The halls at work: it composes the roles of the floor and routes each kernel event to the role
/// that handles it, passing what the role needs.
///
/// Every change a case goes through is reported to the sink as a ``CaseEvent``; the floor keeps no
/// statistics of its own. The roles, each a type of its own with its rules in its documentation:
/// - ``ArrivalSources``: who arrives when, by which channel, and how they behave while waiting;
///   walk-ins, balking, giving up and return visits;
/// - ``WindowGroups``: windows on and off duty, the queues (walk-ins and booked), routing and service;
/// - ``AppointmentBook``: booked slots, no-shows and punctuality;
/// - ``BackOffice``: acceptance, missing materials, forwarding and decisions, with its
///   ``BackOfficeDesks`` (departments' and the escalation desk's desks and work lists), the
///   ``EscalationDesk`` and ``Ratings``;
/// - ``Results``: results mailed or picked up, and returns with missing materials.
///
/// What every role reaches — the network, the sink, the records of open cases (``CaseRecords``),
/// the counts and the stop rule — is the ``FloorContext``, passed `inout` with the roles a flow needs.
///
/// - Staffing: a group's staffed windows follow its hall's hours, its roster and the weekend
///   rotation. When they drop, free windows go off duty at once and busy ones finish the case in
///   hand first. When they drop to zero and the group is staffed again later that day, that is a
///   break: its `at_break` policy applies (`serve`, `send_home` or `wait`; without one, its hall's
///   `at_close`). Otherwise it is closing, and `at_close` applies: people still waiting are served
///   to the end of the queue or sent home.
/// - Nobody joins a group that will not be staffed again that day: a walk-in whose eligible groups
///   are all unstaffed joins the first of them staffed again later that day, or, if none is, is sent
///   home at once (`abandoned`, reason `sentHome`, from `submitted`), and may come back another day.
/// - Nobody arrives while closed; a person returning after giving up comes back at the same time
///   of day, or at the next opening. Appointment holders never balk; patience and return visits
///   (as walk-ins) apply as for walk-ins; all their events carry the channel `.appointment`.
/// - Time: anything due after the horizon, or after the end of the clock (``SimTime/end``, for
///   sampled durations beyond its range), never happens: the case is still open at the end.
public struct HallFloor<Sink: CaseEventSink>: EventHandler, ~Copyable {
    /// Whether a visit for the service ends at the window with nothing more to do (no back office,
    /// materials, bundle or rating): the fast path.
    let plainService: FloorTable<Bool>
    var context: FloorContext<Sink>
    var sources: ArrivalSources
    var groups: WindowGroups
    var appointments: AppointmentBook
    var office: BackOffice

    /// Cases that have arrived.
    public var arrived: Int { context.arrivedCount }
    /// Cases that have left (served or gave up).
    public var finished: Int { context.finishedCount }
    /// Receives every case event. Reading or changing it may leave a copy that shares its storage,
    /// so the floor takes the storage alone again before it next records (``FloorContext/ownSink()``).
    public var sink: Sink {
        mutating get {
            context.sinkMayBeShared = true
            return context.sink
        }
        _modify {
            yield &context.sink
            context.sinkMayBeShared = true
        }
    }

    /// When set (by tests), every appointment case's source and slot, in order of arrival.
    var appointmentLog: [(caseID: UInt32, source: Int, slot: Int64)]? {
        get { appointments.log }
        set { appointments.log = newValue }
    }

    /// Sets up empty halls for `network`, with random streams derived from `seed`.
    public init(network: HallNetwork, seed: UInt64, sink: Sink) {
        plainService = FloorTable(network.serviceTimes.indices.map { s in
            network.offices[s] == nil && network.incomplete[s] == nil && network.parts[s].isEmpty && network.ratings == nil
        })
        context = FloorContext(network: network, sink: sink)
        sources = ArrivalSources(network, seed: seed)
        groups = WindowGroups(network)
        appointments = AppointmentBook(network, seed: seed)
        office = BackOffice(network, seed: seed)
    }

    /// Opens the halls at time zero and schedules each source's first arrival.
    public mutating func start(_ scheduler: inout Scheduler<HallEvent>) {
        context.ownSink()
        if context.followsCalendar {
            startDay(0, &scheduler)
        } else {
            for g in 0 ..< groups.count { setStaffing(g, context.network.groups[g].windows.count, &scheduler) }
        }
        for s in 0 ..< sources.count { scheduleArrival(Int32(s), &scheduler) }
    }

    public mutating func handle(_ event: HallEvent, scheduler: inout Scheduler<HallEvent>) {
        context.ownSink()
        switch event {
        case .arrival(let source):
            guard context.takesCases else { return }
            let s = Int(source)
            let channel = sources.channel[s]
            if channel.skipsQueue {
                office.arriveRemote(
                    s, service: sources.service[s], hall: sources.hall[s], channel: channel, &groups, &context, &scheduler
                )
            } else if !appointments.bookIfDrawn(s, horizon: context.horizon, &scheduler) {
                sources.arrive(s, visit: 0, channel: channel, &groups, &office, &context, &scheduler)
            }
            if context.takesCases { scheduleArrival(source, &scheduler) }
        case .serviceEnd(let window):
            finishService(Int(window), &scheduler)
        case .dayStart(let day):
            startDay(Int(day), &scheduler)
        case .staffing(let group, let count):
            setStaffing(Int(group), Int(count), &scheduler)
        case .patienceEnds(let slot, let generation):
            let slot = Int(slot)
            guard slot < groups.slots.capacity, groups.slots[slot].generation == generation else { return }
            giveUp(slot: slot, group: Int(groups.slots[slot].group), reason: .reneged, &scheduler)
        case .returnVisit(let source, let visit):
            guard context.takesCases else { return }
            sources.arrive(Int(source), visit: visit, channel: sources.channel[Int(source)], &groups, &office, &context, &scheduler)
        case .appointment(let booking):
            guard context.takesCases else { return }
            if let s = appointments.keep(Int(booking), &context, &scheduler) {
                sources.arrive(s, visit: 0, channel: .appointment, &groups, &office, &context, &scheduler)
            }
        case .fileArrives(let record):
            office.fileArrives(Int(record), &groups, &context, &scheduler)
        case .materialsBack(let record):
            Results.materialsBack(Int(record), &office, &sources, &groups, &context, &scheduler)
        case .resultDelivered(let record):
            Results.delivered(Int(record), &office, &groups, &context, &scheduler)
        case .pickup(let record):
            Results.pickupArrives(Int(record), &office, &sources, &groups, &context, &scheduler)
        }
    }

    /// Schedules the next arrival of source `s`, if one comes before the horizon.
    mutating func scheduleArrival(_ s: Int32, _ scheduler: inout Scheduler<HallEvent>) {
        sources.scheduleArrival(s, followsCalendar: context.followsCalendar, horizon: context.horizon, &scheduler)
    }

    /// Window (or desk) `w` finished what it was doing: a plain visit ends there, any other goes to
    /// the back office (desks' tasks too); then the window calls the next person, waits, or goes off duty.
    mutating func finishService(_ w: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let g = Int(groups.windowGroup[w])
        if groups.isDesk(g) {
            office.finishWork(w, group: g, &groups, &context, &scheduler)
            return
        }
        let done = groups.windows[w]
        if plainService[Int(done.service)], !done.pickup, done.record < 0 {
            context.sink.recordOwned(CaseEvent(
                .serviceCompleted, at: scheduler.now, case: done.caseID, hall: groups.groupHall[g], group: UInt16(g),
                service: done.service, window: groups.windowIndex(w, in: g), channel: done.channel, value: done.duration
            ))
            context.finishedCount &+= 1
        } else {
            office.endVisit(done, window: w, group: g, &groups, &context, &scheduler)
        }
        groups.release(w, group: g, &context.sink, &scheduler)
        context.stopIfDone(&scheduler)
    }

    /// The person in `slot` leaves group `g`'s queue without being served: a pick-up leaves the
    /// result uncollected, a return with materials abandons the case, a walk-in gives up.
    mutating func giveUp(slot: Int, group g: Int, reason: AbandonReason, _ scheduler: inout Scheduler<HallEvent>) {
        let person = groups.leave(slot, group: g)
        if person.pickup {
            Results.pickupGaveUp(Int(person.record), group: g, reason: reason, hall: groups.groupHall[g], &office, &context, &scheduler)
        } else if person.record >= 0 {
            Results.recordGaveUp(Int(person.record), group: g, reason: reason, hall: groups.groupHall[g], &context, &scheduler)
        } else {
            sources.leftQueue(person, group: g, reason: reason, &groups, &office, &context, &scheduler)
        }
    }

    /// Midnight of day `day`: schedules the day's staffing changes and the next midnight.
    mutating func startDay(_ day: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let plan = context.daily.day(day)
        context.currentDay = plan
        let midnight = context.network.calendar.midnight(ofDay: day)
        for g in 0 ..< groups.count {
            for step in context.daily.staffingSteps(group: g, on: plan) {
                if step.at == 0 {
                    if step.count != groups[g].target || day == 0 { setStaffing(g, step.count, &scheduler) }
                } else {
                    scheduler.schedule(.staffing(group: Int32(g), count: Int32(step.count)), at: midnight + SimTime(ticks: step.at))
                }
            }
        }
        let next = context.network.calendar.midnight(ofDay: day + 1)
        if next < context.horizon, context.takesCases || context.finishedCount < context.arrivedCount {
            scheduler.schedule(.dayStart(day: Int32(day + 1)), at: next)
        }
    }

    /// Sets group `g`'s staffed windows (or desks) to `count`, calling waiting people or sending windows off duty.
    mutating func setStaffing(_ g: Int, _ count: Int, _ scheduler: inout Scheduler<HallEvent>) {
        if groups.isDesk(g) {
            office.desks.setStaffing(g, count, desks: context.network.groups[g].windows, &groups, &context.sink, &scheduler)
            return
        }
        groups.setTarget(g, count, &context.sink, scheduler.now)
        if count == 0 {
            queueStops(g, &scheduler)
        } else {
            groups[g].draining = false
        }
        groups.staff(g, count, &context.sink, &scheduler)
    }

    /// What the queue of group `g` does when its staffing drops to zero now: at a break, the
    /// group's `at_break` policy; at closing, its hall's `at_close`.
    mutating func queueStops(_ g: Int, _ scheduler: inout Scheduler<HallEvent>) {
        guard let policy = context.network.groups[g].atBreak, context.staffedLater(g, after: scheduler.now) else {
            switch context.network.halls[Int(groups.groupHall[g])].atClose {
            case .serveQueue:
                groups[g].draining = true
            case .sendHome:
                sendHome(g, &scheduler)
            }
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
}
