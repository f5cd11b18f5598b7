import CaseEngine
import SimCore
import Staffing

/// What queueing formulas say each slot needs, beside what the simulation found: the baseline of a
/// staffing plan (docs/staffing.md, "Baseline").
///
/// Each slot's arrival rate and each group's mean service time are measured on the scenario's own
/// staffing (people who joined the queue in the slot over every day of its class and replication;
/// service times of visits that ended at the window). Then, per slot:
/// - **stationary** (per-slot Erlang): Erlang C on the slot's offered load λ·E[S], or Erlang A
///   when the scenario's people give up (patience rate 1 / mean patience);
/// - **modified offered load**: the same formula on the load of the same arrivals in an
///   infinite-server queue, m(t) = ∫ λ(t − u)·P(S > u) du with exponential service, starting empty
///   each day (or repeating, for a group open around the clock), so staffing lags demand as it should.
/// The formulas' conventions differ from the simulation's where people give up (Erlang A's waits
/// are of the wait a person would have if they never gave up), so the baseline is a reference, not a plan.
public struct StaffingBaseline: Sendable {
    /// Offered load λ·E[S] per slot, at `[unit][class of days][slot]`.
    public var load: [[[Double]]]
    /// Windows by per-slot Erlang, and by the modified offered load (nil: not decided, or no formula meets the target).
    public var stationary: [[[Int?]]]
    public var modified: [[[Int?]]]
    /// "Erlang C", or "Erlang A (mean patience 40 min)".
    public var model: String

    /// The baseline for `target`, from the scenario's own run; nil for a target no formula answers (a department's).
    public init?(target: SlotTarget, measurement: StaffingSearch.Measurement, units: [StaffingUnit], open: [[[Bool]]], slotSeconds: Int, patienceMean: Double?) {
        let formula: StaffingTarget
        switch target.statistic {
        case .waitQuantile(let q): formula = .waitQuantile(q, atMost: target.limit)
        case .meanWait: formula = .meanWait(atMost: target.limit)
        case .serviceLevel(let t): formula = .serviceLevel(within: t, atLeast: target.limit)
        case .waitProbability: formula = .delayProbability(atMost: target.limit)
        case .abandonment: formula = .abandonment(atMost: target.limit)
        case .onTimePromised, .onTimeStatutory: return nil
        }
        let patienceRate = patienceMean.flatMap { $0 > 0 && $0.isFinite ? 1 / $0 : nil }
        model = patienceMean.map { "Erlang A (mean patience \(Int(($0 / 60).rounded())) min)" } ?? "Erlang C"
        let slots = 86_400 / slotSeconds
        let runs = measurement.runs
        let classes = measurement.dayCounts.count
        let none = Array(repeating: Array(repeating: Array(repeating: Int?.none, count: slots), count: classes), count: units.count)
        load = none.map { $0.map { $0.map { _ in 0.0 } } }
        stationary = none
        modified = none
        let ticksPerSecond = Double(SimTime.ticksPerSecond)
        for (u, unit) in units.enumerated() {
            var work = 0.0, served = 0
            for t in 0 ..< classes {
                for s in 0 ..< slots {
                    for run in runs {
                        let c = run.cells[run.cell(group: unit.group, dayClass: t, slot: s)]
                        work += Double(c.work)
                        served += c.served
                    }
                }
            }
            guard served > 0 else { continue }
            let meanService = work / Double(served) / ticksPerSecond
            for t in 0 ..< classes {
                let days = Double(measurement.dayCounts[t] * runs.count)
                guard days > 0, open[u][t].contains(true) else { continue }
                let rates = (0 ..< slots).map { s -> Double in
                    guard open[u][t][s] else { return 0 }
                    let joined = runs.reduce(0) { $0 + $1.cells[$1.cell(group: unit.group, dayClass: t, slot: s)].joined }
                    return Double(joined) / (days * Double(slotSeconds))
                }
                let mol = OfferedLoad.modified(
                    arrivalRates: rates, slotLength: Double(slotSeconds), service: .exponential(mean: meanService),
                    history: open[u][t].allSatisfy { $0 } ? .periodic : .startsEmpty)
                for s in 0 ..< slots where open[u][t][s] {
                    load[u][t][s] = rates[s] * meanService
                    stationary[u][t][s] = Self.windows(load: rates[s] * meanService, meanService, patienceRate, formula)
                    modified[u][t][s] = Self.windows(load: mol.slotAverage[s], meanService, patienceRate, formula)
                }
            }
        }
    }

    /// The fewest windows meeting `target` at `load`; at least one in a decided slot.
    static func windows(load: Double, _ meanService: Double, _ patienceRate: Double?, _ target: StaffingTarget) -> Int? {
        guard load > 0 else { return 1 }
        return requiredServers(load: load, meanService: meanService, patienceRate: patienceRate, target: target).map { max(1, $0) }
    }
}
