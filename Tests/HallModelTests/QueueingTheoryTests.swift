import CaseEngine
import HallModel
import HallSimTesting
import Reports
import SimCore
import Testing

/// An M/M/c scenario: one hall, one group of `c` windows, Poisson arrivals, exponential service.
func mmc(lambdaPerHour: Double, meanService: Double, c: Int, cases: Int, seed: UInt64 = 1) -> ScenarioSpec {
    ScenarioSpec(
        name: "mmc-test", seed: seed, stop: StopRule(cases: cases),
        services: [ServiceSpec(id: "generic", serviceTime: .exponential(mean: meanService))],
        halls: [HallSpec(id: "hall", tier: .city, windows: [WindowGroupSpec(id: "w", count: c, serves: ["generic"])])],
        demand: [DemandSpec(service: "generic", hall: "hall", arrivals: .poisson(perSecond: lambdaPerHour / 3600))]
    )
}

func simulate(_ spec: ScenarioSpec) throws -> Summary {
    let network = HallNetwork(spec)
    let (_, projection) = HallRun.run(network, seed: spec.seed, sink: KPIProjection(catalog: network.catalog))
    return Summary(projection: projection, wallSeconds: nil)
}

struct MMCSetting: CustomTestStringConvertible, Sendable {
    var lambdaPerHour: Double
    var meanService: Double
    var c: Int
    var cases: Int
    var testDescription: String { "M/M/\(c) λ=\(lambdaPerHour)/h, 1/μ=\(meanService)s, ρ=\(lambdaPerHour * meanService / 3600 / Double(c))" }
}

@Test(arguments: [
    MMCSetting(lambdaPerHour: 30, meanService: 60, c: 1, cases: 200_000),
    MMCSetting(lambdaPerHour: 48, meanService: 60, c: 1, cases: 400_000),
    MMCSetting(lambdaPerHour: 126, meanService: 60, c: 3, cases: 300_000),
    MMCSetting(lambdaPerHour: 540, meanService: 60, c: 10, cases: 400_000),
    MMCSetting(lambdaPerHour: 285, meanService: 60, c: 5, cases: 1_000_000),
])
func simulatedMMCAgreesWithErlangC(_ s: MMCSetting) throws {
    let summary = try simulate(mmc(lambdaPerHour: s.lambdaPerHour, meanService: s.meanService, c: s.c, cases: s.cases))
    let lambda = s.lambdaPerHour / 3600
    let mu = 1 / s.meanService
    let theory = QueueingTheory.mmcMeanWait(lambda: lambda, mu: mu, c: s.c)
    let halfWidth = try #require(summary.wait_s.mean_ci95)
    #expect(abs(summary.wait_s.mean - theory) <= halfWidth,
            "mean wait \(summary.wait_s.mean) ± \(halfWidth) s does not cover Erlang C's \(theory) s")
    #expect(halfWidth < 0.1 * theory, "the interval is too wide to mean anything: ± \(halfWidth)")

    let rho = lambda / (Double(s.c) * mu)
    let group = try #require(summary.groups.first)
    #expect(abs(group.utilisation - rho) <= 0.01 * rho, "utilisation \(group.utilisation) vs \(rho)")

    // Little's law on the queue: time-average number waiting = arrival rate × mean wait.
    let arrivalRate = Double(summary.cases.arrived) / summary.simulated_s
    let little = arrivalRate * summary.wait_s.mean
    #expect(abs(group.queue_mean - little) <= 0.01 * little, "L_q \(group.queue_mean) vs λW \(little)")

    #expect(summary.cases.arrived == s.cases)
    #expect(summary.cases.completed == s.cases)
    #expect(summary.cases.in_system == 0)
}

@Test func erlangCMatchesKnownValues() {
    // The bundled mmc scenario: c = 10, λ = 9/min, μ = 1/min.
    #expect(abs(QueueingTheory.mmcMeanWait(lambda: 9, mu: 1, c: 10) * 60 - 40.1) < 0.05)
    // M/M/1: P(wait) = ρ.
    #expect(abs(QueueingTheory.erlangC(lambda: 0.7, mu: 1, c: 1) - 0.7) < 1e-12)
}

@Test func theSameSeedGivesTheSameFiguresAndAnotherSeedDifferentOnes() throws {
    let a = try simulate(mmc(lambdaPerHour: 540, meanService: 60, c: 10, cases: 20_000, seed: 5))
    let b = try simulate(mmc(lambdaPerHour: 540, meanService: 60, c: 10, cases: 20_000, seed: 5))
    let c = try simulate(mmc(lambdaPerHour: 540, meanService: 60, c: 10, cases: 20_000, seed: 6))
    #expect(try a.jsonData() == b.jsonData())
    #expect(a.wait_s.mean != c.wait_s.mean)
}

@Test func aHorizonStopsTheRunWithCasesStillInTheSystem() throws {
    var spec = mmc(lambdaPerHour: 600, meanService: 60, c: 10, cases: 1)
    spec.stop = StopRule(horizon: .hours(8))
    let summary = try simulate(spec)
    #expect(summary.simulated_s == 8 * 3600)
    #expect(summary.cases.arrived > 4000)
    #expect(summary.cases.arrived == summary.cases.completed + summary.cases.in_system)
}

@Test func aWalkInGoesToAFreeEligibleWindowBeforeQueueing() throws {
    // Two groups both serve the service; with light load nobody should wait.
    let spec = ScenarioSpec(
        name: "route", stop: StopRule(cases: 2_000),
        services: [ServiceSpec(id: "s", serviceTime: .deterministic(60))],
        halls: [HallSpec(id: "h", tier: .town, windows: [
            WindowGroupSpec(id: "a", count: 1, serves: ["s"]),
            WindowGroupSpec(id: "b", count: 1, serves: ["s"]),
        ])],
        demand: [DemandSpec(service: "s", hall: "h", arrivals: .poisson(perSecond: 1.0 / 600))]
    )
    let summary = try simulate(spec)
    #expect(summary.groups.map(\.served).reduce(0, +) == 2_000)
    #expect(summary.groups[1].served > 0)
    // A second window takes the overflow: waits happen only when both are busy, which is rare.
    #expect(summary.wait_s.mean < 1)
}
