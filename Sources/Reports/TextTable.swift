/// The plain-text tables and numbers of the reports for a terminal: columns aligned (the first
/// two to the left, the rest to the right), numbers grouped by thousands, durations in the unit
/// that reads best. The run's table (``SummaryTable``), the comparison, the sweep and the
/// progress line all write with it.
enum TextTable {
    /// Left-aligns the first two columns and right-aligns the rest.
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ").droppingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// `x` with `digits` decimals and its whole part grouped by thousands (`1,234.50`).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        let rounded = (abs(x) * scale).rounded()
        let whole = Int(rounded / scale)
        var frac = String(Int(rounded.truncatingRemainder(dividingBy: scale)))
        while frac.count < digits { frac = "0" + frac }
        return (x < 0 && rounded > 0 ? "-" : "") + grouped(whole) + (digits > 0 ? "." + frac : "")
    }

    /// `n` grouped by thousands with commas (`12,345`).
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A span of seconds in the unit that reads best: seconds, hours from 2 h, days from 2 days.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 2 * 86_400 { return fixed(seconds / 86_400, 1) + " days" }
        if seconds >= 2 * 3600 { return fixed(seconds / 3600, 1) + " h" }
        return fixed(seconds, 0) + " s"
    }

    /// A share as a percentage with one decimal, `-` when there is none.
    static func percent(_ share: Double?) -> String { share.map { fixed(100 * $0, 1) + "%" } ?? "-" }
}

extension String {
    /// The string without its trailing whitespace, in one pass from the end (a regex anchored at
    /// the end retries from every space of a long padded cell: quadratic in the cell's width).
    func droppingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before].isWhitespace else { break }
            end = before
        }
        return String(self[..<end])
    }

    /// The string right-aligned in `n` characters (unchanged when longer).
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
