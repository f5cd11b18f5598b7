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

/// The physical state of the halls — queues, windows on and off duty, arrival streams —
/// and how it reacts to events.
///
/// Every change a case goes through is reported to the sink as a ``CaseEvent``;
/// the floor keeps no statistics of its own.
///
/// - Routing: a walk-in goes to the first eligible group (in the hall's order) with a
///   free window; if none is free, to the staffed group with the fewest waiting per
///   staffed window, ties to the first listed; if none is staffed, to the first group.
/// - Staffing: a group's staffed windows follow its hall's hours, its roster and the
///   weekend rotation. When they drop, free windows go off duty at once and busy ones
///   finish the case in hand first. When they drop to zero (closing, a lunch break, a
///   shift end), people still waiting are served to the end of the queue or sent
///   home, as the hall's closing policy says.
/// - Arrivals: a Poisson process whose rate is constant within each hour and zero
///   while the hall (or, on a rotated weekend, the service) is closed, drawn exactly by
///   inverting its cumulative rate. Nobody arrives while closed; a person returning
///   after giving up comes back at the same time of day, or at the next opening.
/// - Appointments: of a demand entry with ``AppointmentSpec``, each person its process
///   draws books with probability `share` instead of walking in. They book, at that moment,
///   the first slot of the entry's (hall, service) with room that starts at least `lead`
///   (one day) later: slots start every `slot` from the start of each opening interval
///   on days the service is offered (the rotation's hours on rotated weekends) and end by
///   the interval's end; each holds `perSlot` people (one), whatever the number of
///   windows. Who finds no slot within a year walks in at once. With probability
///   `noShow` the person does not come: at the slot's start the case is submitted and
///   marked `.noShow`. Otherwise they come at the slot's start plus a punctuality offset
///   (negative is early), kept inside the opening interval holding the slot (nobody comes
///   before it opens or after it closes), and take a ticket. Appointment holders never
///   balk; patience and return visits (as walk-ins) apply as for walk-ins. Each group
///   keeps a second FIFO for them, called before its walk-ins. All their events carry the
///   channel `.appointment`. Booking draws come from the stream "appointments/<hall>/<service>",
///   so entries without appointments draw exactly as before.
public struct HallFloor<Sink: CaseEventSink>: EventHandler {
    /// A person waiting in a queue, kept in a slot that the queue and the patience timer both point to.
    struct Waiting {
        var caseID: UInt32
        var service: UInt16
        var visit: UInt16
        var source: Int32
        var group: UInt16
        var arrival: Int64
        var duration: Int64
        var channel: CaseEvent.Channel
        /// Bumped whenever the slot is vacated, so stale queue entries and timers are recognised.
        var generation: UInt32
        /// The case's record when it has one (a return with materials, a pick-up), else -1.
        var record: Int32 = -1
        /// Whether the person comes to pick a result up.
        var pickup = false
    }

    struct Ticket {
        var slot: Int32
        var generation: UInt32
    }

    struct InService {
        var caseID: UInt32
        var service: UInt16
        var duration: Int64
        var channel: CaseEvent.Channel
        var source: Int32 = 0
        var record: Int32 = -1
        var pickup = false
        var wait: Int64 = 0
    }

    struct GroupState {
        var queue: Deque<Ticket>
        /// Appointment holders, called before `queue`.
        var booked = Deque<Ticket>()
        /// People really waiting (the deque may also hold stale tickets).
        var waiting = 0
        var free: [Int32]
        var off: [Int32] = []
        var onDuty: Int
        var target: Int
        /// Closing with the serve-the-queue policy: busy windows go on while anyone waits.
        var draining = false
        /// A department's or the escalation desk's work list.
        var work = Deque<WorkItem>()
    }

    let network: HallNetwork
    let sourceHall: [UInt16]
    let sourceService: [UInt16]
    let sourceMeanGap: [Double]
    let sourceRoutes: [Range<Int>]
    let routes: [Int]
    let serviceTimes: [Distribution]
    let sourceChannel: [CaseEvent.Channel]
    /// Whether a visit for the service ends at the window with nothing more to do (no back office,
    /// materials, bundle or rating): the fast path.
    let plainService: [Bool]
    let groupKind: [Catalog.GroupKind]
    let serviceCount: Int
    let windowGroup: [UInt16]
    let groupHall: [UInt16]
    let groupFirstWindow: [Int]
    let patience: [Distribution?]
    let balkAt: [Int]
    let returnVisit: [ReturnVisitSpec?]
    let appointments: [AppointmentSpec?]
    let followsCalendar: Bool
    let horizon: SimTime
    let caseLimit: Int

    var arrivalStreams: [RandomStream]
    var serviceStreams: [RandomStream]
    var behaviourStreams: [RandomStream]
    var appointmentStreams: [RandomStream]
    var officeStreams: [RandomStream]
    var ratingStreams: [RandomStream]
    var escalationStream: RandomStream
    /// Open cases past a window (back office, materials, results), by record index.
    var records: [CaseRecord] = []
    var vacantRecords: [Int32] = []
    /// What each desk works on, and when it ends (desks are windows of department and escalation groups).
    var deskItems: [WorkItem]
    var deskEnds: [EventID]
    var deskEndTimes: [Int64]
    var bookings: [Booking] = []
    var vacantBookings: [Int32] = []
    /// Per source: the latest slot booked, how many it holds, and its opening interval (absolute ticks).
    var lastSlot: [Int64]
    var lastSlotTaken: [Int]
    var lastSlotInterval: [DayInterval]
    /// When set (by tests), every appointment case's source and slot, in order of arrival.
    var appointmentLog: [(caseID: UInt32, source: Int, slot: Int64)]?
    var groups: [GroupState]
    var windows: [InService]
    var slots: [Waiting] = []
    var vacantSlots: [Int32] = []
    var segments: [[HallNetwork.RateSegment]]
    var segmentDay: [Int]
    var currentDay: HallNetwork.Day?
    var arrivedCount = 0
    var finishedCount = 0

    /// Cases that have arrived.
    public var arrived: Int { arrivedCount }
    /// Cases that have left (served or gave up).
    public var finished: Int { finishedCount }
    /// Receives every case event.
    public var sink: Sink

    /// Sets up empty halls for `network`, with random streams derived from `seed`.
    public init(network: HallNetwork, seed: UInt64, sink: Sink) {
        self.network = network
        let sources = network.sources
        sourceHall = sources.map { UInt16($0.hall) }
        sourceService = sources.map { UInt16($0.service) }
        sourceMeanGap = sources.map { 1 / $0.rate }
        sourceRoutes = sources.map(\.routes)
        routes = network.routes
        serviceTimes = sources.map(\.serviceTime)
        sourceChannel = sources.map(\.channel)
        groupKind = network.groups.map(\.kind)
        serviceCount = network.serviceTimes.count
        plainService = network.serviceTimes.indices.map { s in
            network.offices[s] == nil && network.incomplete[s] == nil && network.parts[s].isEmpty && network.ratings == nil
        }
        officeStreams = sources.map { RandomStream(seed: seed, label: "office/" + $0.label) }
        ratingStreams = sources.map { RandomStream(seed: seed, label: "ratings/" + $0.label) }
        escalationStream = RandomStream(seed: seed, label: "escalation")
        deskItems = Array(repeating: WorkItem(), count: network.windowCount)
        deskEnds = Array(repeating: EventID(sequence: 0), count: network.windowCount)
        deskEndTimes = Array(repeating: -1, count: network.windowCount)
        var windowGroup = [UInt16](repeating: 0, count: network.windowCount)
        for (g, group) in network.groups.enumerated() {
            for w in group.windows { windowGroup[w] = UInt16(g) }
        }
        self.windowGroup = windowGroup
        groupHall = network.groups.map { UInt16($0.hall) }
        groupFirstWindow = network.groups.map(\.windows.lowerBound)
        patience = sources.map(\.behaviour.patience)
        balkAt = sources.map { $0.behaviour.balkAt ?? Int.max }
        returnVisit = sources.map(\.behaviour.returnVisit)
        followsCalendar = network.followsCalendar
        horizon = network.stop.horizon ?? .never
        caseLimit = network.stop.cases ?? Int.max
        arrivalStreams = sources.map { RandomStream(seed: seed, label: "arrivals/" + $0.label) }
        serviceStreams = sources.map { RandomStream(seed: seed, label: "service/" + $0.label) }
        behaviourStreams = sources.map { RandomStream(seed: seed, label: "behaviour/" + $0.label) }
        appointments = sources.map(\.appointments)
        appointmentStreams = sources.map { RandomStream(seed: seed, label: "appointments/" + $0.label) }
        lastSlot = Array(repeating: Int64.min, count: sources.count)
        lastSlotTaken = Array(repeating: 0, count: sources.count)
        lastSlotInterval = Array(repeating: DayInterval(from: 0, to: 0), count: sources.count)
        groups = network.groups.map { g in
            GroupState(queue: Deque(minimumCapacity: 16), free: [], off: g.windows.reversed().map(Int32.init), onDuty: 0, target: 0)
        }
        windows = Array(repeating: InService(caseID: 0, service: 0, duration: 0, channel: .walkIn), count: network.windowCount)
        segments = Array(repeating: [], count: sources.count)
        segmentDay = Array(repeating: -1, count: sources.count)
        self.sink = sink
    }

    /// Opens the halls at time zero and schedules each source's first arrival.
    public mutating func start(_ scheduler: inout Scheduler<HallEvent>) {
        if followsCalendar {
            startDay(0, &scheduler)
        } else {
            for g in groups.indices { setStaffing(g, network.groups[g].windows.count, &scheduler) }
        }
        for s in sourceHall.indices { scheduleArrival(Int32(s), &scheduler) }
    }

    public mutating func handle(_ event: HallEvent, scheduler: inout Scheduler<HallEvent>) {
        switch event {
        case .arrival(let source):
            guard arrivedCount < caseLimit else { return }
            let s = Int(source)
            if sourceChannel[s].skipsQueue {
                arriveRemote(s, &scheduler)
            } else if !book(s, &scheduler) {
                arrive(s, visit: 0, channel: sourceChannel[s], &scheduler)
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
            arrive(Int(source), visit: visit, channel: sourceChannel[Int(source)], &scheduler)
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
}
