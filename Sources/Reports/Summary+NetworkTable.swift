extension Summary {
    /// The network's part of the text table: a short section per part the run has, empty without a network.
    func networkTable() -> String {
        var out = ""
        if let open = cases.open, let closed = cases.closed, let transferred = cases.transferred {
            out += "\ncases: \(Self.grouped(cases.arrived)) arrived = \(Self.grouped(closed)) closed + \(Self.grouped(cases.abandoned)) abandoned"
            out += " + \(Self.grouped(transferred)) transferred + \(Self.grouped(open)) open\n"
        }
        if let channels, !channels.isEmpty {
            var rows = [["channel", "", "arrived", "closed", "abandoned", "transferred", "open", "escalated", "lead h mean", "p90"]]
            for c in channels {
                rows.append([
                    c.channel, "", Self.grouped(c.arrived), Self.grouped(c.closed), Self.grouped(c.abandoned), Self.grouped(c.transferred),
                    Self.grouped(c.open), Self.grouped(c.escalated), Self.fixed(c.lead_time_h.mean, 1), Self.fixed(c.lead_time_h.p90, 1),
                ])
            }
            out += "\n" + Self.render(rows)
        }
        if let departments, !departments.isEmpty {
            if departments.count <= Self.groupsShown {
                var rows = [["hall", "department", "staff", "utilisation", "received", "decided", "on time", "statutory", "late p90 wd", "backlog", "max", "end"]]
                for d in departments {
                    rows.append([
                        d.hall, d.department, "\(d.staff)", Self.fixed(d.utilisation, 3), Self.grouped(d.received), Self.grouped(d.decided), Self.percent(d.on_time_promised),
                        Self.percent(d.on_time_statutory), d.lateness_wd.map { "\($0.p90)" } ?? "-", Self.fixed(d.backlog.mean, 1),
                        Self.grouped(d.backlog.max), Self.grouped(d.backlog.end),
                    ])
                }
                out += "\n" + Self.render(rows)
            } else {
                let decided = departments.reduce(0) { $0 + $1.decided }
                out += "\n\(Self.grouped(departments.count)) departments decided \(Self.grouped(decided)) cases: see summary.json\n"
            }
        }
        var lines: [String] = []
        if let b = bundles {
            var line = "bundles: \(Self.grouped(b.parents)) submitted · \(Self.grouped(b.completed)) complete · \(Self.grouped(b.open)) open"
            if let ratio = b.lead_to_one_by_one {
                line += " · lead \(Self.fixed(b.lead_time_mean_h, 1)) h vs \(Self.fixed(b.one_by_one_mean_h, 1)) h one by one (× \(Self.fixed(ratio, 2)))"
            }
            lines.append(line)
        }
        if let e = escalation {
            let t = e.by_trigger
            lines.append(
                "escalation: \(Self.grouped(e.received)) received · \(Self.grouped(e.transferred)) transferred · \(Self.grouped(e.closed)) closed · "
                    + "\(Self.grouped(e.returned)) returned · \(Self.grouped(e.pending)) pending (contested \(Self.grouped(t.contested)), "
                    + "visits \(Self.grouped(t.visits)), gave up twice \(Self.grouped(t.abandoned_twice)), complaints \(Self.grouped(t.complaint)), "
                    + "other \(Self.grouped(t.other)))"
            )
        }
        if let h = hotline {
            var line = "hotline: \(Self.grouped(h.calls)) calls · \(Self.percent(h.answer_rate)) answered"
            line += " · \(Self.percent(h.answered_within_target)) within " + (h.wait_target_s.map { Self.fixed($0, 0) + " s" } ?? "target")
            line += " · wait \(Self.fixed(h.wait_mean_s, 1)) s · talk \(Self.fixed(h.talk_mean_s, 1)) s · \(Self.grouped(h.closed_by_agent)) closed by agents"
            line += " · \(Self.grouped(h.dispatched)) dispatched\n         replies: \(Self.grouped(h.replies.decided)) · \(Self.percent(h.replies.on_time_share)) on time"
            line += " · \(Self.grouped(h.replies.late)) late · units with late replies: \(Self.grouped(h.units_late))"
            lines.append(line)
        }
        if let r = ratings {
            lines.append(
                "ratings: \(Self.grouped(r.rated)) rated · \(Self.percent(r.satisfied)) satisfied · \(Self.grouped(r.bad)) bad · "
                    + "\(Self.grouped(r.callbacks)) callbacks (\(Self.fixed(r.callback_mean_h, 1)) h mean) · \(Self.grouped(r.complaints)) complaints"
            )
        }
        if !lines.isEmpty { out += "\n" + lines.joined(separator: "\n") + "\n" }
        return out
    }

    /// A share as a percentage with one decimal, `-` when there is none.
    static func percent(_ share: Double?) -> String { share.map { fixed(100 * $0, 1) + "%" } ?? "-" }
}
