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
