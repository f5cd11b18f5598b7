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

extension Distribution {
    /// The distribution's mean.
    public var mean: Double {
        switch self {
        case .exponential(let mean): return mean
        case .deterministic(let value): return value
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .triangular(let lo, let mode, let hi): return (lo + mode + hi) / 3
        case .truncatedNormal(let mu, let sd):
            let (alpha, lambda) = Self.truncation(mu, sd)
            _ = alpha
            return mu + sd * lambda
        case .lognormal(let mean, _, _, _): return mean
        case .gamma(let shape, let scale): return shape * scale
        case .empirical(let values, let cumulative):
            return zip(values, Self.probabilities(cumulative)).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// The distribution's variance.
    public var variance: Double {
        switch self {
        case .exponential(let mean): return mean * mean
        case .deterministic: return 0
        case .uniform(let lo, let hi): return (hi - lo) * (hi - lo) / 12
        case .triangular(let a, let c, let b):
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .truncatedNormal(let mu, let sd):
            let (alpha, lambda) = Self.truncation(mu, sd)
            return sd * sd * (1 + alpha * lambda - lambda * lambda)
        case .lognormal(_, let sd, _, _): return sd * sd
        case .gamma(let shape, let scale): return shape * scale * scale
        case .empirical(let values, let cumulative):
            let m = mean
            return zip(values, Self.probabilities(cumulative)).reduce(0) { $0 + ($1.0 - m) * ($1.0 - m) * $1.1 }
        }
    }

    /// A short name of the distribution's family, as scenario files spell it.
    public var family: String {
        switch self {
        case .exponential: "exponential"
        case .deterministic: "deterministic"
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .truncatedNormal: "normal"
        case .lognormal: "lognormal"
        case .gamma: "gamma"
        case .empirical: "empirical"
        }
    }

    /// What is wrong with the parameters, or `nil` when they describe a distribution of non-negative values.
    public func validated() -> String? {
        func finite(_ xs: Double...) -> Bool { xs.allSatisfy(\.isFinite) }
        switch self {
        case .exponential(let mean):
            return finite(mean) && mean > 0 ? nil : "the mean must be greater than zero"
        case .deterministic(let v):
            return finite(v) && v >= 0 ? nil : "the value must not be negative"
        case .uniform(let lo, let hi):
            return finite(lo, hi) && lo >= 0 && hi > lo ? nil : "needs 0 <= min < max"
        case .triangular(let lo, let mode, let hi):
            return finite(lo, mode, hi) && lo >= 0 && lo <= mode && mode <= hi && lo < hi
                ? nil : "needs 0 <= min <= mode <= max and min < max"
        case .truncatedNormal(let mean, let sd):
            return finite(mean, sd) && mean > 0 && sd > 0 ? nil : "the mean and sd must be greater than zero"
        case .lognormal(let mean, let sd, _, _):
            return finite(mean, sd) && mean > 0 && sd > 0 ? nil : "the mean and sd must be greater than zero"
        case .gamma(let shape, let scale):
            return finite(shape, scale) && shape > 0 && scale > 0 ? nil : "the shape and mean must be greater than zero"
        case .empirical(let values, let cumulative):
            if values.isEmpty { return "needs at least one value" }
            if values.count != cumulative.count { return "needs as many weights as values" }
            if values.contains(where: { !$0.isFinite || $0 < 0 }) { return "values must not be negative" }
            let p = Self.probabilities(cumulative)
            if p.contains(where: { !$0.isFinite || $0 < 0 }) { return "weights must not be negative and must not all be zero" }
            return nil
        }
    }

    static func probabilities(_ cumulative: [Double]) -> [Double] {
        var previous = 0.0
        return cumulative.map { c in
            defer { previous = c }
            return c - previous
        }
    }

    /// The standardised truncation point and inverse Mills ratio of a normal truncated at zero.
    static func truncation(_ mu: Double, _ sd: Double) -> (alpha: Double, lambda: Double) {
        let alpha = -mu / sd
        let pdf = Double.exp(-alpha * alpha / 2) / (2 * Double.pi).squareRoot()
        let survival = Double.erfc(alpha / 2.0.squareRoot()) / 2
        return (alpha, pdf / survival)
    }
}
