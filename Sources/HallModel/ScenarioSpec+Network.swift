public import CaseEngine
public import SimCore

/// What kind of place a hall is: it decides the channel of the people who come to it.
public enum HallKind: String, Sendable, Equatable, CaseIterable {
    /// A service hall (center or station): walk-ins, appointments, kiosks.
    case hall
    /// A bank or post outlet offering a limited list of services at its counters (channel `outlet`).
    case outlet
    /// The 12345 hotline: its window groups are agents, its demand is calls (channel `hotline`).
    case hotline
}

/// A back-office department of a hall: desks that work through the cases forwarded to it.
///
/// Staff work only while the department is open (its hours, its roster): a case in
/// hand at closing time is put back at the front of the work list with the work it
/// still needs, and resumed when staff are next on duty. Cases are worked first come,
/// first served.
public struct DepartmentSpec: Sendable, Equatable {
    public var id: String
    /// Desks (staff) on duty while open, unless the roster says otherwise.
    public var staff: Int
    /// When the department works; `nil` means working days 09:00–12:00 and 13:30–17:00.
    public var hours: OpeningHours?
    /// Staff on duty per interval and kind of day (as a window group's roster).
    public var roster: [RosterShift]

    public init(id: String, staff: Int, hours: OpeningHours? = nil, roster: [RosterShift] = []) {
        self.id = id
        self.staff = staff
        self.hours = hours
        self.roster = roster
    }

    /// The department with `staff` desks; on a roster, every shift gains or loses as many staff
    /// as the department does (never below one on duty), so the roster keeps its shape.
    public func staffed(_ staff: Int) -> DepartmentSpec {
        var changed = self
        changed.staff = staff
        for k in changed.roster.indices { changed.roster[k].count = max(1, roster[k].count + staff - self.staff) }
        return changed
    }

    /// Working days 09:00–12:00 and 13:30–17:00.
    public static let standardHours = OpeningHours.schedule([.workday: [DayInterval((9, 0), (12, 0)), DayInterval((13, 30), (17, 0))]])
}

/// Self-service kiosks of a hall: a queue of their own, the listed services, self-service time.
public struct KioskSpec: Sendable, Equatable {
    /// Number of kiosks.
    public var count: Int
    /// Ids of the services the kiosks offer.
    public var services: [String]
    /// When the kiosks can be used (around the clock by default: the 7×24 self-service hall).
    public var hours: OpeningHours

    public init(count: Int, services: [String], hours: OpeningHours = .always) {
        self.count = count
        self.services = services
        self.hours = hours
    }
}

/// How a service is decided after acceptance: by which department, at which tier, how fast, against which limits.
public struct BackOfficeSpec: Sendable, Equatable {
    /// The department (by id) that approves; looked up at the approving hall.
    public var department: String
    /// The share of accepted cases that need the back office; the rest are decided on the spot (即办件).
    public var share: Double
    /// Work time per case at a desk, in seconds of working time.
    public var work: Distribution
    /// The tier with the authority to approve. A case accepted lower down is forwarded up the
    /// hall's parents to the first hall of this tier that has the department ("nearest handling").
    /// `nil`: the accepting hall itself, or its nearest ancestor with the department.
    public var tier: Tier?
    /// The statutory limit, in working days from acceptance.
    public var statutory: Int
    /// The promised limit, in working days (e.g. 60% of the statutory one).
    public var promised: Int
    /// The share of decisions that are rejections.
    public var reject: Double
    /// Time to forward the file one tier up (and, for a result picked up below, down again).
    public var transfer: SimTime

    public init(
        department: String, share: Double = 1, work: Distribution, tier: Tier? = nil, statutory: Int, promised: Int? = nil,
        reject: Double = 0, transfer: SimTime = .days(1)
    ) {
        self.department = department
        self.share = share
        self.work = work
        self.tier = tier
        self.statutory = statutory
        self.promised = promised ?? statutory
        self.reject = reject
        self.transfer = transfer
    }
}

/// What happens when materials are missing.
public enum IncompletePolicy: String, Sendable, Equatable, CaseIterable {
    /// The window sends the person away; they come back with the materials as another visit.
    case returnVisit = "return_visit"
    /// Accepted with a deficiency (容缺受理): the case waits for the materials without another
    /// visit, and its deadline clock starts when they arrive.
    case deficiency
}

/// A share of a service's cases arriving with materials missing.
public struct IncompleteSpec: Sendable, Equatable {
    /// The share of submissions (each visit, each remote submission) with materials missing.
    public var share: Double
    public var policy: IncompletePolicy
    /// How long the person takes to bring or send the materials, in seconds.
    public var delay: Distribution
    /// The chance that the person never brings them (the case is abandoned).
    public var giveUp: Double

    public init(share: Double, policy: IncompletePolicy = .returnVisit, delay: Distribution, giveUp: Double = 0) {
        self.share = share
        self.policy = policy
        self.delay = delay
        self.giveUp = giveUp
    }
}

/// How a decided case's result reaches the person.
public struct ResultSpec: Sendable, Equatable {
    /// The share of hall cases whose result is mailed (EMS); the rest pick it up at a window.
    /// Remote cases (online, mobile, hotline) never pick up: this share is mailed, the rest
    /// delivered electronically at once.
    public var mail: Double
    /// Mail delivery time, in seconds.
    public var mailDelay: Distribution
    /// When the person comes back to pick the result up, after it is ready, in seconds;
    /// they arrive then, or at the hall's next opening.
    public var pickupDelay: Distribution
    /// Time at the window to hand the result over, in seconds.
    public var pickupTime: Distribution
    /// How long a person who came for the result waits in the queue before giving up, in seconds;
    /// `nil`: the patience of the behaviour of the demand entry they came by (or the scenario's).
    public var patience: Distribution? = nil
    /// What happens after a person gives up waiting for the result (the case stays open).
    public var uncollected: UncollectedPolicy = .returnLater

    public init(
        mail: Double = 0, mailDelay: Distribution = .deterministic(2 * 86_400),
        pickupDelay: Distribution = .deterministic(86_400), pickupTime: Distribution = .deterministic(120)
    ) {
        self.mail = mail
        self.mailDelay = mailDelay
        self.pickupDelay = pickupDelay
        self.pickupTime = pickupTime
    }
}

/// The "couldn't get it done" window (办不成事反映窗口): a desk that takes escalated cases.
///
/// A case is escalated when its rejection is contested, when it would need more than
/// `maxVisits` visits, when its person gives up a second time (a return visit that balks,
/// reneges or is sent home), or when a bad rating turns into a complaint. The desk handles
/// escalations first come, first served in its hours; each ends transferred to another body
/// (with probability `transfer`) or resolved (closed). Those still open at the horizon are pending.
public struct EscalationSpec: Sendable, Equatable {
    /// The hall holding the desk.
    public var hall: String
    /// Staff at the desk.
    public var staff: Int
    /// When the desk works; `nil`: as a department.
    public var hours: OpeningHours?
    /// Work time per escalation, in seconds of working time.
    public var handling: Distribution
    /// The share of escalations transferred to another body.
    public var transfer: Double
    /// The share of rejections the person contests.
    public var contest: Double
    /// A case that would need more visits than this is escalated instead.
    public var maxVisits: Int
    /// Whether a person who gives up for the second time is escalated.
    public var abandonedTwice: Bool

    public init(
        hall: String, staff: Int = 1, hours: OpeningHours? = nil, handling: Distribution, transfer: Double = 0, contest: Double = 0,
        maxVisits: Int = 3, abandonedTwice: Bool = true
    ) {
        self.hall = hall
        self.staff = staff
        self.hours = hours
        self.handling = handling
        self.transfer = transfer
        self.contest = contest
        self.maxVisits = maxVisits
        self.abandonedTwice = abandonedTwice
    }
}

/// Good/bad ratings (好差评) of finished services.
///
/// Each finished window, kiosk or agent service and each case closed from a remote channel is
/// rated with probability `share`. The chance of a bad rating is `bad` plus `perMinute` for each
/// minute the person waited beyond `target` (capped at 1). A bad rating creates a callback
/// task for the service's department (or the escalation desk when it has none); with
/// probability `complaint` it also becomes a complaint, a new case escalated at once (only
/// when there is an escalation desk).
public struct RatingSpec: Sendable, Equatable {
    public var share: Double
    public var bad: Double
    public var perMinute: Double
    /// The wait beyond which bad ratings grow; `nil`: the scenario's service-level target, else 15 minutes.
    public var target: SimTime?
    public var complaint: Double
    /// Desk time of a callback, in seconds.
    public var callback: Distribution

    public init(
        share: Double, bad: Double, perMinute: Double = 0, target: SimTime? = nil, complaint: Double = 0,
        callback: Distribution = .deterministic(600)
    ) {
        self.share = share
        self.bad = bad
        self.perMinute = perMinute
        self.target = target
        self.complaint = complaint
        self.callback = callback
    }
}

/// A channel's share of a demand entry's arrivals.
public struct ChannelShare: Sendable, Equatable {
    /// `walkIn` (the default), `online`, `mobile` or `kiosk`. Outlet and hotline halls imply their channel.
    public var channel: CaseEvent.Channel
    public var share: Double

    public init(_ channel: CaseEvent.Channel, _ share: Double) {
        self.channel = channel
        self.share = share
    }
}
