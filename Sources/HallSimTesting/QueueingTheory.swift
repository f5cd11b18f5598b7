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
