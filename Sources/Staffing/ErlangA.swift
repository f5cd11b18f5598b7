import RealModule

/// The M/M/n+M queue (Erlang A): Poisson arrivals at rate λ, exponential service with mean
/// E[S] = 1/μ, `servers` servers, and exponential patience with rate θ > 0 (a waiting person
/// leaves after an exponential time with mean 1/θ unless served first), first come first served.
///
/// Computed exactly from the birth–death chain of the number in system: states k ≤ n have
/// π_k ∝ a^k/k!, state n + j has π_{n+j} = π_n·Π_{i=1..j} λ/(nμ + iθ). The part below n enters
/// through Erlang B (Σ_{k≤n} π_k = π_n / B(n, a)); the queue part is summed term by term until
/// the remaining tail, bounded by the geometric series of the (decreasing) term ratio
/// r = λ/(nμ + (j+1)θ) < 1, is below 1e-16 of the total (`truncationBound`). There is no
/// stability condition: every n ≥ 0 has a steady state. The number of terms is about
/// max(0, (λ − nμ)/θ) + a few √(λ/θ); a patience rate tiny against a heavy overload makes it long.
///
/// Source: the M/M/n+M birth–death chain (METHODS.md, "Staffing time-varying queues": Erlang A).
///
/// Conventions (time in seconds): V is the offered wait (the time until service would begin
/// with infinite patience), τ the patience, W = min(V, τ) the time an arrival spends waiting.
/// Measures of W over all arrivals improve as people give up (zero servers and W = τ can meet a
/// wait target), and measures over the served alone need not improve with n; the staffing
/// targets therefore judge waits by V (`meanOfferedWait`, `offeredWaitExceeding`), which is
/// monotone in n and, as the served are those with the shorter offered waits, never more
/// favourable than the waits of the people served.
public struct ErlangA: Sendable {
    /// The arrival rate λ per second.
    public let arrivalRate: Double
    /// The mean service time E[S] = 1/μ in seconds.
    public let meanService: Double
    /// The patience (abandonment) rate θ per second of waiting.
    public let patienceRate: Double
    /// The number of servers n.
    public let servers: Int
    /// P(V > 0) = P(W > 0): the share of arrivals who find every server busy (PASTA).
    public let delayProbability: Double
    /// P(abandon) = θ·E[Q]/λ: the share of arrivals who leave before service.
    ///
    /// Equal to θ·E[W] (abandonments per second θ·E[Q] over arrivals per second, with
    /// E[Q] = λ·E[W] by the law relating queue length and wait).
    public let abandonmentProbability: Double
    /// E[W] = E[Q]/λ in seconds: the mean time spent waiting by all arrivals, served or not.
    public let meanWait: Double
    /// E[V] in seconds: the mean offered wait of all arrivals (+∞ with no servers).
    public let meanOfferedWait: Double
    /// E[V | served] in seconds: the mean wait of the people who are served (0 when nobody is).
    public let meanWaitOfServed: Double
    /// A bound on the probability mass left out by truncating the chain.
    public let truncationBound: Double
    /// P(an arrival finds fewer than n in system).
    let pBelow: Double
    /// queueSeen[j] = P(an arrival finds all servers busy and j people waiting).
    let queueSeen: [Double]

    /// The queue offered `arrivalRate` per second with mean service `meanService` seconds on
    /// `servers` servers, patience rate `patienceRate` per second.
    public init(arrivalRate: Double, meanService: Double, patienceRate: Double, servers: Int) {
        precondition(arrivalRate >= 0 && arrivalRate.isFinite, "arrival rate must be finite and non-negative")
        precondition(meanService > 0 && meanService.isFinite, "mean service must be positive")
        precondition(patienceRate > 0 && patienceRate.isFinite, "patience rate must be positive (Erlang C has none)")
        precondition(servers >= 0, "servers must be non-negative")
        self.arrivalRate = arrivalRate
        self.meanService = meanService
        self.patienceRate = patienceRate
        self.servers = servers
        let lambda = arrivalRate, theta = patienceRate
        let c = Double(servers) / meanService
        let b = ErlangB.blocking(load: lambda * meanService, servers: servers)
        guard lambda > 0, b > 0, (1 / b).isFinite else {
            (delayProbability, abandonmentProbability, meanWait, truncationBound) = (0, 0, 0, 0)
            (meanOfferedWait, meanWaitOfServed) = (0, 0)
            (pBelow, queueSeen) = (1, [])
            return
        }
        var below = 1 / b - 1
        var terms: [Double] = [1]
        var sum = 1.0, weighted = 0.0, term = 1.0
        var j = 0
        var tail = Double.infinity
        while true {
            let r = lambda / (c + Double(j + 1) * theta)
            if r < 1 {
                let massTail = term * r / (1 - r)
                let meanTail = term * (Double(j) * r / (1 - r) + r / ((1 - r) * (1 - r)))
                let total = below + sum
                if massTail <= 1e-16 * total && meanTail <= 1e-16 * max(weighted, total) {
                    tail = massTail / total
                    break
                }
            }
            precondition(j < 50_000_000, "patience rate too small for this overload: the queue has no practical truncation")
            j += 1
            term *= r
            if term > 1e250 {
                let s = 1e-250
                for i in terms.indices { terms[i] *= s }
                term *= s; sum *= s; weighted *= s; below *= s
            }
            terms.append(term)
            sum += term
            weighted += Double(j) * term
        }
        let z = below + sum
        pBelow = below / z
        queueSeen = terms.map { $0 / z }
        delayProbability = sum / z
        let meanQueue = weighted / z
        abandonmentProbability = theta * meanQueue / lambda
        meanWait = meanQueue / lambda
        truncationBound = tail
        // With j waiting ahead: E[V] = Σ_{i=0..j} 1/(c + iθ); served with chance c/(c + (j+1)θ)
        // after a mean Σ_{i=1..j+1} 1/(c + iθ) (the tilted wait of `serviceLevel(within:)`).
        var offered = 0.0, servedWait = 0.0, stages = 0.0, tilted = 0.0
        for (j, q) in queueSeen.enumerated() where c > 0 {
            stages += 1 / (c + Double(j) * theta)
            tilted += 1 / (c + Double(j + 1) * theta)
            offered += q * stages
            servedWait += q * c / (c + Double(j + 1) * theta) * tilted
        }
        meanOfferedWait = c > 0 ? offered : .infinity
        let served = 1 - abandonmentProbability
        meanWaitOfServed = served > 0 && c > 0 ? servedWait / served : 0
    }

    /// The offered load a = λ·E[S] in erlangs.
    public var load: Double { arrivalRate * meanService }

    /// The service level: among ALL arrivals, the share whose service begins within t seconds,
    /// P(V ≤ t, V < τ). Those who abandon (at any time) count as not served within t.
    ///
    /// With j people waiting ahead, the arrival is answered with probability
    /// nμ/(nμ + (j+1)θ) after a time distributed as Σ_{i=1..j+1} Exp(nμ + iθ): weighting the
    /// offered wait Σ_{i=0..j} Exp(nμ + iθ) by the chance e^{−θV} of still being there turns each
    /// Exp(r) into r/(r+θ)·Exp(r+θ), and the factors telescope. That time's distribution comes
    /// from the pure-death chain of the number ahead, by uniformization.
    /// - Complexity: O(K·(Λt + √(Λt))), K the queue terms kept, Λ = nμ + Kθ.
    public func serviceLevel(within t: Double) -> Double {
        precondition(t >= 0, "the time limit must be non-negative")
        guard !queueSeen.isEmpty else { return 1 }
        let c = Double(servers) / meanService
        let tilted = OfferedWait.survival(
            aheadUpTo: queueSeen.count - 1, serviceRate: c + patienceRate, patienceRate: patienceRate, time: t
        )
        var answered = pBelow
        for (j, q) in queueSeen.enumerated() {
            answered += q * c / (c + Double(j + 1) * patienceRate) * (1 - tilted[j])
        }
        return min(1, answered)
    }

    /// Among the arrivals who are served, the share whose service begins within t seconds:
    /// `serviceLevel(within:)` / (1 − P(abandon)).
    public func answeredShare(within t: Double) -> Double {
        let served = 1 - abandonmentProbability
        return served > 0 ? min(1, serviceLevel(within: t) / served) : 0
    }

    /// P(W ≤ t) = 1 − e^{−θt}·P(V > t): the share of all arrivals whose time spent waiting
    /// (until service, or until they leave) is at most t seconds; the distribution whose mean is
    /// `meanWait` and whose quantiles the wait targets use.
    public func waitAtMost(_ t: Double) -> Double {
        1 - Double.exp(-patienceRate * t) * offeredWaitExceeding(t)
    }

    /// P(V > t): the share of arrivals whose offered wait exceeds t seconds.
    public func offeredWaitExceeding(_ t: Double) -> Double {
        precondition(t >= 0, "the time limit must be non-negative")
        guard !queueSeen.isEmpty else { return 0 }
        let c = Double(servers) / meanService
        let survival = OfferedWait.survival(aheadUpTo: queueSeen.count - 1, serviceRate: c, patienceRate: patienceRate, time: t)
        var exceed = 0.0
        for (j, q) in queueSeen.enumerated() { exceed += q * survival[j] }
        return min(1, exceed)
    }
}
