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
        w.text.append("{")
        if let band = data.band { w.key("band"); w.string(band); w.text.append(",") }
        w.key("daily")
        try w.daily(data.daily)
        w.text.append(",")
        w.key("format"); w.string(data.format); w.text.append(",")
        w.key("groups")
        w.text.append("[")
        for (i, group) in data.groups.enumerated() {
            if i > 0 { w.text.append(",") }
            try w.profile(group)
            w.text.drainIfFull(into: &out)
        }
        w.text.append("],")
        w.key("keys"); w.strings(data.keys); w.text.append(",")
        w.key("replications"); w.text.append(data.replications); w.text.append(",")
        w.key("scenario"); w.string(data.scenario); w.text.append(",")
        w.key("slices"); w.string(data.slices); w.text.append(",")
        w.key("version"); w.text.append(data.version)
        w.text.append("}\n")
        w.text.drain(into: &out)
    }

    /// The text not yet written.
    var text = TextBytes(capacity: TextBytes.chunk + 4_096)

    mutating func key(_ name: String) {
        string(name)
        text.append(":")
    }

    mutating func daily(_ d: ReportData.Daily) throws(NonFinite) {
        text.append("{")
        key("abandoned"); try series(d.abandoned); text.append(",")
        key("called"); try series(d.called); text.append(",")
        key("cases"); try series(d.cases); text.append(",")
        key("dates"); strings(d.dates); text.append(",")
        key("wait_mean_s"); try series(d.wait_mean_s)
        text.append("}")
    }

    mutating func profile(_ p: ReportData.Profile) throws(NonFinite) {
        text.append("{")
        key("called"); try series(p.called); text.append(",")
        key("group"); string(p.group); text.append(",")
        key("hall"); string(p.hall); text.append(",")
        if let kind = p.kind { key("kind"); string(kind); text.append(",") }
        key("queue_mean"); try series(p.queue_mean); text.append(",")
        key("staffed_mean"); try series(p.staffed_mean); text.append(",")
        key("utilisation"); try series(p.utilisation); text.append(",")
        key("wait_mean_s"); try series(p.wait_mean_s); text.append(",")
        key("wait_p50_s"); try series(p.wait_p50_s); text.append(",")
        key("wait_p90_s"); try series(p.wait_p90_s)
        text.append("}")
    }

    mutating func series(_ s: ReportData.Series) throws(NonFinite) {
        text.append("{")
        if let ci95 = s.ci95 {
            key("ci95")
            try numbers(ci95)
            text.append(",")
        }
        key("values")
        try numbers(s.values)
        text.append("}")
    }

    mutating func numbers(_ values: [Double?]) throws(NonFinite) {
        text.append("[")
        for (i, v) in values.enumerated() {
            if i > 0 { text.append(",") }
            if let v { try number(v) } else { text.append("null") }
        }
        text.append("]")
    }

    /// A double as a JSON encoder writes it: its shortest form, without a trailing `.0`.
    mutating func number(_ x: Double) throws(NonFinite) {
        guard x.isFinite else { throw NonFinite() }
        text.appendJSON(x)
    }

    mutating func strings(_ values: [String]) {
        text.append("[")
        for (i, v) in values.enumerated() {
            if i > 0 { text.append(",") }
            string(v)
        }
        text.append("]")
    }

    /// A string as a JSON encoder writes it (``JSONString``).
    mutating func string(_ s: String) { JSONString.append(s, to: &text) }
}
