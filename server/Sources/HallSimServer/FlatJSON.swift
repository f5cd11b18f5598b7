import Foundation

/// A command object's fields in the order written: what ``CommandDecoder`` reads a command from.
/// Values are `String`, ``FlatJSON/Integer``, or (from the general reader) Foundation's objects.
public struct CommandFields {
    public var keys: [String]
    public var values: [Any]

    public init(keys: [String], values: [Any]) {
        self.keys = keys
        self.values = values
    }

    /// The fields of a Foundation dictionary (the general reader's).
    public init(_ object: [String: Any]) {
        keys = Array(object.keys)
        values = keys.map { object[$0]! }
    }

    public subscript(key: String) -> Any? {
        for i in keys.indices where keys[i] == key { return values[i] }
        return nil
    }
}

/// The quick reader of request bodies: one flat command object, an array of them, or JSON Lines,
/// whose values are ASCII strings without escapes and integers, which is what clients send. It
/// answers `nil` for anything else (a nested value, `true`, a fraction, an escape, a duplicate key,
/// malformed JSON), and the decoder then reads the body with Foundation's general reader, whose
/// values and messages are the same; this one only skips building Foundation's objects
/// (docs/api.md, *Benchmarks*: the general reader took about 20 µs a command).
enum FlatJSON {
    /// An integer value, told apart from Foundation's numbers and booleans.
    struct Integer {
        var value: Int64
    }

    /// The objects of `body` and whether it was a single object (not an array or lines), or `nil`.
    static func read(_ body: Data) -> (objects: [CommandFields], single: Bool)? {
        body.withUnsafeBytes { raw -> (objects: [CommandFields], single: Bool)? in
            var s = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            s.skipSpace()
            guard s.at < s.bytes.count else { return nil }
            var objects: [CommandFields] = []
            if s.bytes[s.at] == UInt8(ascii: "[") {
                s.at += 1
                s.skipSpace()
                while true {
                    guard let o = s.object() else { return nil }
                    objects.append(o)
                    s.skipSpace()
                    guard s.at < s.bytes.count else { return nil }
                    if s.bytes[s.at] == UInt8(ascii: "]") { break }
                    guard s.bytes[s.at] == UInt8(ascii: ",") else { return nil }
                    s.at += 1
                    s.skipSpace()
                }
                s.at += 1
                s.skipSpace()
                return s.at == s.bytes.count ? (objects, false) : nil
            }
            // One object, or JSON Lines: objects separated by new lines.
            while s.at < s.bytes.count {
                guard let o = s.object() else { return nil }
                objects.append(o)
                s.skipSpace(newLines: false)
                guard s.at == s.bytes.count || s.bytes[s.at] == 0x0A else { return nil }
                while s.at < s.bytes.count, s.bytes[s.at] == 0x0A {
                    s.at += 1
                    s.skipSpace(newLines: false)
                }
            }
            return (objects, objects.count == 1)
        }
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func skipSpace(newLines: Bool = true) {
            while at < bytes.count {
                let b = bytes[at]
                guard b == 0x20 || b == 0x09 || b == 0x0D || (newLines && b == 0x0A) else { return }
                at += 1
            }
        }

        mutating func object() -> CommandFields? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "{") else { return nil }
            at += 1
            var fields = CommandFields(keys: [], values: [])
            fields.keys.reserveCapacity(8)
            fields.values.reserveCapacity(8)
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
                at += 1
                return fields
            }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                if fields.keys.contains(key) { return nil }
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
                at += 1
                skipSpace()
                guard at < bytes.count else { return nil }
                if bytes[at] == UInt8(ascii: "\"") {
                    guard let v = string() else { return nil }
                    fields.values.append(v)
                } else {
                    guard let v = integer() else { return nil }
                    fields.values.append(Integer(value: v))
                }
                fields.keys.append(key)
                skipSpace()
                guard at < bytes.count else { return nil }
                if bytes[at] == UInt8(ascii: "}") {
                    at += 1
                    return fields
                }
                guard bytes[at] == UInt8(ascii: ",") else { return nil }
                at += 1
            }
        }

        /// A string of printable ASCII without escapes.
        mutating func string() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at + 1
            var end = start
            while end < bytes.count {
                let b = bytes[end]
                if b == UInt8(ascii: "\"") { break }
                guard b >= 0x20, b < 0x80, b != UInt8(ascii: "\\") else { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            at = end + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< end]), as: UTF8.self)
        }

        /// An integer as JSON writes it (`-?(0|[1-9][0-9]*)`), followed by neither a fraction nor an exponent.
        mutating func integer() -> Int64? {
            var negative = false
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
                negative = true
                at += 1
            }
            let start = at
            var magnitude: UInt64 = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (n, o2) = m.addingReportingOverflow(UInt64(bytes[at] - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                magnitude = n
                at += 1
            }
            let digits = at - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") { return nil }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }
    }
}
