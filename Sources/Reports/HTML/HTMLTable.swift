import Foundation

/// A table of a report: text cells and figure cells, each figure carrying its exact value in
/// `data-value` (what sorting and the tests read) and, where it is a figure of a results file,
/// that figure's path in `data-figure` (`groups[hall/group].utilisation`, docs/report.md).
struct HTMLTable {
    /// One cell.
    struct Cell {
        var text: String
        var value: Double?
        var figure: String?
        var isText: Bool

        /// A text cell (a name).
        static func text(_ s: String) -> Cell { Cell(text: s, value: nil, figure: nil, isText: true) }

        /// A figure, written by ``Format/number(_:)`` with the unit after it, or `-` when absent.
        static func number(_ x: Double?, unit: String = "", figure: String? = nil, ci95: Double? = nil) -> Cell {
            guard let x else { return Cell(text: "-", value: nil, figure: figure, isText: false) }
            var text = Format.number(x) + unit
            if let ci95 { text += " ± " + Format.number(ci95) }
            return Cell(text: text, value: x, figure: figure, isText: false)
        }

        /// A share, written as a percentage.
        static func share(_ x: Double?, figure: String? = nil, ci95: Double? = nil) -> Cell {
            guard let x else { return Cell(text: "-", value: nil, figure: figure, isText: false) }
            var text = Format.percent(x)
            if let ci95 { text += " ± " + Format.percent(ci95) }
            return Cell(text: text, value: x, figure: figure, isText: false)
        }
    }

    var columns: [String]
    var rows: [[Cell]] = []
    /// Whether clicking a heading sorts the rows.
    var sortable = false
    var caption: String?
    /// A class for the table (the browser check and tests find tables by it).
    var name: String?

    func render() -> String {
        var classes = name.map { [$0] } ?? []
        if sortable { classes.append("sortable") }
        var out = "<table" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + ">"
        if let caption { out += "<caption>\(HTMLDocument.escape(caption))</caption>" }
        out += "<thead><tr>"
        for (i, c) in columns.enumerated() {
            let text = i == 0 || rows.first.map({ $0.indices.contains(i) && $0[i].isText }) == true
            out += "<th scope=\"col\"" + (text ? " class=\"text\"" : "") + ">\(HTMLDocument.escape(c))</th>"
        }
        out += "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for cell in row {
                out += "<td"
                if cell.isText { out += " class=\"text\"" }
                if let v = cell.value { out += " data-value=\"\(Format.exact(v))\"" }
                if let f = cell.figure { out += " data-figure=\"\(HTMLDocument.escape(f))\"" }
                out += ">\(HTMLDocument.escape(cell.text))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}

/// How reports write numbers.
enum Format {
    /// A number for reading: integers as they are, others to three significant digits (at least
    /// one decimal below 100), thousands unseparated so the text stays a number.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return String(x) }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        let size = abs(x)
        if size >= 100 { return String(format: "%.0f", x) }
        if size >= 10 { return String(format: "%.1f", x) }
        if size >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.3g", x)
    }

    /// A share as a percentage, to one decimal.
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }

    /// The exact value, as JSON writes it (what `data-value` holds): the shortest text that reads back as the same number.
    static func exact(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// Seconds as a duration for reading (`45 s`, `12.5 min`, `3.2 h`, `14 d`).
    static func duration(_ seconds: Double) -> String {
        if seconds < 120 { return number(seconds) + " s" }
        if seconds < 7200 { return number(seconds / 60) + " min" }
        if seconds < 172_800 { return number(seconds / 3600) + " h" }
        return number(seconds / 86_400) + " d"
    }
}
