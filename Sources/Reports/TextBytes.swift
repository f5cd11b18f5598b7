/// Text gathered as UTF-8 bytes, for the results files that hold a figure per group and hour
/// (`kpis.csv`, `report-data.json`, `summary.json`): numbers go straight into the bytes, with no
/// `String` made for each, and the bytes go to their file in chunks (``drain(into:)``).
///
/// A number is written as the standard library writes it: an integer's decimal digits as
/// `String(n)`, a double's shortest round-trip form as `x.description` (the standard library's
/// `write(to:)` hands this stream the digits as ASCII, ``_writeASCII(_:)``).
///
/// The bytes live in an array kept at its full capacity, the text its first ``count`` bytes: a
/// write copies into room already there (an array's own append of a buffer costs several times
/// more per call, and a large summary makes millions of them).
struct TextBytes: TextOutputStream {
    /// The text, then room: `storage.count` is the capacity.
    private var storage: [UInt8]
    /// The number of bytes of text.
    private(set) var count = 0

    init(capacity: Int = 256) {
        storage = Array(repeating: 0, count: Swift.max(capacity, 16))
    }

    /// The text's bytes.
    var bytes: [UInt8] { Array(storage[..<count]) }

    /// The text as a string.
    var string: String { String(decoding: storage[..<count], as: UTF8.self) }

    /// Makes room for `extra` more bytes, doubling the capacity as needed.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > storage.count else { return }
        var capacity = storage.count
        while capacity < count + extra { capacity *= 2 }
        storage.append(contentsOf: repeatElement(0, count: capacity - storage.count))
    }

    /// Appends the bytes of `source`.
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        let at = count
        storage.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: at).update(from: from, count: source.count) }
        count += source.count
    }

    /// Appends `string`'s UTF-8 bytes.
    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// Appends a literal's UTF-8 bytes.
    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends ASCII text the standard library formatted (a number's digits).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        append(buffer)
    }

    /// Appends one byte (an ASCII character).
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends `byte` `times` times.
    mutating func append(_ byte: UInt8, count times: Int) {
        guard times > 0 else { return }
        reserve(times)
        for i in count ..< count + times { storage[i] = byte }
        count += times
    }

    /// Appends `n` in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        if n < 0 { append(UInt8(ascii: "-")) }
        var rest = n.magnitude
        if rest < 10 {
            append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest))
            return
        }
        // At most 20 digits, written from the last.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var at = 20
            while rest > 0 {
                at -= 1
                digits[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            append(UnsafeBufferPointer(rebasing: digits[at...]))
        }
    }

    /// Appends `x` in its shortest round-trip form, as `x.description` writes it (`inf`, `nan`
    /// for values that are not finite: callers decide what those become).
    mutating func append(_ x: Double) {
        x.write(to: &self)
    }

    /// Appends `x` as a JSON encoder writes it: its shortest round-trip form without a trailing `.0`.
    mutating func appendJSON<Number: BinaryFloatingPoint & TextOutputStreamable>(_ x: Number) {
        x.write(to: &self)
        if count >= 2, storage[count - 2] == UInt8(ascii: "."), storage[count - 1] == UInt8(ascii: "0") {
            count -= 2
        }
    }

    /// The text a writer gathers before it hands it to its file (``drainIfFull(into:)``).
    static let chunk = 1 << 16

    /// Writes the bytes gathered to `out` once they reach ``chunk``.
    mutating func drainIfFull(into out: inout some TextOutputStream) {
        if count >= Self.chunk { drain(into: &out) }
    }

    /// Writes the bytes gathered to `out` and empties the buffer (keeping its capacity).
    mutating func drain(into out: inout some TextOutputStream) {
        guard count > 0 else { return }
        out.write(string)
        count = 0
    }
}
