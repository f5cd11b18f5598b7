import CaseEngine
import Foundation
import HallModel
import SimCore
import Testing
@testable import Scenarios

/// A city, 4 counties, 35 towns spread over the counties and 442 villages spread over the towns.
let huaibeiYAML = """
name: huaibei
seed: 11
horizon: 365d
services:
  - { id: social, service_time: { exponential: { mean: 6m } } }
  - { id: medical, service_time: { exponential: { mean: 4m } } }
halls:
  - { id: city, tier: city, windows: [{ id: all, count: 10, serves: [social, medical] }] }
  - family: { id: "county-{n}", count: 4, tier: county, parent: city }
    windows: [{ id: all, count: 5, serves: [social, medical] }]
  - family: { id: "town-{n}", count: 35, tier: town, parent: { family: "county-{n}" } }
    vary: { staff: { uniform: { min: 0.5, max: 2 } } }
    windows:
      - id: desk
        count: 2
        serves: [social, medical]
        roster: [{ day: workday, hours: "09:00-12:00", count: 2 }, { day: workday, hours: "14:00-17:00", count: 1 }]
  - family: { id: "village-{n}", count: 442, tier: village, parent: { tier: town } }
    vary: { demand: { uniform: { min: 0.5, max: 1.5 } }, staff: { uniform: { min: 0.8, max: 1.2 } } }
    hours: { workday: ["09:00-12:00", "14:00-17:00"] }
    windows: [ { id: desk, count: 1, serves: [social, medical] } ]
demand:
  - { service: social, hall: city, arrivals: { poisson: { per_hour: 30 } } }
  - { service: social, hall: "village-{n}", factor: 2, arrivals: { poisson: { per_day: 5 } } }
  - { service: medical, hall: "town-{n}", arrivals: { poisson: { per_day: 20 } } }

"""

@Test func aNetworkOfFamiliesExpandsIntoEveryHall() throws {
    let spec = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "huaibei.yaml")
    let halls: Int = 1 + 4 + 35 + 442
    #expect(spec.halls.count == halls)
    let tiers: [Tier] = spec.halls.map(\.tier)
    #expect(tiers.count(where: { $0 == .county }) == 4)
    #expect(tiers.count(where: { $0 == .town }) == 35)
    #expect(tiers.count(where: { $0 == .village }) == 442)
    let ids = spec.halls.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(Array(ids[1 ... 5]) == ["county-1", "county-2", "county-3", "county-4", "town-01"])
    #expect(ids[39] == "town-35")
    #expect(ids[40] == "village-001")
    #expect(ids.last == "village-442")
    #expect(spec.halls[40].hours == .schedule([.workday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 0), (17, 0))]]))
}

@Test func familiesAreSpreadOverTheirParentsRoundRobinInFileOrder() throws {
    let spec = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "huaibei.yaml")
    let parent = Dictionary(uniqueKeysWithValues: spec.halls.map { ($0.id, $0.parent) })
    #expect(parent["city"] == .some(nil))
    #expect((1 ... 4).allSatisfy { parent["county-\($0)"] == "city" })
    #expect(parent["town-01"] == "county-1")
    #expect(parent["town-04"] == "county-4")
    #expect(parent["town-05"] == "county-1")
    #expect(parent["town-35"] == "county-3")
    #expect(parent["village-001"] == "town-01")
    #expect(parent["village-035"] == "town-35")
    #expect(parent["village-036"] == "town-01")
    #expect(parent["village-442"] == "town-22")
    let villagesPerTown = Dictionary(grouping: spec.halls.filter { $0.tier == .village }, by: { $0.parent! }).mapValues(\.count)
    #expect(villagesPerTown.count == 35)
    #expect(Set(villagesPerTown.values) == [12, 13])
    // Every parent exists and is one tier up.
    let tier = Dictionary(uniqueKeysWithValues: spec.halls.map { ($0.id, $0.tier) })
    for hall in spec.halls {
        if let p = hall.parent { #expect(tier[p] == hall.tier.parentTier, "\(hall.id) under \(p)") }
    }
}

@Test func familyDemandExpandsPerHallWithTheEntryFactorTimesTheHallsVariation() throws {
    let spec = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "huaibei.yaml")
    let entries: Int = 1 + 442 + 35
    #expect(spec.demand.count == entries)
    let villages = spec.demand.filter { $0.hall.hasPrefix("village-") }
    let villageIDs: [String] = (1 ... 442).map { (n: Int) -> String in
        let digits = String(n)
        return "village-" + String(repeating: "0", count: 3 - digits.count) + digits
    }
    #expect(villages.map(\.hall) == villageIDs)
    #expect(villages.allSatisfy { $0.service == "social" && $0.arrivals == .poisson(perSecond: 5.0 / 86_400) })
    // factor 2 × a draw from uniform(0.5, 1.5), in the order of the villages.
    var stream = RandomStream(seed: 11, label: "family/village-{n}/demand")
    let draws = (0 ..< 442).map { _ in 2 * Distribution.uniform(min: 0.5, max: 1.5).sample(&stream) }
    #expect(villages.map(\.factor) == draws)
    #expect(villages.allSatisfy { (1 ... 3).contains($0.factor) })
    #expect(Set(villages.map(\.factor)).count > 400)
    // Towns have no demand variation: the entry's factor, 1.
    #expect(spec.demand.filter { $0.hall.hasPrefix("town-") }.allSatisfy { $0.factor == 1 && $0.service == "medical" })
}

@Test func staffVariationScalesWindowCountsAndRostersRoundedAndAtLeastOne() throws {
    let spec = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "huaibei.yaml")
    var stream = RandomStream(seed: 11, label: "family/town-{n}/staff")
    for town in spec.halls.filter({ $0.tier == .town }) {
        let factor = Distribution.uniform(min: 0.5, max: 2).sample(&stream)
        let desk = town.windows[0]
        #expect(desk.count == max(1, Int((2 * factor).rounded(.toNearestOrAwayFromZero))))
        #expect(desk.roster.map(\.count) == [desk.count, min(desk.count, max(1, Int(factor.rounded(.toNearestOrAwayFromZero))))])
        #expect(desk.roster.allSatisfy { $0.count <= desk.count })
    }
    #expect(Set(spec.halls.filter { $0.tier == .town }.map { $0.windows[0].count }).count > 1)
    #expect(spec.halls.filter { $0.tier == .village }.allSatisfy { $0.windows[0].count == 1 })
    #expect(spec.halls.filter { $0.tier == .county }.allSatisfy { $0.windows[0].count == 5 })
}

@Test func theSameSeedGivesTheSameFactorsAndAnotherSeedOthers() throws {
    let first = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "a.yaml")
    let again = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "b.yaml")
    let reseeded = try ScenarioLoader.parse(yaml: huaibeiYAML.replacingOccurrences(of: "seed: 11", with: "seed: 12"), file: "c.yaml")
    #expect(first == again)
    #expect(first.demand.map(\.factor) != reseeded.demand.map(\.factor))
    #expect(first.halls.map(\.windows) != reseeded.halls.map(\.windows))
    #expect(first.halls.map(\.id) == reseeded.halls.map(\.id))
    #expect(first.halls.map(\.parent) == reseeded.halls.map(\.parent))
}

@Test func addingStaffVariationLeavesTheDemandFactorsAlone() throws {
    let plain = try ScenarioLoader.parse(yaml: huaibeiYAML, file: "a.yaml")
    let yaml = huaibeiYAML.replacingOccurrences(of: ", staff: { uniform: { min: 0.8, max: 1.2 } } }", with: " }")
    let varied = try ScenarioLoader.parse(yaml: yaml, file: "b.yaml")
    #expect(plain.demand.map(\.factor) == varied.demand.map(\.factor))
}

@Test(arguments: [
    ("9", "x-{n}", ["x-1", "x-9"]),
    ("10", "x-{n}", ["x-01", "x-10"]),
    ("100", "{n}-hall", ["001-hall", "100-hall"]),
    ("1", "only-{n}", ["only-1", "only-1"]),
    ("12", "{n}/{n}", ["01/01", "12/12"]),
])
func generatedIdsArePaddedToTheWidthOfTheCount(count: String, pattern: String, firstAndLast: [String]) throws {
    let yaml = """
    name: ids
    stop: { cases: 1 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - family: { id: "\(pattern)", count: \(count), tier: city }
        windows: [{ id: w, count: 1, serves: [s] }]
    demand: [{ service: s, hall: "\(pattern)", arrivals: { poisson: { per_hour: 1 } } }]
    """
    let spec = try ScenarioLoader.parse(yaml: yaml, file: "t")
    #expect(spec.halls.count == Int(count))
    #expect([spec.halls.first?.id, spec.halls.last?.id] == firstAndLast)
    #expect(spec.halls.allSatisfy { $0.parent == nil })
}

@Test func familiesMayHangUnderAGeneratedHallOrAWrittenOneAndVaryByAFixedFactor() throws {
    let yaml = """
    name: mixed
    stop: { cases: 1 }
    services: [{ id: s, service_time: { deterministic: 1m } }]
    halls:
      - family: { id: "c{n}", count: 2, tier: city }
        windows: [{ id: w, count: 3, serves: [s] }]
      - family: { id: "k{n}", count: 3, tier: county, parent: c2 }
        vary: { demand: 1.5, staff: 0.5 }
        windows: [{ id: w, count: 3, serves: [s] }]
      - { id: town, tier: town, parent: k3, windows: [{ id: w, count: 1, serves: [s] }] }
    demand:
      - { service: s, hall: "k{n}", arrivals: { poisson: { per_hour: 1 } } }
      - { service: s, hall: k2, factor: 3, arrivals: { poisson: { per_hour: 1 } } }
    """
    do {
        _ = try ScenarioLoader.parse(yaml: yaml, file: "t")
        Issue.record("a second entry for s at k2 must be rejected")
    } catch {
        expect(error.diagnostics.first, at: 13, 5, saying: "a second demand entry for 's' at hall 'k2'", hint: "family 'k{n}' at line 12")
    }
    let spec = try ScenarioLoader.parse(yaml: yaml.replacingOccurrences(of: "hall: k2,", with: "hall: town,"), file: "t")
    #expect(spec.halls.map(\.parent) == [nil, nil, "c2", "c2", "c2", "k3"])
    #expect(spec.halls[2 ... 4].allSatisfy { $0.windows[0].count == 2 })
    #expect(spec.demand.map(\.factor) == [1.5, 1.5, 1.5, 3])
}

@Test func theModelCompilesEveryHallWindowGroupAndDemandEntryTheLoaderBuilds() throws {
    for yaml in [huaibeiYAML, networkYAML, mmcYAML] {
        let spec = try ScenarioLoader.parse(yaml: yaml, file: "t.yaml")
        let network = HallNetwork(spec)
        #expect(network.catalog.halls.map(\.id) == spec.halls.map(\.id), "\(spec.name)")
        #expect(network.catalog.halls.map(\.tier) == spec.halls.map(\.tier.rawValue), "\(spec.name)")
        let parents = network.catalog.halls.map { $0.parent.map { network.catalog.halls[$0].id } }
        #expect(parents == spec.halls.map(\.parent), "\(spec.name)")
        let windowGroups = network.catalog.groups.filter { $0.kind == .window }
        let written = spec.halls.flatMap { hall in hall.windows.map { (hall.id, $0.id, $0.count) } }
        #expect(windowGroups.map { network.catalog.halls[$0.hall].id } == written.map(\.0), "\(spec.name)")
        #expect(windowGroups.map(\.id) == written.map(\.1), "\(spec.name)")
        #expect(windowGroups.map(\.servers) == written.map(\.2), "\(spec.name)")
        #expect(network.sources.count == spec.demand.count, "\(spec.name): one arrival source per demand entry")
        #expect(network.catalog.services == spec.services.map(\.id), "\(spec.name)")
    }
}
