import SimCore
import Yams

/// What the values of a distribution are.
enum ValueKind: Equatable {
    /// Durations with units (`90s`), in seconds.
    case duration
    /// Plain numbers, such as factors.
    case number
}

extension Distribution {
    /// The same distribution with every value divided by `divisor` (> 0), e.g. seconds into days.
    func divided(by divisor: Double) -> Distribution {
        switch self {
        case .exponential(let mean): .exponential(mean: mean / divisor)
        case .deterministic(let value): .deterministic(value / divisor)
        case .uniform(let lo, let hi): .uniform(min: lo / divisor, max: hi / divisor)
        case .triangular(let lo, let mode, let hi): .triangular(min: lo / divisor, mode: mode / divisor, max: hi / divisor)
        case .truncatedNormal(let mean, let sd): .truncatedNormal(mean: mean / divisor, sd: sd / divisor)
        case .lognormal(let mean, let sd, _, _): .lognormal(mean: mean / divisor, sd: sd / divisor)
        case .gamma(let shape, let scale): .gamma(shape: shape, scale: scale / divisor)
        case .empirical(let values, let cumulative): .empirical(values: values.map { $0 / divisor }, cumulative: cumulative)
        }
}
}

/// Reads distributions (of durations, counts or factors) and the quantities in them.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct DistributionReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    /// The distribution families a scenario file may name.
    static let distributionFamilies = [
        "exponential", "deterministic", "uniform", "triangular", "normal", "lognormal", "gamma", "erlang", "empirical",
    ]

    /// A distribution of times in seconds, written as a mapping with one key naming the family.
    func distribution(_ node: Node, _ label: String) -> Distribution? {
        distribution(node, label, of: .duration)
    }

    /// A distribution of `kind` values (durations in seconds, or plain numbers), written as a
    /// mapping with one key naming the family.
    func distribution(_ node: Node, _ label: String, of kind: ValueKind) -> Distribution? {
        let families = Self.distributionFamilies.joined(separator: ", ")
        guard case .mapping(let mapping) = node else {
            switch kind {
            case .duration:
                reader.mismatch(node, label, expected: "a distribution such as { exponential: { mean: 60s } }",
                         hint: node.scalar != nil && !node.isNull ? "for a fixed time write { deterministic: 60s }" : nil)
            case .number:
                reader.mismatch(node, label, expected: "a positive number or a distribution such as { uniform: { min: 0.8, max: 1.2 } }")
            }
            return nil
        }
        guard let (key, parameters) = mapping.first.map({ ($0.key, $0.value) }) else {
            reader.report(at: node.position, "\(label) names no distribution", expected: "one of the families \(families)")
            return nil
        }
        for (extra, _) in mapping.dropFirst() {
            reader.report(at: extra.position, "\(label) names more than one distribution", expected: "exactly one of the families \(families)")
        }
        guard mapping.count == 1 else { return nil }
        let family = key.scalar?.string ?? ""
        guard Self.distributionFamilies.contains(family) else {
            reader.report(at: key.position, "unknown distribution '\(family)'", expected: "one of the families \(families)",
                   hint: Suggestions.didYouMean(family, in: Self.distributionFamilies))
            return nil
        }
        guard let built = distribution(family: family, parameters, kind) else { return nil }
        if let problem = built.validated() {
            reader.report(at: node.position, "the \(family) distribution is invalid: \(problem)",
                   expected: "parameters of a distribution of \(kind == .duration ? "non-negative times" : "non-negative numbers")")
            return nil
        }
        return built
    }

    /// One parameter: a duration in seconds or a plain number; `allowZero` admits zero.
    func quantity(_ node: Node, _ label: String, _ kind: ValueKind, allowZero: Bool = false) -> Double? {
        switch kind {
        case .duration:
            return reader.duration(node, label, allowZero: allowZero)
        case .number:
            return allowZero
                ? reader.nonNegativeNumber(node, label, expected: "a number of zero or more")
                : reader.positiveNumber(node, label, expected: "a positive number")
        }
    }

    /// The parameters of one family, read from `node`.
    private func distribution(family: String, _ node: Node, _ kind: ValueKind) -> Distribution? {
        let label = "the \(family) distribution"
        if family == "deterministic", node.mapping == nil {
            return quantity(node, "'deterministic'", kind, allowZero: true).map(Distribution.deterministic)
        }
        switch family {
        case "exponential":
            guard let p = parameters(node, label, ["mean"]), let mean = p.value("mean", self, kind) else { return nil }
            return .exponential(mean: mean)
        case "deterministic":
            guard let p = parameters(node, label, ["value"]), let value = p.value("value", self, kind, allowZero: true) else { return nil }
            return .deterministic(value)
        case "uniform":
            guard let p = parameters(node, label, ["min", "max"]) else { return nil }
            let lo = p.value("min", self, kind, allowZero: true), hi = p.value("max", self, kind)
            guard let lo, let hi else { return nil }
            return .uniform(min: lo, max: hi)
        case "triangular":
            guard let p = parameters(node, label, ["min", "mode", "max"]) else { return nil }
            let lo = p.value("min", self, kind, allowZero: true), mode = p.value("mode", self, kind, allowZero: true)
            let hi = p.value("max", self, kind)
            guard let lo, let mode, let hi else { return nil }
            return .triangular(min: lo, mode: mode, max: hi)
        case "normal", "lognormal":
            guard let p = parameters(node, label, ["mean", "sd"]) else { return nil }
            let mean = p.value("mean", self, kind), sd = p.value("sd", self, kind)
            guard let mean, let sd else { return nil }
            return family == "normal" ? .truncatedNormal(mean: mean, sd: sd) : .lognormal(mean: mean, sd: sd)
        case "gamma":
            guard let p = parameters(node, label, ["shape", "mean"]) else { return nil }
            let shape = p.node("shape").flatMap { reader.positiveNumber($0, "'shape'", expected: "a positive number") }
            let mean = p.value("mean", self, kind)
            guard let shape, let mean else { return nil }
            return .gamma(shape: shape, mean: mean)
        case "erlang":
            guard let p = parameters(node, label, ["k", "mean"]) else { return nil }
            let k = p.node("k").flatMap { reader.integer($0, "'k'", minimum: 1, expected: "a positive integer") }
            let mean = p.value("mean", self, kind)
            guard let k, let mean else { return nil }
            return .erlang(k: k, mean: mean)
        default:
            return empirical(node, label, kind)
        }
    }

    /// An empirical distribution: `values` (durations) and optional `weights` (numbers, equal when left out).
    private func empirical(_ node: Node, _ label: String, _ kind: ValueKind) -> Distribution? {
        guard let fields = reader.fields(node, label, keys: KeySet(required: ["values"], optional: ["weights"])),
              let valuesNode = fields["values"]
        else { return nil }
        let values = reader.list(valuesNode, "'values'", of: kind == .duration ? "durations" : "numbers")?
            .map { quantity($0, "a value", kind, allowZero: true) }
            .allBuilt { $0 }
        var weights: [Double]?
        if let weightsNode = fields["weights"] {
            weights = reader.list(weightsNode, "'weights'", of: "numbers")?
                .map { reader.number($0, "a weight", expected: "a non-negative number") }
                .allBuilt { $0 }
        } else {
            weights = values.map { Array(repeating: 1, count: $0.count) }
        }
        guard let values, let weights else { return nil }
        return .empirical(values: values, weights: weights)
    }

    /// Checks a parameter mapping with exactly the given keys.
    private func parameters(_ node: Node, _ label: String, _ keys: [String]) -> Parameters? {
        reader.fields(node, label, keys: KeySet(required: keys)).map(Parameters.init)
    }
}

/// The checked parameters of a distribution.
private struct Parameters {
    var fields: Fields

    func node(_ key: String) -> Node? { fields[key] }

    /// The parameter `key` as a duration in seconds or a plain number.
    func value(_ key: String, _ reader: DistributionReader, _ kind: ValueKind, allowZero: Bool = false) -> Double? {
        fields[key].flatMap { reader.quantity($0, "'\(key)'", kind, allowZero: allowZero) }
    }
}
