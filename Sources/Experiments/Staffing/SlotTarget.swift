import Foundation

/// What a staffing plan must achieve in each slot of the day (or over the day) at each window group,
/// written as `p90_wait<=15m`, `mean_wait<=5m`, `service_level(15m)>=0.8`, `wait_probability<=0.2`
/// or `abandonment<=0.05`.
///
/// Every statistic is over the people who **joined a group's queue in the slot** (took a ticket,
/// or balked at it), whatever slot they were called in, pooled over the days of the slot's kind and
/// over replications:
/// - `pQ_wait`: the Q-th percentile of the waits of those called (seconds);
/// - `mean_wait`: their mean wait (seconds);
/// - `service_level(T)`: the share of those called whose wait was at most T (abandonments do not
///   count against it, as in the run's `service_level`);
/// - `wait_probability`: the share of those who joined that did not get a window at once (called
///   after a wait, or gave up);
/// - `abandonment`: the share of those who joined that gave up (left the queue, balked, sent home).
///
/// A back-office department's target is over the whole run: `on_time_promised>=0.95` (or
/// `on_time_statutory`), the share of its decisions made within the promised (statutory) limit.
public struct SlotTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Statistic: Sendable, Equatable {
        case waitQuantile(Double)
        case meanWait
        case serviceLevel(within: Double)
        case waitProbability
        case abandonment
        /// A back-office department's decisions on time against the promised limit, over the run.
        case onTimePromised
        /// Likewise against the statutory limit.
        case onTimeStatutory
    }

    public var statistic: Statistic
    /// Seconds for waits, a share (0…1) otherwise.
    public var limit: Double
    /// Whether the statistic must be at most the limit (`<=`) or at least it (`>=`).
    public var atMost: Bool

    public init(_ statistic: Statistic, limit: Double) {
        self.statistic = statistic
        self.limit = limit
        switch statistic {
        case .serviceLevel, .onTimePromised, .onTimeStatutory: atMost = false
        default: atMost = true
        }
    }

    public var description: String {
        let op = atMost ? "<=" : ">="
        switch statistic {
        case .waitQuantile(let q): return "p\(Self.trim(q * 100))_wait\(op)\(Self.duration(limit))"
        case .meanWait: return "mean_wait\(op)\(Self.duration(limit))"
        case .serviceLevel(let t): return "service_level(\(Self.duration(t)))\(op)\(Self.trim(limit))"
        case .waitProbability: return "wait_probability\(op)\(Self.trim(limit))"
        case .abandonment: return "abandonment\(op)\(Self.trim(limit))"
        case .onTimePromised: return "on_time_promised\(op)\(Self.trim(limit))"
        case .onTimeStatutory: return "on_time_statutory\(op)\(Self.trim(limit))"
        }
    }

    /// The statistic's name as targets write it (`p90_wait`, `service_level(15m)`).
    public var name: String { description.components(separatedBy: atMost ? "<=" : ">=")[0] }

    /// Whether the statistic is a wait in seconds (printed as a duration).
    public var isWait: Bool {
        switch statistic {
        case .waitQuantile, .meanWait: true
        default: false
        }
    }

    /// Whether the target is a back-office department's (over the run) rather than a window group's (per slot).
    public var isDepartment: Bool { statistic == .onTimePromised || statistic == .onTimeStatutory }

    /// Whether `value` meets the target.
    public func holds(_ value: Double) -> Bool { atMost ? value <= limit : value >= limit }

    /// Parses a target as written on the command line.
    public init(parsing text: String) throws(SlotTargetError) {
        let compact = text.filter { !$0.isWhitespace }
        let op: String
        if compact.contains("<=") { op = "<=" } else if compact.contains(">=") { op = ">=" } else {
            throw SlotTargetError(text, "no comparison", expected: "STATISTIC<=LIMIT or STATISTIC>=LIMIT, e.g. p90_wait<=15m")
        }
        let sides = compact.components(separatedBy: op)
        guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
            throw SlotTargetError(text, "expected one statistic and one limit", expected: "e.g. p90_wait<=15m")
        }
        let name = sides[0], value = sides[1]
        let statistic: Statistic
        if name == "mean_wait" {
            statistic = .meanWait
        } else if name == "wait_probability" {
            statistic = .waitProbability
        } else if name == "abandonment" {
            statistic = .abandonment
        } else if name == "on_time_promised" {
            statistic = .onTimePromised
        } else if name == "on_time_statutory" {
            statistic = .onTimeStatutory
        } else if name.hasPrefix("service_level(") && name.hasSuffix(")") {
            let inner = String(name.dropFirst("service_level(".count).dropLast())
            guard let t = Self.seconds(inner), t >= 0 else {
                throw SlotTargetError(text, "'\(inner)' is not a duration", expected: "service_level(DURATION), e.g. service_level(15m)")
            }
            statistic = .serviceLevel(within: t)
        } else if name.hasPrefix("p") && name.hasSuffix("_wait"), let q = Double(name.dropFirst().dropLast("_wait".count)), q > 0, q < 100 {
            statistic = .waitQuantile(q / 100)
        } else {
            throw SlotTargetError(
                text, "unknown statistic '\(name)'",
                expected: "one of pNN_wait (e.g. p90_wait), mean_wait, service_level(DURATION), wait_probability, abandonment, or for departments on_time_promised, on_time_statutory")
        }
        self.init(statistic, limit: 0)
        guard (op == "<=") == atMost else {
            throw SlotTargetError(text, "'\(name)' is a \(atMost ? "cost" : "share to reach")", expected: "\(name)\(atMost ? "<=" : ">=")LIMIT")
        }
        if isWait {
            guard let s = Self.seconds(value), s >= 0 else {
                throw SlotTargetError(text, "'\(value)' is not a duration", expected: "a duration with a unit: 30s, 15m, 1h")
            }
            limit = s
        } else {
            let share = value.hasSuffix("%") ? Double(value.dropLast()).map { $0 / 100 } : Double(value)
            guard let share, share >= 0, share <= 1 else {
                throw SlotTargetError(text, "'\(value)' is not a share", expected: "a number from 0 to 1, or a percentage such as 80%")
            }
            limit = share
        }
    }

    /// Seconds of `30s`, `15m`, `1.5h` (a unit is required).
    static func seconds(_ text: String) -> Double? {
        for (unit, factor) in [("min", 60.0), ("s", 1), ("m", 60), ("h", 3600)] where text.hasSuffix(unit) {
            guard let x = Double(text.dropLast(unit.count)), x.isFinite else { return nil }
            return x * factor
        }
        return nil
    }

    static func duration(_ s: Double) -> String {
        if s >= 3600, s.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(s / 3600))h" }
        if s >= 60, s.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(s / 60))m" }
        return "\(trim(s))s"
    }

    static func trim(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}

/// A target that cannot be read.
public struct SlotTargetError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var expected: String

    init(_ text: String, _ message: String, expected: String) {
        self.text = text
        self.message = message
        self.expected = expected
    }

    public var description: String { "--target '\(text)': \(message); expected \(expected)" }
}
