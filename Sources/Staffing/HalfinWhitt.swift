import RealModule

/// The quality-and-efficiency-driven (Halfin–Whitt) regime of many-server queues.
public enum HalfinWhitt {
    /// The delay probability α(β) = [1 + β·Φ(β)/φ(β)]⁻¹ of square-root staffing with factor β
    /// (Φ, φ the standard normal distribution and density). Domain: β > 0.
    /// Source: the many-server limit of Erlang C as n, a → ∞ with (n − a)/√a → β
    /// (METHODS.md, "Staffing time-varying queues").
    public static func delayProbability(beta: Double) -> Double {
        precondition(beta > 0, "beta must be positive")
        let cdf = Double.erfc(-beta / 2.0.squareRoot()) / 2
        let density = Double.exp(-beta * beta / 2) / (2 * Double.pi).squareRoot()
        return 1 / (1 + beta * cdf / density)
    }

    /// The β with α(β) = `delayProbability`, by bisection (α decreases from 1 at β = 0 to 0);
    /// `nil` outside 0 < α < 1. Reference values: α 0.5 → β ≈ 0.51, 0.2 → 1.06, 0.1 → 1.42.
    public static func beta(delayProbability alpha: Double) -> Double? {
        guard alpha > 0, alpha < 1 else { return nil }
        var low = 0.0, high = 1.0
        while delayProbability(beta: high) > alpha {
            low = high
            high *= 2
            if high > 40 { return nil }
        }
        for _ in 0 ..< 200 where high - low > 1e-13 {
            let mid = (low + high) / 2
            if delayProbability(beta: mid) > alpha { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// The square-root staffing rule s = ⌈m + β·√m⌉ servers for offered load m ≥ 0 erlangs.
    public static func squareRootStaffing(load m: Double, beta: Double) -> Int {
        precondition(m >= 0 && m.isFinite, "load must be finite and non-negative")
        return Int((m + beta * m.squareRoot()).rounded(.up))
    }
}
