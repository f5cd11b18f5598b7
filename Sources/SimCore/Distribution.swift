public import RealModule

/// A probability distribution of non-negative values, sampled from a ``RandomStream``.
///
/// A closed set of cases rather than a protocol, so sampling is a switch, never a
/// dynamic call. Parameters are checked by ``validated()``; the initialisers
/// precompute what sampling needs.
public enum Distribution: Sendable, Equatable {
    /// Exponential with the given mean.
    case exponential(mean: Double)
    /// Always the same value.
    case deterministic(Double)
    /// Uniform between `min` and `max`.
    case uniform(min: Double, max: Double)
    /// Triangular with lower limit `min`, mode `mode` and upper limit `max`.
    case triangular(min: Double, mode: Double, max: Double)
    /// A normal distribution with `mean` and `sd`, truncated at zero (negative draws are redrawn).
    case truncatedNormal(mean: Double, sd: Double)
    /// Lognormal with the given mean and standard deviation of the value itself
    /// (`mu` and `sigma` are the underlying normal's, derived from them).
    case lognormal(mean: Double, sd: Double, mu: Double, sigma: Double)
    /// Gamma with `shape` k and `scale` θ (mean kθ); Erlang-k when k is a whole number.
    case gamma(shape: Double, scale: Double)
    /// A finite set of values drawn with the given weights (`cumulative` is the
    /// running sum of the normalised weights, ending at 1).
    case empirical(values: [Double], cumulative: [Double])

    /// Lognormal with the given mean and standard deviation.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let s2 = Double.log(1 + (sd * sd) / (mean * mean))
        return .lognormal(mean: mean, sd: sd, mu: Double.log(mean) - s2 / 2, sigma: s2.squareRoot())
    }

    /// Erlang-k: the sum of `k` exponential phases, with the given overall mean.
    public static func erlang(k: Int, mean: Double) -> Distribution {
        .gamma(shape: Double(k), scale: mean / Double(k))
    }

    /// Gamma with the given shape and mean.
    public static func gamma(shape: Double, mean: Double) -> Distribution {
        .gamma(shape: shape, scale: mean / shape)
    }

    /// Values drawn with the given non-negative weights (normalised here).
    public static func empirical(values: [Double], weights: [Double]) -> Distribution {
        let total = weights.reduce(0, +)
        var running = 0.0
        var cumulative = weights.map { w -> Double in
            running += w
            return running / total
        }
        if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
        return .empirical(values: values, cumulative: cumulative)
    }

    /// Draws one value.
    /// - Complexity: O(1), except `empirical`, O(log n) in its number of values.
    @inlinable @inline(__always)
    public func sample(_ rng: inout RandomStream) -> Double {
        if case .exponential(let mean) = self { return Self.exponential(mean: mean, &rng) }
        return sampleOtherFamilies(&rng)
    }

    /// An exponential draw with the given mean (inversion).
    @inlinable @inline(__always)
    public static func exponential(mean: Double, _ rng: inout RandomStream) -> Double {
        -mean * Double.log(rng.nextOpenUnit())
    }

    @usableFromInline
    func sampleOtherFamilies(_ rng: inout RandomStream) -> Double {
        switch self {
        case .exponential(let mean):
            return Self.exponential(mean: mean, &rng)
        case .deterministic(let value):
            return value
        case .uniform(let lo, let hi):
            return lo + (hi - lo) * rng.nextOpenUnit()
        case .triangular(let lo, let mode, let hi):
            let u = rng.nextOpenUnit()
            let split = (mode - lo) / (hi - lo)
            if u < split {
                return lo + ((hi - lo) * (mode - lo) * u).squareRoot()
            }
            return hi - ((hi - lo) * (hi - mode) * (1 - u)).squareRoot()
        case .truncatedNormal(let mean, let sd):
            while true {
                let x = mean + sd * Self.standardNormal(&rng)
                if x >= 0 { return x }
            }
        case .lognormal(_, _, let mu, let sigma):
            return Double.exp(mu + sigma * Self.standardNormal(&rng))
        case .gamma(let shape, let scale):
            return scale * Self.standardGamma(shape: shape, &rng)
        case .empirical(let values, let cumulative):
            let u = rng.nextOpenUnit()
            var lo = 0
            var hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return values[lo]
        }
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    @inlinable
    static func standardNormal(_ rng: inout RandomStream) -> Double {
        let u1 = rng.nextOpenUnit()
        let u2 = rng.nextOpenUnit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// A gamma draw with unit scale (Marsaglia and Tsang; shape below 1 by boosting).
    @inlinable
    static func standardGamma(shape: Double, _ rng: inout RandomStream) -> Double {
        if shape < 1 {
            let boosted = standardGamma(shape: shape + 1, &rng)
            return boosted * Double.pow(rng.nextOpenUnit(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Double.log(u) < 0.5 * x * x + d * (1 - v + Double.log(v)) { return d * v }
        }
    }
}
