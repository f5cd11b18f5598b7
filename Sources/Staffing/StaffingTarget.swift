/// A performance target for one stationary queue; times in seconds, shares in [0, 1].
public enum StaffingTarget: Sendable, Hashable {
    /// The share of arrivals served within `within` seconds is at least `atLeast`
    /// (Erlang A: among all arrivals, abandoners counting as not served; `ErlangA.serviceLevel`).
    case serviceLevel(within: Double, atLeast: Double)
    /// The share of arrivals who wait at all, P(W > 0), is at most the given share.
    case delayProbability(atMost: Double)
    /// The mean wait of all arrivals is at most the given seconds (Erlang A: the offered wait,
    /// `ErlangA.meanOfferedWait`).
    case meanWait(atMost: Double)
    /// The p-quantile of the wait of all arrivals is at most `atMost` seconds, i.e. P(W ≤ atMost) ≥ p
    /// (Erlang A: the offered wait V, P(V ≤ atMost) ≥ p).
    case waitQuantile(Double, atMost: Double)
    /// The share of arrivals who abandon is at most the given share (meaningful for Erlang A only:
    /// under Erlang C nobody abandons, so every stable staffing meets it).
    case abandonment(atMost: Double)

    /// Whether an Erlang C queue meets the target; false when it is unstable (n ≤ a).
    public func isMet(by queue: ErlangC) -> Bool {
        guard queue.isStable else { return false }
        switch self {
        case let .serviceLevel(t, x): return queue.serviceLevel(within: t)! >= x
        case let .delayProbability(x): return queue.delayProbability! <= x
        case let .meanWait(x): return queue.meanWait! <= x
        case let .waitQuantile(p, x): return queue.serviceLevel(within: x)! >= p
        case .abandonment: return true
        }
    }

    /// Whether an Erlang A queue meets the target.
    public func isMet(by queue: ErlangA) -> Bool {
        switch self {
        case let .serviceLevel(t, x): return queue.serviceLevel(within: t) >= x
        case let .delayProbability(x): return queue.delayProbability <= x
        case let .meanWait(x): return queue.meanOfferedWait <= x
        case let .waitQuantile(p, x): return 1 - queue.offeredWaitExceeding(x) >= p
        case let .abandonment(x): return queue.abandonmentProbability <= x
        }
    }
}

/// The fewest servers that meet `target` for a stationary queue offered `load` erlangs with mean
/// service `meanService` seconds: Erlang C when `patienceRate` is nil, Erlang A with patience rate
/// θ = `patienceRate` per second otherwise.
///
/// Under Erlang C the answer is never below the stability limit: n > a. A load of zero needs
/// zero servers. Every figure improves with n, so the search gallops from ⌈a⌉ and bisects
/// (O(log) evaluations). Returns `nil` only when no n ≤ `maxServers` meets the target
/// (default cap 2⌈a⌉ + 100), e.g. a delay probability of 0.
public func requiredServers(
    load: Double, meanService: Double, patienceRate: Double? = nil, target: StaffingTarget, maxServers: Int? = nil
) -> Int? {
    precondition(load >= 0 && load.isFinite, "load must be finite and non-negative")
    precondition(meanService > 0 && meanService.isFinite, "mean service must be positive")
    if load == 0 { return 0 }
    let ceiling = Int(load.rounded(.up))
    let cap = maxServers ?? (2 * ceiling + 100)
    if let theta = patienceRate {
        let rate = load / meanService
        return ServerSearch.smallest(from: 0, guess: ceiling, cap: cap) { n in
            target.isMet(by: ErlangA(arrivalRate: rate, meanService: meanService, patienceRate: theta, servers: n))
        }
    }
    let stable = Int(load.rounded(.down)) + 1
    return ServerSearch.smallest(from: stable, guess: stable, cap: cap) { n in
        target.isMet(by: ErlangC(load: load, servers: n, meanService: meanService))
    }
}

/// The smallest integer meeting a predicate that holds from some point on.
enum ServerSearch {
    /// The smallest n in [lower, cap] with `met(n)`, for `met` monotone (false … false, true … true);
    /// gallops from `guess` up or down, then bisects.
    static func smallest(from lower: Int, guess: Int, cap: Int, met: (Int) -> Bool) -> Int? {
        guard cap >= lower else { return nil }
        let start = min(max(guess, lower), cap)
        var fail: Int, pass: Int
        if met(start) {
            pass = start
            var step = 1
            while true {
                let probe = pass - step
                if probe < lower {
                    if pass == lower || met(lower) { return lower }
                    fail = lower
                    break
                }
                if met(probe) { pass = probe; step *= 2 } else { fail = probe; break }
            }
        } else {
            fail = start
            var step = 1
            while true {
                let probe = min(fail + step, cap)
                if met(probe) { pass = probe; break }
                if probe == cap { return nil }
                fail = probe
                step *= 2
            }
        }
        while pass - fail > 1 {
            let mid = fail + (pass - fail) / 2
            if met(mid) { pass = mid } else { fail = mid }
        }
        return pass
    }
}
