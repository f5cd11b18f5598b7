import Experiments
import Testing

private func figures(_ pairs: [(Scope, KPI, Double)]) -> FigureSet {
    var set = FigureSet()
    for (scope, kpi, value) in pairs { set.set(scope, kpi, value) }
    return set
}

@Test func aComparisonOfIdenticalReplicationsIsExactlyZeroWithNoSignificantDifference() {
    let runs = (0 ..< 5).map { r in figures([(.overall, .waitMean, 30 + Double(r)), (.hall("a"), .utilisation, 0.5 + 0.01 * Double(r))]) }
    let c = Comparison(baseline: runs, variant: runs)
    #expect(c.rows.count == 2 && c.unpaired.isEmpty)
    for row in c.rows {
        #expect(row.difference.difference.mean == 0)
        #expect(row.difference.difference.halfWidth == 0)
        #expect(row.verdict == .noSignificantDifference)
    }
}

@Test func aComparisonJudgesEachFigureByItsDirection() {
    let baseline: [FigureSet] = (0 ..< 6).map { (r: Int) -> FigureSet in
        let wait: Double = 60 + Double(r % 3)
        return figures([(.overall, .waitMean, wait), (.overall, .serviceLevel, 0.8), (.overall, .utilisation, 0.7)])
    }
    let variant: [FigureSet] = (0 ..< 6).map { (r: Int) -> FigureSet in
        let wait: Double = 40 + Double(r % 2)
        let level: Double = 0.9 + 0.001 * Double(r)
        let utilisation: Double = 0.6 + 0.001 * Double(r)
        return figures([(.overall, .waitMean, wait), (.overall, .serviceLevel, level), (.overall, .utilisation, utilisation)])
    }
    let c = Comparison(baseline: baseline, variant: variant)
    let verdicts = Dictionary(uniqueKeysWithValues: c.rows.map { ($0.key.kpi, $0.verdict) })
    #expect(verdicts[.waitMean] == .better)
    #expect(verdicts[.serviceLevel] == .better)
    #expect(verdicts[.utilisation] == .lower)
    let worse = Comparison(baseline: variant, variant: baseline)
    #expect(worse.rows.first { $0.key.kpi == .waitMean }?.verdict == .worse)
    #expect(worse.rows.first { $0.key.kpi == .utilisation }?.verdict == .higher)
}

@Test func figuresMissingFromOneSideOrOneReplicationAreListedNotCompared() {
    let onTime = (Scope.department(hall: "a", department: "d"), KPI.onTimePromised, 0.9)
    let baseline = [figures([(.overall, .waitMean, 1), (.group(hall: "a", group: "x"), .waitMean, 2), onTime]),
                    figures([(.overall, .waitMean, 2), (.group(hall: "a", group: "x"), .waitMean, 3), onTime])]
    let variant = [figures([(.overall, .waitMean, 1), (.group(hall: "a", group: "y"), .waitMean, 2), (.department(hall: "a", department: "d"), .onTimePromised, 1)]),
                   figures([(.overall, .waitMean, 2), (.group(hall: "a", group: "y"), .waitMean, 3)])]
    let c = Comparison(baseline: baseline, variant: variant)
    #expect(c.rows.map(\.key) == [FigureKey(.overall, .waitMean)])
    let reasons = Dictionary(uniqueKeysWithValues: c.unpaired.map { ($0.key.scope, $0.reason) })
    #expect(reasons[.group(hall: "a", group: "x")] == .baselineOnly)
    #expect(reasons[.group(hall: "a", group: "y")] == .variantOnly)
    #expect(reasons[.department(hall: "a", department: "d")] == .notInEveryReplication)
}

@Test func placesSortOverallFirstThenTiersHallsGroupsDepartmentsChannels() {
    let scopes: [Scope] = [.channel("online"), .department(hall: "a", department: "d"), .group(hall: "a", group: "w"), .hall("b"), .hall("a"), .tier("city"), .overall]
    #expect(scopes.sorted() == [.overall, .tier("city"), .hall("a"), .hall("b"), .group(hall: "a", group: "w"), .department(hall: "a", department: "d"), .channel("online")])
}

@Test(arguments: [1, 2, 4, 7])
func replicationsComeBackInOrderOnAnyNumberOfThreads(threads: Int) throws {
    let values: [Int] = try Replications.run(23, threads: threads) { (r: Int) -> Int in r * r }
    let squares: [Int] = (1 ... 23).map { (r: Int) -> Int in r * r }
    #expect(values == squares)
}

/// The stopping rule sees replications in order, so where it stops does not depend on which
/// replications happened to finish first.
@Test(arguments: [1, 2, 3, 8])
func aRunThatStopsEarlyStopsAtTheSameReplicationOnAnyNumberOfThreads(threads: Int) throws {
    let values: [Double] = try Replications.runUntil(50, threads: threads, { (r: Int) -> Double in Double(r % 5) }) { (done: [Double]) -> Bool in
        done.count >= 4 && done.reduce(0, +) >= 12
    }
    // 1, 2, 3, 4, 0, 1, 2 …: the running sum is 11 after six and first reaches 12 at the seventh (13).
    #expect(values == [1, 2, 3, 4, 0, 1, 2])
}

@Test func theFirstFailureInReplicationOrderIsRethrown() {
    struct Failed: Error, Equatable { var r: Int }
    #expect(throws: Failed(r: 3)) {
        _ = try Replications.run(9, threads: 4) { r in
            if r == 3 || r == 7 { throw Failed(r: r) }
            return r
        }
    }
}

@Test func replicationOneRunsOnTheScenarioSeedAndTheOthersOnDerivedOnes() {
    #expect(Replications.seed(1, of: 42) == 42)
    let seeds = (1 ... 20).map { Replications.seed($0, of: 42) }
    #expect(Set(seeds).count == 20)
    #expect(Replications.seed(7, of: 42) == Replications.seed(7, of: 42))
}
