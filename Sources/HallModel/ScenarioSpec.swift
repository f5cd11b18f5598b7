public import CaseEngine
public import SimCore

/// A scenario as plain values, units resolved: what the simulator is asked to run.
///
/// Scenario files are parsed and checked into this shape by the `Scenarios`
/// module; tests and tools may also build one in code. Times are ``SimTime``,
/// rates are per second, service times are distributions in seconds.
public struct ScenarioSpec: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    public var stop: StopRule
    /// The date at time zero, weekend days, holidays and adjusted working days.
    public var calendar: ServiceCalendar
    /// How people behave when they wait, unless a demand entry says otherwise.
    public var behaviour: BehaviourSpec
    /// The wait within which a case counts as served on time (the service level's target), if set.
    public var serviceLevelTarget: SimTime?
    public var services: [ServiceSpec]
    public var halls: [HallSpec]
    public var demand: [DemandSpec]
    /// The escalation desk, if the network has one.
    public var escalation: EscalationSpec?
    /// Good/bad ratings, if people rate.
    public var ratings: RatingSpec?

    public init(
        name: String, seed: UInt64 = 1, stop: StopRule,
        calendar: ServiceCalendar = ServiceCalendar(start: ScenarioSpec.defaultStart),
        behaviour: BehaviourSpec = BehaviourSpec(), serviceLevelTarget: SimTime? = nil,
        services: [ServiceSpec], halls: [HallSpec], demand: [DemandSpec],
        escalation: EscalationSpec? = nil, ratings: RatingSpec? = nil
    ) {
        self.name = name
        self.seed = seed
        self.stop = stop
        self.calendar = calendar
        self.behaviour = behaviour
        self.serviceLevelTarget = serviceLevelTarget
        self.services = services
        self.halls = halls
        self.demand = demand
        self.escalation = escalation
        self.ratings = ratings
    }

    /// The start date when a scenario gives none: Monday 1 January 2024.
    public static let defaultStart = CalendarDate(year: 2024, month: 1, day: 1)!
}

/// How people behave while they wait. Every part is optional; none means infinitely patient.
public struct BehaviourSpec: Sendable, Equatable {
    /// How long a person waits in the queue before giving up (reneging), in seconds.
    public var patience: Distribution?
    /// A person who finds this many or more already waiting in the group's queue leaves at once (balks).
    public var balkAt: Int?
    /// Whether and when a person who gave up (reneged, balked or was sent home at closing) comes back.
    public var returnVisit: ReturnVisitSpec?

    public init(patience: Distribution? = nil, balkAt: Int? = nil, returnVisit: ReturnVisitSpec? = nil) {
        self.patience = patience
        self.balkAt = balkAt
        self.returnVisit = returnVisit
    }
}

/// A return visit after giving up: with `probability`, the person comes back as a new visit
/// `afterDays` (a distribution in days, rounded up to whole days) later, at the same time of day
/// if the hall is open then, else at its next opening.
public struct ReturnVisitSpec: Sendable, Equatable {
    public var probability: Double
    public var afterDays: Distribution

    public init(probability: Double, afterDays: Distribution) {
        self.probability = probability
        self.afterDays = afterDays
    }
}

/// When a run ends: after a number of arrived cases have all left, at a time horizon, or whichever comes first.
public struct StopRule: Sendable, Equatable {
    /// Arrivals stop after this many cases; the run ends when the last of them has left.
    public var cases: Int?
    /// The run ends at this time, whatever is still in the system.
    public var horizon: SimTime?

    public init(cases: Int? = nil, horizon: SimTime? = nil) {
        self.cases = cases
        self.horizon = horizon
    }
}

/// A service (an item of the catalogue): how long it takes at a window, and what follows.
///
/// A service with `parts` is a bundle ("one thing, one visit"): accepted once at a window
/// or online, then each part becomes a case of its own, decided in parallel by its
/// department; the bundle's combined result is ready when its last part is decided.
public struct ServiceSpec: Sendable, Equatable {
    public var id: String
    /// Service time at the window (for a bundle: the one acceptance), in seconds.
    public var serviceTime: Distribution
    /// Time at a kiosk, in seconds; `nil`: the window's service time.
    public var selfServiceTime: Distribution?
    /// The back office that decides accepted cases; `nil`: decided on the spot.
    public var backOffice: BackOfficeSpec?
    /// A share of submissions with materials missing, if any.
    public var incomplete: IncompleteSpec?
    /// How results reach people.
    public var result: ResultSpec
    /// For a bundle, the ids of its part services (each with a back office).
    public var parts: [String]

    public init(
        id: String, serviceTime: Distribution, selfServiceTime: Distribution? = nil, backOffice: BackOfficeSpec? = nil,
        incomplete: IncompleteSpec? = nil, result: ResultSpec = ResultSpec(), parts: [String] = []
    ) {
        self.id = id
        self.serviceTime = serviceTime
        self.selfServiceTime = selfServiceTime
        self.backOffice = backOffice
        self.incomplete = incomplete
        self.result = result
        self.parts = parts
    }
}

/// The tier of a hall in the service network.
public enum Tier: String, Sendable, Equatable, CaseIterable {
    case city, county, town, village
}

/// When a hall is open.
public enum OpeningHours: Sendable, Equatable {
    /// Open around the clock, every day.
    case always
    /// Open in the given intervals on each kind of day; a kind of day not listed is closed.
    case schedule([DayType: [DayInterval]])
}

/// An interval of the day, from `from` up to (not including) `to`, in ticks since midnight.
public struct DayInterval: Sendable, Equatable, Hashable {
    public var from: Int64
    public var to: Int64

    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }

    /// The interval between two clock times given as hours and minutes, e.g. `(9, 0)` to `(12, 0)`.
    public init(_ from: (Int, Int), _ to: (Int, Int)) {
        let minute = SimTime.minutes(1).ticks
        self.from = Int64(from.0 * 60 + from.1) * minute
        self.to = Int64(to.0 * 60 + to.1) * minute
    }
}

/// What happens to people still waiting when a hall closes.
public enum ClosingPolicy: String, Sendable, Equatable, CaseIterable {
    /// The windows go on until the queue is empty ("extended hours"); nobody new gets in.
    case serveQueue = "serve"
    /// Everyone still waiting is sent home (they may return another day).
    case sendHome = "send_home"
}

/// Weekend rotation: on Saturdays and Sundays that are not holidays, a subset of the
/// hall's window groups opens in the given hours and serves only the listed services.
public struct WeekendRotationSpec: Sendable, Equatable {
    /// Opening intervals on rotated weekend days (the Tongling halls: 09:00–12:00 and 14:30–17:00).
    public var hours: [DayInterval]
    /// Ids of the window groups that open; others stay closed.
    public var groups: [String]
    /// Ids of the services offered; demand for other services does not come on those days.
    public var services: [String]

    public init(hours: [DayInterval], groups: [String], services: [String]) {
        self.hours = hours
        self.groups = groups
        self.services = services
    }

    /// The Tongling rotation hours.
    public static let standardHours = [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 0))]
}

/// Staffed windows in one interval of one kind of day.
public struct RosterShift: Sendable, Equatable {
    public var day: DayType
    public var interval: DayInterval
    /// Windows staffed in the interval (at most the group's count).
    public var count: Int

    public init(day: DayType, interval: DayInterval, count: Int) {
        self.day = day
        self.interval = interval
        self.count = count
    }
}

/// A service hall with its window groups.
public struct HallSpec: Sendable, Equatable {
    public var id: String
    public var tier: Tier
    /// The id of the hall one tier up, if any.
    public var parent: String?
    public var hours: OpeningHours
    /// What happens to people still waiting at closing time.
    public var atClose: ClosingPolicy
    /// What happens to people waiting when a group is unstaffed during the day; `nil`: as `atClose`.
    public var atBreak: BreakPolicy? = nil
    /// The weekend rotation, if the hall takes part in one.
    public var rotation: WeekendRotationSpec?
    public var windows: [WindowGroupSpec]
    /// A hall, a bank outlet or the hotline.
    public var kind: HallKind
    /// Back-office departments.
    public var departments: [DepartmentSpec]
    /// Self-service kiosks, if any.
    public var kiosks: KioskSpec?
    /// The wait within which people count as answered on time here (the hotline: 15 s); reports only.
    public var waitTarget: SimTime?

    public init(
        id: String, tier: Tier, parent: String? = nil, hours: OpeningHours = .always, atClose: ClosingPolicy = .serveQueue,
        rotation: WeekendRotationSpec? = nil, windows: [WindowGroupSpec], kind: HallKind = .hall,
        departments: [DepartmentSpec] = [], kiosks: KioskSpec? = nil, waitTarget: SimTime? = nil
    ) {
        self.id = id
        self.tier = tier
        self.parent = parent
        self.hours = hours
        self.atClose = atClose
        self.rotation = rotation
        self.windows = windows
        self.kind = kind
        self.departments = departments
        self.kiosks = kiosks
        self.waitTarget = waitTarget
    }
}

/// A group of identical windows sharing one FIFO queue and serving a set of services.
public struct WindowGroupSpec: Sendable, Equatable {
    public var id: String
    /// Number of windows (servers) in the group.
    public var count: Int
    /// Ids of the services the group serves.
    public var serves: [String]
    /// Staffed windows per interval and kind of day. On a kind of day with shifts, the group is
    /// closed outside them even when the hall is open; on a kind of day without shifts, every
    /// window is staffed whenever the hall is open.
    public var roster: [RosterShift]
    /// The group's own break policy, overriding its hall's; `nil`: the hall's.
    public var atBreak: BreakPolicy? = nil

    public init(id: String, count: Int, serves: [String], roster: [RosterShift] = []) {
        self.id = id
        self.count = count
        self.serves = serves
        self.roster = roster
    }
}

/// How cases of one service arrive at one hall.
///
/// The arrival rate at a moment is the base rate × `factor` × the profile's factors for
/// that hour, weekday and month while the hall (or, on a rotated weekend, the service) is
/// open. The entry's volume on a day is that rate integrated over the hall's open hours;
/// `channels` split that volume, each channel spreading its share over its own hours (see
/// ``HallNetwork`` for the rules). On a day the hall or service is closed, the volume the
/// hall's working-day hours would have had is lost or moved to the next opening (`closedDays`).
public struct DemandSpec: Sendable, Equatable {
    public var service: String
    public var hall: String
    public var arrivals: ArrivalProcess
    /// A multiplier of the rate (families of halls vary demand with it).
    public var factor: Double
    public var profile: DemandProfile
    /// Overrides the scenario's behaviour for these people, when set.
    public var behaviour: BehaviourSpec?
    /// A share of these people book a slot instead of walking in, when set.
    public var appointments: AppointmentSpec?
    /// How the arrivals split over channels (shares summing to 1); empty: all walk in.
    /// Online and mobile cases come at any hour (shaped by the profile), never use a window,
    /// and go straight to the back office; kiosk cases use the hall's kiosks.
    public var channels: [ChannelShare]
    /// What becomes of the entry's volume on a day its hall or service is closed.
    public var closedDays: ClosedDays = .lost

    public init(
        service: String, hall: String, arrivals: ArrivalProcess, factor: Double = 1, profile: DemandProfile = DemandProfile(),
        behaviour: BehaviourSpec? = nil, appointments: AppointmentSpec? = nil, channels: [ChannelShare] = [],
        closedDays: ClosedDays = .lost
    ) {
        self.closedDays = closedDays
        self.service = service
        self.hall = hall
        self.arrivals = arrivals
        self.factor = factor
        self.profile = profile
        self.behaviour = behaviour
        self.appointments = appointments
        self.channels = channels
    }
}

/// Appointments of a demand entry: `share` of its arrival process books a slot instead of walking in.
///
/// A person drawn by the demand process books, at that moment, the first free slot of the
/// entry's (hall, service) at least `lead` later. Slots start every `slot` from the start of
/// each opening interval of the day (the rotation's on rotated weekends; none on a day the
/// service is not offered) and must end by the interval's end; each holds `perSlot` people.
/// See ``HallFloor`` for what happens on the day.
public struct AppointmentSpec: Sendable, Equatable {
    /// The share of the entry's arrivals that book instead of walking in, in 0...1.
    public var share: Double
    /// The length of a slot, and the spacing of slot starts.
    public var slot: SimTime
    /// The probability that a booked person does not come, in 0...1.
    public var noShow: Double
    /// When a person who comes arrives, relative to the slot's start.
    public var punctuality: PunctualitySpec
    /// The least time between booking and the slot (one day by default: people book for a later day).
    public var lead: SimTime
    /// People per slot (one by default).
    public var perSlot: Int

    public init(
        share: Double, slot: SimTime, noShow: Double = 0, punctuality: PunctualitySpec = PunctualitySpec(),
        lead: SimTime = .days(1), perSlot: Int = 1
    ) {
        self.share = share
        self.slot = slot
        self.noShow = noShow
        self.punctuality = punctuality
        self.lead = lead
        self.perSlot = perSlot
    }
}

/// A signed offset in seconds: `shift` (negative is early) plus a draw of the non-negative `spread`.
///
/// `uniform: { min: -10m, max: 5m }` is `shift` −600 s and `spread` uniform 0…900 s.
public struct PunctualitySpec: Sendable, Equatable {
    /// Seconds added to every draw; negative means early.
    public var shift: Double
    /// A non-negative distribution in seconds.
    public var spread: Distribution

    /// On time: no offset.
    public init(shift: Double = 0, spread: Distribution = .deterministic(0)) {
        self.shift = shift
        self.spread = spread
    }

    /// Uniformly between `min` and `max` seconds (either may be negative).
    public static func uniform(min: Double, max: Double) -> PunctualitySpec {
        PunctualitySpec(shift: min, spread: .uniform(min: 0, max: max - min))
    }

    /// The least and greatest offset a draw can give, when the spread is bounded.
    public var bounds: ClosedRange<Double>? {
        switch spread {
        case .deterministic(let v): return shift + v ... shift + v
        case .uniform(let lo, let hi), .triangular(let lo, _, let hi): return shift + lo ... shift + hi
        default: return nil
        }
    }
}

/// Factors that shape a rate over the day, the week and the year (all 1 by default).
public struct DemandProfile: Sendable, Equatable {
    /// 24 factors, one per hour of the day from 00:00.
    public var hourly: [Double]
    /// 7 factors, Monday to Sunday.
    public var weekday: [Double]
    /// 12 factors, January to December (e.g. ×3 in March and September for housing subsidies).
    public var monthly: [Double]
    /// 24 factors shaping the online and mobile shares over the whole day (``remoteDefault`` unless given).
    public var remoteHourly: [Double] = DemandProfile.remoteDefault

    public init(hourly: [Double] = Array(repeating: 1, count: 24), weekday: [Double] = Array(repeating: 1, count: 7), monthly: [Double] = Array(repeating: 1, count: 12)) {
        self.hourly = hourly
        self.weekday = weekday
        self.monthly = monthly
    }

    /// The default intra-day shape of online and mobile arrivals: quiet at night (0.2 from 00:00
    /// to 07:00), rising in the morning, 1.5 in office hours (09:00–12:00, 14:00–17:00), 1.2 in
    /// the evening (19:00–22:00).
    public static let remoteDefault: [Double] = [
        0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1.0, 1.5, 1.5, 1.5,
        1.0, 1.0, 1.5, 1.5, 1.5, 1.0, 1.0, 1.2, 1.2, 1.2, 0.8, 0.4,
    ]

    /// Whether every factor is 1.
    public var isFlat: Bool { (hourly + weekday + monthly).allSatisfy { $0 == 1 } }
}

/// What becomes of a demand entry's volume on a day its hall or service is closed.
public enum ClosedDays: String, Sendable, Equatable, CaseIterable {
    /// Nobody comes by any channel that day (the default).
    case lost
    /// The day's volume is added to the next day the hall offers the service, split over channels as usual.
    case nextOpening = "next_opening"
}

/// An arrival process.
public enum ArrivalProcess: Sendable, Equatable {
    /// A Poisson process with the given base rate in arrivals per second (shaped by the demand's profile).
    case poisson(perSecond: Double)
}
