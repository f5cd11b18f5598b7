import Foundation
import Staffing
import Testing

@Test func constantDemandGivesTheOfferedLoadForEveryServiceDistribution() throws {
    let table = try #require(SurvivalTable(points: [(0, 1), (120, 0.5), (360, 0)]))
    for service in [ServiceTime.exponential(mean: 180), .deterministic(250), .table(table)] {
        let rates = [Double](repeating: 0.05, count: 48)
        let periodic = OfferedLoad.modified(arrivalRates: rates, slotLength: 900, service: service, history: .periodic)
        for m in periodic.slotAverage + periodic.atSlotEnd { #expect(abs(m - 0.05 * service.mean) < 1e-7) }
        let empty = OfferedLoad.modified(arrivalRates: rates, slotLength: 900, service: service, history: .startsEmpty)
        #expect(empty.slotAverage[0] < 0.05 * service.mean)
        for m in empty.slotAverage[4...] { #expect(abs(m - 0.05 * service.mean) < 1e-7) }
    }
}

@Test func sinusoidalDemandWithExponentialServiceGivesTheLaggedDampedSinusoid() {
    // m' = λ(t) − μm with λ(t) = λ̄(1 + A sin ωt) has the periodic solution
    // m(t) = λ̄/μ + λ̄A(μ sin ωt − ω cos ωt)/(μ² + ω²).
    let (level, amplitude, period, mean, slot) = (100.0 / 180, 0.5, 4 * 3600.0, 180.0, 30.0)
    let omega = 2 * Double.pi / period, mu = 1 / mean
    let slots = Int(period / slot)
    let rates = (0 ..< slots).map { i in
        let (a, b) = (Double(i) * slot, Double(i + 1) * slot)
        return level * (1 + amplitude * (cos(omega * a) - cos(omega * b)) / (omega * slot))
    }
    let load = OfferedLoad.modified(arrivalRates: rates, slotLength: slot, service: .exponential(mean: mean), history: .periodic)
    func exact(_ t: Double) -> Double {
        level / mu + level * amplitude * (mu * sin(omega * t) - omega * cos(omega * t)) / (mu * mu + omega * omega)
    }
    var worst = 0.0
    for i in 0 ..< slots { worst = max(worst, abs(load.atSlotEnd[i] - exact(Double(i + 1) * slot))) }
    #expect(worst < 1e-3 * level / mu)
    let peakLoad = load.atSlotEnd.indices.max { load.atSlotEnd[$0] < load.atSlotEnd[$1] }!
    let peakDemand = rates.indices.max { rates[$0] < rates[$1] }!
    #expect(peakLoad > peakDemand)
    let swing = load.atSlotEnd.max()! - load.atSlotEnd.min()!
    #expect(swing < 2 * amplitude * level * mean)
}

@Test func deterministicServiceLoadsTheArrivalsOfTheLastServiceTime() {
    let rates = [0.02, 0.1, 0.0, 0.3, 0.05, 0.07, 0.2, 0.01]
    let (slot, d) = (600.0, 1_000.0)
    for history in [DemandHistory.startsEmpty, .periodic] {
        let load = OfferedLoad.modified(arrivalRates: rates, slotLength: slot, service: .deterministic(d), history: history)
        // ∫_a^b λ by the overlap of [a, b] with each slot of each cycle, then the slot average of
        // m(t) = ∫_{t−d}^{t} λ by a midpoint sum over t.
        func arrivals(_ a: Double, _ b: Double) -> Double {
            let horizon = Double(rates.count) * slot
            var total = 0.0
            for cycle in (history == .periodic ? -2 : 0) ... 0 {
                for (k, r) in rates.enumerated() {
                    let from = Double(cycle) * horizon + Double(k) * slot
                    total += r * max(0, min(b, from + slot) - max(a, from))
                }
            }
            return total
        }
        for i in rates.indices {
            let end = Double(i + 1) * slot
            #expect(abs(load.atSlotEnd[i] - arrivals(end - d, end)) < 1e-9)
            var average = 0.0
            let samples = 600
            for s in 0 ..< samples {
                let t = Double(i) * slot + (Double(s) + 0.5) * slot / Double(samples)
                average += arrivals(t - d, t) / Double(samples)
            }
            #expect(abs(load.slotAverage[i] - average) < 1e-4)
        }
    }
}

@Test func aFineSurvivalTableOfTheExponentialMatchesTheExponentialLoad() throws {
    let mean = 240.0
    let points: [(time: Double, survival: Double)] = (0 ... 4_000).map { (k: Int) -> (time: Double, survival: Double) in
        let u = Double(k)
        let survival: Double = k == 4_000 ? 0 : exp(-u / mean)
        return (u, survival)
    }
    let table = try #require(SurvivalTable(points: points))
    let rates: [Double] = (0 ..< 24).map { (slot: Int) -> Double in 0.02 + 0.015 * Double((slot * 7) % 5) }
    for history in [DemandHistory.startsEmpty, .periodic] {
        let exact = OfferedLoad.modified(arrivalRates: rates, slotLength: 900, service: .exponential(mean: mean), history: history)
        let tabled = OfferedLoad.modified(arrivalRates: rates, slotLength: 900, service: .table(table), history: history)
        for i in rates.indices {
            #expect(abs(exact.slotAverage[i] - tabled.slotAverage[i]) < 1e-3)
            #expect(abs(exact.atSlotEnd[i] - tabled.atSlotEnd[i]) < 1e-3)
        }
    }
}

@Test func aSurvivalTableMustBeASurvivalFunction() {
    #expect(SurvivalTable(points: [(0, 1), (10, 0.5), (5, 0)]) == nil)
    #expect(SurvivalTable(points: [(0, 1), (10, 0.5), (20, 0.7)]) == nil)
    #expect(SurvivalTable(points: [(1, 1), (10, 0)]) == nil)
    #expect(SurvivalTable(points: [(0, 1), (60, 1), (60, 0)])?.mean == 60)
}
