import CaseEngine
public import Experiments
import Staffing
public import Foundation

/// What `hallsim staff` prints and writes: the plan per window group, class of days and slot beside
/// the scenario's own staffing, each slot's achieved figure on the verifying replications, and the
/// window-hours of both.
public struct StaffingReport: Sendable {
    public var scenario: String
    public var target: SlotTarget
    public var replications: Int
    public var seed: UInt64
    public var daily: Bool
    public var result: StaffingSearch.Result
    /// Whether the shift menu was given (else each group's default menu).
    public var shiftsGiven = false
    /// The departments' staffing, when a department target was given.
    public var departments: DepartmentStaffingReport?

    public init(scenario: String, target: SlotTarget, replications: Int, seed: UInt64, daily: Bool, result: StaffingSearch.Result) {
        self.scenario = scenario
        self.target = target
        self.replications = replications
        self.seed = seed
        self.daily = daily
        self.result = result
    }

    var plan: StaffingPlan { result.plan }
    var slots: Int { plan.slotsPerDay }

    /// Classes of days the run had with at least one decided slot.
    var dayClasses: [Int] {
        (0 ..< plan.partition.classCount).filter { t in
            result.verification.dayCounts[t] > 0 && plan.windows.contains { $0[t].contains { $0 > 0 } }
        }
    }

    /// How class of days `t` reads: `workday`, `workday mon`, `weekend mar`.
    func label(_ t: Int) -> String { plan.partition.dayClass(t).description }

    /// Window-hours over the run per replication: the scenario's and the plan's.
    public var windowHours: (current: Double, plan: Double) {
        var current = 0.0, planned = 0.0
        for u in plan.units.indices {
            for t in 0 ..< plan.partition.classCount {
                let days = Double(result.verification.dayCounts[t])
                current += days * result.current[u][t].reduce(0, +) * Double(plan.slotSeconds) / 3600
                planned += days * plan.windowHours(u, t)
            }
        }
        return (current, planned)
    }

    func clock(_ slot: Int) -> String {
        let minutes = slot * plan.slotSeconds / 60
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    func figure(_ x: Double?) -> String {
        guard let x else { return "–" }
        return target.isWait ? String(format: "%.0fs", x) : String(format: "%.3f", x)
    }

    /// The text table.
    public func text() -> String {
        var out = "hallsim staff · \(scenario) · target \(target) in every \(daily ? "day" : "\(plan.slotSeconds / 60)-minute slot")"
        out += " · \(replications) replications from seed \(seed), \(result.simulations) simulations\n\n"
        let width = max(12, plan.units.map(\.name.count).max() ?? 0)
        for t in dayClasses {
            let open = (0 ..< slots).filter { s in plan.units.indices.contains { plan.windows[$0][t][s] > 0 } }
            guard let first = open.first, let last = open.last else { continue }
            let columns = Array(first ... last)
            out += "\(label(t)) (\(result.verification.dayCounts[t]) days): windows per slot — the scenario's, "
            out += (result.baseline.map { "\($0.model) on the modified offered load, " } ?? "") + "and the plan\n"
            out += "group".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + columns.map { clock($0).leftPad(5) }.joined(separator: " ")
            out += "   window-hours\n"
            for (u, unit) in plan.units.enumerated() where plan.windows[u][t].contains(where: { $0 > 0 }) {
                let now = columns.map { s -> String in
                    let c = result.current[u][t][s]
                    return c == 0 ? "·" : (c == c.rounded() ? String(Int(c)) : String(format: "%.1f", c))
                }
                let planned = columns.map { s -> String in
                    let w = plan.windows[u][t][s]
                    guard w > 0 else { return "·" }
                    switch result.verification.estimates[u][t][s]?.verdict {
                    case .missed: return "\(w)!"
                    case .undecided: return "\(w)?"
                    case .tooFew: return "\(w)~"
                    default: return "\(w)"
                    }
                }
                let hoursNow = result.current[u][t].reduce(0, +) * Double(plan.slotSeconds) / 3600
                out += unit.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + now.map { $0.leftPad(5) }.joined(separator: " ")
                out += String(format: "   %6.1f\n", hoursNow)
                if let b = result.baseline {
                    let formula = columns.map { s -> String in
                        guard result.open[u][t][s] else { return "·" }
                        return b.modified[u][t][s].map(String.init) ?? "–"
                    }
                    let hours = Double((0 ..< slots).reduce(0) { $0 + (b.modified[u][t][$1] ?? 0) } * plan.slotSeconds) / 3600
                    out += String(repeating: " ", count: width) + "  " + formula.map { $0.leftPad(5) }.joined(separator: " ")
                    out += String(format: "   %6.1f\n", hours)
                }
                out += String(repeating: " ", count: width) + "  " + planned.map { $0.leftPad(5) }.joined(separator: " ")
                out += String(format: " → %6.1f\n", plan.windowHours(u, t))
            }
            out += "\n"
        }
        let verdicts = result.verification.verdicts
        out += "verified on \(replications) replications with new seeds: \(verdicts[.met] ?? 0) slots met, \(verdicts[.missed] ?? 0) missed (!), "
        out += "\(verdicts[.undecided] ?? 0) undecided (?), \(verdicts[.tooFew] ?? 0) with too few people to judge (~)\n"
        func range(_ m: StaffingSearch.Measurement?) -> String? {
            let values = (m?.estimates.joined().joined().compactMap { $0?.value }) ?? []
            guard let lo = values.min(), let hi = values.max() else { return nil }
            return "\(figure(lo)) to \(figure(hi))"
        }
        if let plan = range(result.verification) {
            out += "\(target.name) over the slots on the new seeds: the plan \(plan)"
            if let scenario = range(result.currentMeasurement) { out += "; the scenario's staffing \(scenario)" }
            if let formula = range(result.baselineVerification), let b = result.baseline {
                let v = result.baselineVerification!.verdicts
                out += "; \(b.model) per slot \(formula) (\(v[.met] ?? 0) slots met, \(v[.missed] ?? 0) missed)"
            }
            out += "\n"
        }
        let ties = result.ties
        out += "plans tied with the best (one window moved, the same window-hours; met on the search's seeds, none missed on the new seeds): "
        if ties.tried == 0 {
            out += "no candidate (no cut broke a later slot)\n"
        } else if ties.tied.isEmpty {
            out += "none of \(ties.tried) tried\n"
        } else {
            let moves = ties.tied.map { "\(plan.units[$0.unit].name) \(label($0.day)) \(clock($0.from)) → \(clock($0.to))" }
            out += "\(ties.tied.count) of \(ties.tried) tried: " + moves.prefix(6).joined(separator: "; ") + (moves.count > 6 ? "; and \(moves.count - 6) more" : "") + "\n"
        }
        out += "\nrobustness (the plan at other levels of demand, on the search's seeds):\n"
        out += "demand  met  missed  undecided  groups missing the target, and the extra window that restores each\n"
        for level in result.robustness.levels {
            let v = level.measurement.verdicts
            let repairs = level.repairs.map { r in
                "\(plan.units[r.unit].name) \(label(r.day)) +1 at \(clock(r.slot))\(r.restores ? "" : " (not enough)")"
            }
            let shown = repairs.prefix(6).joined(separator: "; ") + (repairs.count > 6 ? "; and \(repairs.count - 6) more" : "")
            out += String(format: "%5.0f%%  %3d  %6d  %9d  ", level.factor * 100, v[.met] ?? 0, v[.missed] ?? 0, v[.undecided] ?? 0)
            out += (repairs.isEmpty ? "every slot meets the target" : shown) + "\n"
        }
        let rosterHours = result.rosters.hours(dayCounts: result.verification.dayCounts)
        let rv = result.rosterVerification.verdicts
        let uncovered = result.rosters.days.filter { $0.roster == nil }
        out += "\nrosters (\(menuText)): paid hours over the run \(String(format: "%.0f", rosterHours.paid)) for the plan's "
        out += String(format: "%.0f window-hours (price of shifts %.2f)", rosterHours.required, rosterHours.required > 0 ? rosterHours.paid / rosterHours.required : 0)
        out += "; on the new seeds \(rv[.met] ?? 0) slots met, \(rv[.missed] ?? 0) missed, \(rv[.undecided] ?? 0) undecided"
        out += uncovered.isEmpty ? "\n" : "; no roster for \(uncovered.count) group-days (a slot no shift works)\n"
        for d in result.rosters.days.prefix(rosterLines) {
            guard let roster = d.roster else { continue }
            let shifts = zip(d.menu, roster.counts).filter { $1 > 0 }.map { "\($1) × \(Self.shiftText($0))" }
            out += "  \(plan.units[d.unit].name) \(label(d.day)): " + shifts.joined(separator: ", ") + "\n"
        }
        if result.rosters.days.count > rosterLines { out += "  … every group's roster is in staff.json\n" }
        if let d = departments { out += "\n" + d.text() }
        let hours = windowHours
        if let b = result.baseline {
            var stationary = 0.0, mol = 0.0, missing = 0
            for u in plan.units.indices {
                for t in 0 ..< plan.partition.classCount {
                    let days = Double(result.verification.dayCounts[t])
                    for s in 0 ..< slots where result.open[u][t][s] {
                        guard let a = b.stationary[u][t][s], let m = b.modified[u][t][s] else {
                            missing += 1
                            continue
                        }
                        stationary += days * Double(a * plan.slotSeconds) / 3600
                        mol += days * Double(m * plan.slotSeconds) / 3600
                    }
                }
            }
            out += String(format: "window-hours by formula: %@ per slot %.0f, on the modified offered load %.0f", b.model, stationary, mol)
            out += missing > 0 ? " (\(missing) slots without a formula: no service measured, or no count meets the target)\n" : "\n"
        }
        out += String(format: "window-hours over the run: scenario %.0f, plan %.0f (%+.0f, %+.1f%%)\n", hours.current, hours.plan, hours.plan - hours.current,
                      hours.current > 0 ? (hours.plan / hours.current - 1) * 100 : 0)
        return out
    }

    /// Rosters listed in the text (all are in the JSON).
    var rosterLines: Int { 12 }

    var menuText: String { "cheapest count per shift of \(shiftsGiven ? "the given" : "each group's default") menu" }

    /// `09:00–17:30 (break 12:00–14:30)`.
    static func shiftText(_ s: Shift) -> String {
        func clock(_ x: Double) -> String { String(format: "%02d:%02d", Int(x) / 3600, Int(x) % 3600 / 60) }
        var text = clock(s.start) + "–" + clock(s.start + s.length)
        if let b = s.breakStart, s.breakLength > 0 { text += " (break \(clock(s.start + b))–\(clock(s.start + b + s.breakLength)))" }
        return text
    }

    /// `staff.json`.
    public func jsonData() throws -> Data {
        var groups: [[String: JSONValue]] = []
        for (u, unit) in plan.units.enumerated() {
            var days: [String: JSONValue] = [:]
            for t in dayClasses {
                var rows: [JSONValue] = []
                for s in 0 ..< slots where plan.windows[u][t][s] > 0 {
                    var row: [String: JSONValue] = [
                        "start": .string(clock(s)), "scenario_windows": .number(result.current[u][t][s]), "windows": .integer(plan.windows[u][t][s]),
                    ]
                    if let e = result.currentMeasurement.estimates[u][t][s], let v = e.value {
                        row["scenario_value"] = .number(v)
                        row["scenario_verdict"] = .string(e.verdict.rawValue)
                    }
                    if let e = result.baselineVerification?.estimates[u][t][s], let v = e.value {
                        row["erlang_value"] = .number(v)
                        row["erlang_verdict"] = .string(e.verdict.rawValue)
                    }
                    if let b = result.baseline {
                        row["load"] = .number(b.load[u][t][s])
                        if let w = b.stationary[u][t][s] { row["erlang_windows"] = .integer(w) }
                        if let w = b.modified[u][t][s] { row["erlang_mol_windows"] = .integer(w) }
                    }
                    row["roster_windows"] = .integer(result.rosters.coverage.windows[u][t][s])
                    if let e = result.verification.estimates[u][t][s] {
                        row["verdict"] = .string(e.verdict.rawValue)
                        row["people"] = .integer(e.people)
                        if let v = e.value { row["value"] = .number(v) }
                        if let v = e.low { row["low"] = .number(v) }
                        if let v = e.high { row["high"] = .number(v) }
                    }
                    rows.append(.object(row))
                }
                days[label(t)] = .array(rows)
            }
            var rosters: [String: JSONValue] = [:]
            for d in result.rosters.days where d.unit == u {
                guard let roster = d.roster else {
                    rosters[label(d.day)] = .object(["uncoverable_slots": .array(d.uncoverable.map { .string(clock($0)) })])
                    continue
                }
                rosters[label(d.day)] = .object([
                    "shifts": .array(zip(d.menu, roster.counts).filter { $1 > 0 }.map { shift, people in
                        var entry: [String: JSONValue] = [
                            "shift": .string(Self.shiftText(shift)), "people": .integer(people),
                            "start_s": .number(shift.start), "end_s": .number(shift.start + shift.length),
                        ]
                        if let b = shift.breakStart, shift.breakLength > 0 {
                            entry["break_start_s"] = .number(shift.start + b)
                            entry["break_end_s"] = .number(shift.start + b + shift.breakLength)
                        }
                        return .object(entry)
                    }),
                    "paid_hours": .number(roster.paidHours), "required_hours": .number(roster.requiredHours),
                ])
            }
            groups.append(["group": .string(unit.name), "count": .integer(unit.count), "days": .object(days), "rosters": .object(rosters)])
        }
        let hours = windowHours
        let root: JSONValue = .object([
            "scenario": .string(scenario), "target": .string(target.description), "slot_s": .integer(plan.slotSeconds),
            "judged": .string(daily ? "day" : "slot"), "days_by": .string(plan.partition.rawValue), "replications": .integer(replications), "seed": .string(String(seed)),
            "simulations": .integer(result.simulations),
            "window_hours": .object(["scenario": .number(hours.current), "plan": .number(hours.plan)]),
            "groups": .array(groups.map { .object($0) }),
            "baseline_model": result.baseline.map { .string($0.model) } ?? .null,
            "departments": departments?.json ?? .null,
            "ties": .object([
                "tried": .integer(result.ties.tried),
                "tied": .array(result.ties.tied.map { m in
                    .object(["group": .string(plan.units[m.unit].name), "day": .string(label(m.day)), "from": .string(clock(m.from)), "to": .string(clock(m.to))])
                }),
            ]),
            "robustness": .array(result.robustness.levels.map { level in
                .object([
                    "demand_factor": .number(level.factor), "holds": .bool(level.holds),
                    "repairs": .array(level.repairs.map { r in
                        .object(["group": .string(plan.units[r.unit].name), "day": .string(label(r.day)), "start": .string(clock(r.slot)), "restores": .bool(r.restores)])
                    }),
                ])
            }),
        ])
        return try ResultsJSON.data(root)
    }
}
