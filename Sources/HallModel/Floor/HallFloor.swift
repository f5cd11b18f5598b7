public import CaseEngine
import DequeModule
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

/// The halls at work: it composes the roles of the floor and routes each kernel event to them.
///
/// Every change a case goes through is reported to the sink as a ``CaseEvent``; the floor keeps no
/// statistics of its own. The roles, each a type of its own with its rules in its documentation:
/// - ``ArrivalSources``: who arrives when, by which channel, and how they behave while waiting;
/// - ``WindowGroups``: windows on and off duty, the queues (walk-ins and booked) and routing;
/// - ``AppointmentBook``: booked slots, no-shows and punctuality;
/// - ``CaseRecords``: open cases past a window (back office, materials, results, escalation);
/// - ``BackOfficeDesks``: departments' and the escalation desk's desks and work lists;
/// - ``EscalationDesk`` and ``Ratings``: escalated cases, ratings, callbacks and complaints.
///
/// The flows that take a case from one role to the next are the floor's, one file per stage:
/// walk-ins and windows (`HallFloor+Windows`), staffing and closing (`HallFloor+Staffing`),
/// appointments (`HallFloor+Appointments`), acceptance and the back office (`HallFloor+BackOffice`),
/// results and pick-ups (`HallFloor+Results`), escalation and ratings (`HallFloor+Escalation`).
///
/// - Staffing: a group's staffed windows follow its hall's hours, its roster and the weekend
///   rotation. When they drop, free windows go off duty at once and busy ones finish the case in
///   hand first. When they drop to zero (closing, a lunch break, a shift end), people still waiting
///   are served to the end of the queue, sent home, or (at a break) wait, as the group's break
///   policy or the hall's closing policy says (`HallFloor+Visits`).
/// - Nobody arrives while closed; a person returning after giving up comes back at the same time
///   of day, or at the next opening. Appointment holders never balk; patience and return visits
///   (as walk-ins) apply as for walk-ins; all their events carry the channel `.appointment`.
/// - Time: anything due after the horizon, or after the end of the clock (``SimTime/end``, for
///   sampled durations beyond its range), never happens: the case is still open at the end.
public struct HallFloor<Sink: CaseEventSink>: EventHandler {
    let network: HallNetwork
    /// Whether a visit for the service ends at the window with nothing more to do (no back office,
    /// materials, bundle or rating): the fast path.
    let plainService: [Bool]
    let serviceCount: Int
    let followsCalendar: Bool
    /// Per group and day type, when the group has windows staffed (``HallNetwork/staffedHours()``); empty without a calendar.
    let staffedHours: [[[DayInterval]]]
    /// The stop rule's horizon, or the end of the clock.
    let horizon: SimTime
    let caseLimit: Int

    var sources: ArrivalSources
    var groups: WindowGroups
    var appointments: AppointmentBook
    var records = CaseRecords()
    var desks: BackOfficeDesks
    var escalation: EscalationDesk
    var ratings: Ratings
    /// Back-office draws (shares, work times, delays) per source.
    var officeStreams: [RandomStream]
    var currentDay: HallNetwork.Day?
    var arrivedCount = 0
    var finishedCount = 0

    /// Cases that have arrived.
    public var arrived: Int { arrivedCount }
    /// Cases that have left (served or gave up).
    public var finished: Int { finishedCount }
    /// Receives every case event.
    public var sink: Sink

    /// When set (by tests), every appointment case's source and slot, in order of arrival.
    var appointmentLog: [(caseID: UInt32, source: Int, slot: Int64)]? {
        get { appointments.log }
        set { appointments.log = newValue }
    }

    /// Sets up empty halls for `network`, with random streams derived from `seed`.
    public init(network: HallNetwork, seed: UInt64, sink: Sink) {
        self.network = network
        serviceCount = network.serviceTimes.count
        plainService = network.serviceTimes.indices.map { s in
            network.offices[s] == nil && network.incomplete[s] == nil && network.parts[s].isEmpty && network.ratings == nil
        }
        followsCalendar = network.followsCalendar
        staffedHours = followsCalendar ? network.staffedHours() : []
        horizon = network.stop.horizon ?? .end
        caseLimit = network.stop.cases ?? Int.max
        sources = ArrivalSources(network, seed: seed)
        groups = WindowGroups(network)
        appointments = AppointmentBook(network, seed: seed)
        desks = BackOfficeDesks(network)
        escalation = EscalationDesk(network, seed: seed)
        ratings = Ratings(network, seed: seed)
        officeStreams = network.sources.map { RandomStream(seed: seed, label: "office/" + $0.label) }
        self.sink = sink
    }

    /// Opens the halls at time zero and schedules each source's first arrival.
    public mutating func start(_ scheduler: inout Scheduler<HallEvent>) {
        if followsCalendar {
            startDay(0, &scheduler)
        } else {
            for g in 0 ..< groups.count { setStaffing(g, network.groups[g].windows.count, &scheduler) }
        }
        for s in 0 ..< sources.count { scheduleArrival(Int32(s), &scheduler) }
    }

    public mutating func handle(_ event: HallEvent, scheduler: inout Scheduler<HallEvent>) {
        switch event {
        case .arrival(let source):
            guard arrivedCount < caseLimit else { return }
            let s = Int(source)
            if sources.channel[s].skipsQueue {
                arriveRemote(s, &scheduler)
            } else if !book(s, &scheduler) {
                arrive(s, visit: 0, channel: sources.channel[s], &scheduler)
            }
            if arrivedCount < caseLimit { scheduleArrival(source, &scheduler) }
        case .serviceEnd(let window):
            finishService(Int(window), &scheduler)
        case .dayStart(let day):
            startDay(Int(day), &scheduler)
        case .staffing(let group, let count):
            setStaffing(Int(group), Int(count), &scheduler)
        case .patienceEnds(let slot, let generation):
            patienceEnds(Int(slot), generation, &scheduler)
        case .returnVisit(let source, let visit):
            guard arrivedCount < caseLimit else { return }
            arrive(Int(source), visit: visit, channel: sources.channel[Int(source)], &scheduler)
        case .appointment(let booking):
            guard arrivedCount < caseLimit else { return }
            keepAppointment(Int(booking), &scheduler)
        case .fileArrives(let record):
            fileArrives(Int(record), &scheduler)
        case .materialsBack(let record):
            materialsBack(Int(record), &scheduler)
        case .resultDelivered(let record):
            resultDelivered(Int(record), &scheduler)
        case .pickup(let record):
            pickupArrives(Int(record), &scheduler)
        }
    }

    /// A case reached a terminal phase: its record (if any) is freed, and the run may stop.
    mutating func caseEnded(_ r: Int?, _ scheduler: inout Scheduler<HallEvent>) {
        if let r { records.close(r) }
        finishedCount &+= 1
        if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() }
    }
}
