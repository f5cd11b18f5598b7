public import CaseEngine
import Foundation
public import HallModel
import SimCore
import Yams

/// A scenario file rewritten with new staffing: each window group's `count` and `roster` replaced
/// through the same overrides `--set` applies, so the copy passes the same checks as the file and
/// `hallsim run` reproduces the staffing it was written for.
public enum StaffedScenario {
    /// New staffing of one window group: `hall` is a hall id or a family's id pattern (`county-{n}`).
    struct Group: Sendable, Equatable {
        var hall: String
        var group: String
        var count: Int
        var roster: [RosterShift]

        init(hall: String, group: String, count: Int, roster: [RosterShift]) {
            self.hall = hall
            self.group = group
            self.count = count
            self.roster = roster
        }
    }

    /// New staff of one back-office department, and its roster when it has one.
    struct Department: Sendable, Equatable {
        var hall: String
        var department: String
        var staff: Int
        var roster: [RosterShift]

        init(hall: String, department: String, staff: Int, roster: [RosterShift] = []) {
            self.hall = hall
            self.department = department
            self.staff = staff
            self.roster = roster
        }
    }

    /// New staffing of a group of `spec`, by its indices: windows at `[class of days][slot]` (``DayPartition``).
    public struct Plan: Sendable, Equatable {
        public var hall: Int
        public var window: Int
        public var windows: [[Int]]

        public init(hall: Int, window: Int, windows: [[Int]]) {
            self.hall = hall
            self.window = window
            self.windows = windows
        }
    }

    /// `yaml` (the file `spec` was read from) with `plans` as each group's count and roster and
    /// `staff` as each department's (by hall and department index); a department with a roster
    /// has every shift of it changed by as many staff as its `staff` changes. Halls a family
    /// generated are staffed as the family: slot by slot, the most windows any of them needs; a
    /// department, the most staff.
    public static func rewrite(
        yaml: String, file: String, spec: ScenarioSpec, first: [Override] = [], plans: [Plan], slotSeconds: Int,
        partition: DayPartition = .dayType, staff: [(hall: Int, department: Int, staff: Int)] = []
    ) throws(ScenarioError) -> String {
        var merged: [String: Group] = [:]
        var windows: [String: [[Int]]] = [:]
        var order: [String] = []
        for p in plans {
            let hall = key(ofHall: spec.halls[p.hall].id, yaml: yaml)
            let group = spec.halls[p.hall].windows[p.window]
            let id = hall + "\u{0}" + group.id
            if let before = windows[id] {
                windows[id] = zip(before, p.windows).map { zip($0, $1).map(max) }
            } else {
                windows[id] = p.windows
                order.append(id)
            }
            let most = windows[id]!.joined().max() ?? 0
            let count = max(merged[id]?.count ?? 0, group.count, most)
            merged[id] = Group(hall: hall, group: group.id, count: count, roster: RosterShift.runs(of: windows[id]!, slotSeconds: slotSeconds, partition: partition))
        }
        var departments: [String: Department] = [:]
        for d in staff {
            let hall = key(ofHall: spec.halls[d.hall].id, yaml: yaml)
            let id = spec.halls[d.hall].departments[d.department].id
            let most = max(d.staff, departments[hall + "\u{0}" + id]?.staff ?? 0)
            let roster = spec.halls[d.hall].departments[d.department].staffed(most).roster
            departments[hall + "\u{0}" + id] = Department(hall: hall, department: id, staff: most, roster: roster)
        }
        return try rewrite(yaml: yaml, file: file, first: first, groups: order.map { merged[$0]! }, departments: departments.keys.sorted().map { departments[$0]! })
    }

    /// How the file names the hall with id `id`: its own id, or the id pattern of the family that
    /// generated it (generated halls are staffed as a family, never one by one).
    public static func key(ofHall id: String, yaml: String) -> String {
        guard let root = try? Yams.compose(yaml: yaml), let halls = root.mapping?["halls"]?.sequence else { return id }
        for entry in halls {
            if entry.mapping?["id"]?.string == id { return id }
            guard let pattern = entry.mapping?["family"]?.mapping?["id"]?.string else { continue }
            let parts = pattern.components(separatedBy: "{n}")
            guard parts.count == 2, id.hasPrefix(parts[0]), id.hasSuffix(parts[1]), id.count > parts[0].count + parts[1].count else { continue }
            let middle = id.dropFirst(parts[0].count).dropLast(parts[1].count)
            if middle.allSatisfy(\.isNumber) { return pattern }
        }
        return id
    }

    /// `yaml` with every group's staffing replaced, as YAML text (comments are not kept), checked by
    /// reading it back.
    /// `first` are applied before the staffing (the `--set` changes the staffing was found for).
    static func rewrite(yaml: String, file: String, first: [Override] = [], groups: [Group], departments: [Department] = []) throws(ScenarioError) -> String {
        var overrides = first
        for d in departments {
            do {
                overrides.append(try Override(parsing: "halls.\(d.hall).departments.\(d.department).staff=\(d.staff)"))
                if !d.roster.isEmpty {
                    overrides.append(try Override(parsing: "halls.\(d.hall).departments.\(d.department).roster=[\(d.roster.map(Self.shift).joined(separator: ", "))]"))
                }
            } catch {
                throw ScenarioError(diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: error.message, expected: error.expected)])
            }
        }
        for g in groups {
            let path = "halls.\(g.hall).windows.\(g.group)"
            do {
                overrides.append(try Override(parsing: "\(path).count=\(g.count)"))
                overrides.append(try Override(parsing: "\(path).roster=[\(g.roster.map(Self.shift).joined(separator: ", "))]"))
            } catch {
                throw ScenarioError(diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: error.message, expected: error.expected)])
            }
        }
        guard let root = try? Yams.compose(yaml: yaml) else {
            throw ScenarioError(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "the file is not YAML", expected: "the scenario that was staffed")])
        }
        var document = root
        _ = try ScenarioLoader.apply(overrides, to: &document, file: file, after: yaml.count { $0 == "\n" } + 1)
        let text: String
        do {
            text = try Yams.serialize(node: document, sortKeys: false)
        } catch {
            throw ScenarioError(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "cannot write the staffed scenario (\(error))", expected: "a YAML document")])
        }
        _ = try ScenarioLoader.parse(yaml: text, file: file)
        return text
    }

    /// `{ day: workday, hours: "09:00-10:30", count: 3 }`, with `weekdays: [mon]` or `months: [mar]` when the shift has them.
    static func shift(_ s: RosterShift) -> String {
        var text = "{ day: \(s.day), "
        if !s.weekdays.isEmpty { text += "weekdays: [\(s.weekdays.map(\.shortName).joined(separator: ", "))], " }
        if !s.months.isEmpty { text += "months: [\(s.months.map { DayClass.monthNames[$0 - 1] }.joined(separator: ", "))], " }
        return text + "hours: \"\(clock(s.interval.from))-\(clock(s.interval.to))\", count: \(s.count) }"
    }

    static func clock(_ ticks: Int64) -> String {
        let minutes = Int(ticks / SimTime.minutes(1).ticks)
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
