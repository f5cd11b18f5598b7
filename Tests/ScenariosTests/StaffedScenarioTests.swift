import CaseEngine
import HallModel
import Scenarios
import Testing

/// A staffed copy of a scenario: halls a family generated are staffed as the family, at the most
/// windows any of them needs, and the copy reads back with those rosters.
@Test func aFamilyIsStaffedAtTheMostAnyOfItsHallsNeedsAndTheCopyReadsBack() throws {
    let yaml = """
        name: towns
        horizon: 2d
        services:
          - { id: s, service_time: { exponential: { mean: 5m } } }
        halls:
          - id: city
            tier: city
            windows: [{ id: w, count: 2, serves: [s] }]
          - family: { id: "county-{n}", count: 2, tier: county, parent: city }
            windows: [{ id: desk, count: 1, serves: [s] }]
        demand:
          - { service: s, hall: city, arrivals: { poisson: { per_hour: 10 } } }
        """
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "towns.yaml")
    #expect(StaffedScenario.key(ofHall: "county-2", yaml: yaml) == "county-{n}")
    #expect(StaffedScenario.key(ofHall: "city", yaml: yaml) == "city")
    func day(_ counts: [Int]) -> [[Int]] { [counts, [0, 0, 0, 0], [0, 0, 0, 0]] }
    let towns = spec.halls.indices.filter { spec.halls[$0].id.hasPrefix("county-") }
    #expect(towns.count == 2)
    let text = try StaffedScenario.rewrite(
        yaml: yaml, file: "towns.yaml", spec: spec,
        plans: [
            .init(hall: towns[0], window: 0, windows: day([0, 2, 1, 0])),
            .init(hall: towns[1], window: 0, windows: day([0, 1, 3, 0])),
        ],
        slotSeconds: 21_600)
    let staffed = try ScenarioLoader.parse(yaml: text, file: "staffed.yaml")
    for h in staffed.halls where h.id.hasPrefix("county-") {
        #expect(h.windows[0].count == 3)
        #expect(h.windows[0].roster == [
            RosterShift(day: .workday, interval: DayInterval((6, 0), (12, 0)), count: 2),
            RosterShift(day: .workday, interval: DayInterval((12, 0), (18, 0)), count: 3),
        ])
    }
    #expect(staffed.halls.first { $0.id == "city" }?.windows[0].roster == [])
}
