import Yams

/// A 1-based line and column in a scenario file.
struct Position: Hashable {
    var line: Int
    var column: Int

    static let start = Position(line: 1, column: 1)
}

/// A value read from a scenario file together with where it was written.
struct Located<Value> {
    var value: Value
    var position: Position
}

/// The keys one kind of mapping may have.
struct KeySet {
    var required: [String]
    var optional: [String] = []
    /// Keys that do not belong here but do elsewhere, with a hint saying where (also offered as did-you-mean targets).
    var elsewhere: [String: String] = [:]

    var all: [String] { required + optional }

    /// How the keys read in an "expected" text, e.g. "keys id, count, serves".
    var summary: String {
        var text = required.isEmpty ? "" : "keys " + required.joined(separator: ", ")
        if !optional.isEmpty {
            text += required.isEmpty ? "any of the keys " : " and optionally "
            text += optional.joined(separator: ", ")
        }
        return text
    }

    /// How the allowed keys read when an unknown one was found, e.g. "one of the keys id, count".
    var choices: String {
        all.count == 1 ? "the key \(all[0])" : "one of the keys " + all.joined(separator: ", ")
    }
}

/// A mapping whose keys have been checked: the known keys present, in file order.
struct Fields {
    var position: Position
    var entries: [(key: String, keyPosition: Position, value: Node)]

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// Where `key` is written.
    func keyPosition(_ key: String) -> Position? {
        entries.first { $0.key == key }?.keyPosition
    }
}

extension Node {
    /// Where the node starts in the file.
    var position: Position {
        mark.map { Position(line: $0.line, column: $0.column) } ?? .start
    }

    /// The node's resolved tag, such as `.str`, `.int` or `.null`.
    var tagName: Tag.Name {
        Tag.Name(rawValue: tag.rawValue)
    }

    /// Whether the node is an explicit or implicit YAML null (`~`, `null`, or nothing).
    var isNull: Bool {
        scalar != nil && tagName == .null
    }
}

/// Walks a composed YAML tree, collecting every problem rather than stopping at the first.
struct NodeReader {
    let file: String
    private var found: [(order: Int, diagnostic: Diagnostic)] = []
    /// Where the parts of the built spec are written, for warnings (set by ``spec(_:_:)``).
    var positions = SpecPositions()

    init(file: String) {
        self.file = file
    }

    /// All problems reported so far, without repeats, sorted by line then column.
    var diagnostics: [Diagnostic] {
        var seen: [Diagnostic] = []
        for entry in found.sorted(by: { ($0.diagnostic.line, $0.diagnostic.column, $0.order) < ($1.diagnostic.line, $1.diagnostic.column, $1.order) })
        where !seen.contains(entry.diagnostic) {
            seen.append(entry.diagnostic)
        }
        return seen
    }

    /// Whether nothing has been reported.
    var isClean: Bool { found.isEmpty }

    /// Records a problem at `position`.
    mutating func report(at position: Position, _ message: String, expected: String, hint: String? = nil) {
        let diagnostic = Diagnostic(
            file: file, line: position.line, column: position.column,
            message: message, expected: expected, hint: hint
        )
        found.append((found.count, diagnostic))
    }

    /// Reports that `node`, called `label`, is not the kind of value expected.
    mutating func mismatch(_ node: Node, _ label: String, expected: String, hint: String? = nil) {
        report(at: node.position, "\(label) is \(Self.describe(node))", expected: expected, hint: hint)
    }

    /// A short description of what a node holds, for messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence(let items): return items.isEmpty ? "an empty list" : "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "empty"
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            default: return scalar.string.isEmpty ? "an empty string" : "the string '\(scalar.string)'"
            }
        }
    }

    /// Checks that `node` is a mapping with only the given keys and all the required ones.
    mutating func fields(_ node: Node, _ label: String, keys: KeySet) -> Fields? {
        guard case .mapping(let mapping) = node else {
            mismatch(node, label, expected: "a mapping with \(keys.summary)",
                     hint: Self.isListOfMappings(node) ? "remove the '- ' in front of the keys" : nil)
            return nil
        }
        var fields = Fields(position: node.position, entries: [])
        var merged: [Node] = []
        var suggested: Set<String> = []
        /// The key's name when it is one of `keys`; otherwise reports it (with its position) and returns `nil`.
        func known(_ key: Node) -> String? {
            guard case .scalar(let scalar) = key else {
                report(at: key.position, "a key in \(label) is \(Self.describe(key))", expected: keys.choices)
                return nil
            }
            guard keys.all.contains(scalar.string) else {
                if let explanation = keys.elsewhere[scalar.string] {
                    report(at: key.position, "the key '\(scalar.string)' does not belong in \(label)", expected: keys.choices, hint: explanation)
                    return nil
                }
                let suggestion = Suggestions.closest(to: scalar.string, in: keys.all + keys.elsewhere.keys.sorted())
                if let suggestion { suggested.insert(suggestion) }
                report(at: key.position, "unknown key '\(scalar.string)' in \(label)",
                       expected: keys.choices,
                       hint: suggestion.map { "did you mean '\($0)'?" })
                return nil
            }
            return scalar.string
        }
        for (key, value) in mapping {
            if key.tagName == .merge {
                merged.append(value)
                continue
            }
            guard let name = known(key) else { continue }
            fields.entries.append((name, key.position, value))
        }
        // Merge keys (`<<: {…}` or `<<: [*a, *b]`): their keys are checked like any other and
        // fill in what the mapping does not say itself; merges inside them are followed too.
        var seen = 0
        while seen < merged.count, seen < 10_000 {
            let source = merged[seen]
            seen += 1
            let sources = source.sequence.map(Array.init) ?? [source]
            for inherited in sources {
                guard case .mapping(let entries) = inherited else {
                    mismatch(inherited, "a merge ('<<') in \(label)", expected: "a mapping, or a list of mappings")
                    continue
                }
                for (key, value) in entries {
                    if key.tagName == .merge {
                        merged.append(value)
                        continue
                    }
                    guard let name = known(key), fields[name] == nil else { continue }
                    fields.entries.append((name, key.position, value))
                }
            }
        }
        // A misspelt key that belongs to another kind of entry means the file meant that kind: its keys would differ.
        let meantOtherKind = !suggested.isDisjoint(with: keys.elsewhere.keys)
        for key in keys.required where fields[key] == nil && !suggested.contains(key) && !meantOtherKind {
            report(at: fields.position, "missing key '\(key)' in \(label)", expected: "a mapping with \(keys.summary)")
        }
        return fields
    }

    /// The items of a non-empty list; `itemNoun` names them in the expected text.
    mutating func list(_ node: Node, _ label: String, of itemNoun: String) -> [Node]? {
        let expected = "a non-empty list of \(itemNoun)"
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            mismatch(node, label, expected: expected,
                     hint: node.mapping != nil ? "start each item with '- '" : nil)
            return nil
        }
        let items = Array(sequence)
        return items
    }

    /// The items of a list that may be empty; `itemNoun` names them in the expected text.
    mutating func possiblyEmptyList(_ node: Node, _ label: String, of itemNoun: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            mismatch(node, label, expected: "a list of \(itemNoun), like [a, b] or []",
                     hint: node.mapping != nil ? "start each item with '- '" : nil)
            return nil
        }
        return Array(sequence)
    }

    /// Where `key` is written as a key of `node`, when `node` is a mapping that has it.
    static func keyPosition(_ node: Node, _ key: String) -> Position? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.first { $0.key.scalar?.string == key && $0.key.tagName != .merge }?.key.position
    }

    /// Whether `node` is a non-empty list of mappings, as when a mapping was written with list dashes.
    private static func isListOfMappings(_ node: Node) -> Bool {
        guard let sequence = node.sequence, !sequence.isEmpty else { return false }
        return sequence.allSatisfy { $0.mapping != nil }
    }
}
