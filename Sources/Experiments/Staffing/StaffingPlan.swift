public import CaseEngine
public import HallModel
import SimCore

/// A window group whose staffing a plan decides: its hall and group in the scenario, and its index
/// in the compiled network.
public struct StaffingUnit: Sendable, Equatable {
    /// Index into ``ScenarioSpec/halls``.
    public var hall: Int
    /// Index into the hall's ``HallSpec/windows``.
    public var window: Int
    /// The group's index in the network (``HallNetwork/groups``, ``Catalog/groups``).
    public var group: Int
    /// `hall/group`, as experiments name places.
    public var name: String
    /// The windows the scenario gives the group.
    public var count: Int

    /// The window groups of `spec` (not kiosks, departments or desks), in the scenario's order.
    public static func all(in spec: ScenarioSpec, network: HallNetwork) -> [StaffingUnit] {
        let catalog = network.catalog
        var units: [StaffingUnit] = []
        for (h, hall) in spec.halls.enumerated() {
            for (w, group) in hall.windows.enumerated() {
                guard let g = catalog.groups.indices.first(where: {
                    catalog.groups[$0].kind == .window && catalog.groups[$0].id == group.id && catalog.halls[catalog.groups[$0].hall].id == hall.id
                }) else { continue }
                units.append(StaffingUnit(hall: h, window: w, group: g, name: "\(hall.id)/\(group.id)", count: group.count))
            }
        }
        return units
    }
}

/// Staffed windows per window group, class of days (a kind of day, or also a weekday or month:
/// ``DayPartition``) and slot of the day: what `hallsim staff` decides.
///
/// A slot the scenario never staffs (the hall closed, a group off rotation) stays at 0 and is not
/// decided. Applied to a scenario, each group's roster becomes one shift per run of slots with the
/// same count (a slot at 0 between staffed ones is a break), and its window count rises to the
/// plan's largest count where the plan needs more windows than the scenario has.
public struct StaffingPlan: Sendable, Equatable {
    public var units: [StaffingUnit]
    public var slotSeconds: Int
    /// How days fall in the classes planned apart.
    public var partition: DayPartition
    /// Windows at `[unit][class][slot]`.
    public var windows: [[[Int]]]

    public init(units: [StaffingUnit], slotSeconds: Int, partition: DayPartition = .dayType, windows: [[[Int]]]) {
        self.units = units
        self.slotSeconds = slotSeconds
        self.partition = partition
        self.windows = windows
    }

    public var slotsPerDay: Int { 86_400 / slotSeconds }

    /// The largest count of unit `u` over every slot.
    public func most(_ u: Int) -> Int { windows[u].lazy.flatMap { $0 }.max() ?? 0 }

    /// Window-hours of unit `u` on one day of class `dayClass`.
    public func windowHours(_ u: Int, _ dayClass: Int) -> Double {
        Double(windows[u][dayClass].reduce(0, +) * slotSeconds) / 3600
    }

    /// The roster shifts of unit `u`: one per run of slots with the same non-zero count, worked on its class's days.
    public func shifts(_ u: Int) -> [RosterShift] { RosterShift.runs(of: windows[u], slotSeconds: slotSeconds, partition: partition) }

    /// `spec` with this plan's rosters and window counts.
    public func applied(to spec: ScenarioSpec) -> ScenarioSpec {
        var spec = spec
        for (u, unit) in units.enumerated() {
            spec.halls[unit.hall].windows[unit.window].roster = shifts(u)
            spec.halls[unit.hall].windows[unit.window].count = max(unit.count, most(u))
        }
        return spec
    }
}
