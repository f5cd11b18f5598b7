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
