import CaseEngine
import SimCore

/// What a run of a network will take, estimated from its compiled volumes before it starts,
/// and whether it is too large to start without `--allow-large`.
///
/// - cases: every source's expected volume over the horizon (its share of its entry's rate
///   integrated over the open hours of each day, with moved closed-day volume), or the
///   scenario's case limit when that comes first;
/// - events: cases × the events a case makes: 4 for a visit (submitted, ticket, called, done),
///   2 for a remote case, plus 4 for back-office work and 4 for a pick-up visit, by their shares;
/// - memory: the cases open at once (a month of cases, plus the queue growth of halls whose
///   windows cannot keep up over a whole day type) × ``bytesPerOpenCase``.
public struct RunEstimate: Sendable, Equatable {
    public var days: Double
    public var cases: Double
    public var events: Double
    public var bytes: Double

    /// The most events a run starts with unless allowed: about a minute of simulation.
    public static let eventLimit = 1e9
    /// The most cases a run starts with unless allowed.
    public static let caseLimit = 1e8
    /// Memory an open case takes: its record, its place in a queue and its pending events.
    public static let bytesPerOpenCase = 256.0

    public init(days: Double, cases: Double, events: Double, bytes: Double) {
        self.days = days
        self.cases = cases
        self.events = events
        self.bytes = bytes
    }

    /// The estimate for `network`.
    public init(_ network: HallNetwork) {
        let horizonDays = network.stop.horizon.map { Double($0.ticks) / Double(ServiceCalendar.dayTicks) }
        let counted = Int(min((horizonDays ?? 366).rounded(.up), 1e9))
        let counts = DayCounts(calendar: network.calendar, days: counted)
        let load = OfferedLoad(network)
        var cases = 0.0
        var events = 0.0
        for s in network.sources.indices {
            let source = network.sources[s]
            let volume = load.expectedVolume(source: s, over: counts)
            cases += volume
            var perCase = source.isRemote ? 2.0 : 4.0
            if let office = network.offices[source.service] {
                perCase += 4 * office.share
                perCase += 4 * office.share * (1 - network.results[source.service].mail)
            }
            events += volume * perCase
        }
        if let limit = network.stop.cases.map(Double.init), network.stop.horizon == nil || limit < cases {
            // The case limit comes first (or is the only rule): its cases, at the network's mix of events.
            events = limit * (cases > 0 ? events / cases : 4)
            cases = limit
        }
        let excess = load.overloads(over: counts).reduce(0) { $0 + $1.excessCases }
        days = horizonDays ?? Double(counted)
        self.cases = cases
        self.events = events
        bytes = (cases / max(1, Double(counted)) * 30 + excess) * Self.bytesPerOpenCase
    }

    /// Why the run should not start without being allowed, or `nil` when it may:
    /// above ``eventLimit`` or ``caseLimit``, or above `memory` bytes.
    public func refusal(memory: Double) -> String? {
        if events > Self.eventLimit || cases > Self.caseLimit {
            return "the run would simulate about \(Self.short(cases)) cases and \(Self.short(events)) events over \(Self.short(days)) days, above the limit of \(Self.short(Self.caseLimit)) cases and \(Self.short(Self.eventLimit)) events"
        }
        if bytes > memory {
            return "the run would hold about \(Self.short(bytes / 1e9)) GB of open cases (\(Self.short(cases)) cases over \(Self.short(days)) days), beyond the \(Self.short(memory / 1e9)) GB of memory"
        }
        return nil
    }

    /// A number in three significant figures with a thousands/millions/billions word.
    public static func short(_ x: Double) -> String {
        func three(_ v: Double) -> String {
            v >= 100 ? String(Int(v.rounded())) : v >= 10 ? String((v * 10).rounded() / 10) : String((v * 100).rounded() / 100)
        }
        if !x.isFinite { return "∞" }
        if x >= 1e12 { return three(x / 1e12) + " trillion" }
        if x >= 1e9 { return three(x / 1e9) + " billion" }
        if x >= 1e6 { return three(x / 1e6) + " million" }
        if x >= 1e4 { return String(Int((x / 1e3).rounded())) + " thousand" }
        return x >= 100 ? String(Int(x.rounded())) : three(x)
    }
}
