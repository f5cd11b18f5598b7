import Experiments
import SimCore
import Testing

@Test(arguments: [1, 2, 5, 10, 29, 30, 31, 60, 200])
func theTQuantileAgreesWithTheTabulatedNinetySevenAndAHalfPercentQuantile(df: Int) {
    let exact = StudentT.quantile975(degreesOfFreedom: df)
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - exact) < 1e-7 * exact, "df \(df)")
}

@Test func theTQuantileMatchesPublishedValuesAtOtherLevels() {
    // Two-sided 99% (0.995 quantile) and 90% (0.95 quantile) from standard tables.
    #expect(abs(StudentT.quantile(0.995, degreesOfFreedom: 10) - 3.169273) < 1e-5)
    #expect(abs(StudentT.quantile(0.95, degreesOfFreedom: 5) - 2.015048) < 1e-5)
    #expect(abs(StudentT.quantile(0.9995, degreesOfFreedom: 3) - 12.92398) < 1e-4)
    #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 7) + StudentT.quantile975(degreesOfFreedom: 7)) < 1e-7)
    #expect(abs(StudentT.cdf(0, degreesOfFreedom: 4) - 0.5) < 1e-15)
}

@Test func anEstimateHasTheStudentTIntervalOfItsValues() {
    let e = Estimate([10, 12, 11, 13, 9])
    #expect(e.mean == 11)
    // s = √2.5, n = 5, t(0.975, 4) = 2.776445105.
    #expect(abs(e.halfWidth! - 2.776445105 * (2.5 / 5).squareRoot()) < 1e-9)
    #expect(Estimate([4]).halfWidth == nil)
    let wider = Estimate([10, 12, 11, 13, 9], confidence: 0.99)
    #expect(wider.halfWidth! > e.halfWidth!)
}

@Test func theSpreadAcrossReplicationsInterpolatesBetweenOrderStatistics() {
    let s = Spread((1 ... 11).map(Double.init).reversed())
    #expect(s.min == 1 && s.max == 11)
    #expect(s.p10 == 2 && s.p90 == 10)
    #expect(Spread([3, 1]).p10 == 1.2)
}

@Test func bonferroniSplitsTheErrorOverTheComparisons() {
    #expect(abs(Bonferroni.confidence(eachOf: 5) - 0.99) < 1e-12)
    #expect(Bonferroni.confidence(eachOf: 1) == 0.95)
}

@Test func aVariantComparedWithItselfMakesExactlyNoDifference() {
    let values = [31.5, 40.2, 38.7, 29.9, 44.1]
    let d = PairedDifference(baseline: values, variant: values)
    #expect(d.difference.mean == 0)
    #expect(d.difference.halfWidth == 0)
    #expect(d.verdict(.lowerIsBetter) == .noSignificantDifference)
    #expect(d.verdict(.higherIsBetter) == .noSignificantDifference)
}

@Test func theVerdictFollowsTheIntervalAndTheDirectionOfBetter() {
    let baseline = [40.0, 52, 47, 38, 61, 45]
    let shorter = baseline.enumerated().map { $0.element - 5 - Double($0.offset % 2) }
    let d = PairedDifference(baseline: baseline, variant: shorter)
    #expect(d.verdict(.lowerIsBetter) == .better)
    #expect(d.verdict(.higherIsBetter) == .worse)
    // Noise around no change: the interval covers 0.
    let noisy = PairedDifference(baseline: baseline, variant: zip(baseline, [1.0, -2, 1.5, -1, 0.5, -0.5]).map(+))
    #expect(noisy.verdict(.lowerIsBetter) == .noSignificantDifference)
    #expect(PairedDifference(baseline: [1], variant: [0]).verdict(.lowerIsBetter) == .noSignificantDifference)
}

@Test func pairingOnSharedNoiseNarrowsTheIntervalFarBelowTheUnpairedOne() {
    // Replications share a large day-to-day effect; the variant shifts every one by about −2.
    var rng = RandomStream(seed: 7)
    var baseline: [Double] = [], variant: [Double] = []
    for _ in 0 ..< 20 {
        let day = Distribution.exponential(mean: 30, &rng)
        baseline.append(day + Distribution.exponential(mean: 1, &rng))
        variant.append(day - 2 + Distribution.exponential(mean: 1, &rng))
    }
    let d = PairedDifference(baseline: baseline, variant: variant)
    let paired = try! #require(d.difference.halfWidth)
    let unpaired = try! #require(d.unpairedHalfWidth)
    #expect(paired * 5 < unpaired, "paired ± \(paired), unpaired ± \(unpaired)")
    #expect(d.verdict(.lowerIsBetter) == .better)
}

@Test func thePrecisionRuleStopsAtTheFirstCountThatMeetsTheTarget() {
    let values = [100.0, 140, 80, 120, 95, 105, 101, 99, 100, 100, 100, 100]
    let rule = PrecisionRule(relativeHalfWidth: 0.10, minimum: 3, maximum: 12)
    let n = try! #require(rule.stoppingCount(values))
    let estimate = Estimate(Array(values[..<n]))
    #expect(estimate.halfWidth! <= 0.10 * estimate.mean)
    let before = Estimate(Array(values[..<(n - 1)]))
    #expect(n - 1 < 3 || before.halfWidth! > 0.10 * before.mean, "stopped late at \(n)")
    #expect(PrecisionRule(relativeHalfWidth: 0.001, minimum: 3, maximum: 5).stoppingCount(values) == nil)
}
