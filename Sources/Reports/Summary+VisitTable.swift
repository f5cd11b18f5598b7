extension Summary {
    /// The groups' queue visits by kind, when any group had return visits or pick-ups: a walk-in's
    /// wait is not the same figure as a pick-up's. Empty otherwise.
    func visitTable(_ queues: [Group]) -> String {
        let kinds: [(String, KeyPath<ByVisit, VisitFigures>)] = [("first", \.first), ("returning", \.returning), ("pickup", \.pickup)]
        let shown = queues.filter { g in g.by_visit.map { $0.returning.visits + $0.pickup.visits > 0 } ?? false }
        guard !shown.isEmpty else { return "" }
        var rows = [["hall", "group", "visit", "visits", "served", "gave up", "waiting", "wait mean", "max"]]
        for g in shown {
            guard let v = g.by_visit else { continue }
            for (name, path) in kinds where v[keyPath: path].visits > 0 {
                let f = v[keyPath: path]
                rows.append([
                    g.hall, g.group, name, Self.grouped(f.visits), Self.grouped(f.served), Self.grouped(f.gave_up),
                    Self.grouped(f.waiting), Self.fixed(f.wait_mean_s, 1), Self.fixed(f.wait_max_s, 1),
                ])
            }
        }
        return "\n" + Self.render(rows)
    }
}
