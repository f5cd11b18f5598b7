import Foundation
@testable import Reports
import Testing

/// The JSON encoder the results files were written with before ``ResultsJSONEncoder``: its bytes are the reference.
private func referenceBytes(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return [UInt8](try encoder.encode(value))
}

/// Every kind of value the results files hold, nested, with the edge cases of each.
private struct Sample: Encodable {
    struct Empty: Encodable {}
    struct Leaf: Encodable {
        var nested: [[Int]] = [[], [1, -2]]
        var table: [String: [Int]] = ["b": [], "a": [2], "B": [1], "_": [], "aa": [], "城": [3], "e\u{301}x": [4], "é": [5], "😀": [], "｡": [6]]
    }
    enum Kind: String, Encodable { case walkIn, online }

    var empty = Empty()
    var emptyArray: [Int] = []
    var emptyTable: [String: Double] = [:]
    var absent: Double? = nil
    var present: Double? = 0.25
    var nulls: [Double?] = [nil, 1, nil]
    var doubles: [Double] = [0, -0.0, 1, 100, 0.1, 1.0 / 3, 1e20, 1.2345678901234568e20, 1e-7, 5e-324, .greatestFiniteMagnitude, 123_456.5, -42]
    var nonFinite: [Double] = [.infinity, -.infinity, .nan]
    var floats: [Float] = [0.1, 3, 1e20]
    var integers: [Int] = [0, -1, .max, .min]
    var wide: UInt64 = .max
    var narrow: Int8 = -5
    var unsigned: UInt16 = 65_535
    var truths: [Bool] = [true, false]
    var strings: [String] = ["", "a/b", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab", "\u{08}\u{0C}\u{01}\u{1B}\u{1F}\u{7F}", "铜陵 · 不动产", "\u{2028}"]
    var kind = Kind.walkIn
    var leaves = [Leaf(), Leaf()]
    var byNumber: [Int: String] = [10: "ten", 2: "two", -1: "minus one"]
}

@Test func resultsJSONIsTheJSONEncodersBytes() throws {
    #expect(try ResultsJSONEncoder.encode(Sample()) == referenceBytes(Sample()))
    #expect(try ResultsJSONEncoder.encode([Int]()) == referenceBytes([Int]()))
    #expect(try ResultsJSONEncoder.encode(Sample.Empty()) == referenceBytes(Sample.Empty()))
    #expect(try ResultsJSONEncoder.encode(5.0) == referenceBytes(5.0))
    #expect(try ResultsJSONEncoder.encode("x/y") == referenceBytes("x/y"))
}

@Test func resultsJSONRefusesWhatAJSONEncoderWritesItsOwnWay() {
    #expect(throws: ResultsJSONEncoder.Unsupported.self) { try ResultsJSONEncoder.encode([Date(timeIntervalSince1970: 0)]) }
    #expect(throws: ResultsJSONEncoder.Unsupported.self) { try ResultsJSONEncoder.encode(["url": URL(string: "http://127.0.0.1")!]) }
}
