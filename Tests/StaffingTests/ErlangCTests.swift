import Foundation
import Staffing
import Testing

/// 100 calls per 30 minutes with 180 s handling: 10 erlangs.
private let rate = 100.0 / 1800, handling = 180.0

@Test func erlangCMatchesTheReferenceCallCentre() throws {
    let at14 = ErlangC(arrivalRate: rate, meanService: handling, servers: 14)
    #expect(at14.load == 10)
    #expect(abs(try #require(at14.delayProbability) - 0.1741) < 5e-5)
    #expect(abs(try #require(at14.serviceLevel(within: 20)) - 0.8884) < 5e-5)
    #expect(abs(try #require(at14.meanWait) - 7.84) < 0.005)
    let at13 = ErlangC(arrivalRate: rate, meanService: handling, servers: 13)
    #expect(abs(try #require(at13.serviceLevel(within: 20)) - 0.7956) < 5e-5)
}

@Test func eightyPercentWithinTwentySecondsNeedsFourteenWindows() {
    let target = StaffingTarget.serviceLevel(within: 20, atLeast: 0.8)
    #expect(requiredServers(load: rate * handling, meanService: handling, target: target) == 14)
    // Issue 14's stationary slot: 200 arrivals per hour, 180 s service.
    #expect(requiredServers(load: 200.0 / 3600 * handling, meanService: handling, target: target) == 14)
    #expect(requiredServers(load: 10, meanService: 180, target: .waitQuantile(0.8, atMost: 20)) == 14)
}

@Test func anUnstableQueueHasNoFigures() {
    let full = ErlangC(load: 10, servers: 10, meanService: 60)
    #expect(!full.isStable && full.delayProbability == nil && full.meanWait == nil)
    #expect(full.serviceLevel(within: 10) == nil && full.waitQuantile(0.5) == nil)
}

@Test func staffingNeverFallsToTheStabilityLimit() {
    for load in [0.3, 1, 9.5, 10, 57.2, 400] {
        for target in [StaffingTarget.delayProbability(atMost: 0.999), .meanWait(atMost: 1e9), .abandonment(atMost: 0.5)] {
            let n = requiredServers(load: load, meanService: 100, target: target)
            #expect(n == Int(load.rounded(.down)) + 1)
        }
    }
    #expect(requiredServers(load: 0, meanService: 100, target: .delayProbability(atMost: 0.1)) == 0)
    #expect(requiredServers(load: 5, meanService: 100, target: .delayProbability(atMost: 0)) == nil)
}

@Test func requiredServersIsTheFewestThatMeetTheTarget() {
    for load in [0.5, 3.7, 10, 42, 250] {
        for target in [StaffingTarget.delayProbability(atMost: 0.2), .meanWait(atMost: 15), .serviceLevel(within: 30, atLeast: 0.9), .waitQuantile(0.95, atMost: 60)] {
            let n = requiredServers(load: load, meanService: 200, target: target)!
            #expect(target.isMet(by: ErlangC(load: load, servers: n, meanService: 200)))
            #expect(!target.isMet(by: ErlangC(load: load, servers: n - 1, meanService: 200)))
        }
    }
}

@Test func erlangBRecursionEqualsTheFactorialFormula() {
    for (a, n) in [(2.5, 4), (10.0, 14), (7.0, 3)] {
        var sum = 0.0, term = 1.0
        for k in 0 ... n {
            if k > 0 { term *= a / Double(k) }
            sum += term
        }
        #expect(abs(ErlangB.blocking(load: a, servers: n) - term / sum) < 1e-14)
    }
}

@Test func largeQueuesAreStableAndApproachHalfinWhitt() throws {
    let huge = ErlangC(load: 9_999, servers: 10_000, meanService: 60)
    let c = try #require(huge.delayProbability)
    #expect(c > 0.9 && c < 1)
    let a = 9_900.0
    let n = Int(a + a.squareRoot())
    let near = try #require(ErlangC(load: a, servers: n, meanService: 60).delayProbability)
    #expect(abs(near - HalfinWhitt.delayProbability(beta: (Double(n) - a) / a.squareRoot())) < 0.01)
}

@Test func theWaitQuantileInvertsTheServiceLevel() throws {
    let q = ErlangC(load: 10, servers: 12, meanService: 180)
    for p in [0.5, 0.8, 0.9, 0.99] {
        let t = try #require(q.waitQuantile(p))
        if t > 0 { #expect(abs(try #require(q.serviceLevel(within: t)) - p) < 1e-12) }
        else { #expect(try #require(q.delayProbability) <= 1 - p) }
    }
}

@Test func halfinWhittBetaMatchesTheReferenceValues() throws {
    for (alpha, beta) in [(0.5, 0.51), (0.2, 1.06), (0.1, 1.42)] {
        let b = try #require(HalfinWhitt.beta(delayProbability: alpha))
        #expect(abs(b - beta) < 0.006)
        #expect(abs(HalfinWhitt.delayProbability(beta: b) - alpha) < 1e-10)
    }
    #expect(HalfinWhitt.beta(delayProbability: 1) == nil && HalfinWhitt.beta(delayProbability: 0) == nil)
    #expect(HalfinWhitt.squareRootStaffing(load: 100, beta: 1.06) == 111)
    #expect(HalfinWhitt.squareRootStaffing(load: 0, beta: 1) == 0)
}
