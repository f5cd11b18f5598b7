/// A run's summary as a plain-text table for a terminal: the cases, the waits, the tiers and
/// window groups, the queue visits by kind, the service network's sections and the kernel's speed.
/// Long lists (more than ``groupsShown`` groups or departments) point to `summary.json` instead.
struct SummaryTable {
    let summary: Summary

    init(_ summary: Summary) {
        self.summary = summary
    }

    /// The summary as a plain-text table for a terminal.
    var text: String {
        var out = "hallsim · \(summary.scenario) · seed \(summary.seed) · \(TextTable.grouped(summary.cases.arrived)) cases over \(TextTable.duration(summary.simulated_s))\n"
        if let range = summary.range { out += "figures: " + range.text + "\n" }
        out += "\n"
        out += TextTable.render([
            ["cases", "arrived", "completed", "abandoned", "in system"],
            ["", TextTable.grouped(summary.cases.arrived), TextTable.grouped(summary.cases.completed), TextTable.grouped(summary.cases.abandoned), TextTable.grouped(summary.cases.in_system)],
        ])
        if summary.cases.abandoned > 0 {
            let a = summary.abandoned_by_reason
            out += "gave up: \(TextTable.grouped(a.reneged)) reneged · \(TextTable.grouped(a.balked)) balked · "
            out += "\(TextTable.grouped(a.sent_home)) sent home · \(TextTable.grouped(a.no_show)) no-show\n"
        }
        out += "\n"
        var rows = [["wait (s)", "mean", "± 95%", "p50", "p90", "p99", "max"]]
        rows.append(["all"] + Self.waitCells(summary.wait_s))
        out += TextTable.render(rows)
        if let level = summary.service_level, let target = summary.service_level_target_s {
            out += "service level: \(TextTable.fixed(100 * level, 1))% called within \(TextTable.fixed(target, 0)) s\n"
        }
        if let c = summary.closed_days {
            out += "closed days: \(TextTable.grouped(Int(c.lost.rounded()))) cases of demand lost · \(TextTable.grouped(Int(c.moved.rounded()))) moved to the next opening (expected)\n"
        }
        if summary.cases.called_after_closing > 0 {
            out += "extended hours: \(TextTable.grouped(summary.cases.called_after_closing)) cases called after their windows closed\n"
        }
        out += "\n"
        if summary.halls.count > 1 {
            var tierRows = [["tier", "halls", "arrived", "served", "abandoned", "utilisation", "wait mean", "p90"]]
            for t in summary.tiers {
                tierRows.append([
                    t.tier, "\(t.halls ?? 0)", TextTable.grouped(t.arrived), TextTable.grouped(t.served), TextTable.grouped(t.abandoned),
                    TextTable.fixed(t.utilisation, 3), TextTable.fixed(t.wait_s.mean, 1), TextTable.fixed(t.wait_s.p90, 1),
                ])
            }
            out += TextTable.render(tierRows) + "\n"
        }
        // Departments and escalation desks have their own sections below.
        let queues = summary.groups.filter { $0.kind != "department" && $0.kind != "escalation" }
        if queues.count <= Self.groupsShown {
            var groupRows = [["hall", "group", "windows", "utilisation", "queue", "served", "wait mean", "p90"]]
            for g in queues {
                groupRows.append([
                    g.hall, g.group, "\(g.servers)", TextTable.fixed(g.utilisation, 3), TextTable.fixed(g.queue_mean, 2),
                    TextTable.grouped(g.served), TextTable.fixed(g.wait_s.mean, 1), TextTable.fixed(g.wait_s.p90, 1),
                ])
            }
            out += TextTable.render(groupRows)
            out += visitTable(queues)
        } else {
            out += "\(TextTable.grouped(queues.count)) window groups in \(TextTable.grouped(summary.halls.count)) halls: see summary.json and kpis.csv\n"
        }
        out += networkTable()
        if let wall = summary.kernel.wall_s, let eps = summary.kernel.events_per_s, let cps = summary.kernel.cases_per_s {
            out += "\nkernel: \(TextTable.grouped(summary.kernel.events)) events in \(TextTable.fixed(wall, 3)) s"
            out += " · \(TextTable.fixed(eps / 1e6, 2)) M events/s · \(TextTable.fixed(cps / 1e6, 2)) M cases/s\n"
        }
        if let log = summary.log {
            out += "log: \(TextTable.grouped(log.events)) events · digest \(log.digest)\n"
        }
        if let replay = summary.replay {
            out += "replay: \(TextTable.grouped(replay.events)) events in \(TextTable.fixed(replay.wall_s, 3)) s"
            out += " · \(TextTable.fixed(replay.events_per_s / 1e6, 2)) M events/s · \(TextTable.grouped(replay.open_cases)) cases open\n"
        }
        return out
    }

    /// The most window groups the table lists one by one.
    static let groupsShown = 30

    static func waitCells(_ w: Summary.Waits) -> [String] {
        [TextTable.fixed(w.mean, 2), w.mean_ci95.map { TextTable.fixed($0, 2) } ?? "-", TextTable.fixed(w.p50, 1), TextTable.fixed(w.p90, 1), TextTable.fixed(w.p99, 1), TextTable.fixed(w.max, 1)]
    }

    /// The groups' queue visits by kind, when any group had return visits or pick-ups: a walk-in's
    /// wait is not the same figure as a pick-up's. Empty otherwise.
    func visitTable(_ queues: [Summary.Group]) -> String {
        let kinds: [(String, KeyPath<Summary.ByVisit, Summary.VisitFigures>)] = [("first", \.first), ("returning", \.returning), ("pickup", \.pickup)]
        let shown = queues.filter { g in g.by_visit.map { $0.returning.visits + $0.pickup.visits > 0 } ?? false }
        guard !shown.isEmpty else { return "" }
        var rows = [["hall", "group", "visit", "visits", "served", "gave up", "waiting", "wait mean", "max"]]
        for g in shown {
            guard let v = g.by_visit else { continue }
            for (name, path) in kinds where v[keyPath: path].visits > 0 {
                let f = v[keyPath: path]
                rows.append([
                    g.hall, g.group, name, TextTable.grouped(f.visits), TextTable.grouped(f.served), TextTable.grouped(f.gave_up),
                    TextTable.grouped(f.waiting), TextTable.fixed(f.wait_mean_s, 1), TextTable.fixed(f.wait_max_s, 1),
                ])
            }
        }
        return "\n" + TextTable.render(rows)
    }

    /// The network's part of the text table: a short section per part the run has, empty without a network.
    func networkTable() -> String {
        var out = ""
        if let open = summary.cases.open, let closed = summary.cases.closed, let transferred = summary.cases.transferred {
            out += "\ncases: \(TextTable.grouped(summary.cases.arrived)) arrived = \(TextTable.grouped(closed)) closed + \(TextTable.grouped(summary.cases.abandoned)) abandoned"
            out += " + \(TextTable.grouped(transferred)) transferred + \(TextTable.grouped(open)) open\n"
        }
        if let channels = summary.channels, !channels.isEmpty {
            var rows = [["channel", "", "arrived", "closed", "abandoned", "transferred", "open", "escalated", "lead h mean", "p90"]]
            for c in channels {
                rows.append([
                    c.channel, "", TextTable.grouped(c.arrived), TextTable.grouped(c.closed), TextTable.grouped(c.abandoned), TextTable.grouped(c.transferred),
                    TextTable.grouped(c.open), TextTable.grouped(c.escalated), TextTable.fixed(c.lead_time_h.mean, 1), TextTable.fixed(c.lead_time_h.p90, 1),
                ])
            }
            out += "\n" + TextTable.render(rows)
        }
        if let departments = summary.departments, !departments.isEmpty {
            if departments.count <= Self.groupsShown {
                var rows = [["hall", "department", "staff", "utilisation", "received", "decided", "on time", "statutory", "late p90 wd", "backlog", "max", "end"]]
                for d in departments {
                    rows.append([
                        d.hall, d.department, "\(d.staff)", TextTable.fixed(d.utilisation, 3), TextTable.grouped(d.received), TextTable.grouped(d.decided), TextTable.percent(d.on_time_promised),
                        TextTable.percent(d.on_time_statutory), d.lateness_wd.map { "\($0.p90)" } ?? "-", TextTable.fixed(d.backlog.mean, 1),
                        TextTable.grouped(d.backlog.max), TextTable.grouped(d.backlog.end),
                    ])
                }
                out += "\n" + TextTable.render(rows)
            } else {
                let decided = departments.reduce(0) { $0 + $1.decided }
                out += "\n\(TextTable.grouped(departments.count)) departments decided \(TextTable.grouped(decided)) cases: see summary.json\n"
            }
        }
        var lines: [String] = []
        if let b = summary.bundles {
            var line = "bundles: \(TextTable.grouped(b.parents)) submitted · \(TextTable.grouped(b.completed)) complete · \(TextTable.grouped(b.open)) open"
            if let ratio = b.lead_to_one_by_one {
                line += " · lead \(TextTable.fixed(b.lead_time_mean_h, 1)) h vs \(TextTable.fixed(b.one_by_one_mean_h, 1)) h one by one (× \(TextTable.fixed(ratio, 2)))"
            }
            lines.append(line)
        }
        if let e = summary.escalation {
            let t = e.by_trigger
            lines.append(
                "escalation: \(TextTable.grouped(e.received)) received · \(TextTable.grouped(e.transferred)) transferred · \(TextTable.grouped(e.closed)) closed · "
                    + "\(TextTable.grouped(e.returned)) returned · \(TextTable.grouped(e.pending)) pending (contested \(TextTable.grouped(t.contested)), "
                    + "visits \(TextTable.grouped(t.visits)), gave up twice \(TextTable.grouped(t.abandoned_twice)), complaints \(TextTable.grouped(t.complaint)), "
                    + "other \(TextTable.grouped(t.other)))"
            )
        }
        if let h = summary.hotline {
            var line = "hotline: \(TextTable.grouped(h.calls)) calls · \(TextTable.percent(h.answer_rate)) answered"
            line += " · \(TextTable.percent(h.answered_within_target)) within " + (h.wait_target_s.map { TextTable.fixed($0, 0) + " s" } ?? "target")
            line += " · wait \(TextTable.fixed(h.wait_mean_s, 1)) s · talk \(TextTable.fixed(h.talk_mean_s, 1)) s · \(TextTable.grouped(h.closed_by_agent)) closed by agents"
            line += " · \(TextTable.grouped(h.dispatched)) dispatched\n         replies: \(TextTable.grouped(h.replies.decided)) · \(TextTable.percent(h.replies.on_time_share)) on time"
            line += " · \(TextTable.grouped(h.replies.late)) late · units with late replies: \(TextTable.grouped(h.units_late))"
            lines.append(line)
        }
        if let r = summary.ratings {
            lines.append(
                "ratings: \(TextTable.grouped(r.rated)) rated · \(TextTable.percent(r.satisfied)) satisfied · \(TextTable.grouped(r.bad)) bad · "
                    + "\(TextTable.grouped(r.callbacks)) callbacks (\(TextTable.fixed(r.callback_mean_h, 1)) h mean) · \(TextTable.grouped(r.complaints)) complaints"
            )
        }
        if !lines.isEmpty { out += "\n" + lines.joined(separator: "\n") + "\n" }
        return out
    }
}
