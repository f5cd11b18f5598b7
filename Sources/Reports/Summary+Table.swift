extension Summary {
    /// The summary as a plain-text table for a terminal.
    public func table() -> String {
        var out = "hallsim · \(scenario) · seed \(seed) · \(Self.grouped(cases.arrived)) cases over \(Self.duration(simulated_s))\n"
        if let range { out += "figures: " + range.text + "\n" }
        out += "\n"
        out += Self.render([
            ["cases", "arrived", "completed", "abandoned", "in system"],
            ["", Self.grouped(cases.arrived), Self.grouped(cases.completed), Self.grouped(cases.abandoned), Self.grouped(cases.in_system)],
        ])
        if cases.abandoned > 0 {
            let a = abandoned_by_reason
            out += "gave up: \(Self.grouped(a.reneged)) reneged · \(Self.grouped(a.balked)) balked · "
            out += "\(Self.grouped(a.sent_home)) sent home · \(Self.grouped(a.no_show)) no-show\n"
        }
        out += "\n"
        var rows = [["wait (s)", "mean", "± 95%", "p50", "p90", "p99", "max"]]
        rows.append(["all"] + Self.waitCells(wait_s))
        out += Self.render(rows)
        if let level = service_level, let target = service_level_target_s {
            out += "service level: \(Self.fixed(100 * level, 1))% called within \(Self.fixed(target, 0)) s\n"
        }
        if let c = closed_days {
            out += "closed days: \(Self.grouped(Int(c.lost.rounded()))) cases of demand lost · \(Self.grouped(Int(c.moved.rounded()))) moved to the next opening (expected)\n"
        }
        if cases.called_after_closing > 0 {
            out += "extended hours: \(Self.grouped(cases.called_after_closing)) cases called after their windows closed\n"
        }
        out += "\n"
        if halls.count > 1 {
            var tierRows = [["tier", "halls", "arrived", "served", "abandoned", "utilisation", "wait mean", "p90"]]
            for t in tiers {
                tierRows.append([
                    t.tier, "\(t.halls ?? 0)", Self.grouped(t.arrived), Self.grouped(t.served), Self.grouped(t.abandoned),
                    Self.fixed(t.utilisation, 3), Self.fixed(t.wait_s.mean, 1), Self.fixed(t.wait_s.p90, 1),
                ])
            }
            out += Self.render(tierRows) + "\n"
        }
        // Departments and escalation desks have their own sections below.
        let queues = groups.filter { $0.kind != "department" && $0.kind != "escalation" }
        if queues.count <= Self.groupsShown {
            var groupRows = [["hall", "group", "windows", "utilisation", "queue", "served", "wait mean", "p90"]]
            for g in queues {
                groupRows.append([
                    g.hall, g.group, "\(g.servers)", Self.fixed(g.utilisation, 3), Self.fixed(g.queue_mean, 2),
                    Self.grouped(g.served), Self.fixed(g.wait_s.mean, 1), Self.fixed(g.wait_s.p90, 1),
                ])
            }
            out += Self.render(groupRows)
            out += visitTable(queues)
        } else {
            out += "\(Self.grouped(queues.count)) window groups in \(Self.grouped(halls.count)) halls: see summary.json and kpis.csv\n"
        }
        out += networkTable()
        if let wall = kernel.wall_s, let eps = kernel.events_per_s, let cps = kernel.cases_per_s {
            out += "\nkernel: \(Self.grouped(kernel.events)) events in \(Self.fixed(wall, 3)) s"
            out += " · \(Self.fixed(eps / 1e6, 2)) M events/s · \(Self.fixed(cps / 1e6, 2)) M cases/s\n"
        }
        if let log {
            out += "log: \(Self.grouped(log.events)) events · digest \(log.digest)\n"
        }
        if let replay {
            out += "replay: \(Self.grouped(replay.events)) events in \(Self.fixed(replay.wall_s, 3)) s"
            out += " · \(Self.fixed(replay.events_per_s / 1e6, 2)) M events/s · \(Self.grouped(replay.open_cases)) cases open\n"
        }
        return out
    }

    /// The most window groups the table lists one by one.
    static let groupsShown = 30

    static func waitCells(_ w: Waits) -> [String] {
        [Self.fixed(w.mean, 2), w.mean_ci95.map { Self.fixed($0, 2) } ?? "-", Self.fixed(w.p50, 1), Self.fixed(w.p90, 1), Self.fixed(w.p99, 1), Self.fixed(w.max, 1)]
    }

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

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func duration(_ seconds: Double) -> String {
        if seconds >= 2 * 86_400 { return fixed(seconds / 86_400, 1) + " days" }
        if seconds >= 2 * 3600 { return fixed(seconds / 3600, 1) + " h" }
        return fixed(seconds, 0) + " s"
    }
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
}
