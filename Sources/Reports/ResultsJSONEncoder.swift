import Foundation

/// Encodes a value as the results folder's JSON files hold it (``ResultsJSON``): the bytes of a
/// JSON encoder set to pretty-print with sorted keys, without escaping slashes, non-finite
/// numbers as the strings `inf`, `-inf` and `nan` — the same bytes, about ten times faster.
///
/// A network of 10,000 window groups has a summary of tens of megabytes; the general encoder
/// spent more on it than the simulation did. This one builds the same tree of values through
/// `Encodable` and writes it straight into bytes:
/// - objects with their keys in the order of their UTF-8 bytes, two spaces of indent a level,
///   `"key" : value`; an empty object or array as its brackets around an empty line;
/// - a double or float as its shortest round-trip form without a trailing `.0`, an integer in
///   decimal, a string as ``JSONString`` writes it.
///
/// Keys are unique within an object (synthesised conformances and dictionaries never repeat
/// one). Values with an encoding of their own in a JSON encoder (dates, data, URLs, decimals)
/// are refused: the results files hold none. A test compares the bytes with the JSON encoder's
/// for every kind of value the results files hold.
enum ResultsJSONEncoder {
    /// `value`'s JSON text, without a final newline.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = try Node.encoding(value, at: [])
        var text = TextBytes(capacity: 1 << 12)
        root.write(depth: 0, to: &text)
        return text.bytes
    }

    /// A value refused (see the type's documentation).
    struct Unsupported: Error, CustomStringConvertible {
        var type: String
        var description: String { "results JSON: cannot encode a value of type \(type)" }
    }

    /// A value encoded: a leaf, or an array or object whose elements are filled in as encoding goes.
    enum Node {
        case null
        case bool(Bool)
        case int(Int64)
        case unsigned(UInt64)
        case double(Double)
        case float(Float)
        case string(String)
        case array(Elements)
        case object(Members)

        /// The elements of an array being encoded.
        final class Elements {
            var nodes: [Node] = []
        }

        /// The members of an object being encoded.
        final class Members {
            var keys: [String] = []
            var nodes: [Node] = []
        }

        /// `value` as a node: the leaves a JSON encoder writes directly, or what its own encoding
        /// gives. The leaves are told apart by their type's identity (a comparison, where a cast
        /// would search the type's conformances for each of the million numbers of a large summary).
        static func encoding<T: Encodable>(_ value: T, at parent: [any CodingKey], _ key: (any CodingKey)? = nil) throws -> Node {
            if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
            if T.self == Optional<Double>.self { return unsafeBitCast(value, to: Double?.self).map(Node.double) ?? .null }
            if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
            if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
            if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
            if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
                throw Unsupported(type: String(describing: T.self))
            }
            let encoder = TreeEncoder(codingPath: key.map { parent + [$0] } ?? parent)
            try value.encode(to: encoder)
            // A value that encodes nothing is an empty object, as a JSON encoder writes it.
            return encoder.node ?? .object(Members())
        }

        /// Writes the node's text at nesting `depth`.
        func write(depth: Int, to out: inout TextBytes) {
            switch self {
            case .null: out.append("null")
            case .bool(let x): if x { out.append("true") } else { out.append("false") }
            case .int(let x): out.append(Int(x))
            case .unsigned(let x): out.write(String(x))
            case .double(let x):
                if x.isFinite { out.appendJSON(x) } else { Self.writeNonFinite(x.isNaN, x > 0, &out) }
            case .float(let x):
                if x.isFinite { out.appendJSON(x) } else { Self.writeNonFinite(x.isNaN, x > 0, &out) }
            case .string(let s): JSONString.append(s, to: &out)
            case .array(let elements):
                out.append(UInt8(ascii: "["))
                for (i, node) in elements.nodes.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    Self.newLine(depth + 1, &out)
                    node.write(depth: depth + 1, to: &out)
                }
                if elements.nodes.isEmpty { out.append(UInt8(ascii: "\n")) }
                Self.newLine(depth, &out)
                out.append(UInt8(ascii: "]"))
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                let order = Self.sortedOrder(members.keys)
                for (i, k) in order.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    Self.newLine(depth + 1, &out)
                    JSONString.append(members.keys[k], to: &out)
                    out.append(" : ")
                    members.nodes[k].write(depth: depth + 1, to: &out)
                }
                if order.isEmpty { out.append(UInt8(ascii: "\n")) }
                Self.newLine(depth, &out)
                out.append(UInt8(ascii: "}"))
            }
        }

        /// The indices of `keys` in the order of their UTF-8 bytes (as a JSON encoder sorts them):
        /// by insertion for the few keys of a record, by the library's sort for a large table.
        static func sortedOrder(_ keys: [String]) -> [Int] {
            guard keys.count <= 16 else { return keys.indices.sorted { precedes(keys[$0], keys[$1]) } }
            var order: [Int] = []
            order.reserveCapacity(keys.count)
            for k in keys.indices {
                var i = order.count
                order.append(k)
                while i > 0, precedes(keys[k], keys[order[i - 1]]) {
                    order[i] = order[i - 1]
                    i -= 1
                }
                order[i] = k
            }
            return order
        }

        /// Whether `a`'s UTF-8 bytes come before `b`'s.
        static func precedes(_ a: String, _ b: String) -> Bool {
            var a = a
            var b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    for i in 0 ..< Swift.min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                    return x.count < y.count
                }
            }
        }

        /// A number JSON has no form for, as the string the results files give it.
        static func writeNonFinite(_ isNaN: Bool, _ positive: Bool, _ out: inout TextBytes) {
            out.write(isNaN ? "\"nan\"" : positive ? "\"inf\"" : "\"-inf\"")
        }

        /// A line break and the indent of nesting `depth` (two spaces a level).
        static func newLine(_ depth: Int, _ out: inout TextBytes) {
            if depth < indents.count {
                out.write(indents[depth])
            } else {
                out.append(UInt8(ascii: "\n"))
                out.append(UInt8(ascii: " "), count: 2 * depth)
            }
        }

        /// A line break and the indent of each nesting up to 15 (the results files nest less deep).
        static let indents = (0..<16).map { "\n" + String(repeating: " ", count: 2 * $0) }
    }

    /// The encoder a value encodes itself to: it keeps the node its container builds.
    final class TreeEncoder: Encoder {
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var node: Node?

        init(codingPath: [any CodingKey]) {
            self.codingPath = codingPath
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let members: Node.Members
            if case .object(let existing)? = node {
                members = existing
            } else {
                members = Node.Members()
                node = .object(members)
            }
            return KeyedEncodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let elements: Node.Elements
            if case .array(let existing)? = node {
                elements = existing
            } else {
                elements = Node.Elements()
                node = .array(elements)
            }
            return Unkeyed(elements: elements, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(encoder: self)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let members: Node.Members
        let codingPath: [any CodingKey]

        func add(_ node: Node, _ key: Key) {
            members.keys.append(key.stringValue)
            members.nodes.append(node)
        }

        mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(.double(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { add(.float(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(.int(Int64(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { add(.int(Int64(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { add(.int(Int64(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { add(.int(Int64(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(.int(Int64(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            add(try Node.encoding(value, at: codingPath, key), key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = Node.Members()
            add(.object(nested), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(members: nested, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = Node.Elements()
            add(.array(nested), key)
            return Unkeyed(elements: nested, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        /// An encoder whose value becomes member `name` (an empty object until it encodes one).
        func superEncoder(named name: String) -> any Encoder {
            let encoder = TreeEncoder(codingPath: codingPath)
            encoder.node = .object(Node.Members())
            members.keys.append(name)
            members.nodes.append(encoder.node!)
            return encoder
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let elements: Node.Elements
        let codingPath: [any CodingKey]
        var count: Int { elements.nodes.count }

        func add(_ node: Node) { elements.nodes.append(node) }

        mutating func encodeNil() throws { add(.null) }
        mutating func encode(_ value: Bool) throws { add(.bool(value)) }
        mutating func encode(_ value: String) throws { add(.string(value)) }
        mutating func encode(_ value: Double) throws { add(.double(value)) }
        mutating func encode(_ value: Float) throws { add(.float(value)) }
        mutating func encode(_ value: Int) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: UInt) throws { add(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { add(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { add(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { add(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { add(.unsigned(UInt64(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            add(try Node.encoding(value, at: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = Node.Members()
            add(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(members: nested, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = Node.Elements()
            add(.array(nested))
            return Unkeyed(elements: nested, codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = TreeEncoder(codingPath: codingPath)
            encoder.node = .object(Node.Members())
            add(encoder.node!)
            return encoder
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        func set(_ node: Node) { encoder.node = node }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: Bool) throws { set(.bool(value)) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(.double(value)) }
        mutating func encode(_ value: Float) throws { set(.float(value)) }
        mutating func encode(_ value: Int) throws { set(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { set(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { set(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { set(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { set(.int(Int64(value))) }
        mutating func encode(_ value: UInt) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { set(.unsigned(UInt64(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            set(try Node.encoding(value, at: codingPath))
        }
    }
}
