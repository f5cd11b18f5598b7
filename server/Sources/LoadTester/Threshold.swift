import Foundation

/// A pass/fail rule on a load's summary: `p99<20ms`, `errors<0.1%`, `rate>=5000/s`,
/// `lateness_p99<1ms` (docs/load.md lists the metrics).
public struct Threshold: Sendable, Equatable {
    public enum Metric: String, Sendable, CaseIterable {
        case p50, p90, p99, p99_9 = "p99.9", max, mean
        case errors, rate
        case latenessP99 = "lateness_p99"
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }
    }

    public var text: String
    public var metric: Metric
    public var comparison: Comparison
    /// The bound in the metric's own unit: milliseconds, a share (0…1), or commands per second.
    public var bound: Double

    /// Reads `METRIC OP VALUE[UNIT]`; the message says what is wrong.
    public init(_ text: String) throws(LoadFailure) {
        self.text = text
        let compact = text.replacingOccurrences(of: " ", with: "")
        guard let op = Comparison.allCases.first(where: { compact.contains($0.rawValue) }),
              let range = compact.range(of: op.rawValue) else {
            throw LoadFailure("--threshold \(text): expected METRIC<VALUE, <=, > or >= (e.g. p99<20ms, errors<0.1%, rate>=5000/s)")
        }
        let name = String(compact[..<range.lowerBound])
        guard let metric = Metric(rawValue: name) else {
            throw LoadFailure("--threshold \(text): unknown metric \"\(name)\" (one of \(Metric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var value = String(compact[range.upperBound...])
        var scale = 1.0
        switch metric {
        case .errors:
            if value.hasSuffix("%") { value.removeLast(); scale = 0.01 }
        case .rate:
            if value.hasSuffix("/s") { value.removeLast(2) }
        default:
            let units: [(String, Double)] = [("ms", 1), ("us", 0.001), ("µs", 0.001), ("s", 1000)]
            guard let unit = units.first(where: { value.hasSuffix($0.0) }) else {
                throw LoadFailure("--threshold \(text): a latency needs a unit: ms, us or s")
            }
            value.removeLast(unit.0.count)
            scale = unit.1
        }
        guard let number = Double(value), number.isFinite, number >= 0 else {
            throw LoadFailure("--threshold \(text): \"\(value)\" is not a number")
        }
        self.metric = metric
        comparison = op
        bound = number * scale
    }

    /// The metric's value in `summary`.
    public func value(in s: LoadSummary) -> Double {
        switch metric {
        case .p50: s.latency.p50_ms
        case .p90: s.latency.p90_ms
        case .p99: s.latency.p99_ms
        case .p99_9: s.latency.p99_9_ms
        case .max: s.latency.max_ms
        case .mean: s.latency.mean_ms
        case .errors: s.errors.share
        case .rate: s.achieved_per_s
        case .latenessP99: s.send_lateness.p99_ms
        }
    }

    /// Whether `summary` meets the rule, with the value found.
    public func check(_ summary: LoadSummary) -> ThresholdResult {
        let v = value(in: summary)
        return ThresholdResult(threshold: text, value: v, passed: comparison.holds(v, bound))
    }
}

/// A threshold as checked.
public struct ThresholdResult: Codable, Sendable, Equatable {
    public var threshold: String
    /// The metric's value (milliseconds, a share, or commands per second).
    public var value: Double
    public var passed: Bool
}
