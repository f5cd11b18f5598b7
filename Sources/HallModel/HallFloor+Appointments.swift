import CaseEngine
import SimCore

/// A booked slot waiting for its day.
struct Booking {
    var source: Int32
    /// The slot's start, in ticks.
    var slot: Int64
    /// Whether the person comes (else a no-show at the slot's start).
    var comes: Bool
}

extension HallFloor {
    /// A person drawn by source `s`'s demand process: with the appointment share they book a slot
    /// and come (or not) on its day; returns `false` when they walk in now instead (not drawn to
    /// book, or no free slot within a year).
    mutating func book(_ s: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard let spec = appointments[s] else { return false }
        var rng = appointmentStreams[s]
        defer { appointmentStreams[s] = rng }
        guard rng.nextOpenUnit() < spec.share else { return false }
        let now = scheduler.now.ticks
        guard let (slot, open) = freeSlot(s, spec, from: now + max(0, spec.lead.ticks), until: now + 366 * ServiceCalendar.dayTicks) else {
            return false
        }
        let comes = !(rng.nextOpenUnit() < spec.noShow)
        var at = slot
        if comes {
            let offset = spec.punctuality.shift + spec.punctuality.spread.sample(&rng)
            at = (slot + SimTime.seconds(offset).ticks).clamped(to: open.from ... open.to - 1)
        }
        guard at < horizon.ticks else { return true }
        let booking = Booking(source: Int32(s), slot: slot, comes: comes)
        let index: Int32
        if let free = vacantBookings.popLast() {
            bookings[Int(free)] = booking
            index = free
        } else {
            bookings.append(booking)
            index = Int32(bookings.count - 1)
        }
        scheduler.schedule(.appointment(booking: index), at: SimTime(ticks: at))
        return true
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
        var day = network.calendar.dayIndex(at: SimTime(ticks: earliest))
        while network.calendar.midnight(ofDay: day).ticks <= until {
            let midnight = network.calendar.midnight(ofDay: day).ticks
            let tod = max(0, earliest - midnight)
            for x in network.arrivalIntervals(source: s, on: network.day(day)) where x.to > tod {
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

    /// A booked person's time has come: they take a ticket, or at the slot's start turn out not to come.
    mutating func keepAppointment(_ b: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let booking = bookings[b]
        vacantBookings.append(Int32(b))
        let s = Int(booking.source)
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        appointmentLog?.append((caseID: caseID, source: s, slot: booking.slot))
        if booking.comes {
            arrive(s, visit: 0, channel: .appointment, &scheduler)
            return
        }
        arrivedCount &+= 1
        let now = scheduler.now
        let hall = sourceHall[s]
        let service = sourceService[s]
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, channel: .appointment))
        sink.record(CaseEvent(
            .noShow, at: now, case: caseID, hall: hall, service: service, channel: .appointment,
            value: Int64(CaseState.Phase.submitted.rawValue)
        ))
        finishedCount &+= 1
        if finishedCount == caseLimit { scheduler.stop() }
    }
}

extension HallNetwork {
    static func check(_ a: AppointmentSpec, _ what: String) throws(ModelError) {
        guard (0 ... 1).contains(a.share) else { throw ModelError("\(what): the share must be in 0...1") }
        guard (0 ... 1).contains(a.noShow) else { throw ModelError("\(what): the no-show probability must be in 0...1") }
        guard a.slot > .zero else { throw ModelError("\(what): the slot must be positive") }
        guard a.lead >= .zero else { throw ModelError("\(what): the lead must not be negative") }
        guard a.perSlot >= 1 else { throw ModelError("\(what): per_slot must be at least 1") }
        guard a.punctuality.shift.isFinite else { throw ModelError("\(what): the punctuality is not finite") }
        if let problem = a.punctuality.spread.validated() { throw ModelError("\(what): punctuality \(problem)") }
    }
}
