public import Experiments
public import Foundation

/// The back-office part of `hallsim staff`: each department's staff against an on-time target over
/// the run, with its interval and the share at one desk fewer. Printed after the window groups'
/// plan, or alone when the only target is a department's.
public struct DepartmentStaffingReport: Sendable {
    public var target: SlotTarget
    public var rows: [DepartmentStaffing.Row]

    public init(target: SlotTarget, rows: [DepartmentStaffing.Row]) {
        self.target = target
        self.rows = rows
    }

    /// The departments whose staff the plan sets (not those left as they are).
    public var staffed: [DepartmentStaffing.Row] { rows.filter { $0.note == nil } }

    /// The text table.
    public func text() -> String {
        var out = "back-office departments, \(target) over the run (95% interval; the share at one desk fewer):\n"
        let width = max(10, rows.map(\.unit.name.count).max() ?? 0)
        for r in rows {
            let e = r.estimate
            var line = r.unit.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  staff \(r.unit.staff) → \(r.staff)"
            if let v = e.value, let lo = e.low, let hi = e.high {
                line += String(format: "  %.3f [%.3f, %.3f] %@", v, lo, hi, e.verdict.rawValue)
            } else {
                line += "  \(e.verdict.rawValue)"
            }
            if let f = r.fewer, let v = f.value { line += String(format: "; at %d: %.3f %@", r.staff - 1, v, f.verdict.rawValue) }
            if let change = r.rosterChange { line += change == 0 ? "; its roster as it is" : "; every shift of its roster \(change > 0 ? "+" : "−")\(abs(change))" }
            if let n = r.note { line += " (\(n))" }
            out += line + "\n"
        }
        let before = rows.reduce(0) { $0 + $1.unit.staff }, after = rows.reduce(0) { $0 + $1.staff }
        out += "desks over the departments: scenario \(before), plan \(after) (\(after >= before ? "+" : "−")\(abs(after - before)))\n"
        return out
    }

    /// The `departments` entry of staff.json.
    public var json: JSONValue {
        .array(rows.map { r in
            var row: [String: JSONValue] = [
                "department": .string(r.unit.name), "scenario_staff": .integer(r.unit.staff), "staff": .integer(r.staff),
                "verdict": .string(r.estimate.verdict.rawValue),
            ]
            if let v = r.estimate.value { row["value"] = .number(v) }
            if let v = r.estimate.low { row["low"] = .number(v) }
            if let v = r.estimate.high { row["high"] = .number(v) }
            if let f = r.fewer, let v = f.value { row["one_fewer"] = .object(["value": .number(v), "verdict": .string(f.verdict.rawValue)]) }
            if let change = r.rosterChange { row["roster_change"] = .integer(change) }
            if let n = r.note { row["note"] = .string(n) }
            return .object(row)
        })
    }

    /// `staff.json` when the departments are all that is staffed.
    public func jsonData(scenario: String, replications: Int, seed: UInt64) throws -> Data {
        let root: JSONValue = .object([
            "scenario": .string(scenario), "target": .string(target.description), "replications": .integer(replications),
            "seed": .string(String(seed)), "departments": json,
        ])
        return try ResultsJSON.data(root)
    }
}
