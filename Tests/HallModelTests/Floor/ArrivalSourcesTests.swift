import CaseEngine
@testable import HallModel
import SimCore
import Testing

@Test func arrivalSourcesDrawTheSameNumbersForTheSameSeed() throws {
    let network = try floorNetwork(services: 2)
    var a = ArrivalSources(network, seed: 5), b = ArrivalSources(network, seed: 5)
    for s in 0 ..< 2 {
        #expect(a.plainGap(s) == b.plainGap(s))
        #expect(a.serviceTicks(s) == b.serviceTicks(s))
    }
}

@Test func arrivalSourcesDrawEachSourceFromItsOwnStream() throws {
    let network = try floorNetwork(services: 2)
    var both = ArrivalSources(network, seed: 5), second = ArrivalSources(network, seed: 5)
    _ = both.plainGap(0)
    #expect(both.plainGap(1) == second.plainGap(1), "drawing source 0 leaves source 1's numbers unchanged")
}

@Test func arrivalSourcesClampServiceTimesBeyondTheClockToItsEnd() throws {
    let network = try floorNetwork { $0.services[0].serviceTime = .deterministic(1e300) }
    var sources = ArrivalSources(network, seed: 1)
    #expect(sources.serviceTicks(0) == SimTime.end.ticks)
}

@Test func arrivalSourcesGiveNoReturnWithoutAReturnRule() throws {
    var sources = ArrivalSources(try floorNetwork(), seed: 1)
    #expect(sources.returnDays(0) == nil)
    #expect(sources.patienceLimit(0) == nil)
}

@Test func arrivalSourcesBringPeopleBackAfterAtLeastOneWholeDay() throws {
    let network = try floorNetwork {
        $0.behaviour = BehaviourSpec(returnVisit: ReturnVisitSpec(probability: 1, afterDays: .uniform(min: 0, max: 0.5)))
    }
    var sources = ArrivalSources(network, seed: 1)
    for _ in 0 ..< 20 { #expect(sources.returnDays(0) == 1) }
}
