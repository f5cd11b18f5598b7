public import CaseEngine
public import HallModel
public import SimCore

/// The fewest staffed windows per window group, kind of day and slot that meet a target, found by
/// simulation (docs/staffing.md):
///
/// 1. **Start** from the scenario's own staffing (each slot at the windows it staffs on average,
///    rounded up), measured on the search's replications.
/// 2. **Raise** (the iterative staffing algorithm): simulate the plan; every slot whose interval
///    does not show the target met gets one window more (a quarter more, at least one, where the
///    whole interval is beyond twice the limit); repeat until every slot that can be judged is met.
/// 3. **Lower**: in every group and kind of day at once, take a window from the met slot with the
///    most room; keep the change where that slot still meets the target and no slot of that group
///    and kind of day that met it stops meeting it, on the same seeds (common random numbers); undo
///    it elsewhere and do not try that slot again; repeat until no slot can give one.
///    Groups share no windows or queues, so one simulation judges a change in each of them.
/// 4. **Verify** the plan on replications with new seeds.
///
/// A slot "meets" the target only when its interval says so (``SlotEstimate``), the intervals of a
/// group's slots on a kind of day holding together at 95% (Bonferroni); a slot with too few people
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
    /// The most simulations of the raising phase.
    public var maxRaises = 60

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
        /// Estimates at `[unit][DayType.rawValue][slot]` (nil for a slot the plan does not decide).
        public var estimates: [[[SlotEstimate?]]]
        /// Days of each kind in the run.
        public var dayCounts: [Int]
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
        /// Simulations of every replication set run.
        public var simulations: Int
    }

    /// Runs the search; `progress` hears what each step did.
    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let network = HallNetwork(spec)
        let units = StaffingUnit.all(in: spec, network: network)
        let slots = 86_400 / slotSeconds
        let seeds = (1 ... replications).map { Replications.seed($0, of: seed) }
        var stream = RandomStream(seed: seed, label: "staff/verify")
        let verifySeed = stream.next()
        let verifySeeds = (1 ... replications).map { Replications.seed($0, of: verifySeed) }
        var simulations = 0

        // The scenario's own staffing, and which slots it staffs at all.
        let empty = Array(repeating: Array(repeating: Array(repeating: 0, count: slots), count: 3), count: units.count)
        let start = try measure(network, units: units, open: nil, seeds: seeds)
        simulations += 1
        var current = empty.map { $0.map { $0.map(Double.init) } }
        var plan = StaffingPlan(units: units, slotSeconds: slotSeconds, windows: empty)
        let slotTicks = Double(SimTime.seconds(Double(slotSeconds)).ticks)
        for (u, unit) in units.enumerated() {
            for type in DayType.allCases {
                let days = Double(start.dayCounts[Int(type.rawValue)] * replications)
                guard days > 0 else { continue }
                for s in 0 ..< slots {
                    let c = start.runs[0].cell(group: unit.group, type: type, slot: s)
                    let staffed = start.runs.reduce(0.0) { $0 + Double($1.cells[c].staffed) }
                    let mean = staffed / (days * slotTicks)
                    current[u][Int(type.rawValue)][s] = mean
                    if mean > 0 { plan.windows[u][Int(type.rawValue)][s] = max(1, Int(mean.rounded(.up))) }
                }
            }
        }
        let open = plan.windows.map { $0.map { $0.map { $0 > 0 } } }
        let currentMeasurement = try measure(network, units: units, open: open, seeds: seeds)
        progress("the scenario's staffing: \(Self.summary(currentMeasurement))")

        // Raise until every slot that can be judged is met.
        var measured = currentMeasurement
        for round in 1 ... maxRaises {
            var raised = 0
            for u in units.indices {
                for t in 0 ..< 3 {
                    for s in 0 ..< slots {
                        guard let e = measured.estimates[u][t][s], e.verdict == .missed || e.verdict == .undecided else { continue }
                        let step = far(e) ? max(1, plan.windows[u][t][s] / 4) : 1
                        plan.windows[u][t][s] = min(Int(UInt16.max), plan.windows[u][t][s] + step)
                        raised += step
                    }
                }
            }
            if raised == 0 { break }
            measured = try measure(HallNetwork(plan.applied(to: spec)), units: units, open: open, seeds: seeds)
            simulations += 1
            progress("raise \(round): +\(raised) windows; \(Self.summary(measured))")
        }

        // Lower one slot per group and kind of day at a time while every slot of it stays met.
        var tried = Set<[Int]>()
        var round = 0
        while true {
            var trial = plan
            var changed: [(u: Int, t: Int, s: Int)] = []
            for u in units.indices {
                for t in 0 ..< 3 {
                    var best: (s: Int, room: Double)?
                    for s in 0 ..< slots where plan.windows[u][t][s] > 1 && !tried.contains([u, t, s]) {
                        guard let e = measured.estimates[u][t][s], e.verdict == .met, let v = e.value else { continue }
                        let room = target.atMost ? (target.limit - v) / max(target.limit, 1e-9) : (v - target.limit) / max(1 - target.limit, 1e-9)
                        if best == nil || room > best!.room { best = (s, room) }
                    }
                    if let best {
                        trial.windows[u][t][best.s] -= 1
                        changed.append((u, t, best.s))
                    }
                }
            }
            if changed.isEmpty { break }
            round += 1
            let result = try measure(HallNetwork(trial.applied(to: spec)), units: units, open: open, seeds: seeds)
            simulations += 1
            var kept = 0
            for c in changed {
                // The slot itself meets the target, and no slot that met it before stops meeting it
                // (on the same seeds, slots the change does not reach keep their figures).
                let holds = result.estimates[c.u][c.t][c.s]?.verdict == .met && (0 ..< slots).allSatisfy { s in
                    measured.estimates[c.u][c.t][s]?.verdict != .met || result.estimates[c.u][c.t][s]?.verdict == .met
                }
                if holds {
                    plan.windows[c.u][c.t][c.s] -= 1
                    kept += 1
                } else {
                    tried.insert([c.u, c.t, c.s])
                }
            }
            measured = kept == changed.count ? result : try measure(HallNetwork(plan.applied(to: spec)), units: units, open: open, seeds: seeds)
            if kept != changed.count { simulations += 1 }
            progress("lower \(round): −\(kept) of \(changed.count) tried; \(Self.summary(measured))")
        }

        let verification = try measure(HallNetwork(plan.applied(to: spec)), units: units, open: open, seeds: verifySeeds)
        simulations += 1
        progress("verified on new seeds: \(Self.summary(verification))")
        return Result(
            units: units, current: current, currentMeasurement: currentMeasurement, plan: plan,
            search: measured, verification: verification, simulations: simulations)
    }

    /// Whether the whole interval is beyond twice the limit (a clear miss: raise by more than one).
    func far(_ e: SlotEstimate) -> Bool {
        guard e.verdict == .missed, let low = e.low, let high = e.high ?? e.value else { return false }
        if target.atMost { return target.limit > 0 ? low > 2 * target.limit : low > 0 }
        return high < target.limit / 2
    }

    /// Simulates `network` on `seeds` and estimates the target in every slot marked `open` (all with activity when nil).
    func measure(_ network: HallNetwork, units: [StaffingUnit], open: [[[Bool]]]?, seeds: [UInt64]) throws -> Measurement {
        let slotSeconds = slotSeconds
        let runs = try Replications.run(seeds.count, threads: threads) { r in
            HallRun.run(network, seed: seeds[r - 1], sink: SlotWaits(catalog: network.catalog, slotSeconds: slotSeconds)).1
        }
        let slots = 86_400 / slotSeconds
        var estimates: [[[SlotEstimate?]]] = Array(repeating: Array(repeating: Array(repeating: nil, count: slots), count: 3), count: units.count)
        for (u, unit) in units.enumerated() {
            for type in DayType.allCases {
                let t = Int(type.rawValue)
                let decided = (0 ..< slots).filter { open?[u][t][$0] ?? true }
                if daily {
                    let cells = runs.map { run in decided.map { run.cells[run.cell(group: unit.group, type: type, slot: $0)] } }
                    let e = SlotEstimate(target, replications: cells)
                    for s in decided { estimates[u][t][s] = e }
                } else {
                    // "Every slot meets the target" is one claim: its slots' intervals hold together at 95%.
                    let confidence = Bonferroni.confidence(eachOf: max(1, decided.count))
                    for s in decided {
                        let c = runs[0].cell(group: unit.group, type: type, slot: s)
                        estimates[u][t][s] = SlotEstimate(target, replications: runs.map { [$0.cells[c]] }, confidence: confidence)
                    }
                }
            }
        }
        return Measurement(runs: runs, estimates: estimates, dayCounts: runs[0].dayCounts)
    }

    /// "N slots met, M missed, K undecided, J too few".
    static func summary(_ m: Measurement) -> String {
        var counts: [SlotEstimate.Verdict: Int] = [:]
        for e in m.estimates.joined().joined().compactMap({ $0 }) { counts[e.verdict, default: 0] += 1 }
        return [SlotEstimate.Verdict.met, .missed, .undecided, .tooFew].map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }
}
