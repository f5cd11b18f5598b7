import Foundation
import Reports
import Testing

/// ``JSONString`` writes what a JSON encoder writes (slashes unescaped), and what it writes reads back.
@Test func jsonStringsAreWhatTheEncoderWritesAndReadBack() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    var samples = ["", "city/estate", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab", "\u{08}\u{0C}\u{01}\u{1F}", "铜陵 · 不动产"]
    samples.append(String(decoding: (0 ..< 0x20).map { UInt8($0) }, as: UTF8.self))
    for s in samples {
        let ours = JSONString.quoted(s)
        #expect(ours == String(decoding: try encoder.encode(s), as: UTF8.self), "\(s.debugDescription)")
        #expect(try JSONDecoder().decode(String.self, from: Data(ours.utf8)) == s)
    }
}
