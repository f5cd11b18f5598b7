import Foundation

/// A change to a scenario given on the command line (`--set PATH=VALUE`), applied to the YAML
/// document before it is read, so it passes through exactly the checks a value written in the
/// file does.
///
/// The path names parts of the document by their keys, and entries of a list by their ids —
/// never by position unless asked:
///
/// | path | what it addresses |
/// |---|---|
/// | `seed`, `stop.cases`, `horizon` | a key at the top, or inside a mapping |
/// | `halls.city.windows.w.count` | the hall with id `city`, its window group `w`, its `count` |
/// | `halls.village-{n}.windows.desk.count` | a family of generated halls, by its id pattern: every hall of the family |
/// | `services.social.service_time` | a whole part, replaced by a YAML value: `{ exponential: { mean: 5m } }` |
/// | `demand[service=social,hall=city].arrivals.poisson.per_hour` | list entries whose fields have these values |
/// | `halls.city.windows.w.roster[0].count` | a list entry by its position, from 0 |
/// | `demand[*].factor` | every entry of a list |
///
/// A value is YAML (`12`, `5m`, `[a, b]`, `{ deterministic: 3m }`), or a change relative to the
/// value in the file: `*1.2` multiplies it, `+2` or `+-1` adds to it; a number with a unit keeps
/// its unit (`6m` `*1.5` is `9m`). A key that the file does not have is added (and, like any key,
/// checked by the reader). Generated halls cannot be addressed one by one: change their family.
public struct Override: Sendable, Equatable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Equatable {
        /// A key of a mapping, or the entry of a list whose `id` (or `family.id`) is this.
        case name(String)
        /// A list entry by its position, from 0.
        case index(Int)
        /// The list entries whose fields have these scalar values.
        case matching([Field])
        /// Every entry of a list.
        case every
    }

    /// A field and the value it must have, in a `[field=value,…]` step.
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// What the override does to the part it addresses.
    public enum Operation: Sendable, Equatable {
        /// Replaces it with this YAML value.
        case replace(String)
        /// Multiplies the number in it (keeping its unit); a missing value counts as `absent`.
        case scale(Double, absent: Double?)
        /// Adds to the number in it (keeping its unit).
        case add(Double)
    }

    /// The override as written (`PATH=VALUE`), which messages quote.
    public var text: String
    public var path: [Step]
    public var operation: Operation

    public var description: String { text }

    /// How the command line gave it, as messages name it: `--set PATH=VALUE` or `--demand-factor F`.
    public var origin: String

    /// Reads `PATH=VALUE`.
    /// - Throws: a message saying what is wrong with the path or the value.
    public init(parsing text: String) throws(OverrideError) {
        var depth = 0
        let equals = text.indices.first { i in
            switch text[i] {
            case "[": depth += 1
            case "]": depth -= 1
            case "=" where depth == 0: return true
            default: break
            }
            return false
        }
        if equals == nil, depth > 0 {
            throw OverrideError(override: text, message: "'[' without ']' in the path", expected: "[N], [*] or [field=value,…]")
        }
        guard let equals else {
            throw OverrideError(override: text, message: "no '=' between the path and the value", expected: "PATH=VALUE, e.g. halls.city.windows.w.count=7")
        }
        let pathText = String(text[..<equals])
        let value = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        self.text = text
        origin = "--set \(text)"
        path = try Self.steps(of: pathText, in: text)
        guard !value.isEmpty else {
            throw OverrideError(override: text, message: "the value is empty", expected: "a YAML value, or *FACTOR or +AMOUNT")
        }
        if value.hasPrefix("*") || value.hasPrefix("+") {
            guard let number = Double(value.dropFirst()), number.isFinite else {
                throw OverrideError(override: text, message: "'\(value)' is not a relative change", expected: "*FACTOR (e.g. *1.2) or +AMOUNT (e.g. +2, +-1)")
            }
            operation = value.hasPrefix("*") ? .scale(number, absent: nil) : .add(number)
        } else {
            operation = .replace(value)
        }
    }

    /// Every demand entry's `factor` multiplied by `factor` (`--demand-factor`).
    public static func demandFactor(_ factor: Double) -> Override {
        Override(text: "\(factor)", origin: "--demand-factor \(factor)", path: [.name("demand"), .every, .name("factor")], operation: .scale(factor, absent: 1))
    }

    init(text: String, origin: String, path: [Step], operation: Operation) {
        self.text = text
        self.origin = origin
        self.path = path
        self.operation = operation
    }

    /// The steps of a path: names separated by dots, each perhaps followed by `[…]` selectors.
    static func steps(of path: String, in text: String) throws(OverrideError) -> [Step] {
        var steps: [Step] = []
        var name = ""
        var rest = Substring(path)
        var afterSelector = false
        func endName() {
            if !name.isEmpty { steps.append(.name(name)) }
            name = ""
        }
        while let c = rest.first {
            rest = rest.dropFirst()
            switch c {
            case ".":
                // A dot ends a name, or follows a selector (`roster[0].count`); anything else is empty.
                if (name.isEmpty && !afterSelector) || rest.isEmpty {
                    throw OverrideError(override: text, message: "the path has an empty part", expected: "names separated by single dots")
                }
                endName()
                afterSelector = false
            case "[":
                endName()
                afterSelector = true
                guard let close = rest.firstIndex(of: "]") else {
                    throw OverrideError(override: text, message: "'[' without ']' in the path", expected: "[N], [*] or [field=value,…]")
                }
                steps.append(try selector(String(rest[..<close]), in: text))
                rest = rest[rest.index(after: close)...]
            default:
                name.append(c)
                afterSelector = false
            }
        }
        endName()
        guard !steps.isEmpty else {
            throw OverrideError(override: text, message: "the path is empty", expected: "a path such as halls.city.windows.w.count")
        }
        return steps
    }

    static func selector(_ inside: String, in text: String) throws(OverrideError) -> Step {
        if inside == "*" { return .every }
        if let index = Int(inside) {
            guard index >= 0 else {
                throw OverrideError(override: text, message: "the position \(index) is negative", expected: "a position from 0")
            }
            return .index(index)
        }
        var fields: [Field] = []
        for part in inside.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw OverrideError(override: text, message: "'[\(inside)]' is not a selector", expected: "[N], [*] or [field=value,…]")
            }
            fields.append(Field(key: pair[0], value: pair[1]))
        }
        return .matching(fields)
    }
}

/// A `--set` whose path or value cannot be applied; the loader turns it into a diagnostic.
public struct OverrideError: Error, Sendable, Equatable {
    public var override: String
    public var message: String
    public var expected: String
    public var hint: String?
    /// Where in the file the path stopped fitting (the list or mapping it could not go into).
    public var line: Int = 0
    public var column: Int = 0
}
