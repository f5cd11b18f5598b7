extension RunReportPage {
    /// A figure cell of `object`'s member `key` (with its `_ci95` when replicated); `path` names it in `data-figure`.
    static func cell(_ object: JSONValue, _ key: String, path: String, share: Bool = false) -> HTMLTable.Cell {
        let member = key.split(separator: ".").reduce(Optional(object)) { $0?[String($1)] }
        let parent = key.split(separator: ".").dropLast().reduce(Optional(object)) { $0?[String($1)] }
        let last = String(key.split(separator: ".").last!)
        let ci = parent?[last + "_ci95"]?.number
        return share ? .share(member?.number, figure: path, ci95: ci) : .number(member?.number, figure: path, ci95: ci)
    }

    /// Tiers, halls and window groups from summary.json, each in a sortable table.
    func places(_ page: inout HTMLDocument) {
        var html = ""
        let tiers = summary["tiers"]?.array ?? []
        if tiers.count > 1 {
            html += "<h3>Tiers</h3>" + placeTable(tiers, name: "tiers", id: { $0["tier"]?.string ?? "?" }, first: "tier")
        }
        let halls = summary["halls"]?.array ?? []
        if halls.count > 1 {
            html += "<h3>Halls (\(halls.count))</h3><div class=\"scroll\">"
                + placeTable(halls, name: "halls", id: { $0["hall"]?.string ?? "?" }, first: "hall") + "</div>"
        }
        let groups = summary["groups"]?.array ?? []
        var table = HTMLTable(columns: ["hall", "group", "kind", "windows", "arrived", "served", "gave up", "mean wait (s)", "p90 wait (s)", "service level", "utilisation", "queue (mean)", "staffed (mean)"])
        table.sortable = true
        table.name = "groups"
        for g in groups {
            let id = "groups[\(g["hall"]?.string ?? "?")/\(g["group"]?.string ?? "?")\(g["kind"]?.string.map { "/" + $0 } ?? "")]"
            table.rows.append([
                .text(g["hall"]?.string ?? "?"), .text(g["group"]?.string ?? "?"), .text(g["kind"]?.string ?? "windows"),
                Self.cell(g, "servers", path: id + ".servers"), Self.cell(g, "arrived", path: id + ".arrived"),
                Self.cell(g, "served", path: id + ".served"), Self.cell(g, "abandoned", path: id + ".abandoned"),
                Self.cell(g, "wait_s.mean", path: id + ".wait_s.mean"), Self.cell(g, "wait_s.p90", path: id + ".wait_s.p90"),
                Self.cell(g, "service_level", path: id + ".service_level", share: true),
                Self.cell(g, "utilisation", path: id + ".utilisation", share: true),
                Self.cell(g, "queue_mean", path: id + ".queue_mean"), Self.cell(g, "staffed_mean", path: id + ".staffed_mean"),
            ])
        }
        html += "<h3>Window groups (\(groups.count))</h3><div class=\"scroll\">" + table.render() + "</div>"
        let plusMinus = replications > 1 ? " ±: the 95% half-width across the replications." : " ± on a group's mean wait: its 95% half-width within the run (batch means)."
        page.section("places", "Halls and window groups", intro: "Every hall and group of summary.json; click a heading to sort." + plusMinus, html)
    }

    func placeTable(_ places: [JSONValue], name: String, id: (JSONValue) -> String, first: String) -> String {
        let tiers = first == "tier"
        var table = HTMLTable(columns: [first, tiers ? "halls" : "tier", "arrived", "served", "gave up", "mean wait (s)", "p90 wait (s)", "service level", "utilisation", "queue (mean)"])
        table.sortable = true
        table.name = name
        for p in places {
            let path = "\(name)[\(id(p))]"
            table.rows.append([
                .text(id(p)), tiers ? Self.cell(p, "halls", path: path + ".halls") : .text(p["tier"]?.string ?? ""), Self.cell(p, "arrived", path: path + ".arrived"),
                Self.cell(p, "served", path: path + ".served"), Self.cell(p, "abandoned", path: path + ".abandoned"),
                Self.cell(p, "wait_s.mean", path: path + ".wait_s.mean"), Self.cell(p, "wait_s.p90", path: path + ".wait_s.p90"),
                Self.cell(p, "service_level", path: path + ".service_level", share: true),
                Self.cell(p, "utilisation", path: path + ".utilisation", share: true), Self.cell(p, "queue_mean", path: path + ".queue_mean"),
            ])
        }
        return table.render()
    }
}
