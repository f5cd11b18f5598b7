/// JSON string literals as a JSON encoder writes them without escaping slashes: quotes,
/// backslashes and control characters escaped, everything else as it is. The report data and
/// the case service's answers both write their strings with it.
public enum JSONString {
    /// Appends `s` to `text` as a JSON string literal, quotes included.
    public static func append(_ s: String, to text: inout String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// `s` as a JSON string literal, quotes included.
    public static func quoted(_ s: String) -> String {
        var text = ""
        append(s, to: &text)
        return text
    }
}
