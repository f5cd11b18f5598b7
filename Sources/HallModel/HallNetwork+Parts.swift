import CaseEngine
import SimCore

/// The parts of a spec compiled and checked on their own: opening hours, rosters, behaviour and appointments.
extension HallNetwork {
    /// A hall's opening hours as sorted intervals per day type; checks they lie inside the day and do not overlap.
    static func compileHall(_ hall: HallSpec) throws(ModelError) -> Hall {
        func checked(_ intervals: [DayInterval]) throws(ModelError) -> [DayInterval] {
            let sorted = intervals.sorted { $0.from < $1.from }
            for (i, x) in sorted.enumerated() {
                guard x.from >= 0, x.from < x.to, x.to <= ServiceCalendar.dayTicks else {
                    throw ModelError("hall '\(hall.id)' has an opening interval outside the day or empty")
                }
                if i > 0, sorted[i - 1].to > x.from { throw ModelError("hall '\(hall.id)' has overlapping opening intervals") }
            }
            return sorted
        }
        var hours: [[DayInterval]]?
        if case .schedule(let byType) = hall.hours {
            var table = Array(repeating: [DayInterval](), count: DayType.allCases.count)
            for (type, intervals) in byType { table[Int(type.rawValue)] = try checked(intervals) }
            hours = table
        }
        let rotationHours = try hall.rotation.map { r throws(ModelError) in try checked(r.hours) }
        return Hall(hours: hours, atClose: hall.atClose, rotationHours: rotationHours)
    }

    /// Checks the behaviour rules of the scenario or of a demand entry.
    static func check(_ b: BehaviourSpec, _ what: String) throws(ModelError) {
        if let p = b.patience, let problem = p.validated() { throw ModelError("\(what): patience \(problem)") }
        if let n = b.balkAt, n < 1 { throw ModelError("\(what): balk_at must be at least 1") }
        if let r = b.returnVisit {
            guard (0 ... 1).contains(r.probability) else { throw ModelError("\(what): the return probability must be in 0...1") }
            if let problem = r.afterDays.validated() { throw ModelError("\(what): return delay \(problem)") }
        }
    }

    /// A group's shifts per day type, each day's sorted by start.
    static func roster(_ shifts: [RosterShift], count: Int, _ what: String) throws(ModelError) -> [[RosterShift]] {
        var roster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        for shift in shifts {
            guard shift.count >= 0, shift.count <= count, shift.interval.from < shift.interval.to else {
                throw ModelError("\(what) has an invalid shift")
            }
            roster[Int(shift.day.rawValue)].append(shift)
        }
        return roster.map { $0.sorted { $0.interval.from < $1.interval.from } }
    }

    /// A group's own hours as intervals per day type.
    static func groupHours(_ hours: OpeningHours, _ hall: String, _ what: String) throws(ModelError) -> GroupHours {
        let compiled = try compileHall(HallSpec(id: "\(hall)' (\(what))", tier: .city, hours: hours, windows: []))
        return .schedule(compiled.hours ?? Array(repeating: wholeDay, count: DayType.allCases.count))
    }

    /// Checks the appointment rules of a demand entry.
    static func check(_ a: AppointmentSpec, _ what: String) throws(ModelError) {
        guard (0 ... 1).contains(a.share) else { throw ModelError("\(what): the share must be in 0...1") }
        guard (0 ... 1).contains(a.noShow) else { throw ModelError("\(what): the no-show probability must be in 0...1") }
        guard a.slot > .zero else { throw ModelError("\(what): the slot must be positive") }
        guard a.lead >= .zero else { throw ModelError("\(what): the lead must not be negative") }
        guard a.perSlot >= 1 else { throw ModelError("\(what): per_slot must be at least 1") }
        guard a.punctuality.shift.isFinite else { throw ModelError("\(what): the punctuality is not finite") }
        if let problem = a.punctuality.spread.validated() { throw ModelError("\(what): punctuality \(problem)") }
    }
}
