import CaseEngine
import SimCore

extension NetworkCompiler {
    /// Step 4: every demand entry × channel with a share becomes an arrival source, with its
    /// eligible groups (a range of ``routes``) and the groups where its results are picked up.
    ///
    /// - Walk-ins, outlet and hotline demand go to the hall's window groups serving the service;
    ///   kiosk demand to the hall's kiosks; online and mobile demand to no group at all.
    /// - The rate is the entry's, times its factor and the channel's share (how channels spread
    ///   their share of the day's volume: ``HallNetwork/rateSegments(source:on:into:)``); the
    ///   behaviour is the scenario's, overridden key by key by the entry's; appointments apply to
    ///   walk-ins only.
    /// - Each source draws from streams labelled `hall/service` (walk-ins) or `hall/service/channel`.
    mutating func compileSources() {
        for d in spec.demand {
            guard let h = hallIndex[d.hall] else { invalid("demand names unknown hall '\(d.hall)'") }
            guard let s = serviceIndex[d.service] else { invalid("demand names unknown service '\(d.service)'") }
            let hallKind = spec.halls[h].kind
            var shares = d.channels.isEmpty ? [ChannelShare(.walkIn, 1)] : d.channels
            if hallKind != .hall {
                guard d.channels.isEmpty else { invalid("demand at \(hallKind.rawValue) '\(d.hall)' cannot split over channels") }
                shares = [ChannelShare(hallKind == .outlet ? .outlet : .hotline, 1)]
            }
            let total = shares.reduce(0) { $0 + $1.share }
            guard shares.allSatisfy({ $0.share >= 0 && $0.share <= 1 }), abs(total - 1) < 1e-9 else {
                invalid("the channel shares of '\(d.service)' at '\(d.hall)' must be in 0...1 and sum to 1")
            }
            let pickupStart = routes.count
            routes.append(contentsOf: groupsServing[[h, s]] ?? [])
            let pickupRoutes = pickupStart ..< routes.count
            for share in shares where share.share > 0 {
                addSource(d, hall: h, service: s, channel: share.channel, share: share.share, pickupRoutes: pickupRoutes)
            }
        }
        guard !sources.isEmpty else { invalid("there is no demand") }
        let labels = sources.map(\.label)
        guard Set(labels).count == labels.count else { invalid("two demand entries for the same service and hall") }
    }

    /// One source: demand entry `d` at hall `h` for service `s` by `channel`.
    mutating func addSource(
        _ d: DemandSpec, hall h: Int, service s: Int, channel: CaseEvent.Channel, share: Double, pickupRoutes: Range<Int>
    ) {
        let eligible: [Int]
        switch channel {
        case .walkIn, .outlet, .hotline:
            guard let groups = groupsServing[[h, s]] else { invalid("no window group in hall '\(d.hall)' serves '\(d.service)'") }
            eligible = groups
        case .kiosk:
            guard let g = kioskServing[[h, s]] else { invalid("no kiosk in hall '\(d.hall)' offers '\(d.service)'") }
            eligible = [g]
        case .online, .mobile:
            eligible = []
        default:
            invalid("demand of '\(d.service)' at '\(d.hall)' cannot come by channel \(channel)")
        }
        let base: Double
        switch d.arrivals {
        case .poisson(let perSecond): base = perSecond
        }
        let rate = base * d.factor * share
        guard rate > 0, rate.isFinite else { invalid("arrival rate of '\(d.service)' at '\(d.hall)' must be positive") }
        let p = d.profile
        guard p.hourly.count >= 24, ServiceCalendar.dayTicks % Int64(p.hourly.count) == 0, p.weekday.count == 7, p.monthly.count == 12, p.remoteHourly.count == 24,
              (p.hourly + p.weekday + p.monthly + p.remoteHourly).allSatisfy({ $0 >= 0 && $0.isFinite })
        else { invalid("the demand profile of '\(d.service)' at '\(d.hall)' needs 24 hourly (or a finer step of the day), 7 weekday, 12 monthly and 24 remote hourly factors, none negative") }
        var behaviour = spec.behaviour
        if let own = d.behaviour {
            behaviour.patience = own.patience ?? behaviour.patience
            behaviour.balkAt = own.balkAt ?? behaviour.balkAt
            behaviour.returnVisit = own.returnVisit ?? behaviour.returnVisit
        }
        HallNetwork.check(behaviour, "the behaviour of '\(d.service)' at '\(d.hall)'")
        if let a = d.appointments { HallNetwork.check(a, "the appointments of '\(d.service)' at '\(d.hall)'") }
        let start = routes.count
        routes.append(contentsOf: eligible)
        let service = spec.services[s]
        sources.append(HallNetwork.Source(
            hall: h, service: s, rate: rate, profile: p, onRotation: rotationServices.contains([h, s]) || channel == .kiosk,
            routes: start ..< routes.count, behaviour: behaviour,
            label: channel == .walkIn ? "\(d.hall)/\(d.service)" : "\(d.hall)/\(d.service)/\(channel)",
            appointments: channel == .walkIn ? d.appointments : nil, channel: channel,
            serviceTime: channel == .kiosk ? service.selfServiceTime ?? service.serviceTime : service.serviceTime,
            pickupRoutes: pickupRoutes, entryRate: base * d.factor, share: share, closedDays: d.closedDays,
            serviceOnRotation: rotationServices.contains([h, s]),
            shape: channel == .online || channel == .mobile ? p.remoteHourly : p.hourly
        ))
    }
}
