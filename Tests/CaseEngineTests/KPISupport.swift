@testable import CaseEngine
import SimCore

/// The time `day` days and `h:m:s` after time zero.
func at(_ day: Int, _ h: Int, _ m: Int = 0, _ s: Double = 0) -> SimTime {
    SimTime.days(Double(day)) + .hours(Double(h)) + .minutes(Double(m)) + .seconds(s)
}

/// Builds an event stream in time order with the phases and values the simulator writes.
struct StreamBuilder {
    var events: [CaseEvent] = []
    var nextCase: UInt32 = 0

    mutating func staff(hall: UInt16, group: UInt16, _ windows: Int64, at time: SimTime) {
        events.append(CaseEvent(.staffingChanged, at: time, hall: hall, group: group, value: windows))
    }

    /// A walk-in submitted at `time`; returns its case id.
    mutating func submit(hall: UInt16, service: UInt16, visit: UInt16 = 0, at time: SimTime) -> UInt32 {
        defer { nextCase += 1 }
        events.append(CaseEvent(.submitted, at: time, case: nextCase, hall: hall, service: service, window: visit, channel: .walkIn))
        return nextCase
    }

    mutating func ticket(_ id: UInt32, hall: UInt16, group: UInt16, service: UInt16, at time: SimTime) {
        events.append(CaseEvent(.ticketIssued, at: time, case: id, hall: hall, group: group, service: service))
    }

    mutating func call(_ id: UInt32, hall: UInt16, group: UInt16, service: UInt16, window: UInt16, waited: SimTime, at time: SimTime) {
        events.append(CaseEvent(.called, at: time, case: id, hall: hall, group: group, service: service, window: window, value: waited.ticks))
    }

    mutating func complete(_ id: UInt32, hall: UInt16, group: UInt16, service: UInt16, window: UInt16, took: SimTime, at time: SimTime) {
        events.append(CaseEvent(.serviceCompleted, at: time, case: id, hall: hall, group: group, service: service, window: window, value: took.ticks))
    }

    /// A person giving up: from the queue (reneged, sent home) or before taking a ticket (balked).
    mutating func abandon(_ id: UInt32, hall: UInt16, group: UInt16, service: UInt16, _ reason: AbandonReason, at time: SimTime) {
        let left: CaseState.Phase = reason == .balked ? .submitted : .queued
        events.append(CaseEvent(.abandoned, at: time, case: id, hall: hall, group: group, service: service, window: reason.rawValue, value: Int64(left.rawValue)))
    }

    mutating func end(at time: SimTime) {
        events.append(CaseEvent(.runEnded, at: time, value: 123))
    }
}

/// Folds `events` into a fresh projection of `catalog`.
func fold(_ events: [CaseEvent], _ catalog: Catalog) -> KPIProjection {
    var kpis = KPIProjection(catalog: catalog)
    for e in events { kpis.record(e) }
    return kpis
}

/// Whether two figures agree to within rounding.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }
