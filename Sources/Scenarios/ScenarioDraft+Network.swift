import CaseEngine
import HallModel
import SimCore

/// A service's `back_office` as read so far.
struct BackOfficeDraft {
    /// Where the key `back_office` is written.
    var key: Position
    var department: Located<String>?
    /// The approving tier, when given.
    var tier: Tier?
    /// The whole back office, or `nil` when any part of it failed.
    var spec: BackOfficeSpec?
}

/// A back-office department of a hall as read so far.
struct DepartmentDraft {
    var id: Located<String>?
    var staff: Int?
    /// The hours given; `nil` inside when none were given (standard hours), `nil` outside when they failed.
    var hours: OpeningHours?? = .some(nil)
    var roster: [RosterShift]? = []

    /// The department with its staff and roster counts multiplied by `staff`, rounded, at least 1.
    func spec(staff factor: Double) -> DepartmentSpec? {
        guard let id, let staff, let hours, let roster else { return nil }
        guard factor != 1 else { return DepartmentSpec(id: id.value, staff: staff, hours: hours, roster: roster) }
        let scaled = WindowDraft.scale(staff, by: factor)
        let shifts = roster.map { RosterShift(day: $0.day, interval: $0.interval, count: min(scaled, WindowDraft.scale($0.count, by: factor))) }
        return DepartmentSpec(id: id.value, staff: scaled, hours: hours, roster: shifts)
    }
}

/// A hall's `kiosks` as read so far.
struct KioskDraft {
    /// Where the key `kiosks` is written.
    var key: Position
    var count: Int?
    var services: [Located<String>]?
    var hours: OpeningHours? = .always

    var spec: KioskSpec? {
        guard let count, let services, let hours else { return nil }
        return KioskSpec(count: count, services: services.map(\.value), hours: hours)
    }
}

/// The `escalation` desk as read so far.
struct EscalationDraft {
    var hall: Located<String>?
    /// The whole desk, or `nil` when any part of it failed.
    var spec: EscalationSpec?
}

/// `ratings` as read so far.
struct RatingsDraft {
    /// Where `complaint` is written, when its share is above zero.
    var complaint: Position?
    /// All of it, or `nil` when any part failed.
    var spec: RatingSpec?
}

/// The channel keys of a demand entry's `channels`, in the order the spec lists them.
enum ChannelKey {
    static let all: [(key: String, channel: CaseEvent.Channel)] = [
        ("walk_in", .walkIn), ("online", .online), ("mobile", .mobile), ("kiosk", .kiosk),
    ]
}

extension DemandDraft {
    /// The share of the entry's arrivals that walk in (1 without `channels`; `nil` when they failed).
    var walkInShare: Double? {
        guard let channels else { return nil }
        guard !channels.isEmpty else { return 1 }
        return channels.first { $0.channel == .walkIn }?.share ?? 0
    }
}
