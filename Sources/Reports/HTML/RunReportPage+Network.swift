extension RunReportPage {
    /// The service network's sections, each only when summary.json has that part: channels, back
    /// office, bundles, escalation, hotline and ratings.
    func network(_ page: inout HTMLDocument) {
        channels(&page)
        departments(&page)
        for (key, heading, intro) in [
            ("bundles", "Bundles", "Cases handled as one bundle of several services."),
            ("escalation", "Escalation", "Cases escalated (complaints, missed deadlines, contested decisions) and how they ended."),
            ("hotline", "Hotline", "Calls to the hotline, how they were answered, and the replies of the units it dispatched to."),
            ("ratings", "Ratings", "Ratings after service, the callbacks bad ones brought, and complaints."),
        ] {
            guard let object = summary[key], object.object != nil else { continue }
            page.section(key, heading, intro: intro, facts(object, path: key))
        }
    }

    func channels(_ page: inout HTMLDocument) {
        guard let channels = summary["channels"]?.array, !channels.isEmpty else { return }
        let names = channels.map { $0["channel"]?.string ?? "?" }
        var chart = SVGChart(title: "Cases by channel", xLabel: "channel", yLabel: "cases")
        chart.width = 620
        let arrived = ReportData.Series(channels.map { $0["arrived"]?.number }, ci95: replications > 1 ? channels.map { $0["arrived_ci95"]?.number } : nil)
        var html = chart.lines(x: names, [], bars: [SVGChart.Bars(name: "cases arrived", values: arrived.values, colour: SVGChart.colours[0])])
        var table = HTMLTable(columns: ["channel", "arrived", "closed", "gave up", "transferred", "open", "escalated", "lead time mean (h)", "lead time p90 (h)"])
        table.name = "channels"
        for (c, name) in zip(channels, names) {
            let path = "channels[\(name)]"
            table.rows.append([.text(name)] + ["arrived", "closed", "abandoned", "transferred", "open", "escalated", "lead_time_h.mean", "lead_time_h.p90"].map {
                Self.cell(c, $0, path: path + "." + $0)
            })
        }
        html += table.render()
        page.section("channels", "Channels", intro: "How cases came in, and how long they took from submission to their end.", html)
    }

    func departments(_ page: inout HTMLDocument) {
        guard let departments = summary["departments"]?.array, !departments.isEmpty else { return }
        var table = HTMLTable(columns: ["hall", "department", "staff", "received", "decided", "on time (promised)", "on time (statutory)", "late p50 (wd)", "late p90 (wd)", "late max (wd)", "backlog mean", "backlog max", "utilisation"])
        table.sortable = true
        table.name = "departments"
        for d in departments {
            let path = "departments[\(d["hall"]?.string ?? "?")/\(d["department"]?.string ?? "?")]"
            table.rows.append([.text(d["hall"]?.string ?? "?"), .text(d["department"]?.string ?? "?")]
                + ["staff", "received", "decided"].map { Self.cell(d, $0, path: path + "." + $0) }
                + ["on_time_promised", "on_time_statutory"].map { Self.cell(d, $0, path: path + "." + $0, share: true) }
                + ["lateness_wd.p50", "lateness_wd.p90", "lateness_wd.max", "backlog.mean", "backlog.max"].map { Self.cell(d, $0, path: path + "." + $0) }
                + [Self.cell(d, "utilisation", path: path + ".utilisation", share: true)])
        }
        var html = ""
        let named = departments.map { "\($0["hall"]?.string ?? "?") · \($0["department"]?.string ?? "?")" }
        var shares = SVGChart(title: "Decided on time", xLabel: "department", yLabel: "share on time")
        shares.width = 1100
        html += shares.lines(
            x: named, [SVGChart.Line(name: "on time against the statutory limit", values: departments.map { $0["on_time_statutory"]?.number }, colour: SVGChart.colours[4], dots: true)],
            bars: [SVGChart.Bars(name: "on time against the promised date", values: departments.map { $0["on_time_promised"]?.number })]
        )
        let busiest = zip(named, departments).sorted { ($0.1["received"]?.number ?? 0) > ($1.1["received"]?.number ?? 0) }.prefix(SVGChart.colours.count)
        if let period = busiest.first?.1["backlog"]?["series_period_d"]?.number {
            let length = busiest.map { $0.1["backlog"]?["series"]?.array?.count ?? 0 }.max() ?? 0
            var chart = SVGChart(title: "Backlog over time (busiest departments)", xLabel: "day of the run (end of each \(Format.number(period))-day period)", yLabel: "cases in the work list")
            chart.width = 1100
            let x = (0..<length).map { Format.number(Double($0 + 1) * period) }
            html += chart.lines(x: x, busiest.enumerated().map { i, entry in
                SVGChart.Line(name: entry.0, values: (entry.1["backlog"]?["series"]?.array ?? []).map(\.number), colour: SVGChart.colours[i])
            })
        }
        html += "<div class=\"scroll\">" + table.render() + "</div>"
        page.section("departments", "Back office", intro: "Decisions on time against the promised and the statutory limit (working days), lateness past the promised date, and the work list over time." + (replications > 1 ? " Means across replications; the table gives their 95% half-widths." : ""), html)
    }

    /// The numbers of a section as a two-column table, nested members by their dotted path.
    func facts(_ object: JSONValue, path: String) -> String {
        var table = HTMLTable(columns: ["figure", "value"])
        table.name = "facts"
        func add(_ value: JSONValue, _ key: String, _ parent: JSONValue) {
            if let members = value.object {
                for k in members.keys.sorted() where !k.hasSuffix("_ci95") { add(members[k]!, key.isEmpty ? k : key + "." + k, value) }
            } else if let list = value.array {
                table.rows.append([.text(key), .text("\(list.count) entries")])
            } else if value.number != nil {
                let last = String(key.split(separator: ".").last ?? "")
                let share = last.contains("share") || last.contains("rate") || last == "satisfied" || last.hasPrefix("answered_within")
                table.rows.append([.text(key), Self.cell(parent, last, path: path + "." + key, share: share)])
            }
        }
        add(object, "", object)
        return table.render()
    }
}
