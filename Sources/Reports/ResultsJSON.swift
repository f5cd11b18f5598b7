import Foundation

/// How the results folder's JSON files are written (`summary.json`, the comparison's and the
/// sweep's documents): pretty-printed with sorted keys, so the same figures give the same bytes.
enum ResultsJSON {
    /// `value` as the results folder's JSON files are written: the bytes of a JSON encoder
    /// pretty-printing with sorted keys and unescaped slashes (the same figures give the same
    /// bytes), non-finite numbers as strings, a final newline (``ResultsJSONEncoder``).
    static func data(_ value: some Encodable) throws -> Data {
        var bytes = try ResultsJSONEncoder.encode(value)
        bytes.append(0x0A)
        return Data(bytes)
    }
}
