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

/// Staffed windows in one interval of one kind of day, on every day of that kind or only on some
/// weekdays or in some months.
public struct RosterShift: Sendable, Equatable {
    public var day: DayType
    public var interval: DayInterval
    /// Windows staffed in the interval (at most the group's count).
    public var count: Int
    /// The weekdays the shift is worked on; empty: every weekday.
    public var weekdays: [Weekday] = []
    /// The months (1…12) the shift is worked in; empty: every month.
    public var months: [Int] = []

    public init(day: DayType, interval: DayInterval, count: Int, weekdays: [Weekday] = [], months: [Int] = []) {
        self.day = day
        self.interval = interval
        self.count = count
        self.weekdays = weekdays
        self.months = months
    }

    /// Whether the shift is limited to some weekdays or months.
    public var isFiltered: Bool { !weekdays.isEmpty || !months.isEmpty }

    /// Whether the shift is worked on a day of its kind on `weekday` in `month`.
    public func applies(weekday: Weekday, month: Int) -> Bool {
        (weekdays.isEmpty || weekdays.contains(weekday)) && (months.isEmpty || months.contains(month))
    }

    /// Whether some day of their kind has both shifts worked on it.
    public func sharesDays(with other: RosterShift) -> Bool {
        day == other.day
            && (weekdays.isEmpty || other.weekdays.isEmpty || weekdays.contains { other.weekdays.contains($0) })
            && (months.isEmpty || other.months.isEmpty || months.contains { other.months.contains($0) })
    }
}

extension RosterShift {
    /// Shifts for counts of staffed windows at `[class][slot]` (classes of `partition`, slots of
    /// `slotSeconds` from 00:00): one per run of slots with the same non-zero count, worked on the
    /// class's days; a slot at 0 between staffed ones is a gap in the roster.
    public static func runs(of windows: [[Int]], slotSeconds: Int, partition: DayPartition = .dayType) -> [RosterShift] {
        let slotTicks = SimTime.seconds(Double(slotSeconds)).ticks
        var shifts: [RosterShift] = []
        for c in 0 ..< min(partition.classCount, windows.count) {
            let dayClass = partition.dayClass(c)
            let row = windows[c]
            var s = 0
            while s < row.count {
                var e = s + 1
                while e < row.count, row[e] == row[s] { e += 1 }
                if row[s] > 0 {
                    shifts.append(RosterShift(
                        day: dayClass.type, interval: DayInterval(from: Int64(s) * slotTicks, to: Int64(e) * slotTicks), count: row[s],
                        weekdays: dayClass.weekday.map { [$0] } ?? [], months: dayClass.month.map { [$0] } ?? []))
                }
                s = e
            }
        }
        return shifts
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
