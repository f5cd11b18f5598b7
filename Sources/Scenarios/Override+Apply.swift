import Foundation
import Yams

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
