import CaseEngine
import HallModel

/// Plans tied with the best: the same window-hours, one window moved within a group's day, that
/// meet the target as the best does.
///
/// The candidates come from the lowering phase: where taking a window from slot A broke a later
/// slot B of the same group and day, the plan with a window fewer at A and one more at B costs
/// what the best costs. A candidate is tied when, on the search's seeds, every slot of its group
/// that day meets the target (what the best was held to) and, on the verifying seeds, none misses
/// it. At most ``StaffingSearch/maxTies`` candidates per group and day are tried, one per group
/// and day in each pair of simulations (groups share no windows or queues).
public struct StaffingTies: Sendable {
    public struct Move: Sendable, Equatable {
        public var unit: Int
        /// The class of days (``StaffingPlan/partition``).
        public var day: Int
        /// The window moves from slot `from` to slot `to`.
        public var from: Int
        public var to: Int
    }

    /// The candidates that are tied with the best.
    public var tied: [Move]
    /// The candidates tried.
    public var tried: Int
    /// The simulations the check ran.
    public var simulations: Int

    /// Tries `candidates` against `plan` on the search's `seeds` and the verifying `verifySeeds`.
    init(search: StaffingSearch, plan: StaffingPlan, candidates: [Move], open: [[[Bool]]], seeds: [UInt64], verifySeeds: [UInt64]) throws {
        var queues: [[Int]: [Move]] = [:]
        for m in candidates where plan.windows[m.unit][m.day][m.from] > 1 {
            let key = [m.unit, m.day]
            if queues[key, default: []].count < search.maxTies { queues[key, default: []].append(m) }
        }
        tied = []
        tried = 0
        simulations = 0
        var round = 0
        while true {
            let moves = queues.values.compactMap { round < $0.count ? $0[round] : nil }.sorted { ($0.unit, $0.day, $0.from) < ($1.unit, $1.day, $1.from) }
            if moves.isEmpty { break }
            round += 1
            var trial = plan
            for m in moves {
                trial.windows[m.unit][m.day][m.from] -= 1
                trial.windows[m.unit][m.day][m.to] += 1
            }
            let network = HallNetwork(trial.applied(to: search.spec))
            let onSearch = search.estimate(try search.simulate(network, seeds: seeds), units: plan.units, open: open)
            let onNew = search.estimate(try search.simulate(network, seeds: verifySeeds), units: plan.units, open: open)
            simulations += 2
            tried += moves.count
            for m in moves {
                let t = m.day
                let met = onSearch.estimates[m.unit][t].allSatisfy { $0.map { $0.verdict == .met || $0.verdict == .tooFew } ?? true }
                let noneMissed = !onNew.estimates[m.unit][t].contains { $0?.verdict == .missed }
                if met && noneMissed { tied.append(m) }
            }
        }
    }
}
