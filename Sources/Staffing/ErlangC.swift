import RealModule

/// The Erlang B (M/M/n/n loss) formula, computed by its recursion.
public enum ErlangB {
    /// The blocking probability of `servers` servers offered `load` erlangs.
    ///
    /// B(0, a) = 1 and B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)); every step is a ratio of
    /// positive numbers below one, so the recursion neither overflows nor loses precision
    /// (no factorials). Domain: load ≥ 0, servers ≥ 0. Source: the M/M/n/n loss formula in its
    /// standard recursive form.
    /// - Complexity: O(servers).
    public static func blocking(load a: Double, servers n: Int) -> Double {
        precondition(a >= 0 && a.isFinite, "load must be finite and non-negative")
        precondition(n >= 0, "servers must be non-negative")
        var b = 1.0
        if n == 0 { return b }
        for k in 1 ... n {
            let ab = a * b
            b = ab / (Double(k) + ab)
        }
        return b
    }
}

/// The M/M/n queue (Erlang C): Poisson arrivals, exponential service, `servers` servers,
/// infinite patience, first come first served.
///
/// Time is in seconds. A queue with n ≤ a (load at or above the servers) has no steady state:
/// every figure is then `nil`.
public struct ErlangC: Sendable, Hashable {
    /// The offered load a = λ·E[S] in erlangs.
    public let load: Double
    /// The number of servers n.
    public let servers: Int
    /// The mean service time E[S] in seconds.
    public let meanService: Double

    /// A queue offered `load` erlangs on `servers` servers with mean service `meanService` seconds.
    public init(load: Double, servers: Int, meanService: Double) {
        precondition(load >= 0 && load.isFinite, "load must be finite and non-negative")
        precondition(servers >= 0, "servers must be non-negative")
        precondition(meanService > 0 && meanService.isFinite, "mean service must be positive")
        self.load = load
        self.servers = servers
        self.meanService = meanService
    }

    /// A queue with arrivals at `arrivalRate` per second: load = arrivalRate · meanService.
    public init(arrivalRate: Double, meanService: Double, servers: Int) {
        self.init(load: arrivalRate * meanService, servers: servers, meanService: meanService)
    }

    /// Whether the queue has a steady state: n > a.
    public var isStable: Bool { Double(servers) > load }

    /// P(W > 0), the share of arrivals who wait: C(n, a) = n·B / (n − a + a·B) with B = B(n, a).
    ///
    /// `nil` when n ≤ a. Source: the Erlang C formula written through Erlang B.
    public var delayProbability: Double? {
        guard isStable else { return nil }
        let n = Double(servers)
        let b = ErlangB.blocking(load: load, servers: servers)
        return n * b / (n - load + load * b)
    }

    /// P(W ≤ t) = 1 − C·exp(−(n − a)·t / E[S]) for t ≥ 0: the share of arrivals served within t seconds.
    ///
    /// `nil` when n ≤ a. Source: the waiting time of M/M/n, exponential with rate nμ − λ given a wait.
    public func serviceLevel(within t: Double) -> Double? {
        precondition(t >= 0, "the time limit must be non-negative")
        guard let c = delayProbability else { return nil }
        return 1 - c * Double.exp(-(Double(servers) - load) * t / meanService)
    }

    /// E[W] = C·E[S] / (n − a), the mean wait of all arrivals in seconds; `nil` when n ≤ a.
    public var meanWait: Double? {
        guard let c = delayProbability else { return nil }
        return c * meanService / (Double(servers) - load)
    }

    /// The p-quantile of the wait: 0 when p ≤ 1 − C, else E[S]/(n − a) · ln(C / (1 − p)).
    ///
    /// Domain: 0 ≤ p < 1. `nil` when n ≤ a.
    public func waitQuantile(_ p: Double) -> Double? {
        precondition(p >= 0 && p < 1, "the quantile must lie in [0, 1)")
        guard let c = delayProbability else { return nil }
        if p <= 1 - c { return 0 }
        return meanService / (Double(servers) - load) * Double.log(c / (1 - p))
    }
}
