/// A JSON value, typed: what a replicated run's summary sections are merged as
/// (``ReplicationMerge``). The sections are many and alike (counts, means, waits, lists of
/// places), so they are merged by their shape rather than field by field.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits an `Int`.
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value as a number, whether written as an integer or not; `nil` for other values.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The value as text; `nil` for other values.
    public var string: String? {
        if case .string(let s) = self { s } else { nil }
    }

    /// The members of an object; `nil` for other values.
    public var object: [String: JSONValue]? {
        if case .object(let o) = self { o } else { nil }
    }

    /// The elements of an array; `nil` for other values.
    public var array: [JSONValue]? {
        if case .array(let a) = self { a } else { nil }
    }

    /// The member `key` of an object; `nil` when absent or for other values.
    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public subscript(_ key: String) -> JSONValue? { object?[key] }
}

/// A coding key for any member name: how a document with members known only when it is built
/// (merged sections beside typed ones) is encoded.
struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
