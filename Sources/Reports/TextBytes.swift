/// Text gathered as UTF-8 bytes, for the results files that hold a figure per group and hour
/// (`kpis.csv`, `report-data.json`): numbers go straight into the bytes, with no `String` made
/// for each, and the bytes go to their file in chunks (``drain(into:)``).
///
/// A number is written as the standard library writes it: an integer's decimal digits as
/// `String(n)`, a double's shortest round-trip form as `x.description` (the standard library's
/// `write(to:)` hands this stream the digits as ASCII, ``_writeASCII(_:)``).
struct TextBytes: TextOutputStream {
    /// The text so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes gathered.
    var count: Int { bytes.count }

    /// The text as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `string`'s UTF-8 bytes.
    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends ASCII text the standard library formatted (a number's digits).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }

    /// Appends one byte (an ASCII character).
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `byte` `count` times.
    mutating func append(_ byte: UInt8, count: Int) {
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Appends `n` in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = n.magnitude
        if rest < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest))
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
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at...]))
        }
    }

    /// Appends `x` in its shortest round-trip form, as `x.description` writes it (`inf`, `nan`
    /// for values that are not finite: callers decide what those become).
    mutating func append(_ x: Double) {
        x.write(to: &self)
    }

    /// Appends `x` as a JSON encoder writes it: its shortest round-trip form without a trailing `.0`.
    mutating func appendJSON(_ x: Double) {
        x.write(to: &self)
        let end = bytes.count
        if end >= 2, bytes[end - 2] == UInt8(ascii: "."), bytes[end - 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
        }
    }

    /// Writes the bytes gathered to `out` and empties the buffer (keeping its capacity).
    mutating func drain(into out: inout some TextOutputStream) {
        guard !bytes.isEmpty else { return }
        out.write(string)
        bytes.removeAll(keepingCapacity: true)
    }
}
