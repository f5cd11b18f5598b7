public import SimCore

/// How cases of one service arrive at one hall.
///
/// The arrival rate at a moment is the base rate × `factor` × the profile's factors for
/// that hour, weekday and month while the hall (or, on a rotated weekend, the service) is
/// open. The entry's volume on a day is that rate integrated over the hall's open hours;
/// `channels` split that volume, each channel spreading its share over its own hours (see
/// ``HallNetwork`` for the rules). On a day the hall or service is closed, the volume the
/// hall's working-day hours would have had is lost or moved to the next opening (`closedDays`).
public struct DemandSpec: Sendable, Equatable {
    public var service: String
    public var hall: String
    public var arrivals: ArrivalProcess
    /// A multiplier of the rate (families of halls vary demand with it).
    public var factor: Double
    public var profile: DemandProfile
    /// Overrides the scenario's behaviour for these people, when set.
    public var behaviour: BehaviourSpec?
    /// A share of these people book a slot instead of walking in, when set.
    public var appointments: AppointmentSpec?
    /// How the arrivals split over channels (shares summing to 1); empty: all walk in.
    /// Online and mobile cases come at any hour (shaped by the profile), never use a window,
    /// and go straight to the back office; kiosk cases use the hall's kiosks.
    public var channels: [ChannelShare]
    /// What becomes of the entry's volume on a day its hall or service is closed.
    public var closedDays: ClosedDays = .lost

    public init(
        service: String, hall: String, arrivals: ArrivalProcess, factor: Double = 1, profile: DemandProfile = DemandProfile(),
        behaviour: BehaviourSpec? = nil, appointments: AppointmentSpec? = nil, channels: [ChannelShare] = [],
        closedDays: ClosedDays = .lost
    ) {
        self.closedDays = closedDays
        self.service = service
        self.hall = hall
        self.arrivals = arrivals
        self.factor = factor
        self.profile = profile
        self.behaviour = behaviour
        self.appointments = appointments
        self.channels = channels
    }
}

/// Appointments of a demand entry: `share` of its arrival process books a slot instead of walking in.
///
/// A person drawn by the demand process books, at that moment, the first free slot of the
/// entry's (hall, service) at least `lead` later. Slots start every `slot` from the start of
/// each opening interval of the day (the rotation's on rotated weekends; none on a day the
/// service is not offered) and must end by the interval's end; each holds `perSlot` people.
/// See ``HallFloor`` for what happens on the day.
public struct AppointmentSpec: Sendable, Equatable {
    /// The share of the entry's arrivals that book instead of walking in, in 0...1.
    public var share: Double
    /// The length of a slot, and the spacing of slot starts.
    public var slot: SimTime
    /// The probability that a booked person does not come, in 0...1.
    public var noShow: Double
    /// When a person who comes arrives, relative to the slot's start.
    public var punctuality: PunctualitySpec
    /// The least time between booking and the slot (one day by default: people book for a later day).
    public var lead: SimTime
    /// People per slot (one by default).
    public var perSlot: Int

    public init(
        share: Double, slot: SimTime, noShow: Double = 0, punctuality: PunctualitySpec = PunctualitySpec(),
        lead: SimTime = .days(1), perSlot: Int = 1
    ) {
        self.share = share
        self.slot = slot
        self.noShow = noShow
        self.punctuality = punctuality
        self.lead = lead
        self.perSlot = perSlot
    }
}

/// A signed offset in seconds: `shift` (negative is early) plus a draw of the non-negative `spread`.
///
/// `uniform: { min: -10m, max: 5m }` is `shift` −600 s and `spread` uniform 0…900 s.
public struct PunctualitySpec: Sendable, Equatable {
    /// Seconds added to every draw; negative means early.
    public var shift: Double
    /// A non-negative distribution in seconds.
    public var spread: Distribution

    /// On time: no offset.
    public init(shift: Double = 0, spread: Distribution = .deterministic(0)) {
        self.shift = shift
        self.spread = spread
    }

    /// Uniformly between `min` and `max` seconds (either may be negative).
    public static func uniform(min: Double, max: Double) -> PunctualitySpec {
        PunctualitySpec(shift: min, spread: .uniform(min: 0, max: max - min))
    }

    /// The least and greatest offset a draw can give, when the spread is bounded.
    public var bounds: ClosedRange<Double>? {
        switch spread {
        case .deterministic(let v): return shift + v ... shift + v
        case .uniform(let lo, let hi), .triangular(let lo, _, let hi): return shift + lo ... shift + hi
        default: return nil
        }
    }
}

/// Factors that shape a rate over the day, the week and the year (all 1 by default).
public struct DemandProfile: Sendable, Equatable {
    /// Factors over equal steps of the day from 00:00: 24, one per hour, unless the scenario gives a
    /// finer step (`every: 15m` with `factors`: 96 of them).
    public var hourly: [Double]
    /// 7 factors, Monday to Sunday.
    public var weekday: [Double]
    /// 12 factors, January to December (e.g. ×3 in March and September for housing subsidies).
    public var monthly: [Double]
    /// 24 factors shaping the online and mobile shares over the whole day (``remoteDefault`` unless given).
    public var remoteHourly: [Double] = DemandProfile.remoteDefault

    public init(hourly: [Double] = Array(repeating: 1, count: 24), weekday: [Double] = Array(repeating: 1, count: 7), monthly: [Double] = Array(repeating: 1, count: 12)) {
        self.hourly = hourly
        self.weekday = weekday
        self.monthly = monthly
    }

    /// The default intra-day shape of online and mobile arrivals: quiet at night (0.2 from 00:00
    /// to 07:00), rising in the morning, 1.5 in office hours (09:00–12:00, 14:00–17:00), 1.2 in
    /// the evening (19:00–22:00).
    public static let remoteDefault: [Double] = [
        0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1.0, 1.5, 1.5, 1.5,
        1.0, 1.0, 1.5, 1.5, 1.5, 1.0, 1.0, 1.2, 1.2, 1.2, 0.8, 0.4,
    ]

    /// Whether every factor is 1.
    public var isFlat: Bool { (hourly + weekday + monthly).allSatisfy { $0 == 1 } }
}

/// What becomes of a demand entry's volume on a day its hall or service is closed.
public enum ClosedDays: String, Sendable, Equatable, CaseIterable {
    /// Nobody comes by any channel that day (the default).
    case lost
    /// The day's volume is added to the next day the hall offers the service, split over channels as usual.
    case nextOpening = "next_opening"
}

/// An arrival process.
public enum ArrivalProcess: Sendable, Equatable {
    /// A Poisson process with the given base rate in arrivals per second (shaped by the demand's profile).
    case poisson(perSecond: Double)
}
