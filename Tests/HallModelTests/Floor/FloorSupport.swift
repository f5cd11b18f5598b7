import CaseEngine
@testable import HallModel
import SimCore

/// One always-open hall with window groups of the given sizes, each serving every service, plus
/// one demand entry per service; `departments` adds desks, `build` edits the spec.
func floorNetwork(
    groups sizes: [Int] = [2], services: Int = 1, departments: [Int] = [], horizon: SimTime? = nil, cases: Int? = 1_000,
    build: (inout ScenarioSpec) -> Void = { _ in }
) throws -> HallNetwork {
    let ids = (0 ..< services).map { "s\($0)" }
    var spec = ScenarioSpec(
        name: "floor", seed: 3, stop: StopRule(cases: cases, horizon: horizon),
        services: ids.map { ServiceSpec(id: $0, serviceTime: .deterministic(60)) },
        halls: [HallSpec(
            id: "h", tier: .city, hours: .always,
            windows: sizes.enumerated().map { WindowGroupSpec(id: "g\($0.offset)", count: $0.element, serves: ids) },
            departments: departments.enumerated().map { DepartmentSpec(id: "d\($0.offset)", staff: $0.element) }
        )],
        demand: ids.map { DemandSpec(service: $0, hall: "h", arrivals: .poisson(perSecond: 0.01)) }
    )
    build(&spec)
    return HallNetwork(spec)
}

/// A person of source 0 waiting in group `g`, arrived at `arrival`.
func waiting(_ caseID: UInt32, group g: Int = 0, arrival: Int64 = 0) -> WindowGroups.Waiting {
    WindowGroups.Waiting(caseID: caseID, service: 0, visit: 0, source: 0, group: UInt16(g), arrival: arrival, duration: 60, channel: .walkIn, generation: 0)
}

/// Counts the live ``Tracked`` instances made with it: one per test, since tests run in parallel.
final class Census {
    var alive = 0
}

/// A value that counts itself in its census while it lives: to see that a table releases what it holds.
final class Tracked {
    let value: Int
    let census: Census
    init(_ value: Int, _ census: Census) {
        self.value = value
        self.census = census
        census.alive += 1
    }
    deinit { census.alive -= 1 }
}
