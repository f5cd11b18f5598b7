public import Experiments

/// The figures an experiment compares, read from a run's summary: per place, the KPIs of
/// ``KPI`` that the place has (docs/experiments.md lists them).
extension Summary {
    public var figures: FigureSet {
        var set = FigureSet()
        func share(_ part: Int, of whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        func waits(_ scope: Scope, _ w: Waits) {
            guard w.count > 0 else { return }
            set.set(scope, .waitMean, w.mean)
            set.set(scope, .waitP90, w.p90)
        }
        waits(.overall, wait_s)
        set.set(.overall, .serviceLevel, service_level)
        set.set(.overall, .abandonedShare, share(cases.abandoned, of: cases.arrived))
        for place in tiers + halls {
            let scope: Scope = place.hall.map { .hall($0) } ?? .tier(place.tier)
            waits(scope, place.wait_s)
            set.set(scope, .serviceLevel, place.service_level)
            set.set(scope, .abandonedShare, share(place.abandoned, of: place.arrived))
            set.set(scope, .utilisation, place.utilisation)
            set.set(scope, .queueMean, place.queue_mean)
        }
        for g in groups where g.kind == nil || g.kind == "kiosk" {
            let scope = Scope.group(hall: g.hall, group: g.group)
            waits(scope, g.wait_s)
            set.set(scope, .serviceLevel, g.service_level)
            set.set(scope, .abandonedShare, share(g.abandoned, of: g.arrived))
            set.set(scope, .utilisation, g.utilisation)
            set.set(scope, .queueMean, g.queue_mean)
        }
        for d in departments ?? [] {
            let scope = Scope.department(hall: d.hall, department: d.department)
            set.set(scope, .onTimePromised, d.on_time_promised)
            set.set(scope, .onTimeStatutory, d.on_time_statutory)
            set.set(scope, .backlogMean, d.backlog.mean)
        }
        for c in channels ?? [] where c.lead_time_h.count > 0 {
            set.set(.channel(c.channel), .leadTimeMean, c.lead_time_h.mean)
            set.set(.channel(c.channel), .leadTimeP90, c.lead_time_h.p90)
        }
        return set
    }
}
