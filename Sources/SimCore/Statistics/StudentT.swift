import RealModule

/// Quantiles of Student's t distribution.
public enum StudentT {
    /// The 97.5% quantile with `df` degrees of freedom: the factor of a two-sided 95% interval.
    ///
    /// Tabulated to nine decimals for df ≤ 30; above, Hill's (1970) expansion
    /// around the normal quantile, within 3e-8 of the exact value.
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "degrees of freedom must be positive")
        if df <= table.count { return table[df - 1] }
        let z = 1.959_963_984_540_054
        let n = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        let g1 = (z3 + z) / 4
        let g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
        let g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
        let g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160
        return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n)
    }

    static let table: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]

    /// The two-sided 95% half-width for the mean of `values`, treated as independent observations.
    public static func halfWidth95(of values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let k = Double(values.count)
        let m = values.reduce(0, +) / k
        let s2 = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (k - 1)
        return quantile975(degreesOfFreedom: values.count - 1) * (s2 / k).squareRoot()
    }
}

extension StudentT {
    /// The probability that a t-distributed variable with `df` degrees of freedom is at most `t`.
    ///
    /// From the regularized incomplete beta function: for t ≥ 0,
    /// F(t) = 1 − ½·I(ν/(ν+t²); ν/2, ½), and F(−t) = 1 − F(t).
    public static func cdf(_ t: Double, degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "degrees of freedom must be positive")
        let nu = Double(df)
        let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p` quantile (0 < p < 1) with `df` degrees of freedom, within 1e-10 of the exact value.
    ///
    /// Found by bisection on ``cdf(_:degreesOfFreedom:)``; for intervals at levels other than 95%
    /// (e.g. Bonferroni-corrected ones). ``quantile975(degreesOfFreedom:)`` is the fast path for 95%.
    /// - Complexity: O(log(1/tolerance)) evaluations of the incomplete beta function.
    public static func quantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        if p == 0.5 { return 0 }
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: df) < p { low = high; high *= 2 }
        for _ in 0 ..< 200 where high - low > 1e-12 * max(1, high) {
            let mid = (low + high) / 2
            if cdf(mid, degreesOfFreedom: df) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// The two-sided half-width factor at `confidence` (e.g. 0.95) with `df` degrees of freedom.
    public static func factor(confidence: Double, degreesOfFreedom df: Int) -> Double {
        confidence == 0.95 ? quantile975(degreesOfFreedom: df) : quantile(1 - (1 - confidence) / 2, degreesOfFreedom: df)
    }

    /// I_x(a, b), the regularized incomplete beta function, by its continued fraction
    /// (modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = Double.exp(
            Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b) + a * Double.log(x) + b * Double.log(1 - x)
        )
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a: a, b: b) / a }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var h = d
        for m in 1 ... 300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
