import Experiments

/// The figures an experiment compares, read from a run's ``Summary``: the run's, each tier's,
/// hall's and front-desk group's waits, service level, abandonment, utilisation and queue; each
/// department's deadlines and backlog; each channel's lead time (docs/experiments.md lists them).
/// A place has a figure only where the summary has it (waits only where someone was called).
struct SummaryFigures {
    /// The summary read.
    let summary: Summary

    /// The figures of `summary`.
    init(_ summary: Summary) {
        self.summary = summary
    }

    /// Every figure the summary has, by place and KPI.
    var set: FigureSet {
        let s = summary
        var set = FigureSet()
        func share(_ part: Int, of whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        func waits(_ scope: Scope, _ w: Summary.Waits) {
            guard w.count > 0 else { return }
            set.set(scope, .waitMean, w.mean)
            set.set(scope, .waitP90, w.p90)
        }
        waits(.overall, s.wait_s)
        set.set(.overall, .serviceLevel, s.service_level)
        set.set(.overall, .abandonedShare, share(s.cases.abandoned, of: s.cases.arrived))
        for place in s.tiers + s.halls {
            let scope: Scope = place.hall.map { .hall($0) } ?? .tier(place.tier)
            waits(scope, place.wait_s)
            set.set(scope, .serviceLevel, place.service_level)
            set.set(scope, .abandonedShare, share(place.abandoned, of: place.arrived))
            set.set(scope, .utilisation, place.utilisation)
            set.set(scope, .queueMean, place.queue_mean)
        }
        for g in s.groups where g.kind == nil || g.kind == "kiosk" {
            let scope = Scope.group(hall: g.hall, group: g.group)
            waits(scope, g.wait_s)
            set.set(scope, .serviceLevel, g.service_level)
            set.set(scope, .abandonedShare, share(g.abandoned, of: g.arrived))
            set.set(scope, .utilisation, g.utilisation)
            set.set(scope, .queueMean, g.queue_mean)
        }
        for d in s.departments ?? [] {
            let scope = Scope.department(hall: d.hall, department: d.department)
            set.set(scope, .onTimePromised, d.on_time_promised)
            set.set(scope, .onTimeStatutory, d.on_time_statutory)
            set.set(scope, .backlogMean, d.backlog.mean)
        }
        for c in s.channels ?? [] where c.lead_time_h.count > 0 {
            set.set(.channel(c.channel), .leadTimeMean, c.lead_time_h.mean)
            set.set(.channel(c.channel), .leadTimeP90, c.lead_time_h.p90)
        }
        return set
    }
}
