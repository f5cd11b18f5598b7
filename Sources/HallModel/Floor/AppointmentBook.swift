import CaseEngine
import SimCore

/// The appointment book: which sources book slots, the slots taken, and the bookings waiting for their day.
///
/// Of a demand entry with ``AppointmentSpec``, each person its process draws books with
/// probability `share` instead of walking in. They book, at that moment, the first slot of the
/// entry's (hall, service) with room that starts at least `lead` (one day) later: slots start every
/// `slot` from the start of each opening interval on days the service is offered (the rotation's
/// hours on rotated weekends) and end by the interval's end; each holds `perSlot` people (one),
/// whatever the number of windows. Who finds no slot within a year walks in at once. With
/// probability `noShow` the person does not come; otherwise they come at the slot's start plus a
/// punctuality offset (negative is early), kept inside the opening interval holding the slot.
/// Booking draws come from the stream "appointments/<hall>/<service>", so entries without
/// appointments draw exactly as before.
struct AppointmentBook: ~Copyable {
    /// A booked slot waiting for its day.
    struct Booking {
        var source: Int32
        /// The slot's start, in ticks.
        var slot: Int64
        /// Whether the person comes (else a no-show at the slot's start).
        var comes: Bool
    }

    let specs: [AppointmentSpec?]
    /// Whether each source's people may book: read on every arrival, so a plain flag (empty,
    /// allocating nothing, when no source books).
    let booking: [Bool]
    /// The network, day by day, the book belongs to (its calendar and opening hours), held once so that no call copies it.
    let daily: NetworkDays
    var streams: [RandomStream]
    var bookings = SlotList<Booking>()
    /// Per source: the latest slot booked, how many it holds, and its opening interval (absolute ticks).
    var lastSlot: [Int64]
    var lastSlotTaken: [Int]
    var lastSlotInterval: [DayInterval]
    /// When set (by tests), every appointment case's source and slot, in order of arrival.
    var log: [(caseID: UInt32, source: Int, slot: Int64)]?

    /// An empty book for the sources of `network`, with streams derived from `seed`.
    init(_ network: HallNetwork, seed: UInt64) {
        daily = NetworkDays(network)
        let sources = network.sources
        specs = sources.map(\.appointments)
        booking = specs.contains { $0 != nil } ? specs.map { $0 != nil } : []
        streams = sources.map { RandomStream(seed: seed, label: "appointments/" + $0.label) }
        lastSlot = Array(repeating: Int64.min, count: sources.count)
        lastSlotTaken = Array(repeating: 0, count: sources.count)
        lastSlotInterval = Array(repeating: DayInterval(from: 0, to: 0), count: sources.count)
    }

    /// A person of source `s` drawn at `now`: with the appointment share they book a slot.
    /// - Returns: `nil` when they walk in now instead (not drawn to book, or no free slot within a
    ///   year); otherwise the booking's index and when its event is due, or a booking of `-1` when
    ///   that is at or after `horizon` (booked, but after the end).
    mutating func book(_ s: Int, at now: Int64, horizon: SimTime) -> (booking: Int, at: Int64)? {
        guard let spec = specs[s] else { return nil }
        var rng = streams[s]
        defer { streams[s] = rng }
        guard rng.nextOpenUnit() < spec.share else { return nil }
        guard let (slot, open) = freeSlot(s, spec, from: now + max(0, spec.lead.ticks), until: now + 366 * ServiceCalendar.dayTicks) else {
            return nil
        }
        let comes = !(rng.nextOpenUnit() < spec.noShow)
        var at = slot
        if comes {
            let offset = spec.punctuality.shift + spec.punctuality.spread.sample(&rng)
            // An early comer arrives no sooner than the hall opens, nor before the moment they booked
            // (a slot booked the same day, `lead: 0d`): the slot itself is at or after both.
            at = (slot + SimTime.clamped(seconds: offset).ticks).clamped(to: max(open.from, now) ... open.to - 1)
        }
        guard at < horizon.ticks else { return (-1, at) }
        return (bookings.insert(Booking(source: Int32(s), slot: slot, comes: comes)), at)
    }

    /// The first slot of source `s` with room, starting at or after `from` and no later than `until`,
    /// with the absolute opening interval holding it; books a place in it.
    mutating func freeSlot(_ s: Int, _ spec: AppointmentSpec, from: Int64, until: Int64) -> (Int64, DayInterval)? {
        if lastSlot[s] >= from, lastSlotTaken[s] < spec.perSlot {
            lastSlotTaken[s] += 1
            return (lastSlot[s], lastSlotInterval[s])
        }
        let length = max(1, spec.slot.ticks)
        let earliest = max(from, lastSlot[s] &+ 1)
        var day = daily.network.calendar.dayIndex(at: SimTime(ticks: earliest))
        while daily.network.calendar.midnight(ofDay: day).ticks <= until {
            let midnight = daily.network.calendar.midnight(ofDay: day).ticks
            let tod = max(0, earliest - midnight)
            for x in daily.arrivalIntervals(source: s, on: daily.day(day)) where x.to > tod {
                let k = tod > x.from ? (tod - x.from + length - 1) / length : 0
                let start = x.from + k * length
                guard start + length <= x.to else { continue }
                let t = midnight + start
                guard t <= until else { return nil }
                lastSlot[s] = t
                lastSlotTaken[s] = 1
                lastSlotInterval[s] = DayInterval(from: midnight + x.from, to: midnight + x.to)
                return (t, lastSlotInterval[s])
            }
            day += 1
        }
        return nil
    }

    /// Whether people of source `s` may book (its demand entry has appointments).
    @inline(__always)
    func books(_ s: Int) -> Bool { !booking.isEmpty && booking[s] }

    /// Takes booking `b` out of the book as its day comes.
    mutating func take(_ b: Int) -> Booking {
        let booking = bookings[b]
        bookings.release(b)
        return booking
    }

    /// A person drawn by source `s`'s demand process: with the appointment share they book a slot
    /// and come (or not) on its day; returns `false` when they walk in now instead. Inlined into
    /// every arrival: without appointments it is one test.
    @inline(__always)
    mutating func bookIfDrawn(_ s: Int, horizon: SimTime, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard books(s), let (booking, at) = book(s, at: scheduler.now.ticks, horizon: horizon) else { return false }
        if booking >= 0 { scheduler.schedule(.appointment(booking: Int32(booking)), at: SimTime(ticks: at)) }
        return true
    }

    /// A booked person's time has come: at the slot's start a no-show (`submitted` and `noShow`), or
    /// they come and take a ticket.
    /// - Returns: the source of the person who comes, to walk in as an appointment holder; `nil` for a no-show.
    mutating func keep<Sink: CaseEventSink>(
        _ b: Int, _ context: inout FloorContext<Sink>, _ scheduler: inout Scheduler<HallEvent>
    ) -> Int? {
        let booking = take(b)
        let s = Int(booking.source)
        let caseID = UInt32(truncatingIfNeeded: context.arrivedCount)
        log?.append((caseID: caseID, source: s, slot: booking.slot))
        if booking.comes { return s }
        context.arrivedCount &+= 1
        let now = scheduler.now
        let hall = UInt16(daily.network.sources[s].hall)
        let service = UInt16(daily.network.sources[s].service)
        context.sink.recordOwned(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, channel: .appointment))
        context.sink.recordOwned(CaseEvent(
            .noShow, at: now, case: caseID, hall: hall, service: service, channel: .appointment,
            value: Int64(CaseState.Phase.submitted.rawValue)
        ))
        context.finishedCount &+= 1
        if context.finishedCount == context.caseLimit { scheduler.stop() }
        return nil
    }
}
