import Foundation

/// How the results folder's JSON files are written (`summary.json`, the comparison's and the
/// sweep's documents): pretty-printed with sorted keys, so the same figures give the same bytes.
enum ResultsJSON {
    /// `value` as the results folder's JSON files are written: pretty-printed with sorted keys
    /// (the same figures give the same bytes), non-finite numbers as strings, a final newline.
    static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
