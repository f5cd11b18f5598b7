/// Writes ``ReportData`` as `report-data.json` holds it — compact JSON, keys in the order a
/// JSON encoder sorting its keys gives them, numbers as such an encoder writes them (a double's
/// shortest form without a trailing `.0`) and a final newline — straight to a stream, without
/// building the document in memory first (a network of 10,000 groups has 5 million values).
struct ReportDataWriter {
    /// A value the file cannot hold: JSON has no infinity or NaN.
    struct NonFinite: Error, CustomStringConvertible {
        var description: String { "report data: a value is not finite" }
    }

    /// Writes `data` to `out`.
    /// - Throws: ``NonFinite`` for an infinite or NaN value (as a JSON encoder refuses it); what
    ///   was written before is then incomplete.
    static func write(_ data: ReportData, to out: inout some TextOutputStream) throws(NonFinite) {
        var w = ReportDataWriter()
        w.text = "{"
        if let band = data.band { w.key("band"); w.string(band); w.text += "," }
        w.key("daily")
        try w.daily(data.daily)
        w.text += ","
        w.key("format"); w.string(data.format); w.text += ","
        w.key("groups")
        w.text += "["
        for (i, group) in data.groups.enumerated() {
            if i > 0 { w.text += "," }
            try w.profile(group)
            if w.text.utf8.count >= 1 << 16 { w.flush(to: &out) }
        }
        w.text += "],"
        w.key("keys"); w.strings(data.keys); w.text += ","
        w.key("replications"); w.text += String(data.replications); w.text += ","
        w.key("scenario"); w.string(data.scenario); w.text += ","
        w.key("slices"); w.string(data.slices); w.text += ","
        w.key("version"); w.text += String(data.version)
        w.text += "}\n"
        w.flush(to: &out)
    }

    /// The text not yet written.
    var text = ""

    mutating func flush(to out: inout some TextOutputStream) {
        out.write(text)
        text = ""
    }

    mutating func key(_ name: String) {
        string(name)
        text += ":"
    }

    mutating func daily(_ d: ReportData.Daily) throws(NonFinite) {
        text += "{"
        key("abandoned"); try series(d.abandoned); text += ","
        key("called"); try series(d.called); text += ","
        key("cases"); try series(d.cases); text += ","
        key("dates"); strings(d.dates); text += ","
        key("wait_mean_s"); try series(d.wait_mean_s)
        text += "}"
    }

    mutating func profile(_ p: ReportData.Profile) throws(NonFinite) {
        text += "{"
        key("called"); try series(p.called); text += ","
        key("group"); string(p.group); text += ","
        key("hall"); string(p.hall); text += ","
        if let kind = p.kind { key("kind"); string(kind); text += "," }
        key("queue_mean"); try series(p.queue_mean); text += ","
        key("staffed_mean"); try series(p.staffed_mean); text += ","
        key("utilisation"); try series(p.utilisation); text += ","
        key("wait_mean_s"); try series(p.wait_mean_s); text += ","
        key("wait_p50_s"); try series(p.wait_p50_s); text += ","
        key("wait_p90_s"); try series(p.wait_p90_s)
        text += "}"
    }

    mutating func series(_ s: ReportData.Series) throws(NonFinite) {
        text += "{"
        if let ci95 = s.ci95 {
            key("ci95")
            try numbers(ci95)
            text += ","
        }
        key("values")
        try numbers(s.values)
        text += "}"
    }

    mutating func numbers(_ values: [Double?]) throws(NonFinite) {
        text += "["
        for (i, v) in values.enumerated() {
            if i > 0 { text += "," }
            if let v { try number(v) } else { text += "null" }
        }
        text += "]"
    }

    /// A double as a JSON encoder writes it: its shortest form, without a trailing `.0`.
    mutating func number(_ x: Double) throws(NonFinite) {
        guard x.isFinite else { throw NonFinite() }
        let s = x.description
        text += s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    mutating func strings(_ values: [String]) {
        text += "["
        for (i, v) in values.enumerated() {
            if i > 0 { text += "," }
            string(v)
        }
        text += "]"
    }

    /// A string as a JSON encoder writes it (``JSONString``).
    mutating func string(_ s: String) { JSONString.append(s, to: &text) }
}
