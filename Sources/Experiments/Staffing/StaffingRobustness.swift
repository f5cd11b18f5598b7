import CaseEngine
import HallModel

/// A plan re-simulated at other levels of demand, on the search's seeds (staffing to a point
/// forecast is a known weakness): at each level, whether every slot still meets the target, and
/// for each group and class of days that does not, the single extra window that restores it.
public struct StaffingRobustness: Sendable {
    /// One group and class of days that misses the target at a level, and the repair tried.
    public struct Repair: Sendable, Equatable {
        public var unit: Int
        /// The class of days (``StaffingPlan/partition``).
        public var day: Int
        /// The first slot that does not meet the target; the extra window goes there.
        public var slot: Int
        /// Whether one window more in that slot makes every slot of the group that day meet the target again.
        public var restores: Bool
    }

    public struct Level: Sendable {
        /// Demand as a share of the forecast (1.2: 20% more).
        public var factor: Double
        public var measurement: StaffingSearch.Measurement
        public var repairs: [Repair]

        /// Whether every slot that can be judged meets the target.
        public var holds: Bool { repairs.isEmpty }
    }

    public var levels: [Level]
}

extension StaffingSearch {
    /// `plan` at each demand factor of `factors`, on the search's seeds, with a repair for each group
    /// and class of days that misses the target (two simulations per level at most).
    public func robustness(of plan: StaffingPlan, factors: [Double], open: [[[Bool]]]) throws -> StaffingRobustness {
        let seeds = (1 ... replications).map { Replications.seed($0, of: seed) }
        var levels: [StaffingRobustness.Level] = []
        for factor in factors {
            var scaled = spec
            for i in scaled.demand.indices { scaled.demand[i].factor *= factor }
            let measured = estimate(try simulate(HallNetwork(plan.applied(to: scaled)), seeds: seeds), units: plan.units, open: open)
            var repairs: [StaffingRobustness.Repair] = []
            var repaired = plan
            for u in plan.units.indices {
                for t in plan.windows[u].indices {
                    let row = measured.estimates[u][t]
                    guard let first = row.indices.first(where: { row[$0].map { $0.verdict == .missed || $0.verdict == .undecided } ?? false }) else { continue }
                    repairs.append(.init(unit: u, day: t, slot: first, restores: false))
                    repaired.windows[u][t][first] += 1
                }
            }
            if !repairs.isEmpty {
                // Groups share no windows or queues: one simulation tries every group's repair.
                let after = estimate(try simulate(HallNetwork(repaired.applied(to: scaled)), seeds: seeds), units: plan.units, open: open)
                for i in repairs.indices {
                    let row = after.estimates[repairs[i].unit][repairs[i].day]
                    repairs[i].restores = row.allSatisfy { $0.map { $0.verdict == .met || $0.verdict == .tooFew } ?? true }
                }
            }
            levels.append(.init(factor: factor, measurement: measured, repairs: repairs))
        }
        return StaffingRobustness(levels: levels)
    }
}
