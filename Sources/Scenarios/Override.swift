import Foundation
import Yams

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

extension Override {
    /// Applies the override to the document `root`.
    ///
    /// New values are composed from YAML text placed at `line` (past the file's own lines), so a
    /// problem the reader later finds in them is known to come from this override.
    /// - Throws: ``OverrideError`` when the path does not exist in the document or a relative
    ///   change finds no number to change.
    func apply(to root: inout Node, valueLine line: Int) throws(OverrideError) {
        try visit(&root, path[...], trail: "", line: line)
    }

    /// How many lines the override's value takes when composed.
    var valueLines: Int {
        if case .replace(let text) = operation { return text.count { $0 == "\n" } + 1 }
        return 1
    }

    private func visit(_ node: inout Node, _ steps: ArraySlice<Step>, trail: String, line: Int) throws(OverrideError) {
        guard let step = steps.first else { return }
        let last = steps.count == 1
        let here = trail.isEmpty ? "the document" : "'\(trail)'"
        switch (step, node) {
        case (.name(let key), .mapping(var mapping)):
            let index = mapping.firstIndex { $0.key.scalar?.string == key && $0.key.tagName != .merge }
            let next = trail.isEmpty ? key : "\(trail).\(key)"
            if last {
                let value = try changed(index.map { mapping[$0].value }, line: line)
                if let index {
                    mapping[index] = (mapping[index].key, value)
                } else {
                    mapping[try compose(key, line: line)] = value
                }
            } else {
                guard let index else {
                    let keys = mapping.compactMap { $0.key.scalar?.string }
                    throw failure(at: node, "\(here) has no key '\(key)'", expected: "one of \(Self.list(keys))",
                                  hint: Suggestions.didYouMean(key, in: keys))
                }
                var child = mapping[index].value
                try visit(&child, steps.dropFirst(), trail: next, line: line)
                mapping[index] = (mapping[index].key, child)
            }
            node = .mapping(mapping)
        case (_, .sequence(var sequence)):
            let chosen = try selected(step, in: sequence, at: node, here: here)
            for i in chosen {
                let next = "\(trail)[\(Self.label(of: sequence[i]) ?? String(i))]"
                if last {
                    sequence[i] = try changed(sequence[i], line: line)
                } else {
                    try visit(&sequence[i], steps.dropFirst(), trail: next, line: line)
                }
            }
            node = .sequence(sequence)
        case (.name(let key), _):
            throw failure(at: node, "\(here) is not a mapping, so it has no key '\(key)'", expected: "a path that follows the file's structure")
        default:
            throw failure(at: node, "\(here) is not a list", expected: "[N], [*] or [field=value,…] only after a list")
        }
    }

    /// The positions of the list entries `step` selects; at least one, or an error naming what there is.
    private func selected(_ step: Step, in sequence: Node.Sequence, at node: Node, here: String) throws(OverrideError) -> [Int] {
        let entries = Array(sequence)
        switch step {
        case .every:
            return Array(entries.indices)
        case .index(let i):
            guard i < entries.count else {
                throw failure(at: node, "\(here) has \(entries.count) \(entries.count == 1 ? "entry" : "entries"), none at position \(i)", expected: "a position from 0 to \(entries.count - 1)")
            }
            return [i]
        case .name(let id):
            let ids = entries.map { Self.label(of: $0) }
            let found = ids.indices.filter { ids[$0] == id }
            guard !found.isEmpty else {
                let known = ids.compactMap { $0 }
                throw failure(at: node, "\(here) has no entry with id '\(id)'", expected: "one of \(Self.list(known))",
                              hint: Suggestions.didYouMean(id, in: known))
            }
            return found
        case .matching(let fields):
            let found = entries.indices.filter { i in
                fields.allSatisfy { field in entries[i].mapping?[field.key]?.scalar?.string == field.value }
            }
            guard !found.isEmpty else {
                let wanted = fields.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                throw failure(at: node, "no entry of \(here) has \(wanted)", expected: "field values of an existing entry")
            }
            return found
        }
    }

    /// The value the override gives a part that now holds `current` (`nil`: absent).
    private func changed(_ current: Node?, line: Int) throws(OverrideError) -> Node {
        switch operation {
        case .replace(let text):
            return try compose(text, line: line)
        case .scale(let factor, let absent):
            return try relative(current, absent: absent, line: line) { $0 * factor }
        case .add(let amount):
            return try relative(current, absent: nil, line: line) { $0 + amount }
        }
    }

    private func relative(_ current: Node?, absent: Double?, line: Int, _ change: (Double) -> Double) throws(OverrideError) -> Node {
        guard let current else {
            guard let absent else {
                throw OverrideError(override: text, message: "the file has no value there to change", expected: "a path to a number in the file, or an absolute value")
            }
            return try compose(Self.format(change(absent), integral: false), line: line)
        }
        guard let scalar = current.scalar?.string,
              let (number, unit) = Self.numberAndUnit(scalar) else {
            throw failure(at: current, "'\(current.scalar?.string ?? "a mapping or list")' is not a number to change", expected: "a number, perhaps with a unit (12, 1.5, 6m)")
        }
        let integral = !scalar.contains(".") && !scalar.lowercased().contains("e")
        return try compose(Self.format(change(number), integral: integral) + unit, line: line)
    }

    /// `text` as a YAML node whose marks lie on `line`.
    private func compose(_ text: String, line: Int) throws(OverrideError) -> Node {
        let placed = String(repeating: "\n", count: max(0, line - 1)) + text
        let node: Node?
        do {
            node = try Yams.compose(yaml: placed)
        } catch {
            throw OverrideError(override: self.text, message: "the value is not valid YAML", expected: "a YAML value such as 7, 5m, [a, b] or { deterministic: 3m }")
        }
        guard let node else {
            throw OverrideError(override: self.text, message: "the value is empty", expected: "a YAML value")
        }
        return node
    }

    private func failure(at node: Node, _ message: String, expected: String, hint: String? = nil) -> OverrideError {
        OverrideError(override: text, message: message, expected: expected, hint: hint,
                      line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// The id of a list entry: its `id`, or its family's id pattern.
    static func label(of entry: Node) -> String? {
        entry.mapping?["id"]?.scalar?.string ?? entry.mapping?["family"]?.mapping?["id"]?.scalar?.string
    }

    /// A number and the unit after it (`6m` → 6, "m"; `540` → 540, "").
    static func numberAndUnit(_ text: String) -> (Double, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unitStart = trimmed.lastIndex { $0.isNumber || $0 == "." }.map { trimmed.index(after: $0) } ?? trimmed.startIndex
        guard let number = Double(trimmed[..<unitStart]), number.isFinite else { return nil }
        let unit = String(trimmed[unitStart...])
        guard unit.allSatisfy(\.isLetter) else { return nil }
        return (number, unit)
    }

    static func format(_ value: Double, integral: Bool) -> String {
        if integral, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(8).joined(separator: ", ")
        return names.count > 8 ? shown + ", … (\(names.count) in all)" : (shown.isEmpty ? "nothing" : shown)
    }
}
