/// JSON string literals as a JSON encoder writes them without escaping slashes: quotes,
/// backslashes and control characters escaped, everything else as it is. The report data and
/// the case service's answers both write their strings with it.
public enum JSONString {
    /// Appends `s` to `text` as a JSON string literal, quotes included.
    public static func append(_ s: String, to text: inout String) {
        var bytes = TextBytes()
        append(s, to: &bytes)
        text += bytes.string
    }

    /// Appends `s` to `text` as a JSON string literal, quotes included. Escaping works byte by
    /// byte: every byte that needs it is ASCII, and the bytes of a character beyond ASCII are
    /// all 0x80 or above, so they pass as they are.
    static func append(_ s: String, to text: inout TextBytes) {
        text.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Most strings (keys, ids, figures' names) need no escape: they go in at once.
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                text.append(utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): text.append("\\\"")
                case UInt8(ascii: "\\"): text.append("\\\\")
                case UInt8(ascii: "\n"): text.append("\\n")
                case UInt8(ascii: "\r"): text.append("\\r")
                case UInt8(ascii: "\t"): text.append("\\t")
                case 0x08: text.append("\\b")
                case 0x0C: text.append("\\f")
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    text.write("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.append(byte)
                }
            }
        }
        text.append(UInt8(ascii: "\""))
    }

    /// `s` as a JSON string literal, quotes included.
    public static func quoted(_ s: String) -> String {
        var text = TextBytes()
        append(s, to: &text)
        return text.string
    }
}
