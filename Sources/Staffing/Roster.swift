/// Why no roster exists.
public enum RosterError: Error, Sendable, Hashable {
    /// These slots need staff but no shift on the menu works them.
    case uncoverable(slots: [Int])
}

/// A roster: how many people work each shift of a menu, and what that staffs.
public struct Roster: Sendable, Hashable {
    /// The number of people on each shift, in the menu's order.
    public let counts: [Int]
    /// Σ cost_j · counts_j.
    public let cost: Double
    /// The people at work in each slot.
    public let coverage: [Int]
    /// The paid hours of the roster, Σ counts_j · paidHours_j.
    public let paidHours: Double
    /// The window-hours the requirement asks for, Σ requirement_i · slot length / 3600.
    public let requiredHours: Double

    /// The price of shifts: paid hours ÷ required window-hours (≥ 1 when every hour is paid);
    /// `nil` when nothing is required.
    public var priceOfShifts: Double? {
        requiredHours > 0 ? paidHours / requiredHours : nil
    }

    /// The cheapest roster whose coverage meets `requirement` (people per slot of `slotLength`
    /// seconds, slot i being [i·L, (i+1)·L) from the horizon start) in every slot.
    ///
    /// Exact: minimises Σ cost_j·x_j subject to Σ_j x_j·[shift j works slot i] ≥ requirement_i,
    /// x_j ≥ 0 integer, by branch and bound on the linear relaxation (solved as its dual by a
    /// dense simplex with the lowest-index pivoting rule; bounds rounded up to the costs' common grid when there
    /// is one), depth first from the rounded-up relaxation as the first incumbent. A slot a
    /// shift works only in part does not count as covered. Source: the integer covering form of
    /// shift scheduling (METHODS.md, "Shift rosters"). The search is exact; its node count is not
    /// bounded in theory, but menus of 20 shifts over 96 slots with requirements up to 40 take
    /// well under a second.
    /// - Parameter costs: the cost of one person on each shift; by default its paid hours.
    /// - Throws: `RosterError.uncoverable` listing the slots that need staff and no shift works.
    public static func cheapest(
        requirement: [Int], slotLength: Double, shifts: [Shift], costs: [Double]? = nil
    ) throws(RosterError) -> Roster {
        precondition(slotLength > 0, "slot length must be positive")
        precondition(requirement.allSatisfy { $0 >= 0 }, "requirements must be non-negative")
        let cost = costs ?? shifts.map(\.paidHours)
        precondition(cost.count == shifts.count && cost.allSatisfy { $0 >= 0 && $0.isFinite }, "one non-negative cost per shift")
        let works = shifts.map { shift in requirement.indices.map { shift.works(slot: $0, slotLength: slotLength) } }
        let bare = requirement.indices.filter { i in requirement[i] > 0 && !works.contains { $0[i] } }
        if !bare.isEmpty { throw .uncoverable(slots: bare) }
        let counts = CoveringProblem(works: works, requirement: requirement, costs: cost).solve()
        let coverage = requirement.indices.map { i in shifts.indices.reduce(0) { $0 + (works[$1][i] ? counts[$1] : 0) } }
        return Roster(
            counts: counts,
            cost: zip(counts, cost).reduce(0) { $0 + Double($1.0) * $1.1 },
            coverage: coverage,
            paidHours: zip(counts, shifts).reduce(0) { $0 + Double($1.0) * $1.1.paidHours },
            requiredHours: Double(requirement.reduce(0, +)) * slotLength / 3600
        )
    }
}
