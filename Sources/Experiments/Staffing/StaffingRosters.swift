import CaseEngine
public import Staffing

/// Shift rosters for a plan: per window group and class of days, the cheapest count of people per
/// shift of a menu whose staffed windows cover the plan in every slot (``Roster/cheapest``, exact),
/// then the rosters' coverage simulated on the verifying seeds, since staffing above the plan
/// changes waits.
public struct StaffingRosters: Sendable {
    public struct Day: Sendable {
        public var unit: Int
        /// The class of days (``StaffingPlan/partition``).
        public var day: Int
        public var menu: [Shift]
        /// The roster, or nil when some slot the plan staffs is worked by no shift of the menu.
        public var roster: Roster?
        public var uncoverable: [Int]
    }

    public var days: [Day]
    /// The rosters' staffed windows per slot, as a plan (the plan itself where no roster exists).
    public var coverage: StaffingPlan

    /// Paid hours and the plan's window-hours over the run, for `dayCounts` days of each class.
    public func hours(dayCounts: [Int]) -> (paid: Double, required: Double) {
        var paid = 0.0, required = 0.0
        for d in days {
            let n = Double(dayCounts[d.day])
            paid += n * (d.roster?.paidHours ?? 0)
            required += n * (d.roster?.requiredHours ?? 0)
        }
        return (paid, required)
    }

    /// Rosters for `plan` from `menu`, or each group's ``defaultMenu(open:slotSeconds:)`` when nil.
    public init(plan: StaffingPlan, open: [[[Bool]]], menu: [Shift]?) {
        days = []
        coverage = plan
        let slot = Double(plan.slotSeconds)
        for u in plan.units.indices {
            for t in plan.windows[u].indices {
                let requirement = plan.windows[u][t]
                guard requirement.contains(where: { $0 > 0 }) else { continue }
                let shifts = menu ?? Self.defaultMenu(open: open[u][t], slotSeconds: plan.slotSeconds)
                do {
                    let roster = try Roster.cheapest(requirement: requirement, slotLength: slot, shifts: shifts)
                    days.append(Day(unit: u, day: t, menu: shifts, roster: roster, uncoverable: []))
                    coverage.windows[u][t] = zip(roster.coverage, open[u][t]).map { $1 ? $0 : 0 }
                } catch {
                    guard case .uncoverable(let slots) = error else { continue }
                    days.append(Day(unit: u, day: t, menu: shifts, roster: nil, uncoverable: slots))
                }
            }
        }
    }

    /// The default menu for a group's day whose open slots are `open`: a shift over the whole open
    /// span with its longest closed gap as an unpaid break, and 4- and 8-hour shifts (when shorter
    /// than the span) starting on every hour of it; at most 20 shifts.
    public static func defaultMenu(open: [Bool], slotSeconds: Int) -> [Shift] {
        guard let first = open.firstIndex(of: true), let last = open.lastIndex(of: true) else { return [] }
        let slot = Double(slotSeconds)
        let start = Double(first) * slot, end = Double(last + 1) * slot
        var gap: (from: Int, length: Int)?
        var s = first
        while s <= last {
            if !open[s] {
                var e = s
                while e <= last, !open[e] { e += 1 }
                if gap == nil || e - s > gap!.length { gap = (s, e - s) }
                s = e
            } else {
                s += 1
            }
        }
        var menu = [Shift(start: start, length: end - start, breakStart: gap.map { Double($0.from) * slot - start }, breakLength: gap.map { Double($0.length) * slot } ?? 0)]
        for hours in [8.0, 4.0] where hours * 3600 < end - start {
            var from = start
            while from + hours * 3600 <= end + 1e-9, menu.count < 20 {
                menu.append(Shift(start: from, length: hours * 3600))
                from += 3600
            }
        }
        return menu
    }
}
