import CaseEngine
import SimCore

/// Appointments: booking a slot when drawn, and the booked person's day.
extension HallFloor {
    /// A person drawn by source `s`'s demand process: with the appointment share they book a slot
    /// and come (or not) on its day; returns `false` when they walk in now instead.
    mutating func book(_ s: Int, _ scheduler: inout Scheduler<HallEvent>) -> Bool {
        guard appointments.books(s), let (booking, at) = appointments.book(s, at: scheduler.now.ticks, horizon: horizon) else { return false }
        if booking >= 0 { scheduler.schedule(.appointment(booking: Int32(booking)), at: SimTime(ticks: at)) }
        return true
    }

    /// A booked person's time has come: they take a ticket, or at the slot's start turn out not to come.
    mutating func keepAppointment(_ b: Int, _ scheduler: inout Scheduler<HallEvent>) {
        let booking = appointments.take(b)
        let s = Int(booking.source)
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        appointments.log?.append((caseID: caseID, source: s, slot: booking.slot))
        if booking.comes {
            arrive(s, visit: 0, channel: .appointment, &scheduler)
            return
        }
        arrivedCount &+= 1
        let now = scheduler.now
        let hall = sources.hall[s]
        let service = sources.service[s]
        sink.record(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, channel: .appointment))
        sink.record(CaseEvent(
            .noShow, at: now, case: caseID, hall: hall, service: service, channel: .appointment,
            value: Int64(CaseState.Phase.submitted.rawValue)
        ))
        finishedCount &+= 1
        if finishedCount == caseLimit { scheduler.stop() }
    }
}
