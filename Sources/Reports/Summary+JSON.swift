public import Foundation

extension Summary {
    /// The summary as pretty-printed JSON with sorted keys: the same figures give the same bytes.
    public func jsonData() throws -> Data {
        try Self.document(self)
    }

    /// `value` as the results folder's JSON files are written: pretty-printed with sorted keys
    /// (the same figures give the same bytes), non-finite numbers as strings, a final newline.
    static func document(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
