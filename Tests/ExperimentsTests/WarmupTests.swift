import Experiments
import SimCore
import Testing

/// Waits of `count` customers of an M/M/1 queue started empty (Lindley's recursion).
func mm1Waits(lambda: Double, mu: Double, count: Int, seed: UInt64) -> [Double] {
    var rng = RandomStream(seed: seed)
    var waits: [Double] = []
    waits.reserveCapacity(count)
    var wait = 0.0
    for _ in 0 ..< count {
        waits.append(wait)
        let service = Distribution.exponential(mean: 1 / mu, &rng)
        let gap = Distribution.exponential(mean: 1 / lambda, &rng)
        wait = max(0, wait + service - gap)
    }
    return waits
}

@Test func mserFindsNoWarmupInAStationarySeries() throws {
    var rng = RandomStream(seed: 3)
    let series = (0 ..< 5_000).map { _ in Distribution.exponential(mean: 1, &rng) }
    let result = try #require(MSER.truncation(of: series))
    #expect(result.truncatedObservations < 500, "cut \(result.truncatedObservations) of a stationary series")
    #expect(result.batchMeans.count == 1_000)
    #expect(result.statistic.count == 501)
}

@Test func mserCutsAnObviousStartUpTransient() throws {
    // 500 observations far above the steady level, then 4,500 around it.
    var rng = RandomStream(seed: 4)
    let series = (0 ..< 5_000).map { i in (i < 500 ? 50 : 0) + Distribution.exponential(mean: 1, &rng) }
    let result = try #require(MSER.truncation(of: series))
    #expect(result.truncatedObservations >= 495 && result.truncatedObservations <= 600, "cut at \(result.truncatedObservations)")
    #expect(result.reliable)
    #expect(MSER.truncation(of: [1, 2, 3]) == nil)
}

@Test func mserOnAnMM1StartedEmptyTruncatesAndLowersTheMeanSquaredError() throws {
    // ρ = 0.9: the mean wait in queue is ρ/(μ − λ) = 9; an empty start biases short runs low.
    let theory = 9.0
    var truncatedError = 0.0, plainError = 0.0, cuts = 0
    let seeds = 200
    for seed in 0 ..< seeds {
        let waits = mm1Waits(lambda: 0.9, mu: 1, count: 4_000, seed: UInt64(seed))
        let result = try #require(MSER.truncation(of: waits))
        cuts += result.truncatedObservations
        let kept = waits[result.truncatedObservations...]
        let truncated = kept.reduce(0, +) / Double(kept.count)
        let plain = waits.reduce(0, +) / Double(waits.count)
        truncatedError += (truncated - theory) * (truncated - theory)
        plainError += (plain - theory) * (plain - theory)
    }
    #expect(cuts > 0, "MSER-5 never truncated")
    #expect(truncatedError < plainError, "MSE truncated \(truncatedError / Double(seeds)) vs untruncated \(plainError / Double(seeds))")
}
