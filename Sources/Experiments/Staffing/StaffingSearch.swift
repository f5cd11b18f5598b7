public import CaseEngine
public import HallModel
import SimCore
public import Staffing

/// The fewest staffed windows per window group, class of days and slot that meet a target, found by
/// simulation (docs/staffing.md):
///
/// 1. **Start** from the formula on the modified offered load (``StaffingBaseline``) where it
///    answers, else from the scenario's own staffing (each slot at the windows it staffs on
///    average, rounded up); the scenario's staffing is measured too, for comparison.
/// 2. **Raise** (the iterative staffing algorithm): simulate the plan; every slot whose interval
///    does not show the target met gets one window more (a quarter more, at least one, where the
///    whole interval is beyond twice the limit); repeat until every slot that can be judged is met.
/// 3. **Lower**: take a window (an eighth of them where the figure has half the target's room
///    left) from every slot that meets the target, all at once, and simulate on
///    the same seeds (common random numbers). A change reaches only later slots of its group, so
///    where a slot that met the target (or was lowered) no longer does, the latest change at or
///    before it is set aside for good; changes after a group's last failing slot stand, its other
///    changes are undone and tried again next round. Repeat until no slot can give a window.
///    Groups share no windows or queues, so one simulation judges changes in all of them.
/// 4. **Verify** the plan on replications with new seeds, and list the plans tied with it: one
///    window moved from a slot whose cut broke a later slot to that slot (``StaffingTies``).
/// 5. **Robustness**: the plan at 90–120% of the forecast demand on the search's seeds, with the
///    single extra window that restores each group and class of days that misses (``StaffingRobustness``).
///
/// Days are planned by their kind (workday, weekend, holiday), or by kind and weekday or month
/// (``partition``): each class of days gets its own plan, judged on its own days.
///
/// A slot "meets" the target only when its interval says so (``SlotEstimate``), the intervals of a
/// group's slots on a class of days holding together at 95% (Bonferroni); a slot with too few people
/// to judge keeps at least one window and is reported as such.
public struct StaffingSearch: Sendable {
    public var spec: ScenarioSpec
    public var target: SlotTarget
    public var slotSeconds: Int
    public var replications: Int
    public var seed: UInt64
    public var threads: Int
    /// Judge each group's day as a whole instead of each slot.
    public var daily = false
    /// How days fall in the classes planned apart: by kind of day (the default), weekday or month.
    public var partition = DayPartition.dayType
    /// The most simulations of the raising phase.
    public var maxRaises = 60
    /// Demand levels (shares of the forecast) the plan is re-simulated at.
    public var robustnessFactors = [0.9, 1.0, 1.1, 1.2]
    /// The most plans tied with the best tried per group and class of days (``StaffingTies``).
    public var maxTies = 2
    /// The shift menu for rosters; nil: each group's default menu (``StaffingRosters/defaultMenu(open:slotSeconds:)``).
    public var shifts: [Shift]? = nil

    public init(spec: ScenarioSpec, target: SlotTarget, slotSeconds: Int, replications: Int, seed: UInt64, threads: Int) {
        self.spec = spec
        self.target = target
        self.slotSeconds = slotSeconds
        self.replications = replications
        self.seed = seed
        self.threads = threads
    }

    /// One measured plan: each replication's slot figures.
    public struct Measurement: Sendable {
        public var runs: [SlotWaits]
        /// Estimates at `[unit][class of days][slot]` (nil for a slot the plan does not decide).
        public var estimates: [[[SlotEstimate?]]]
        /// Days of each class in the run.
        public var dayCounts: [Int]

        /// How many decided slots got each verdict.
        public var verdicts: [SlotEstimate.Verdict: Int] {
            var counts: [SlotEstimate.Verdict: Int] = [:]
            for e in estimates.joined().joined().compactMap({ $0 }) { counts[e.verdict, default: 0] += 1 }
            return counts
        }
    }

    public struct Result: Sendable {
        public var units: [StaffingUnit]
        /// The scenario's own staffing: mean staffed windows per slot.
        public var current: [[[Double]]]
        public var currentMeasurement: Measurement
        public var plan: StaffingPlan
        /// The plan on the search's seeds, and on new seeds.
        public var search: Measurement
        public var verification: Measurement
        /// The slots the plan decides: those the scenario staffs, at `[unit][class of days][slot]`.
        public var open: [[[Bool]]]
        /// The plan at other levels of demand.
        public var robustness: StaffingRobustness
        /// What queueing formulas say each slot needs (nil for a target they do not answer).
        public var baseline: StaffingBaseline?
        /// The per-slot formula's staffing (stationary Erlang) simulated on the verifying seeds: what
        /// staffing by the formula alone achieves.
        public var baselineVerification: Measurement?
        /// The plan as shift rosters, and their coverage on the verifying seeds.
        public var rosters: StaffingRosters
        public var rosterVerification: Measurement
        /// Plans of the same window-hours that meet the target as the plan does.
        public var ties: StaffingTies
        /// Simulations of every replication set run.
        public var simulations: Int
    }

    /// Runs the search; `progress` hears what each step did.
    public func run(progress: @escaping (String) -> Void = { _ in }) throws -> Result {
        let network = HallNetwork(spec)
        let units = StaffingUnit.all(in: spec, network: network)
        let slots = 86_400 / slotSeconds
        let seeds = (1 ... replications).map { Replications.seed($0, of: seed) }
        var stream = RandomStream(seed: seed, label: "staff/verify")
        let verifySeed = stream.next()
        let verifySeeds = (1 ... replications).map { Replications.seed($0, of: verifySeed) }

        // The scenario's own staffing, and which slots it staffs at all.
        let classes = partition.classCount
        let empty = Array(repeating: Array(repeating: Array(repeating: 0, count: slots), count: classes), count: units.count)
        let runs = try simulate(network, seeds: seeds)
        let dayCounts = runs[0].dayCounts
        var current = empty.map { $0.map { $0.map(Double.init) } }
        var start = StaffingPlan(units: units, slotSeconds: slotSeconds, partition: partition, windows: empty)
        let slotTicks = Double(SimTime.seconds(Double(slotSeconds)).ticks)
        for (u, unit) in units.enumerated() {
            for t in 0 ..< classes {
                let days = Double(dayCounts[t] * replications)
                guard days > 0 else { continue }
                for s in 0 ..< slots {
                    let c = runs[0].cell(group: unit.group, dayClass: t, slot: s)
                    let mean = runs.reduce(0.0) { $0 + Double($1.cells[c].staffed) } / (days * slotTicks)
                    current[u][t][s] = mean
                    if mean > 0 { start.windows[u][t][s] = max(1, Int(mean.rounded(.up))) }
                }
            }
        }
        let open = start.windows.map { $0.map { $0.map { $0 > 0 } } }
        let currentMeasurement = estimate(runs, units: units, open: open)
        progress("the scenario's staffing: \(Self.summary(currentMeasurement))")
        let baseline = StaffingBaseline(
            target: target, measurement: currentMeasurement, units: units, open: open, slotSeconds: slotSeconds,
            patienceMean: spec.behaviour.patience?.mean)
        var measured = currentMeasurement
        if let baseline {
            // Start from the formula on the modified offered load where it answers: close to the plan.
            for u in units.indices {
                for t in 0 ..< classes {
                    for s in 0 ..< slots where open[u][t][s] { start.windows[u][t][s] = baseline.modified[u][t][s] ?? start.windows[u][t][s] }
                }
            }
            measured = estimate(try simulate(HallNetwork(start.applied(to: spec)), seeds: seeds), units: units, open: open)
            progress("\(baseline.model) on the modified offered load: \(Self.summary(measured))")
        }

        var state = State(search: self, units: units, open: open, seeds: seeds, plan: start, measured: measured, progress: progress)
        state.simulations += baseline == nil ? 0 : 1
        try state.raise()
        try state.lower()
        try state.raise()
        let verification = estimate(try simulate(HallNetwork(state.plan.applied(to: spec)), seeds: verifySeeds), units: units, open: open)
        state.simulations += 1
        progress("verified on new seeds: \(Self.summary(verification))")
        var baselineVerification: Measurement?
        if let baseline {
            var formula = state.plan
            for u in units.indices {
                for t in 0 ..< classes {
                    for s in 0 ..< slots where open[u][t][s] { formula.windows[u][t][s] = baseline.stationary[u][t][s] ?? state.plan.windows[u][t][s] }
                }
            }
            baselineVerification = estimate(try simulate(HallNetwork(formula.applied(to: spec)), seeds: verifySeeds), units: units, open: open)
            progress("the per-slot formula's staffing on the new seeds: \(Self.summary(baselineVerification!))")
        }
        let ties = try StaffingTies(search: self, plan: state.plan, candidates: state.swaps, open: open, seeds: seeds, verifySeeds: verifySeeds)
        progress("plans tied with the best: \(ties.tied.count) of \(ties.tried) tried")
        let rosters = StaffingRosters(plan: state.plan, open: open, menu: shifts)
        let rosterVerification = estimate(try simulate(HallNetwork(rosters.coverage.applied(to: spec)), seeds: verifySeeds), units: units, open: open)
        progress("rosters verified on the new seeds: \(Self.summary(rosterVerification))")
        let robustness = try self.robustness(of: state.plan, factors: robustnessFactors, open: open)
        progress("robustness: " + robustness.levels.map { "×\($0.factor) \($0.holds ? "holds" : "misses in \($0.repairs.count) group-days")" }.joined(separator: ", "))
        return Result(
            units: units, current: current, currentMeasurement: currentMeasurement, plan: state.plan,
            search: state.measured, verification: verification, open: open, robustness: robustness,
            baseline: baseline, baselineVerification: baselineVerification, rosters: rosters, rosterVerification: rosterVerification,
            ties: ties,
            simulations: state.simulations + 1 + (baseline == nil ? 0 : 1) + ties.simulations + robustness.levels.reduce(0) { $0 + ($1.holds ? 1 : 2) })
    }

    /// The plan under search, its figures on the search's seeds, and the moves that made it.
    struct State {
        let search: StaffingSearch
        let units: [StaffingUnit]
        let open: [[[Bool]]]
        let seeds: [UInt64]
        var plan: StaffingPlan
        var measured: Measurement
        let progress: (String) -> Void
        var simulations = 1
        /// Slots set aside by the lowering phase: taking a window there broke the target.
        var tried = Set<[Int]>()
        /// Slots where taking several windows at once broke the target: lowered one at a time from then on.
        var careful = Set<[Int]>()
        /// Where taking a window from one slot broke a later one: the moves of a window that cost nothing.
        var swaps: [StaffingTies.Move] = []

        var slots: Int { plan.slotsPerDay }
        var classes: Int { plan.partition.classCount }

        mutating func measure(_ plan: StaffingPlan) throws -> Measurement {
            simulations += 1
            return search.estimate(try search.simulate(HallNetwork(plan.applied(to: search.spec)), seeds: seeds), units: units, open: open)
        }

        /// Raises every slot not shown to meet the target until every slot that can be judged is met.
        mutating func raise() throws {
            for round in 1 ... search.maxRaises {
                var raised = 0
                for u in units.indices {
                    for t in 0 ..< classes {
                        for s in 0 ..< slots {
                            guard let e = measured.estimates[u][t][s], e.verdict == .missed || e.verdict == .undecided else { continue }
                            let step = search.far(e) ? max(1, plan.windows[u][t][s] / 4) : 1
                            plan.windows[u][t][s] = min(Int(UInt16.max), plan.windows[u][t][s] + step)
                            raised += step
                        }
                    }
                }
                if raised == 0 { return }
                measured = try measure(plan)
                progress("raise \(round): +\(raised) windows; \(StaffingSearch.summary(measured))")
            }
        }

        /// Lowers every met slot at once, keeps what still meets the target, undoes and sets aside the rest.
        mutating func lower() throws {
            var round = 0
            while true {
                var trial = plan
                var changed: [[[(slot: Int, step: Int)]]] = Array(repeating: Array(repeating: [], count: classes), count: units.count)
                var count = 0
                for u in units.indices {
                    for t in 0 ..< classes {
                        for s in 0 ..< slots where plan.windows[u][t][s] > 1 && !tried.contains([u, t, s]) {
                            guard let e = measured.estimates[u][t][s], e.verdict == .met else { continue }
                            // Where the figure has half the target's room left, take an eighth of the windows.
                            let step = careful.contains([u, t, s]) || !search.roomy(e) ? 1 : max(1, plan.windows[u][t][s] / 8)
                            trial.windows[u][t][s] -= step
                            changed[u][t].append((s, step))
                            count += step
                        }
                    }
                }
                if count == 0 { return }
                round += 1
                let result = try measure(trial)
                var kept = 0
                for u in units.indices {
                    for t in 0 ..< classes where !changed[u][t].isEmpty {
                        // A slot fails when it met the target before (or was lowered) and does not now. A
                        // change reaches only later slots, so the latest change at or before a failing slot
                        // is set aside (a step of several windows is retried one at a time); changes after
                        // the last failing slot stand, the others wait for the next round.
                        let failing = (0 ..< slots).filter { s in
                            (measured.estimates[u][t][s]?.verdict == .met || changed[u][t].contains { $0.slot == s }) && result.estimates[u][t][s]?.verdict != .met
                        }
                        for f in failing {
                            guard let culprit = changed[u][t].last(where: { $0.slot <= f }) else { continue }
                            if culprit.step > 1 { careful.insert([u, t, culprit.slot]) } else { tried.insert([u, t, culprit.slot]) }
                            let move = StaffingTies.Move(unit: u, day: t, from: culprit.slot, to: f)
                            if culprit.step == 1, culprit.slot < f, !swaps.contains(move) { swaps.append(move) }
                        }
                        let last = failing.last ?? -1
                        for c in changed[u][t] where c.slot > last {
                            plan.windows[u][t][c.slot] -= c.step
                            kept += c.step
                        }
                    }
                }
                measured = kept == count ? result : try measure(plan)
                progress("lower \(round): −\(kept) of \(count) tried; \(StaffingSearch.summary(measured))")
            }
        }
    }

    /// Whether the figure has at least half the target's room left (a wait at most half the limit,
    /// a share at most half of it, or a share to reach with half of what lies above it to spare).
    func roomy(_ e: SlotEstimate) -> Bool {
        guard let v = e.value else { return false }
        return target.atMost ? v <= target.limit / 2 : v >= target.limit + (1 - target.limit) / 2
    }

    /// Whether the whole interval is beyond twice the limit (a clear miss: raise by more than one).
    func far(_ e: SlotEstimate) -> Bool {
        guard e.verdict == .missed, let low = e.low, let high = e.high ?? e.value else { return false }
        if target.atMost { return target.limit > 0 ? low > 2 * target.limit : low > 0 }
        return high < target.limit / 2
    }

    /// Each replication's slot figures of `network` on `seeds`.
    func simulate(_ network: HallNetwork, seeds: [UInt64]) throws -> [SlotWaits] {
        let slotSeconds = slotSeconds
        let partition = partition
        var within: Int64 = 0
        if case .serviceLevel(let t) = target.statistic { within = SimTime.seconds(t).ticks }
        let withinTicks = within
        return try Replications.run(seeds.count, threads: threads) { r in
            HallRun.run(network, seed: seeds[r - 1], sink: SlotWaits(catalog: network.catalog, slotSeconds: slotSeconds, withinTicks: withinTicks, partition: partition)).1
        }
    }

    /// The target's estimate in every slot marked `open`.
    func estimate(_ runs: [SlotWaits], units: [StaffingUnit], open: [[[Bool]]]) -> Measurement {
        let slots = 86_400 / slotSeconds
        var estimates: [[[SlotEstimate?]]] = Array(repeating: Array(repeating: Array(repeating: nil, count: slots), count: partition.classCount), count: units.count)
        for (u, unit) in units.enumerated() {
            for t in 0 ..< partition.classCount {
                let decided = (0 ..< slots).filter { open[u][t][$0] }
                guard !decided.isEmpty else { continue }
                if daily {
                    let cells = runs.map { run in decided.map { run.cells[run.cell(group: unit.group, dayClass: t, slot: $0)] } }
                    let e = SlotEstimate(target, replications: cells)
                    for s in decided { estimates[u][t][s] = e }
                } else {
                    // "Every slot meets the target" is one claim: its slots' intervals hold together at 95%.
                    let confidence = Bonferroni.confidence(eachOf: decided.count)
                    for s in decided {
                        let c = runs[0].cell(group: unit.group, dayClass: t, slot: s)
                        estimates[u][t][s] = SlotEstimate(target, replications: runs.map { [$0.cells[c]] }, confidence: confidence)
                    }
                }
            }
        }
        return Measurement(runs: runs, estimates: estimates, dayCounts: runs[0].dayCounts)
    }

    /// "N slots met, M missed, K undecided, J too few".
    static func summary(_ m: Measurement) -> String {
        let counts = m.verdicts
        return [SlotEstimate.Verdict.met, .missed, .undecided, .tooFew].map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }
}
