import RealModule

/// What came before the first slot of a demand profile.
public enum DemandHistory: Sendable, Hashable {
    /// The profile repeats without end (e.g. every day): the load at the start carries the end's.
    case periodic
    /// Nobody arrived before time 0: the system starts empty.
    case startsEmpty
}

/// The modified offered load of time-varying demand: the mean number in service of the same
/// arrivals in an infinite-server queue.
public struct OfferedLoad: Sendable, Hashable {
    /// The load averaged over each slot, in erlangs: (1/L)∫_slot m(t) dt. Staff a slot from this.
    public let slotAverage: [Double]
    /// The load at the end of each slot, m((i+1)·L), in erlangs.
    public let atSlotEnd: [Double]

    /// m(t) = ∫₀^∞ λ(t − u)·P(S > u) du for arrival rates constant within slots of `slotLength`
    /// seconds (`arrivalRates[i]` per second in slot i), computed exactly per slot.
    ///
    /// Exponential service solves m' = λ(t) − m/E[S] in closed form slot by slot
    /// (m(τ) = λE[S] + (m₀ − λE[S])·e^{−τ/E[S]}), the periodic start being the fixed point of a
    /// whole cycle. Deterministic and tabled service integrate by parts against the cumulative
    /// arrivals Λ and its integrals, which are polynomial within slots. The load lags the demand
    /// (by about E[S] for deterministic service) and is damped: staffing from it leads or lags
    /// demand as it should. Source: the mean of the infinite-server queue M_t/G/∞
    /// (METHODS.md, "Staffing time-varying queues").
    /// - Complexity: O(slots) for exponential; O(slots · table points) otherwise.
    public static func modified(
        arrivalRates: [Double], slotLength: Double, service: ServiceTime, history: DemandHistory
    ) -> OfferedLoad {
        precondition(slotLength > 0 && slotLength.isFinite, "slot length must be positive")
        precondition(arrivalRates.allSatisfy { $0 >= 0 && $0.isFinite }, "arrival rates must be finite and non-negative")
        guard !arrivalRates.isEmpty else { return OfferedLoad(slotAverage: [], atSlotEnd: []) }
        switch service {
        case let .exponential(mean):
            precondition(mean > 0 && mean.isFinite, "mean service must be positive")
            return exponential(arrivalRates, slotLength, mean, history)
        case let .deterministic(d):
            precondition(d >= 0 && d.isFinite, "service time must be finite and non-negative")
            return general(arrivalRates, slotLength, knots: [0, d], survival: [1, 1], history)
        case let .table(table):
            return general(arrivalRates, slotLength, knots: table.times, survival: table.survival, history)
        }
    }

    static func exponential(_ rates: [Double], _ slot: Double, _ mean: Double, _ history: DemandHistory) -> OfferedLoad {
        let decay = Double.exp(-slot / mean)
        let averageFactor = -Double.expMinusOne(-slot / mean) * mean / slot
        func run(from start: Double) -> OfferedLoad {
            var m = start
            var average: [Double] = [], end: [Double] = []
            for rate in rates {
                let level = rate * mean
                average.append(level + (m - level) * averageFactor)
                m = level + (m - level) * decay
                end.append(m)
            }
            return OfferedLoad(slotAverage: average, atSlotEnd: end)
        }
        let empty = run(from: 0)
        guard history == .periodic else { return empty }
        let cycleDecay = Double.exp(-Double(rates.count) * slot / mean)
        return run(from: empty.atSlotEnd.last! / (1 - cycleDecay))
    }

    static func general(
        _ rates: [Double], _ slot: Double, knots: [Double], survival: [Double], _ history: DemandHistory
    ) -> OfferedLoad {
        let span = knots.last ?? 0
        let cycles = history == .periodic ? Int((span / (Double(rates.count) * slot)).rounded(.up)) + 1 : 0
        let arrivals = CumulativeArrivals(rates: rates, slot: slot, history: history, cycles: cycles)
        var average: [Double] = [], end: [Double] = []
        for i in rates.indices {
            let t0 = Double(i) * slot, t1 = t0 + slot
            var mean = 0.0, last = 0.0
            for k in 1 ..< knots.count where knots[k] > knots[k - 1] {
                let (u0, u1, g0, g1) = (knots[k - 1], knots[k], survival[k - 1], survival[k])
                let slope = (g1 - g0) / (u1 - u0)
                last += g0 * arrivals.count(t1 - u0) - g1 * arrivals.count(t1 - u1)
                    + slope * (arrivals.area(t1 - u0) - arrivals.area(t1 - u1))
                mean += g0 * (arrivals.area(t1 - u0) - arrivals.area(t0 - u0))
                    - g1 * (arrivals.area(t1 - u1) - arrivals.area(t0 - u1))
                    + slope * (arrivals.volume(t1 - u0) - arrivals.volume(t0 - u0)
                        - arrivals.volume(t1 - u1) + arrivals.volume(t0 - u1))
            }
            average.append(max(0, mean / slot))
            end.append(max(0, last))
        }
        return OfferedLoad(slotAverage: average, atSlotEnd: end)
    }
}

/// The cumulative arrivals Λ(t) = ∫₀^t λ, their integral Ψ and its integral Ξ, for rates
/// constant within slots; before time 0 the rates are zero, or the profile's earlier cycles.
struct CumulativeArrivals {
    let rates: [Double]
    let slot: Double
    /// The time origin moved back by whole cycles so every argument used is ≥ 0.
    let offset: Double
    var count0: [Double] = [0], area0: [Double] = [0], volume0: [Double] = [0]

    init(rates profile: [Double], slot: Double, history: DemandHistory, cycles: Int) {
        self.slot = slot
        if history == .periodic {
            rates = Array([[Double]](repeating: profile, count: cycles + 1).joined())
            offset = Double(cycles * profile.count) * slot
        } else {
            rates = profile
            offset = 0
        }
        for r in rates {
            let (c, a, v) = (count0.last!, area0.last!, volume0.last!)
            count0.append(c + r * slot)
            area0.append(a + c * slot + r * slot * slot / 2)
            volume0.append(v + a * slot + c * slot * slot / 2 + r * slot * slot * slot / 6)
        }
    }

    /// The slot index and the time into it for `t` (seconds from the profile's start).
    private func locate(_ t: Double) -> (Int, Double)? {
        let s = t + offset
        guard s > 0 else { return nil }
        let i = min(Int(s / slot), rates.count - 1)
        return (i, s - Double(i) * slot)
    }

    /// Λ(t).
    func count(_ t: Double) -> Double {
        guard let (i, x) = locate(t) else { return 0 }
        return count0[i] + rates[i] * x
    }

    /// Ψ(t) = ∫ Λ.
    func area(_ t: Double) -> Double {
        guard let (i, x) = locate(t) else { return 0 }
        return area0[i] + count0[i] * x + rates[i] * x * x / 2
    }

    /// Ξ(t) = ∫ Ψ.
    func volume(_ t: Double) -> Double {
        guard let (i, x) = locate(t) else { return 0 }
        return volume0[i] + area0[i] * x + count0[i] * x * x / 2 + rates[i] * x * x * x / 6
    }
}
