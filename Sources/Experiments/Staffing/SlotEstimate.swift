public import CaseEngine
import SimCore

/// A target's statistic for one slot (or one day), pooled over replications, with its interval
/// (95%, or wider when several slots are judged together) and whether the interval says the target is met.
///
/// - Percentiles of the wait: the pooled waits' order statistic, with the distribution-free
///   interval between the order statistics of ranks n·q ∓ 1.96·√(n·q·(1−q)) (binomial).
/// - Means and shares: the ratio of pooled sums (e.g. waits over calls), with the ratio
///   estimator's interval across days of every replication (t with n − 1 degrees of freedom for
///   n days with anyone in the slot): the same slot on two days is 24 hours apart, all but
///   independent, so days are the observations, and slots with few people on some days weigh as
///   they should.
/// - Met when the whole interval lies on the target's side, missed when the whole interval lies
///   on the other side, undecided otherwise; "too few" when fewer than `minimumPeople` joined the
///   queue in the slot over all replications, or too few for an end of the interval (the output
///   says so rather than guess).
public struct SlotEstimate: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case met, missed, undecided
        case tooFew = "too few"
    }

    /// People who joined the queue in the slot, over every replication.
    public var people: Int
    public var value: Double?
    public var low: Double?
    public var high: Double?
    public var verdict: Verdict

    /// Estimates `target` from each replication's cells (`cells[r]` are pooled within replication r),
    /// with an interval at `confidence` (a slot among k judged together: ``Bonferroni``, 1 − 0.05/k).
    public init(_ target: SlotTarget, replications cells: [[SlotCell]], confidence: Double = 0.95, minimumPeople: Int = 30) {
        // Observations: each (replication, day) with anyone joining, the slots of one day pooled.
        var observations: [SlotDay] = []
        var waits: [Int64] = []
        for replication in cells {
            var byDay: [Int32: SlotDay] = [:]
            for c in replication {
                for d in c.days {
                    var sum = byDay[d.day] ?? SlotDay(day: d.day)
                    sum.joined += d.joined
                    sum.abandoned += d.abandoned
                    sum.delayed += d.delayed
                    sum.called += d.called
                    sum.within += d.within
                    sum.waitTicks += d.waitTicks
                    byDay[d.day] = sum
                }
                if case .waitQuantile = target.statistic { waits += c.waits }
            }
            observations += byDay.keys.sorted().map { byDay[$0]! }
        }
        people = observations.reduce(0) { $0 + Int($1.joined) }
        value = nil
        low = nil
        high = nil
        verdict = .tooFew
        guard people >= minimumPeople else { return }
        let ticksPerSecond = Double(SimTime.seconds(1).ticks)
        switch target.statistic {
        case .waitQuantile(let q):
            guard !waits.isEmpty else { return }
            waits.sort()
            let n = Double(waits.count)
            let z = StudentT.factor(confidence: confidence, degreesOfFreedom: 1_000_000)
            let spread = z * (n * q * (1 - q)).squareRoot()
            func at(_ rank: Double) -> Double {
                let i = min(waits.count, max(1, Int(rank.rounded(.up))))
                return Double(waits[i - 1]) / ticksPerSecond
            }
            value = at(n * q)
            low = at((n * q - spread).rounded(.down))
            // Beyond the largest wait the interval is open above: no finite bound.
            high = n * q + spread + 1 > n ? .infinity : at(n * q + spread + 1)
        case .meanWait:
            ratio(observations.map { (Double($0.waitTicks) / ticksPerSecond, Double($0.called)) }, confidence)
        case .serviceLevel:
            ratio(observations.map { (Double($0.within), Double($0.called)) }, confidence)
        case .waitProbability:
            ratio(observations.map { (Double($0.delayed), Double($0.joined)) }, confidence)
        case .abandonment:
            ratio(observations.map { (Double($0.abandoned), Double($0.joined)) }, confidence)
        case .onTimePromised, .onTimeStatutory:
            return
        }
        judge(target)
    }

    /// A share from each replication's counts (`y` of `x`, e.g. a department's decisions on time of
    /// those with a limit), with the ratio estimator's interval; "too few" under `minimumPeople` in all.
    public init(_ target: SlotTarget, counts: [(y: Double, x: Double)], confidence: Double = 0.95, minimumPeople: Int = 30) {
        people = Int(counts.reduce(0) { $0 + $1.x })
        value = nil
        low = nil
        high = nil
        verdict = .tooFew
        guard people >= minimumPeople else { return }
        ratio(counts, confidence)
        judge(target)
    }

    /// Sets the verdict from the value and interval.
    /// An end of the interval that so few people cannot give (a percentile's upper bound beyond the
    /// largest wait) leaves the slot "too few" — more windows cannot settle it — unless the other
    /// end already shows the target missed.
    mutating func judge(_ target: SlotTarget) {
        guard value != nil else { return }
        if high == .infinity { high = nil }
        switch (low.map(target.holds), high.map(target.holds)) {
        case (true?, true?): verdict = .met
        case (false?, false?): verdict = .missed
        case (.some, .some): verdict = .undecided
        case (false?, nil) where target.atMost, (nil, false?) where !target.atMost: verdict = .missed
        default: verdict = .tooFew
        }
    }

    /// Sets value and interval to the ratio Σy / Σx with the ratio estimator's t-interval across replications.
    mutating func ratio(_ pairs: [(y: Double, x: Double)], _ confidence: Double) {
        let sy = pairs.reduce(0) { $0 + $1.y }, sx = pairs.reduce(0) { $0 + $1.x }
        guard sx > 0 else { return }
        let r = sy / sx
        value = r
        let n = Double(pairs.count)
        guard pairs.count >= 2 else { return }
        let meanX = sx / n
        let ss = pairs.reduce(0) { $0 + ($1.y - r * $1.x) * ($1.y - r * $1.x) }
        let se = (ss / (n * (n - 1))).squareRoot() / meanX
        let h = StudentT.factor(confidence: confidence, degreesOfFreedom: pairs.count - 1) * se
        low = r - h
        high = r + h
    }
}
