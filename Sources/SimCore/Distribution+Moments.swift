import RealModule

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
