import CaseEngine
import HallModel
import SimCore

/// A scenario as read so far: each part is `nil` when reading it failed (and was reported).
///
/// Halls are still templates here: a family entry becomes many halls only when the
/// network is expanded (``FamilyReader/expand(_:)``).
struct ScenarioDraft {
    var name: String?
    var seed: UInt64?
    var stop: StopRule?
    var calendar: ServiceCalendar? = ServiceCalendar(start: ScenarioSpec.defaultStart)
    var behaviour: BehaviourSpec? = BehaviourSpec()
    var serviceLevelTarget: SimTime?
    var services: [ServiceDraft]?
    var halls: [HallDraft]?
    var demand: [DemandDraft]?
    /// The escalation desk, when the file has one.
    var escalation: EscalationDraft?
    /// Ratings, when the file has them.
    var ratings: RatingsDraft?
}

/// A service as read so far.
struct ServiceDraft {
    var id: Located<String>?
    var serviceTime: Distribution?
    /// `nil` inside when not given, `nil` outside when it failed.
    var selfServiceTime: Distribution?? = .some(nil)
    /// The back office, when given.
    var backOffice: BackOfficeDraft?
    /// `nil` inside when not given, `nil` outside when it failed.
    var incomplete: IncompleteSpec?? = .some(nil)
    var result: ResultSpec? = ResultSpec()
    /// The parts of a bundle (empty for a plain service).
    var parts: [Located<String>]? = []

    var spec: ServiceSpec? {
        guard let id, let serviceTime, let selfServiceTime, let incomplete, let result, let parts else { return nil }
        var backOffice: BackOfficeSpec?
        if let draft = self.backOffice {
            guard let spec = draft.spec else { return nil }
            backOffice = spec
        }
        return ServiceSpec(id: id.value, serviceTime: serviceTime, selfServiceTime: selfServiceTime, backOffice: backOffice,
                           incomplete: incomplete, result: result, parts: parts.map(\.value))
    }
}

/// Where a hall (or every hall of a family) hangs in the network.
enum ParentDraft {
    /// One hall, by id.
    case hall(Located<String>)
    /// Spread over all halls of a tier, round-robin in file order.
    case tier(Located<Tier>)
    /// Spread over the halls of a family, given by its id pattern.
    case family(Located<String>)
}

/// How a family varies one quantity from hall to hall.
enum Variation: Equatable {
    case fixed(Double)
    case random(Distribution)
}

/// The template part of a family entry: `family: { id, count, tier, parent }` and `vary`.
struct FamilyDraft {
    /// The id pattern with `{n}`, such as `village-{n}`.
    var pattern: Located<String>?
    var count: Int?
    var demand: Variation? = .fixed(1)
    var staff: Variation? = .fixed(1)
}

/// A weekend rotation as read so far.
struct RotationDraft {
    var position: Position
    var hours: [DayInterval]? = WeekendRotationSpec.standardHours
    var groups: [Located<String>]?
    var services: [Located<String>]?
}

/// A hall, or a family of halls, as read so far.
struct HallDraft {
    var position: Position
    /// The id of a single hall; `nil` for a family (see ``family``) or when unreadable.
    var id: Located<String>?
    /// Set when the entry is a family template.
    var family: FamilyDraft?
    var tier: Tier?
    var parent: ParentDraft?
    var hours: OpeningHours? = .always
    var atClose: ClosingPolicy? = .serveQueue
    /// `nil` inside when not given, `nil` outside when it failed.
    var atBreak: BreakPolicy?? = .some(nil)
    var rotation: RotationDraft?
    var rotationFailed = false
    var windows: [WindowDraft]?
    var kind: HallKind? = .hall
    var departments: [DepartmentDraft]? = []
    /// The kiosks, when given.
    var kiosks: KioskDraft?
    /// `nil` inside when not given, `nil` outside when it failed.
    var waitTarget: SimTime?? = .some(nil)

    /// How messages name the entry: `hall 'x'` or `family 'village-{n}'`.
    var name: String? {
        if let family { return family.pattern.map { "family '\($0.value)'" } }
        return id.map { "hall '\($0.value)'" }
    }

    /// The hall with the given id and parent; window counts, department staff (and their roster counts) multiplied by `staff`.
    func spec(id: String, parent: String?, staff: Double) -> HallSpec? {
        guard let tier, let hours, let atClose, let atBreak, !rotationFailed, let windows = windows?.allBuilt({ $0.spec(staff: staff) }),
              let kind, let waitTarget, let departments = departments?.allBuilt({ $0.spec(staff: staff) })
        else { return nil }
        var kiosks: KioskSpec?
        if let draft = self.kiosks {
            guard let spec = draft.spec else { return nil }
            kiosks = spec
        }
        var rotation: WeekendRotationSpec?
        if let draft = self.rotation {
            guard let hours = draft.hours, let groups = draft.groups, let services = draft.services else { return nil }
            rotation = WeekendRotationSpec(hours: hours, groups: groups.map(\.value), services: services.map(\.value))
        }
        var hall = HallSpec(id: id, tier: tier, parent: parent, hours: hours, atClose: atClose, rotation: rotation, windows: windows,
                            kind: kind, departments: departments, kiosks: kiosks, waitTarget: waitTarget)
        hall.atBreak = atBreak
        return hall
    }
}

/// A window group as read so far.
struct WindowDraft {
    var id: Located<String>?
    var count: Int?
    var serves: [Located<String>]?
    var roster: [RosterShift]? = []
    /// `nil` inside when not given, `nil` outside when it failed.
    var atBreak: BreakPolicy?? = .some(nil)

    /// The group with its counts multiplied by `staff`, rounded, at least 1 (roster counts at most the group's).
    func spec(staff: Double) -> WindowGroupSpec? {
        guard let id, let count, let serves, let roster, let atBreak else { return nil }
        var group: WindowGroupSpec
        if staff == 1 {
            group = WindowGroupSpec(id: id.value, count: count, serves: serves.map(\.value), roster: roster)
        } else {
            let scaled = Self.scale(count, by: staff)
            let shifts = roster.map { RosterShift(day: $0.day, interval: $0.interval, count: min(scaled, Self.scale($0.count, by: staff))) }
            group = WindowGroupSpec(id: id.value, count: scaled, serves: serves.map(\.value), roster: shifts)
        }
        group.atBreak = atBreak
        return group
    }

    /// `count × factor`, rounded half away from zero, at least 1 and at most 2^53 (checked against
    /// ``Limits/groupSize`` when the spec is built).
    static func scale(_ count: Int, by factor: Double) -> Int {
        max(1, Int(min(Double(count) * factor, 0x1p53).rounded(.toNearestOrAwayFromZero)))
    }
}

/// A demand entry as read so far.
struct DemandDraft {
    var position: Position
    var service: Located<String>?
    /// A hall id, or a family's id pattern (containing `{n}`).
    var hall: Located<String>?
    var arrivals: ArrivalProcess?
    var factor: Double? = 1
    var profile: DemandProfile? = DemandProfile()
    /// What this entry says about behaviour; `nil` inside when it says nothing.
    var behaviour: BehaviourSpec?? = .some(nil)
    /// What this entry says about appointments; `nil` inside when it says nothing, `nil` outside when it failed.
    var appointments: AppointmentSpec?? = .some(nil)
    /// Where `appointments` is written, when it is.
    var appointmentsKey: Position?
    /// The channel shares (empty: all walk in); `nil` when they failed.
    var channels: [ChannelShare]? = []
    /// Where `channels` is written, when it is.
    var channelsKey: Position?
    /// Where the `kiosk` share is written, when it is above zero.
    var kioskKey: Position?
    /// What becomes of the volume on closed days; `nil` when it failed.
    var closedDays: ClosedDays? = .lost
    /// `hourly` or `remote_hourly` written as a mapping leaving hours out: the key, where, how many hours listed.
    var partialHourly: [(key: String, position: Position, listed: Int)] = []
    /// Weekdays (0 Monday … 6 Sunday) the profile gives a factor for, and where.
    var weekdayKeys: [(weekday: Int, position: Position)] = []

    /// Whether `hall` names a family rather than a hall.
    var namesFamily: Bool { hall.map { $0.value.contains(FamilyDraft.placeholder) } ?? false }

    /// The demand at `hall`, with the entry's factor times `variation`.
    func spec(hall: String, variation: Double) -> DemandSpec? {
        guard let service, let arrivals, let factor, let profile, let behaviour, let appointments, let channels,
              let closedDays else { return nil }
        return DemandSpec(service: service.value, hall: hall, arrivals: arrivals, factor: factor * variation,
                          profile: profile, behaviour: behaviour, appointments: appointments, channels: channels,
                          closedDays: closedDays)
    }
}

extension FamilyDraft {
    /// The placeholder replaced by a hall's number.
    static let placeholder = "{n}"
}

extension Array {
    /// Every element built, or `nil` if any failed to build.
    func allBuilt<Built>(_ build: (Element) -> Built?) -> [Built]? {
        var built: [Built] = []
        built.reserveCapacity(count)
        for element in self {
            guard let value = build(element) else { return nil }
            built.append(value)
        }
        return built
    }
}
