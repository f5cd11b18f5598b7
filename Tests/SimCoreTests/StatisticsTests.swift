import SimCore
import Testing

@Test(arguments: [(5, 2.570_582), (10, 2.228_139), (30, 2.042_272), (31, 2.039_513), (63, 1.998_341), (1000, 1.962_339)])
func studentQuantilesMatchTables(df: Int, expected: Double) {
    #expect(abs(StudentT.quantile975(degreesOfFreedom: df) - expected) < 2e-6)
}

@Test func batchMeansKeepsBetween32And64BatchesAndAnHonestIntervalForIndependentData() {
    var rng = RandomStream(seed: 11)
    let d = Distribution.exponential(mean: 10)
    var covered = 0
    let trials = 200
    for _ in 0 ..< trials {
        var b = BatchMeans()
        for _ in 0 ..< 5_000 { b.add(d.sample(&rng)) }
        #expect(b.batches >= 32 && b.batches <= 64)
        let hw = b.halfWidth95!
        if abs(b.mean - 10) <= hw { covered += 1 }
    }
    // 95% nominal coverage: 200 trials give 190 ± 3 sd of about 3.
    #expect(covered >= 180 && covered <= 199, "covered \(covered) of \(trials)")
}

@Test func batchMeansGivesNoIntervalWithTooFewObservations() {
    var b = BatchMeans()
    for x in 0 ..< 9 { b.add(Double(x)) }
    #expect(b.halfWidth95 == nil)
    #expect(b.mean == 4)
}

@Test func timeWeightedAverageIntegratesSteps() {
    var q = TimeWeighted()
    q.change(by: 2, at: .seconds(10))
    q.change(by: -1, at: .seconds(20))
    // 0 for 10 s, 2 for 10 s, 1 for 20 s: area 40 over 40 s.
    #expect(abs(q.average(until: .seconds(40)) - 1.0) < 1e-12)
    #expect(q.maximum == 2)
    q.restart(at: .seconds(40))
    #expect(abs(q.average(until: .seconds(50)) - 1.0) < 1e-12)
}
