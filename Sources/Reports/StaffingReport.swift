public import CaseEngine
public import Experiments
public import Foundation

/// What `hallsim staff` prints and writes: the plan per window group, kind of day and slot beside
/// the scenario's own staffing, each slot's achieved figure on the verifying replications, and the
/// window-hours of both.
public struct StaffingReport: Sendable {
    public var scenario: String
    public var target: SlotTarget
    public var replications: Int
    public var seed: UInt64
    public var daily: Bool
    public var result: StaffingSearch.Result

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

    /// Kinds of day the run had with at least one decided slot.
    var dayTypes: [DayType] {
        DayType.allCases.filter { t in
            result.verification.dayCounts[Int(t.rawValue)] > 0 && plan.windows.contains { $0[Int(t.rawValue)].contains { $0 > 0 } }
        }
    }

    /// Window-hours over the run per replication: the scenario's and the plan's.
    public var windowHours: (current: Double, plan: Double) {
        var current = 0.0, planned = 0.0
        for u in plan.units.indices {
            for t in DayType.allCases {
                let days = Double(result.verification.dayCounts[Int(t.rawValue)])
                current += days * result.current[u][Int(t.rawValue)].reduce(0, +) * Double(plan.slotSeconds) / 3600
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
        for type in dayTypes {
            let t = Int(type.rawValue)
            let open = (0 ..< slots).filter { s in plan.units.indices.contains { plan.windows[$0][t][s] > 0 } }
            guard let first = open.first, let last = open.last else { continue }
            let columns = Array(first ... last)
            out += "\(type) (\(result.verification.dayCounts[t]) days): windows per slot, scenario → plan\n"
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
                out += String(repeating: " ", count: width) + "  " + planned.map { $0.leftPad(5) }.joined(separator: " ")
                out += String(format: " → %6.1f\n", plan.windowHours(u, type))
            }
            out += "\n"
        }
        var verdicts: [SlotEstimate.Verdict: Int] = [:]
        for e in result.verification.estimates.joined().joined().compactMap({ $0 }) { verdicts[e.verdict, default: 0] += 1 }
        out += "verified on \(replications) replications with new seeds: \(verdicts[.met] ?? 0) slots met, \(verdicts[.missed] ?? 0) missed (!), "
        out += "\(verdicts[.undecided] ?? 0) undecided (?), \(verdicts[.tooFew] ?? 0) with too few people to judge (~)\n"
        out += "\nrobustness (the plan at other levels of demand, on the search's seeds):\n"
        out += "demand  met  missed  undecided  groups missing the target, and the extra window that restores each\n"
        for level in result.robustness.levels {
            var v: [SlotEstimate.Verdict: Int] = [:]
            for e in level.measurement.estimates.joined().joined().compactMap({ $0 }) { v[e.verdict, default: 0] += 1 }
            let repairs = level.repairs.map { r in
                "\(plan.units[r.unit].name) \(r.day) +1 at \(clock(r.slot))\(r.restores ? "" : " (not enough)")"
            }
            let shown = repairs.prefix(6).joined(separator: "; ") + (repairs.count > 6 ? "; and \(repairs.count - 6) more" : "")
            out += String(format: "%5.0f%%  %3d  %6d  %9d  ", level.factor * 100, v[.met] ?? 0, v[.missed] ?? 0, v[.undecided] ?? 0)
            out += (repairs.isEmpty ? "every slot meets the target" : shown) + "\n"
        }
        let hours = windowHours
        out += String(format: "window-hours over the run: scenario %.0f, plan %.0f (%+.0f, %+.1f%%)\n", hours.current, hours.plan, hours.plan - hours.current,
                      hours.current > 0 ? (hours.plan / hours.current - 1) * 100 : 0)
        return out
    }

    /// `staff.json`.
    public func jsonData() throws -> Data {
        var groups: [[String: JSONValue]] = []
        for (u, unit) in plan.units.enumerated() {
            var days: [String: JSONValue] = [:]
            for type in dayTypes {
                let t = Int(type.rawValue)
                var rows: [JSONValue] = []
                for s in 0 ..< slots where plan.windows[u][t][s] > 0 {
                    var row: [String: JSONValue] = [
                        "start": .string(clock(s)), "scenario_windows": .number(result.current[u][t][s]), "windows": .integer(plan.windows[u][t][s]),
                    ]
                    if let e = result.verification.estimates[u][t][s] {
                        row["verdict"] = .string(e.verdict.rawValue)
                        row["people"] = .integer(e.people)
                        if let v = e.value { row["value"] = .number(v) }
                        if let v = e.low { row["low"] = .number(v) }
                        if let v = e.high { row["high"] = .number(v) }
                    }
                    rows.append(.object(row))
                }
                days[type.description] = .array(rows)
            }
            groups.append(["group": .string(unit.name), "count": .integer(unit.count), "days": .object(days)])
        }
        let hours = windowHours
        let root: JSONValue = .object([
            "scenario": .string(scenario), "target": .string(target.description), "slot_s": .integer(plan.slotSeconds),
            "judged": .string(daily ? "day" : "slot"), "replications": .integer(replications), "seed": .string(String(seed)),
            "simulations": .integer(result.simulations),
            "window_hours": .object(["scenario": .number(hours.current), "plan": .number(hours.plan)]),
            "groups": .array(groups.map { .object($0) }),
            "robustness": .array(result.robustness.levels.map { level in
                .object([
                    "demand_factor": .number(level.factor), "holds": .bool(level.holds),
                    "repairs": .array(level.repairs.map { r in
                        .object(["group": .string(plan.units[r.unit].name), "day": .string(r.day.description), "start": .string(clock(r.slot)), "restores": .bool(r.restores)])
                    }),
                ])
            }),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(root)
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
