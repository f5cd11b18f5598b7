import RealModule

/// The offered wait of a person who arrives to a full M/M/n+M queue: the pure-death chain of
/// the number waiting ahead.
enum OfferedWait {
    /// survival[m] = P(Σ_{i=0..m} Exp(c + iθ) > t) for m = 0 … `aheadUpTo`: the chance that a
    /// person with m people waiting ahead has not reached a server t seconds later.
    ///
    /// Uniformization at rate Λ = c + mθ (the largest rate): after k steps of the embedded chain
    /// the person is still waiting with probability h_m(k), h(k+1)_i = (1 − r_i/Λ)·h_i + (r_i/Λ)·h_{i−1};
    /// survival = Σ_k Poisson(k; Λt)·h(k). The Poisson sum stops beyond Λt + 12√(Λt) + 40,
    /// where the remaining Poisson mass is below 1e-20.
    /// - Complexity: O(aheadUpTo · (Λt + √(Λt))).
    static func survival(aheadUpTo m: Int, serviceRate c: Double, patienceRate theta: Double, time t: Double) -> [Double] {
        var h = [Double](repeating: 1, count: m + 1)
        let top = c + Double(m) * theta
        guard t > 0, top > 0 else { return h }
        let rate = top * t
        let last = Int((rate + 12 * rate.squareRoot() + 40).rounded(.up))
        let logRate = Double.log(rate)
        var result = [Double](repeating: 0, count: m + 1)
        var step = [Double](repeating: 0, count: m + 1)
        for i in 0 ... m { step[i] = (c + Double(i) * theta) / top }
        for k in 0 ... last {
            let logWeight = -rate + Double(k) * logRate - Double.logGamma(Double(k + 1))
            if logWeight > -745 {
                let w = Double.exp(logWeight)
                for i in 0 ... m { result[i] += w * h[i] }
            }
            var i = m
            while i > 0 {
                h[i] = (1 - step[i]) * h[i] + step[i] * h[i - 1]
                i -= 1
            }
            h[0] = (1 - step[0]) * h[0]
        }
        return result.map { min(1, $0) }
    }
}
