/// Closed-form results of queueing theory that simulated figures are checked against.
public enum QueueingTheory {
    /// Erlang C: the probability that an arrival waits in an M/M/c queue.
    /// - Parameters:
    ///   - lambda: arrival rate; `mu`: service rate of one server; `c`: servers.
    public static func erlangC(lambda: Double, mu: Double, c: Int) -> Double {
        let a = lambda / mu
        let rho = a / Double(c)
        precondition(rho < 1, "the queue must be stable")
        var term = 1.0
        var sum = 1.0
        for k in 1 ..< c {
            term *= a / Double(k)
            sum += term
        }
        let last = term * a / Double(c) / (1 - rho)
        return last / (sum + last)
    }

    /// The mean wait in queue of an M/M/c queue (same units as 1/`mu`).
    public static func mmcMeanWait(lambda: Double, mu: Double, c: Int) -> Double {
        erlangC(lambda: lambda, mu: mu, c: c) / (Double(c) * mu - lambda)
    }
}

extension QueueingTheory {
    /// Steady-state figures of an M/M/c+M queue (Erlang A: exponential patience), from its birth–death chain.
    public struct ErlangA: Sendable {
        /// The share of arrivals who abandon.
        public var abandonShare: Double
        /// The mean wait of the people who are served (same units as 1/`mu`).
        public var meanWaitOfServed: Double
    }

    /// Erlang A by the birth–death chain truncated where its probabilities vanish.
    /// - Parameters:
    ///   - lambda: arrival rate; `mu`: service rate per server; `c`: servers; `theta`: abandonment rate (1 / mean patience).
    public static func erlangA(lambda: Double, mu: Double, c: Int, theta: Double) -> ErlangA {
        // Unnormalised stationary probabilities p[n] of n in the system.
        var p = [1.0]
        var n = 0
        while true {
            let death = Double(min(n + 1, c)) * mu + Double(max(n + 1 - c, 0)) * theta
            let next = p[n] * lambda / death
            p.append(next)
            n += 1
            if n > c + 10, next < 1e-16 * p.max()! { break }
        }
        let total = p.reduce(0, +)
        let pi = p.map { $0 / total }
        // An arrival who finds n >= c in the system waits at queue position j = n - c + 1.
        // From position j it moves up (rate cμ + (j-1)θ) or abandons (rate θ).
        let cm = Double(c) * mu
        var served = [1.0]
        var waitServed = [0.0]
        for j in 1 ... (pi.count - c) {
            let rate = cm + Double(j) * theta
            let advance = (cm + Double(j - 1) * theta) / rate
            served.append(advance * served[j - 1])
            waitServed.append(advance * (served[j - 1] / rate + waitServed[j - 1]))
        }
        var pServed = 0.0
        var wServed = 0.0
        for (n, prob) in pi.enumerated() {
            if n < c {
                pServed += prob
            } else {
                pServed += prob * served[n - c + 1]
                wServed += prob * waitServed[n - c + 1]
            }
        }
        return ErlangA(abandonShare: 1 - pServed, meanWaitOfServed: wServed / pServed)
    }
}
