import CaseEngine
@testable import HallModel
import SimCore
import Testing

private let minute = SimTime.minutes(1).ticks
private let dayTicks = ServiceCalendar.dayTicks
private let openHours = [DayInterval((9, 0), (12, 0)), DayInterval((14, 30), (17, 30))]

/// One hall open 09:00–12:00 and 14:30–17:30 on working days (`hours: nil` for always open),
/// one group of `windows` serving one service, and one demand entry with `appointments`.
private func appointmentHall(
    perHour: Double, meanService: Double = 240, windows: Int = 4, days: Double, hours: [DayInterval]? = openHours,
    appointments: AppointmentSpec?, seed: UInt64 = 11
) -> ScenarioSpec {
    ScenarioSpec(
        name: "appointments", seed: seed, stop: StopRule(horizon: .days(days)),
        services: [ServiceSpec(id: "s", serviceTime: .exponential(mean: meanService))],
        halls: [HallSpec(
            id: "h", tier: .city, hours: hours.map { .schedule([.workday: $0]) } ?? .always, atClose: .serveQueue,
            windows: [WindowGroupSpec(id: "w", count: windows, serves: ["s"])]
        )],
        demand: [DemandSpec(service: "s", hall: "h", arrivals: .poisson(perSecond: perHour / 3600), appointments: appointments)]
    )
}

private struct LoggedRun {
    var events: [CaseEvent]
    /// Slot start per appointment case.
    var slots: [UInt32: Int64]
    var log: [(caseID: UInt32, source: Int, slot: Int64)]
}

/// Runs `spec` like ``HallRun`` does, keeping the floor's record of booked slots.
private func runLogged(_ spec: ScenarioSpec) throws -> LoggedRun {
    let network = HallNetwork(spec)
    var simulation = Simulation(handler: HallFloor(network: network, seed: spec.seed, sink: EventBuffer()), capacity: 64)
    simulation.handler.appointmentLog = []
    simulation.handler.start(&simulation.scheduler)
    simulation.run(until: network.stop.horizon ?? .never)
    let log = simulation.handler.appointmentLog ?? []
    var slots: [UInt32: Int64] = [:]
    for entry in log { slots[entry.caseID] = entry.slot }
    return LoggedRun(events: simulation.handler.sink.events, slots: slots, log: log)
}

/// The z value of a two-sided 99.9% band.
private let z999 = 3.2905

private let standard = AppointmentSpec(
    share: 0.5, slot: .minutes(3), noShow: 0.2, punctuality: .uniform(min: -600, max: 300)
)

@Test func theNoShowShareMatchesNoShowWithinABinomialBand() throws {
    let run = try runLogged(appointmentHall(perHour: 30, days: 200, appointments: standard))
    var booked = 0
    var noShows = 0
    for e in run.events {
        if e.kind == .submitted, e.channel == .appointment { booked += 1 }
        if e.kind == .noShow {
            noShows += 1
            #expect(e.channel == .appointment)
            #expect(e.value == Int64(CaseState.Phase.submitted.rawValue))
            #expect(e.window == 0)
            #expect(run.slots[e.caseID] == e.time.ticks, "a no-show is recorded at the slot's start")
        }
    }
    #expect(booked > 10_000)
    let p = standard.noShow
    let mean = Double(booked) * p
    let band = z999 * (Double(booked) * p * (1 - p)).squareRoot()
    #expect(abs(Double(noShows) - mean) <= band, "\(noShows) no-shows of \(booked) booked; expected \(mean) ± \(band)")
}

@Test func appointmentHoldersComeWithinTheirPunctualityOfASlotInsideOpeningHours() throws {
    let spec = appointmentHall(perHour: 30, days: 120, appointments: standard)
    let run = try runLogged(spec)
    let bounds = try #require(standard.punctuality.bounds)
    let length = standard.slot.ticks
    var came = 0
    var early = 0
    var late = 0
    let noShows = Set(run.events.filter { $0.kind == .noShow }.map(\.caseID))
    for e in run.events where e.kind == .submitted && e.channel == .appointment {
        let slot = try #require(run.slots[e.caseID])
        let slotTime = SimTime(ticks: slot)
        #expect(spec.calendar.dayType(spec.calendar.date(at: slotTime)) == .workday)
        let tod = slot % dayTicks
        let interval = openHours.first { $0.from <= tod && tod < $0.to }
        #expect(interval != nil, "slot at \(Double(tod) / Double(minute)) min of the day")
        if let interval {
            #expect(tod + length <= interval.to, "the slot ends by closing")
            #expect((tod - interval.from) % length == 0, "slots start every \(standard.slot) from opening")
        }
        #expect(inside(e.time, openHours), "nobody comes while the hall is closed")
        let offset = e.time.ticks - slot
        #expect(Double(offset) >= bounds.lowerBound * Double(SimTime.ticksPerSecond) - 1)
        #expect(Double(offset) <= bounds.upperBound * Double(SimTime.ticksPerSecond) + 1)
        if noShows.contains(e.caseID) { continue }
        came += 1
        if offset < 0 { early += 1 }
        if offset > 0 { late += 1 }
    }
    #expect(came > 5_000)
    #expect(early > came / 2, "two thirds of the offsets are early")
    #expect(late > came / 5, "a third are late")
}

@Test(arguments: [1, 3])
func noSlotIsBookedBeyondItsCapacityEvenWhenOversubscribed(perSlot: Int) throws {
    var appointments = AppointmentSpec(share: 1, slot: .minutes(5), noShow: 0.1, perSlot: perSlot)
    appointments.punctuality = .uniform(min: -300, max: 300)
    let run = try runLogged(appointmentHall(perHour: 40, windows: 6, days: 60, appointments: appointments))
    var taken: [Int64: Int] = [:]
    for entry in run.log { taken[entry.slot, default: 0] += 1 }
    #expect(run.log.count > 1_000)
    #expect(taken.values.allSatisfy { $0 <= perSlot }, "at most \(perSlot) per slot; found \(taken.values.max() ?? 0)")
    #expect(taken.values.contains(perSlot), "slots fill up")
    let caseIDs = run.log.map(\.caseID)
    #expect(Set(caseIDs).count == caseIDs.count)
}

@Test func aWaitingAppointmentHolderIsCalledBeforeAnyWalkInOfTheSameGroup() throws {
    let appointments = AppointmentSpec(share: 0.3, slot: .minutes(10), noShow: 0.1, punctuality: .uniform(min: -600, max: 300))
    let run = try runLogged(appointmentHall(perHour: 13, meanService: 250, windows: 1, days: 60, appointments: appointments))
    var waitingAppointments: [UInt16: Set<UInt32>] = [:]
    var waitingWalkIns: [UInt16: [UInt32: SimTime]] = [:]
    var channel: [UInt32: CaseEvent.Channel] = [:]
    var overtakes = 0
    var walkInsCalled = 0
    for e in run.events {
        switch e.kind {
        case .submitted:
            channel[e.caseID] = e.channel
        case .ticketIssued:
            #expect(e.channel == channel[e.caseID])
            if e.channel == .appointment {
                waitingAppointments[e.group, default: []].insert(e.caseID)
            } else {
                waitingWalkIns[e.group, default: [:]][e.caseID] = e.time
            }
        case .called:
            #expect(e.channel == channel[e.caseID], "every event of a case carries its channel")
            if e.channel == .appointment {
                waitingAppointments[e.group]?.remove(e.caseID)
                if waitingWalkIns[e.group]?.isEmpty == false { overtakes += 1 }
            } else {
                walkInsCalled += 1
                #expect(waitingAppointments[e.group]?.isEmpty ?? true,
                        "walk-in \(e.caseID) called at \(e.time) while appointment holders wait: \(waitingAppointments[e.group] ?? [])")
                waitingWalkIns[e.group]?[e.caseID] = nil
            }
        case .abandoned:
            waitingAppointments[e.group]?.remove(e.caseID)
            waitingWalkIns[e.group]?[e.caseID] = nil
        case .serviceCompleted:
            #expect(e.channel == channel[e.caseID])
        default: break
        }
    }
    #expect(walkInsCalled > 1_000)
    #expect(overtakes > 50, "appointment holders overtook waiting walk-ins \(overtakes) times")
}

@Test func walkInsAndAppointmentsTogetherFollowTheDemandRate() throws {
    let perHour = 60.0
    let share = 0.3
    let days = 100.0
    let appointments = AppointmentSpec(share: share, slot: .minutes(1), noShow: 0.25, punctuality: .uniform(min: -120, max: 120))
    let spec = appointmentHall(perHour: perHour, meanService: 60, windows: 3, days: days, hours: nil, appointments: appointments)
    let run = try runLogged(spec)
    var walkIns = 0
    var booked = 0
    for e in run.events where e.kind == .submitted {
        if e.channel == .appointment { booked += 1 } else if e.window == 0 { walkIns += 1 }
    }
    // Bookings made in the last day (the lead) fall after the horizon.
    let expected = perHour * 24 * (days - share)
    let band = z999 * expected.squareRoot()
    #expect(abs(Double(walkIns + booked) - expected) <= band, "\(walkIns) walk-ins + \(booked) appointments; expected \(expected) ± \(band)")
    let expectedBooked = perHour * 24 * (days - 1) * share
    let bookedBand = z999 * expectedBooked.squareRoot()
    #expect(abs(Double(booked) - expectedBooked) <= bookedBand, "\(booked) appointments; expected \(expectedBooked) ± \(bookedBand)")
}

@Test func aZeroShareDrawsExactlyLikeNoAppointments() throws {
    let plain = appointmentHall(perHour: 30, days: 20, appointments: nil)
    let zero = appointmentHall(perHour: 30, days: 20, appointments: AppointmentSpec(share: 0, slot: .minutes(15)))
    #expect(try events(plain, seed: 3) == events(zero, seed: 3))
}

@Test func appointmentEventsFitTheCaseLifecycleAndTheKPIs() throws {
    var spec = appointmentHall(perHour: 30, meanService: 400, windows: 3, days: 40, appointments: standard)
    spec.behaviour = BehaviourSpec(patience: .exponential(mean: 1200), returnVisit: ReturnVisitSpec(probability: 0.3, afterDays: .deterministic(2)))
    spec.halls[0].atClose = .sendHome
    let network = HallNetwork(spec)
    let (_, sink) = HallRun.run(network, seed: 4, sink: Tee(Tee(KPIProjection(catalog: network.catalog), CaseStates()), EventBuffer()))
    #expect(sink.first.second.misfit == nil, "\(String(describing: sink.first.second.misfit))")
    let noShows = sink.second.events.filter { $0.kind == .noShow }.count
    #expect(noShows > 100)
    #expect(sink.first.first.abandonedByReason.noShow == noShows)
    #expect(sink.second.events.contains { $0.kind == .abandoned && $0.channel == .appointment }, "appointment holders may give up too")
}
