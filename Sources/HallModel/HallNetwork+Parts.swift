import CaseEngine
import SimCore

/// The parts of a spec compiled and checked on their own: opening hours, rosters, behaviour and appointments.
extension HallNetwork {
    /// A hall's opening hours as sorted intervals per day type; checks they lie inside the day and do not overlap.
    static func compileHall(_ hall: HallSpec) -> Hall {
        func checked(_ intervals: [DayInterval]) -> [DayInterval] {
            let sorted = intervals.sorted { $0.from < $1.from }
            for (i, x) in sorted.enumerated() {
                guard x.from >= 0, x.from < x.to, x.to <= ServiceCalendar.dayTicks else {
                    invalid("hall '\(hall.id)' has an opening interval outside the day or empty")
                }
                if i > 0, sorted[i - 1].to > x.from { invalid("hall '\(hall.id)' has overlapping opening intervals") }
            }
            return sorted
        }
        var hours: [[DayInterval]]?
        if case .schedule(let byType) = hall.hours {
            var table = Array(repeating: [DayInterval](), count: DayType.allCases.count)
            for (type, intervals) in byType { table[Int(type.rawValue)] = checked(intervals) }
            hours = table
        }
        let rotationHours = hall.rotation.map { r in checked(r.hours) }
        return Hall(hours: hours, atClose: hall.atClose, rotationHours: rotationHours)
    }

    /// Checks the behaviour rules of the scenario or of a demand entry.
    static func check(_ b: BehaviourSpec, _ what: String) {
        if let p = b.patience, let problem = p.validated() { invalid("\(what): patience \(problem)") }
        if let n = b.balkAt, n < 1 { invalid("\(what): balk_at must be at least 1") }
        if let r = b.returnVisit {
            guard (0 ... 1).contains(r.probability) else { invalid("\(what): the return probability must be in 0...1") }
            if let problem = r.afterDays.validated() { invalid("\(what): return delay \(problem)") }
        }
    }

    /// A group's shifts per day type, each day's sorted by start.
    static func roster(_ shifts: [RosterShift], count: Int, _ what: String) -> [[RosterShift]] {
        var roster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        for shift in shifts {
            guard shift.count >= 0, shift.count <= count, shift.interval.from < shift.interval.to else {
                invalid("\(what) has an invalid shift")
            }
            roster[Int(shift.day.rawValue)].append(shift)
        }
        return roster.map { $0.sorted { $0.interval.from < $1.interval.from } }
    }

    /// A group's own hours as intervals per day type.
    static func groupHours(_ hours: OpeningHours, _ hall: String, _ what: String) -> GroupHours {
        let compiled = compileHall(HallSpec(id: "\(hall)' (\(what))", tier: .city, hours: hours, windows: []))
        return .schedule(compiled.hours ?? Array(repeating: wholeDay, count: DayType.allCases.count))
    }

    /// Checks the appointment rules of a demand entry.
    static func check(_ a: AppointmentSpec, _ what: String) {
        guard (0 ... 1).contains(a.share) else { invalid("\(what): the share must be in 0...1") }
        guard (0 ... 1).contains(a.noShow) else { invalid("\(what): the no-show probability must be in 0...1") }
        guard a.slot > .zero else { invalid("\(what): the slot must be positive") }
        guard a.lead >= .zero else { invalid("\(what): the lead must not be negative") }
        guard a.perSlot >= 1 else { invalid("\(what): per_slot must be at least 1") }
        guard a.punctuality.shift.isFinite else { invalid("\(what): the punctuality is not finite") }
        if let problem = a.punctuality.spread.validated() { invalid("\(what): punctuality \(problem)") }
    }
}
