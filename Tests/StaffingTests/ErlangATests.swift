import Foundation
import SimCore
import Staffing
import Testing

@Test func erlangAApproachesErlangCAsPatienceGrowsWithout() throws {
    let c = ErlangC(load: 10, servers: 14, meanService: 180)
    let a = ErlangA(arrivalRate: 10.0 / 180, meanService: 180, patienceRate: 1e-8, servers: 14)
    #expect(abs(a.delayProbability - (try #require(c.delayProbability))) < 1e-5)
    #expect(abs(a.serviceLevel(within: 20) - (try #require(c.serviceLevel(within: 20)))) < 1e-5)
    #expect(abs(a.waitAtMost(20) - (try #require(c.serviceLevel(within: 20)))) < 1e-5)
    #expect(abs(a.meanWait - (try #require(c.meanWait))) < 1e-3)
    #expect(abs(a.meanOfferedWait - (try #require(c.meanWait))) < 1e-3)
    #expect(abs(a.meanWaitOfServed - (try #require(c.meanWait))) < 1e-3)
    #expect(abs(a.offeredWaitExceeding(20) - (1 - (try #require(c.serviceLevel(within: 20))))) < 1e-5)
    #expect(a.abandonmentProbability < 1e-6)
}

@Test func abandonmentIsThetaTimesTheMeanWaitOfTheWaitDistribution() {
    // E[W] from integrating the distribution P(W > t), independent of the chain's mean queue.
    let queues: [(servers: Int, theta: Double)] = [(8, 1.0 / 120), (10, 1.0 / 600), (12, 1.0 / 60), (3, 1.0 / 200)]
    for (n, theta) in queues {
        let q = ErlangA(arrivalRate: 10.0 / 180, meanService: 180, patienceRate: theta, servers: n)
        var integral = 0.0, t = 0.0
        let step = 1.0
        var previous = 1 - q.waitAtMost(0)
        while previous > 1e-9 {
            let next = 1 - q.waitAtMost(t + step)
            integral += (previous + next) / 2 * step
            (t, previous) = (t + step, next)
        }
        let waitTolerance: Double = 1e-3 * q.meanWait + 1e-6
        let abandonmentTolerance: Double = 1e-3 * q.abandonmentProbability + 1e-8
        #expect(abs(integral - q.meanWait) < waitTolerance)
        #expect(abs(theta * integral - q.abandonmentProbability) < abandonmentTolerance)
    }
}

@Test func erlangAMatchesTheBirthDeathChainSolvedByIteration() {
    // The chain's stationary law by power iteration of the uniformized generator, truncated at 200.
    let (lambda, mu, theta, n) = (1.0 / 20, 1.0 / 90, 1.0 / 150, 4)
    let top = 200
    func down(_ k: Int) -> Double { Double(min(k, n)) * mu + Double(max(k - n, 0)) * theta }
    let uniform = lambda + down(top)
    var p = [Double](repeating: 1.0 / Double(top + 1), count: top + 1)
    for _ in 0 ..< 60_000 {
        var next = [Double](repeating: 0, count: top + 1)
        for k in 0 ... top {
            let up = k < top ? lambda : 0
            next[k] += p[k] * (1 - (up + down(k)) / uniform)
            if k < top { next[k + 1] += p[k] * up / uniform }
            if k > 0 { next[k - 1] += p[k] * down(k) / uniform }
        }
        p = next
    }
    let waiting = p[n...].reduce(0, +)
    let meanQueue = (n ... top).reduce(0.0) { $0 + Double($1 - n) * p[$1] }
    let q = ErlangA(arrivalRate: lambda, meanService: 1 / mu, patienceRate: theta, servers: n)
    #expect(abs(q.delayProbability - waiting) < 1e-9)
    #expect(abs(q.abandonmentProbability - theta * meanQueue / lambda) < 1e-9)
    #expect(q.truncationBound < 1e-15)
}

@Test func erlangAWaitingFiguresMatchASimulation() {
    // Seeded M/M/n+M, first come first served: each arrival takes the first free server
    // unless its patience runs out first.
    let (lambda, service, patience, n, limit) = (1.0 / 45, 200.0, 240.0, 5, 30.0)
    var random = RandomStream(seed: 14)
    var free = [Double](repeating: 0, count: n)
    var clock = 0.0
    var served = 0, within = 0, waitedAtMost = 0, abandoned = 0, delayed = 0, offeredWithin = 0
    var offeredTotal = 0.0, servedTotal = 0.0
    let people = 400_000
    for _ in 0 ..< people {
        clock += Distribution.exponential(mean: 1 / lambda, &random)
        let tau = Distribution.exponential(mean: patience, &random)
        let k = free.indices.min { free[$0] < free[$1] }!
        let start = max(clock, free[k])
        if start > clock { delayed += 1 }
        offeredTotal += start - clock
        if start - clock <= limit { offeredWithin += 1 }
        if start - clock > tau {
            abandoned += 1
            if tau <= limit { waitedAtMost += 1 }
            continue
        }
        served += 1
        servedTotal += start - clock
        if start - clock <= limit { within += 1; waitedAtMost += 1 }
        free[k] = start + Distribution.exponential(mean: service, &random)
    }
    let q = ErlangA(arrivalRate: lambda, meanService: service, patienceRate: 1 / patience, servers: n)
    let total = Double(people)
    #expect(abs(Double(delayed) / total - q.delayProbability) < 0.01)
    #expect(abs(Double(abandoned) / total - q.abandonmentProbability) < 0.01)
    #expect(abs(Double(within) / total - q.serviceLevel(within: limit)) < 0.01)
    #expect(abs(Double(within) / Double(served) - q.answeredShare(within: limit)) < 0.01)
    #expect(abs(Double(waitedAtMost) / total - q.waitAtMost(limit)) < 0.01)
    #expect(abs(Double(offeredWithin) / total - (1 - q.offeredWaitExceeding(limit))) < 0.01)
    #expect(abs(offeredTotal / total - q.meanOfferedWait) < 0.03 * q.meanOfferedWait)
    #expect(abs(servedTotal / Double(served) - q.meanWaitOfServed) < 0.03 * q.meanWaitOfServed)
}

@Test func eventuallyEveryoneWhoDoesNotAbandonIsAnswered() {
    let q = ErlangA(arrivalRate: 1.0 / 30, meanService: 300, patienceRate: 1.0 / 400, servers: 9)
    #expect(abs(q.serviceLevel(within: 50_000) - (1 - q.abandonmentProbability)) < 1e-9)
    #expect(q.serviceLevel(within: 0) == 1 - q.delayProbability || abs(q.serviceLevel(within: 0) - (1 - q.delayProbability)) < 1e-12)
}

@Test func withPatienceFewerWindowsMeetTheSameTarget() throws {
    for target in [StaffingTarget.serviceLevel(within: 20, atLeast: 0.8), .delayProbability(atMost: 0.2), .meanWait(atMost: 10), .waitQuantile(0.9, atMost: 30)] {
        let erlangC = try #require(requiredServers(load: 10, meanService: 180, target: target))
        let erlangA = try #require(requiredServers(load: 10, meanService: 180, patienceRate: 1.0 / 60, target: target))
        #expect(erlangA < erlangC)
        let q = { (n: Int) in ErlangA(arrivalRate: 10.0 / 180, meanService: 180, patienceRate: 1.0 / 60, servers: n) }
        #expect(target.isMet(by: q(erlangA)) && !target.isMet(by: q(erlangA - 1)))
    }
}

@Test func erlangAStaffsForAbandonmentAndHasNoStabilityLimit() throws {
    let n = try #require(requiredServers(load: 20, meanService: 300, patienceRate: 1.0 / 120, target: .abandonment(atMost: 0.3)))
    #expect(n < 20)
    let q = ErlangA(arrivalRate: 20.0 / 300, meanService: 300, patienceRate: 1.0 / 120, servers: n)
    #expect(q.abandonmentProbability <= 0.3)
    #expect(ErlangA(arrivalRate: 20.0 / 300, meanService: 300, patienceRate: 1.0 / 120, servers: n - 1).abandonmentProbability > 0.3)
    let empty = ErlangA(arrivalRate: 0.1, meanService: 60, patienceRate: 0.01, servers: 0)
    #expect(empty.delayProbability == 1 && abs(empty.abandonmentProbability - 1) < 1e-12)
    let big = ErlangA(arrivalRate: 9_999.0 / 60, meanService: 60, patienceRate: 1.0 / 300, servers: 10_000)
    #expect(big.delayProbability > 0 && big.delayProbability < 1 && big.serviceLevel(within: 20) > 0.5)
}

@Test func giveUpsAloneDoNotMeetAWaitTarget() throws {
    // Patience of 5 minutes: with no servers 95% of people leave within 15 minutes, yet nobody is
    // served; the target judges the offered wait, which no give-up shortens for the person waiting.
    let target = StaffingTarget.waitQuantile(0.9, atMost: 900)
    let none = ErlangA(arrivalRate: 200.0 / 60, meanService: 60, patienceRate: 1.0 / 300, servers: 0)
    #expect(none.waitAtMost(900) > 0.9 && none.offeredWaitExceeding(900) > 1 - 1e-9 && none.meanOfferedWait == .infinity)
    #expect(!target.isMet(by: none))
    let n = try #require(requiredServers(load: 200, meanService: 60, patienceRate: 1.0 / 300, target: target))
    let q = { (k: Int) in ErlangA(arrivalRate: 200.0 / 60, meanService: 60, patienceRate: 1.0 / 300, servers: k) }
    #expect(n > 0 && target.isMet(by: q(n)) && !target.isMet(by: q(n - 1)))
    #expect(q(n).meanWaitOfServed <= q(n).meanOfferedWait)
}
