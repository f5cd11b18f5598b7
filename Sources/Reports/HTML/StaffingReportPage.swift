import CaseEngine
public import Foundation

/// `report.html` of `hallsim staff`, drawn from staff.json: per window group and kind of day, the
/// plan's windows by slot beside the scenario's, the formula's and the roster's; the achieved
/// figure per slot with its interval against the target; the rosters as shift bars; the plans tied
/// with the best; the robustness table; the departments. Nothing is computed anew.
public struct StaffingReportPage {
    let document: JSONValue

    /// The page of the staffing run whose staff.json holds `data`.
    public init(staffing data: Data) throws(RunReportPage.Unreadable) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), value["target"]?.string != nil,
              value["groups"]?.array != nil || value["departments"]?.array != nil
        else {
            throw RunReportPage.Unreadable(description: "staff.json is not a staffing result")
        }
        document = value
    }

    public func html() -> String {
        let target = document["target"]?.string ?? "?"
        let replications = Int(document["replications"]?.number ?? 0)
        var page = HTMLDocument(
            title: "hallsim staff · \(document["scenario"]?.string ?? "?")",
            subtitle: "target \(target) \(document["judged"]?.string == "day" ? "over each day" : "in every slot") · \(replications) replications from seed \(document["seed"]?.string ?? "?") · intervals at 95%, a group's slots together (Bonferroni)"
        )
        let groups = document["groups"]?.array ?? []
        if !groups.isEmpty {
            page.section("summary", "Window-hours", intro: "Over the run, per replication: the scenario's staffing and the plan's.", cards())
            page.section("plan", "The plan by slot", intro: "Per window group and kind of day: the plan's windows (bars) beside the scenario's, the formula's on the modified offered load and the roster's; then the target's figure on the verifying seeds (new seeds) with its 95% interval, and the per-slot formula's staffing on the same seeds.", plans(groups, target: target))
            page.section("rosters", "Rosters", intro: "The cheapest count of people per shift covering the plan in every slot; bars span each shift, a gap is its unpaid break.", rosters(groups))
            page.section("ties", "Plans tied with the best", intro: "One window moved from a slot whose cut broke a later slot to that slot: the same window-hours, tied when every slot of the group meets the target on the search's seeds and none misses on the new seeds.", ties())
            page.section("robustness", "Robustness", intro: "The plan at other levels of the forecast demand, on the search's seeds, and the one extra window tried where a group misses.", robustness())
        }
        if let departments = document["departments"]?.array {
            page.section("departments", "Back-office departments", intro: "Each department's staff meeting the on-time target over the run, with its interval, and the share at one desk fewer.", self.departments(departments))
        }
        return page.render()
    }

    func cards() -> String {
        let hours = document["window_hours"]
        func card(_ label: String, _ key: String) -> String {
            guard let v = hours?[key]?.number else { return "" }
            return "<div class=\"card\"><div class=\"label\">\(HTMLDocument.escape(label))</div><div class=\"value\" data-figure=\"window_hours.\(key)\" data-value=\"\(Format.exact(v))\">\(Format.number(v))</div></div>"
        }
        return "<div class=\"cards\">" + card("the scenario's window-hours", "scenario") + card("the plan's window-hours", "plan") + "</div>"
    }

    /// Where a class of days (`workday`, `workday mon`, `weekend mar`) comes: workdays first, then
    /// weekends and holidays, each in weekday or month order.
    static func order(ofDays label: String) -> Int {
        let words = label.split(separator: " ").map(String.init)
        let kind = DayType.allCases.firstIndex { $0.description == words.first } ?? DayType.allCases.count
        let within = words.count > 1
            ? (Weekday.allCases.firstIndex { $0.shortName == words[1] } ?? DayClass.monthNames.firstIndex(of: words[1]) ?? 99) : 0
        return kind * 100 + within
    }

    func plans(_ groups: [JSONValue], target: String) -> String {
        var out = ""
        let isWait = target.contains("wait<=") || target.contains("wait>=")
        let limit = Self.limit(of: target)
        for g in groups {
            let name = g["group"]?.string ?? "?"
            for (day, rows) in (g["days"]?.object ?? [:]).sorted(by: { Self.order(ofDays: $0.key) < Self.order(ofDays: $1.key) }) {
                let slots = rows.array ?? []
                guard !slots.isEmpty else { continue }
                let x = slots.map { $0["start"]?.string ?? "?" }
                func series(_ key: String) -> [Double?] { slots.map { $0[key]?.number } }
                var windows = SVGChart(title: "\(name), \(day): windows by slot", xLabel: "slot start (time of day)", yLabel: "windows")
                windows.width = 540
                out += "<div class=\"charts\">" + windows.lines(x: x, [
                    SVGChart.Line(name: "the scenario's", values: series("scenario_windows"), colour: SVGChart.colours[5], dashed: true),
                    SVGChart.Line(name: "formula on the modified offered load", values: series("erlang_mol_windows"), colour: SVGChart.colours[1], dots: true),
                    SVGChart.Line(name: "roster", values: series("roster_windows"), colour: SVGChart.colours[2]),
                ], bars: [SVGChart.Bars(name: "plan", values: series("windows"))])
                var achieved = SVGChart(title: "\(name), \(day): \(target.split(separator: "<").first.map(String.init) ?? target) by slot", xLabel: "slot start (time of day)", yLabel: isWait ? "seconds" : "share")
                achieved.width = 540
                var lines = [SVGChart.Line(name: "the plan on new seeds", values: series("value"), band: (series("low"), series("high")), bandName: "its 95% interval")]
                lines.append(SVGChart.Line(name: "the per-slot formula's staffing", values: series("erlang_value"), colour: SVGChart.colours[1], dots: true))
                if let limit { lines.append(SVGChart.Line(name: "the target", values: slots.map { _ in limit }, colour: SVGChart.colours[4], dashed: true)) }
                out += achieved.lines(x: x, lines) + "</div>"
                var table = HTMLTable(columns: ["slot", "scenario", "formula (per slot)", "formula (modified load)", "plan", "roster", "value", "low", "high", "verdict", "people"])
                table.name = "plan"
                for s in slots {
                    let path = "groups[\(name)].days.\(day)[\(s["start"]?.string ?? "?")]."
                    table.rows.append([
                        .text(s["start"]?.string ?? "?"),
                        .number(s["scenario_windows"]?.number, figure: path + "scenario_windows"),
                        .number(s["erlang_windows"]?.number, figure: path + "erlang_windows"),
                        .number(s["erlang_mol_windows"]?.number, figure: path + "erlang_mol_windows"),
                        .number(s["windows"]?.number, figure: path + "windows"),
                        .number(s["roster_windows"]?.number, figure: path + "roster_windows"),
                        .number(s["value"]?.number, figure: path + "value"),
                        .number(s["low"]?.number, figure: path + "low"),
                        .number(s["high"]?.number, figure: path + "high"),
                        .text(s["verdict"]?.string ?? "-"),
                        .number(s["people"]?.number, figure: path + "people"),
                    ])
                }
                out += "<details><summary>\(HTMLDocument.escape("\(name), \(day): every slot"))</summary><div class=\"scroll\">" + table.render() + "</div></details>"
            }
        }
        return out
    }

    /// The target's limit as a number of the figure's unit (seconds for waits), when it reads as one.
    static func limit(of target: String) -> Double? {
        guard let op = target.range(of: "<=") ?? target.range(of: ">=") else { return nil }
        let text = target[op.upperBound...]
        if let x = Double(text) { return x }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        guard let unit = text.last.flatMap({ units[$0] }), let x = Double(text.dropLast()) else { return nil }
        return x * unit
    }

    func rosters(_ groups: [JSONValue]) -> String {
        var out = "<div class=\"charts\">"
        for g in groups {
            let name = g["group"]?.string ?? "?"
            for (day, roster) in (g["rosters"]?.object ?? [:]).sorted(by: { $0.key > $1.key }) {
                let shifts = roster["shifts"]?.array ?? []
                guard !shifts.isEmpty else { continue }
                var chart = SVGChart(title: "\(name), \(day): roster", xLabel: "time of day", yLabel: "shift")
                chart.width = 540
                chart.height = chart.top + 22 * Double(shifts.count) + chart.bottom
                let hours = (shifts.compactMap { $0["start_s"]?.number }.min() ?? 0) / 3600, end = (shifts.compactMap { $0["end_s"]?.number }.max() ?? 86_400) / 3600
                let from = hours.rounded(.down), to = max(end.rounded(.up), from + 1)
                func px(_ s: Double) -> Double { 120 + (chart.width - 120 - chart.right) * (s / 3600 - from) / (to - from) }
                var svg = "<text class=\"title\" x=\"\(chart.f(chart.width / 2))\" y=\"15\" text-anchor=\"middle\">\(HTMLDocument.escape(chart.title))</text>"
                var table = HTMLTable(columns: ["shift", "people"])
                for (i, s) in shifts.enumerated() {
                    let y = chart.top + 22 * Double(i)
                    let label = s["shift"]?.string ?? "?", people = s["people"]?.number ?? 0
                    svg += "<text x=\"114\" y=\"\(chart.f(y + 14))\" text-anchor=\"end\">\(HTMLDocument.escape("\(Format.number(people)) × \(label.prefix(11))"))</text>"
                    let start = s["start_s"]?.number ?? 0, stop = s["end_s"]?.number ?? 0
                    var pieces = [(start, stop)]
                    if let b0 = s["break_start_s"]?.number, let b1 = s["break_end_s"]?.number { pieces = [(start, b0), (b1, stop)] }
                    for (a, b) in pieces where b > a {
                        svg += "<rect x=\"\(chart.f(px(a)))\" y=\"\(chart.f(y + 3))\" width=\"\(chart.f(px(b) - px(a)))\" height=\"15\" fill=\"\(SVGChart.colours[0])\"><title>\(HTMLDocument.escape("\(Format.number(people)) × \(label)"))</title></rect>"
                    }
                    table.rows.append([.text(label), .number(people, figure: "groups[\(name)].rosters.\(day).shifts[\(label)].people")])
                }
                for h in stride(from: from, through: to, by: max(1, ((to - from) / 8).rounded(.up))) {
                    svg += "<text x=\"\(chart.f(px(h * 3600)))\" y=\"\(chart.f(chart.height - 26))\" text-anchor=\"middle\">\(String(format: "%02d:00", Int(h)))</text>"
                }
                svg += "<text x=\"\(chart.f(chart.width / 2))\" y=\"\(chart.f(chart.height - 8))\" text-anchor=\"middle\">time of day</text>"
                let paid = roster["paid_hours"]?.number ?? 0, required = roster["required_hours"]?.number ?? 0
                out += chart.figure(svg, description: "\(name), \(day): \(shifts.count) shifts of the roster, \(Format.number(paid)) paid hours a day for the plan's \(Format.number(required)) window-hours.", legend: chart.swatch(SVGChart.colours[0], "on duty (a gap: the unpaid break)", opacity: 1), table: table)
            }
        }
        return out + "</div>"
    }

    func ties() -> String {
        let ties = document["ties"]
        let tied = ties?["tied"]?.array ?? []
        var table = HTMLTable(columns: ["group", "day", "one window from", "to"])
        table.name = "ties"
        for t in tied { table.rows.append([.text(t["group"]?.string ?? "?"), .text(t["day"]?.string ?? "?"), .text(t["from"]?.string ?? "?"), .text(t["to"]?.string ?? "?")]) }
        let tried = Int(ties?["tried"]?.number ?? 0)
        return "<p data-figure=\"ties.tried\" data-value=\"\(tried)\">\(tied.count) of \(tried) tried are tied with the best.</p>" + (tied.isEmpty ? "" : table.render())
    }

    func robustness() -> String {
        var table = HTMLTable(columns: ["demand", "holds", "groups missing the target, and the extra window tried"])
        table.name = "robustness"
        for level in document["robustness"]?.array ?? [] {
            let repairs = (level["repairs"]?.array ?? []).map { r in
                "\(r["group"]?.string ?? "?") \(r["day"]?.string ?? "?") +1 at \(r["start"]?.string ?? "?")" + (r["restores"]?.bool == true ? " (restores it)" : " (not enough)")
            }
            table.rows.append([
                .share(level["demand_factor"]?.number), .text(level["holds"]?.bool == true ? "yes" : "no"),
                .text(repairs.isEmpty ? "every slot meets the target" : repairs.joined(separator: "; ")),
            ])
        }
        return table.render()
    }

    func departments(_ rows: [JSONValue]) -> String {
        var table = HTMLTable(columns: ["department", "scenario's staff", "staff", "on time", "low", "high", "verdict", "at one desk fewer", "roster change"])
        table.name = "departments"
        table.sortable = true
        for r in rows {
            let path = "departments[\(r["department"]?.string ?? "?")]."
            table.rows.append([
                .text(r["department"]?.string ?? "?"),
                .number(r["scenario_staff"]?.number, figure: path + "scenario_staff"),
                .number(r["staff"]?.number, figure: path + "staff"),
                .share(r["value"]?.number, figure: path + "value"),
                .share(r["low"]?.number, figure: path + "low"),
                .share(r["high"]?.number, figure: path + "high"),
                .text(r["verdict"]?.string ?? "?"),
                .share(r["one_fewer"]?["value"]?.number, figure: path + "one_fewer.value"),
                .number(r["roster_change"]?.number, figure: path + "roster_change"),
            ])
        }
        return table.render()
    }
}
