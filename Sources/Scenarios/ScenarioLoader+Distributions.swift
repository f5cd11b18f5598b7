import SimCore
import Yams

extension NodeReader {
    /// The distribution families a scenario file may name.
    static let distributionFamilies = [
        "exponential", "deterministic", "uniform", "triangular", "normal", "lognormal", "gamma", "erlang", "empirical",
    ]

    /// A distribution of times in seconds, written as a mapping with one key naming the family.
    mutating func distribution(_ node: Node, _ label: String) -> Distribution? {
        let families = Self.distributionFamilies.joined(separator: ", ")
        guard case .mapping(let mapping) = node else {
            mismatch(node, label, expected: "a distribution such as { exponential: { mean: 60s } }",
                     hint: node.scalar != nil && !node.isNull ? "for a fixed time write { deterministic: 60s }" : nil)
            return nil
        }
        guard let (key, parameters) = mapping.first.map({ ($0.key, $0.value) }) else {
            report(at: node.position, "\(label) names no distribution", expected: "one of the families \(families)")
            return nil
        }
        for (extra, _) in mapping.dropFirst() {
            report(at: extra.position, "\(label) names more than one distribution", expected: "exactly one of the families \(families)")
        }
        guard mapping.count == 1 else { return nil }
        let family = key.scalar?.string ?? ""
        guard Self.distributionFamilies.contains(family) else {
            report(at: key.position, "unknown distribution '\(family)'", expected: "one of the families \(families)",
                   hint: Suggestions.didYouMean(family, in: Self.distributionFamilies))
            return nil
        }
        guard let built = distribution(family: family, parameters) else { return nil }
        if let problem = built.validated() {
            report(at: node.position, "the \(family) distribution is invalid: \(problem)",
                   expected: "parameters of a distribution of non-negative times")
            return nil
        }
        return built
    }

    /// The parameters of one family, read from `node`.
    private mutating func distribution(family: String, _ node: Node) -> Distribution? {
        let label = "the \(family) distribution"
        if family == "deterministic", node.mapping == nil {
            return duration(node, "'deterministic'", allowZero: true).map(Distribution.deterministic)
        }
        switch family {
        case "exponential":
            guard let p = parameters(node, label, ["mean"]), let mean = p.time("mean", &self) else { return nil }
            return .exponential(mean: mean)
        case "deterministic":
            guard let p = parameters(node, label, ["value"]), let value = p.time("value", &self, allowZero: true) else { return nil }
            return .deterministic(value)
        case "uniform":
            guard let p = parameters(node, label, ["min", "max"]) else { return nil }
            let lo = p.time("min", &self, allowZero: true), hi = p.time("max", &self)
            guard let lo, let hi else { return nil }
            return .uniform(min: lo, max: hi)
        case "triangular":
            guard let p = parameters(node, label, ["min", "mode", "max"]) else { return nil }
            let lo = p.time("min", &self, allowZero: true), mode = p.time("mode", &self, allowZero: true), hi = p.time("max", &self)
            guard let lo, let mode, let hi else { return nil }
            return .triangular(min: lo, mode: mode, max: hi)
        case "normal", "lognormal":
            guard let p = parameters(node, label, ["mean", "sd"]) else { return nil }
            let mean = p.time("mean", &self), sd = p.time("sd", &self)
            guard let mean, let sd else { return nil }
            return family == "normal" ? .truncatedNormal(mean: mean, sd: sd) : .lognormal(mean: mean, sd: sd)
        case "gamma":
            guard let p = parameters(node, label, ["shape", "mean"]) else { return nil }
            let shape = p.node("shape").flatMap { positiveNumber($0, "'shape'", expected: "a positive number") }
            let mean = p.time("mean", &self)
            guard let shape, let mean else { return nil }
            return .gamma(shape: shape, mean: mean)
        case "erlang":
            guard let p = parameters(node, label, ["k", "mean"]) else { return nil }
            let k = p.node("k").flatMap { integer($0, "'k'", minimum: 1, expected: "a positive integer") }
            let mean = p.time("mean", &self)
            guard let k, let mean else { return nil }
            return .erlang(k: k, mean: mean)
        default:
            return empirical(node, label)
        }
    }

    /// An empirical distribution: `values` (durations) and optional `weights` (numbers, equal when left out).
    private mutating func empirical(_ node: Node, _ label: String) -> Distribution? {
        guard let fields = self.fields(node, label, keys: KeySet(required: ["values"], optional: ["weights"])),
              let valuesNode = fields["values"]
        else { return nil }
        let values = list(valuesNode, "'values'", of: "durations")?
            .map { duration($0, "a value", allowZero: true) }
            .allBuilt { $0 }
        var weights: [Double]?
        if let weightsNode = fields["weights"] {
            weights = list(weightsNode, "'weights'", of: "numbers")?
                .map { number($0, "a weight", expected: "a non-negative number") }
                .allBuilt { $0 }
        } else {
            weights = values.map { Array(repeating: 1, count: $0.count) }
        }
        guard let values, let weights else { return nil }
        return .empirical(values: values, weights: weights)
    }

    /// Checks a parameter mapping with exactly the given keys.
    private mutating func parameters(_ node: Node, _ label: String, _ keys: [String]) -> Parameters? {
        self.fields(node, label, keys: KeySet(required: keys)).map(Parameters.init)
    }
}

/// The checked parameters of a distribution.
private struct Parameters {
    var fields: Fields

    func node(_ key: String) -> Node? { fields[key] }

    /// The parameter `key` as a duration in seconds.
    func time(_ key: String, _ reader: inout NodeReader, allowZero: Bool = false) -> Double? {
        fields[key].flatMap { reader.duration($0, "'\(key)'", allowZero: allowZero) }
    }
}
