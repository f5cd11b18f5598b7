import Foundation

/// Inline SVG charts for the reports: lines with bands and bars over categories (hours, dates,
/// parameter values), heatmaps, and interval plots (mean, its interval and the p10–p90 spread).
///
/// Every chart is a `<figure>` with a title, axis labels with units, an `aria-label` and `<desc>`
/// saying what it shows, a legend in words, and its values as a table in a `<details>` (the
/// text alternative, which printing shows).
struct SVGChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var width = 560.0
    var height = 240.0
    /// Margins: left for the y axis, bottom for the x axis.
    let left = 58.0, right = 14.0, top = 26.0, bottom = 44.0

    static let colours = ["#1f5f99", "#d9822b", "#2e8b57", "#8e44ad", "#b3261e", "#5d6d7e"]

    /// A line over the categories, with an optional band drawn under it.
    struct Line {
        var name: String
        var values: [Double?]
        var band: (lower: [Double?], upper: [Double?])? = nil
        /// What the band is, in words (the legend's text).
        var bandName: String? = nil
        var colour = SVGChart.colours[0]
        var dashed = false
        /// Points only, unjoined (values of separate categories).
        var dots = false
    }

    /// Bars over the categories (drawn behind the lines).
    struct Bars {
        var name: String
        var values: [Double?]
        var colour = "#c9d6e3"
    }

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// A chart of `lines` and `bars` over the categories `x` (their labels).
    func lines(x: [String], _ lines: [Line], bars: [Bars] = []) -> String {
        let all = lines.flatMap { l in l.values + (l.band?.upper ?? []) } + bars.flatMap(\.values)
        let top = Self.niceCeiling(all.compactMap { $0 }.max() ?? 1)
        let n = max(1, x.count)
        let step = plotWidth / Double(n)
        func px(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
        func py(_ v: Double) -> Double { self.top + plotHeight * (1 - min(max(v / top, 0), 1.05)) }
        var svg = frame(yTop: top, unit: yLabel)
        svg += xAxis(x, position: px)
        for b in bars {
            for (i, v) in b.values.enumerated() {
                guard let v, v > 0 else { continue }
                svg += "<rect x=\"\(f(px(i) - step * 0.4))\" y=\"\(f(py(v)))\" width=\"\(f(step * 0.8))\" height=\"\(f(py(0) - py(v)))\" fill=\"\(b.colour)\"/>"
            }
        }
        for l in lines {
            if let band = l.band {
                for run in Self.runs(band.lower.indices.map { i in band.lower[i] != nil && i < band.upper.count && band.upper[i] != nil }) {
                    let upper = run.map { "\(f(px($0))),\(f(py(band.upper[$0]!)))" }
                    let lower = run.reversed().map { "\(f(px($0))),\(f(py(band.lower[$0]!)))" }
                    svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(l.colour)\" fill-opacity=\"0.2\" stroke=\"none\"/>"
                }
            }
            for run in Self.runs(l.values.map { $0 != nil }) {
                let points = run.map { "\(f(px($0))),\(f(py(l.values[$0]!)))" }.joined(separator: " ")
                if run.count == 1 || l.dots {
                    for i in run { svg += "<circle cx=\"\(f(px(i)))\" cy=\"\(f(py(l.values[i]!)))\" r=\"\(l.dots ? 4 : 2.5)\" fill=\"\(l.colour)\"/>" }
                } else {
                    svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(l.colour)\" stroke-width=\"1.8\"" + (l.dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>"
                }
            }
        }
        var legend = bars.map { swatch($0.colour, $0.name, opacity: 1) }
        for l in lines {
            legend.append(swatch(l.colour, l.name, opacity: 1))
            if let name = l.bandName { legend.append(swatch(l.colour, name, opacity: 0.2)) }
        }
        var table = HTMLTable(columns: [xLabel] + bars.map(\.name) + lines.flatMap { l in [l.name] + (l.band == nil ? [] : [l.bandName ?? "band"]) })
        for i in x.indices {
            var row: [HTMLTable.Cell] = [.text(x[i])] + bars.map { .number(i < $0.values.count ? $0.values[i] : nil) }
            for l in lines {
                row.append(.number(i < l.values.count ? l.values[i] : nil))
                if let band = l.band {
                    let lo = i < band.lower.count ? band.lower[i] : nil, hi = i < band.upper.count ? band.upper[i] : nil
                    row.append(lo.flatMap { lo in hi.map { hi in HTMLTable.Cell(text: Format.number(lo) + " – " + Format.number(hi), value: nil, figure: nil, isText: false) } } ?? .number(nil))
                }
            }
            table.rows.append(row)
        }
        let description = "\(title): " + (bars.map(\.name) + lines.map(\.name)).joined(separator: ", ") + " by \(xLabel)."
        return figure(svg, description: description, legend: legend.joined(), table: table)
    }

    /// A heatmap of `values` (rows × columns, each 0–1, drawn as shares), darker for higher.
    func heatmap(rows: [String], columns: [String], _ values: [[Double?]]) -> String {
        let labelWidth = min(260.0, Double((rows.map(\.count).max() ?? 4) * 6 + 10))
        let cellW = (width - labelWidth - right) / Double(max(1, columns.count))
        let cellH = 16.0
        let h = top + cellH * Double(rows.count) + bottom
        var svg = "<text class=\"title\" x=\"\(f(width / 2))\" y=\"15\" text-anchor=\"middle\">\(HTMLDocument.escape(title))</text>"
        for (r, name) in rows.enumerated() {
            let y = top + cellH * Double(r)
            svg += "<text x=\"\(f(labelWidth - 4))\" y=\"\(f(y + 12))\" text-anchor=\"end\">\(HTMLDocument.escape(name))</text>"
            for (c, v) in values[r].enumerated() {
                guard let v else { continue }
                let x = labelWidth + cellW * Double(c)
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellW - 1))\" height=\"\(f(cellH - 1))\" fill=\"\(Self.shade(v))\"><title>\(HTMLDocument.escape("\(name), \(columns[c]): \(Format.percent(v))"))</title></rect>"
            }
        }
        for (c, name) in columns.enumerated() where columns.count <= 24 || c % 2 == 0 {
            svg += "<text x=\"\(f(labelWidth + cellW * (Double(c) + 0.5)))\" y=\"\(f(top + cellH * Double(rows.count) + 13))\" text-anchor=\"middle\">\(HTMLDocument.escape(name))</text>"
        }
        svg += "<text x=\"\(f(labelWidth + (width - labelWidth) / 2))\" y=\"\(f(h - 10))\" text-anchor=\"middle\">\(HTMLDocument.escape(xLabel))</text>"
        let legend = [0.25, 0.5, 0.75, 1.0].map { swatch(Self.shade($0), Format.percent($0), opacity: 1) }.joined()
        var table = HTMLTable(columns: [yLabel] + columns)
        for (r, name) in rows.enumerated() { table.rows.append([.text(name)] + values[r].map { .share($0) }) }
        var chart = self
        chart.height = h
        return chart.figure(svg, description: "\(title): \(yLabel) by \(xLabel), as a share.", legend: "Utilisation: " + legend, table: table)
    }

    /// One row of an interval plot: a mean, its interval, and the spread across replications.
    struct Interval {
        var name: String
        var mean: Double
        var lower: Double?
        var upper: Double?
        var p10: Double?
        var p90: Double?
    }

    /// An interval plot (SMORE-style): per row, the p10–p90 spread as a thin line, the interval
    /// of the mean as a thick bar, the mean as a dot; the x axis is the figure (`xLabel`).
    func intervals(_ rows: [Interval]) -> String {
        let labelWidth = min(300.0, Double((rows.map(\.name.count).max() ?? 4) * 6 + 10))
        let rowH = 26.0
        let h = top + rowH * Double(rows.count) + bottom
        let values = rows.flatMap { [$0.mean, $0.lower, $0.upper, $0.p10, $0.p90].compactMap { $0 } }
        let lo = min(0, values.min() ?? 0), hi = Self.niceCeiling(values.max() ?? 1)
        let w = width - labelWidth - right
        func px(_ v: Double) -> Double { labelWidth + w * (v - lo) / max(hi - lo, 1e-12) }
        var svg = "<text class=\"title\" x=\"\(f(width / 2))\" y=\"15\" text-anchor=\"middle\">\(HTMLDocument.escape(title))</text>"
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            svg += "<line x1=\"\(f(px(v)))\" x2=\"\(f(px(v)))\" y1=\"\(f(top))\" y2=\"\(f(h - bottom))\" stroke=\"#e3e8ee\"/>"
            svg += "<text x=\"\(f(px(v)))\" y=\"\(f(h - bottom + 14))\" text-anchor=\"middle\">\(Format.number(v))</text>"
        }
        for (r, row) in rows.enumerated() {
            let y = top + rowH * Double(r) + rowH / 2
            svg += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTMLDocument.escape(row.name))</text>"
            if let a = row.p10, let b = row.p90 {
                svg += "<line x1=\"\(f(px(a)))\" x2=\"\(f(px(b)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#5d6d7e\" stroke-width=\"1.5\"/>"
                for e in [a, b] { svg += "<line x1=\"\(f(px(e)))\" x2=\"\(f(px(e)))\" y1=\"\(f(y - 6))\" y2=\"\(f(y + 6))\" stroke=\"#5d6d7e\" stroke-width=\"1.5\"/>" }
            }
            if let a = row.lower, let b = row.upper {
                svg += "<rect x=\"\(f(px(a)))\" y=\"\(f(y - 5))\" width=\"\(f(max(1, px(b) - px(a))))\" height=\"10\" fill=\"\(Self.colours[0])\" fill-opacity=\"0.35\"/>"
            }
            svg += "<circle cx=\"\(f(px(row.mean)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(Self.colours[0])\"/>"
        }
        svg += "<text x=\"\(f(labelWidth + w / 2))\" y=\"\(f(h - 10))\" text-anchor=\"middle\">\(HTMLDocument.escape(xLabel))</text>"
        let legend = swatch(Self.colours[0], "mean", opacity: 1) + swatch(Self.colours[0], "95% confidence interval of the mean", opacity: 0.35)
            + swatch("#5d6d7e", "p10–p90 across replications (what one replication may show)", opacity: 1)
        var table = HTMLTable(columns: [yLabel, "mean", "95% interval", "p10", "p90"])
        for row in rows {
            let interval = row.lower.flatMap { a in row.upper.map { b in Format.number(a) + " – " + Format.number(b) } } ?? "-"
            table.rows.append([.text(row.name), .number(row.mean), HTMLTable.Cell(text: interval, value: nil, figure: nil, isText: false), .number(row.p10), .number(row.p90)])
        }
        var chart = self
        chart.height = h
        return chart.figure(svg, description: "\(title): per \(yLabel), the mean, its 95% interval and the p10–p90 spread across replications.", legend: legend, table: table)
    }

    // MARK: Parts

    /// The plot's frame: the y axis with gridlines up to `yTop`, and its label.
    func frame(yTop: Double, unit: String) -> String {
        var svg = "<text class=\"title\" x=\"\(f(width / 2))\" y=\"15\" text-anchor=\"middle\">\(HTMLDocument.escape(title))</text>"
        for k in 0...4 {
            let v = yTop * Double(k) / 4
            let y = top + plotHeight * (1 - Double(k) / 4)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(k == 0 ? "#8a96a3" : "#e3e8ee")\"/>"
            svg += "<text x=\"\(f(left - 5))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Format.number(v))</text>"
        }
        svg += "<text x=\"12\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(top + plotHeight / 2)))\">\(HTMLDocument.escape(unit))</text>"
        return svg
    }

    /// The x axis: up to about 12 category labels, and the axis label.
    func xAxis(_ x: [String], position: (Int) -> Double) -> String {
        let every = max(1, Int((Double(x.count) / 12).rounded(.up)))
        var svg = ""
        for i in x.indices where i % every == 0 {
            svg += "<text x=\"\(f(position(i)))\" y=\"\(f(top + plotHeight + 14))\" text-anchor=\"middle\">\(HTMLDocument.escape(x[i]))</text>"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(HTMLDocument.escape(xLabel))</text>"
        return svg
    }

    func swatch(_ colour: String, _ name: String, opacity: Double) -> String {
        "<span class=\"legend\" style=\"background:\(colour);opacity:\(opacity)\"></span>\(HTMLDocument.escape(name))"
    }

    /// The chart as a figure: the SVG with its title and description, the legend, the values table.
    func figure(_ body: String, description: String, legend: String, table: HTMLTable) -> String {
        let label = HTMLDocument.escape(description)
        var out = "<figure><svg role=\"img\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" aria-label=\"\(label)\">"
        out += "<title>\(HTMLDocument.escape(title))</title><desc>\(label)</desc>" + body + "</svg>"
        out += "<figcaption>\(legend)</figcaption><details><summary>Values of “\(HTMLDocument.escape(title))”</summary><div class=\"scroll\">" + table.render() + "</div></details></figure>\n"
        return out
    }

    func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ at or above `x` (1 for nothing above zero).
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let base = pow(10, floor(log10(x)))
        for m in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where m * base >= x * 0.999_999 { return m * base }
        return 10 * base
    }

    /// Runs of consecutive `true` positions.
    static func runs(_ present: [Bool]) -> [[Int]] {
        var out: [[Int]] = []
        var current: [Int] = []
        for (i, p) in present.enumerated() {
            if p { current.append(i) } else if !current.isEmpty { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// A blue shade for a share 0–1.
    static func shade(_ v: Double) -> String {
        let t = min(max(v, 0), 1)
        let r = Int(235 - 204 * t), g = Int(242 - 147 * t), b = Int(250 - 97 * t)
        return String(format: "#%02x%02x%02x", r, g, b)
    }
}
