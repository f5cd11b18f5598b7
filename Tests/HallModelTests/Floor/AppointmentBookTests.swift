import CaseEngine
@testable import HallModel
import SimCore
import Testing

private func bookNetwork(perSlot: Int = 1, noShow: Double = 0) throws -> HallNetwork {
    try floorNetwork(horizon: .days(30), cases: nil) {
        $0.demand[0].appointments = AppointmentSpec(share: 1, slot: .minutes(15), noShow: noShow, lead: .days(1), perSlot: perSlot)
    }
}

@Test func appointmentBookGivesTheFirstSlotAtLeastTheLeadAhead() throws {
    let network = try bookNetwork()
    var book = AppointmentBook(network, seed: 1)
    let result = book.book(0, at: 0, horizon: .days(30))
    let booked = try #require(result)
    #expect(booked.at == ServiceCalendar.dayTicks)
    #expect(book.take(booked.booking).slot == ServiceCalendar.dayTicks)
}

@Test func appointmentBookFillsASlotUpToPerSlotBeforeTheNext() throws {
    let network = try bookNetwork(perSlot: 2)
    var book = AppointmentBook(network, seed: 1)
    let slots = (0 ..< 3).compactMap { _ in book.book(0, at: 0, horizon: .days(30)).map { book.bookings[$0.booking].slot } }
    #expect(slots == [ServiceCalendar.dayTicks, ServiceCalendar.dayTicks, ServiceCalendar.dayTicks + SimTime.minutes(15).ticks])
}

@Test func appointmentBookKeepsBookingsDueAfterTheHorizonOutOfTheBook() throws {
    let network = try bookNetwork()
    var book = AppointmentBook(network, seed: 1)
    let result = book.book(0, at: 0, horizon: .hours(1))
    let booked = try #require(result)
    #expect(booked.booking == -1)
    #expect(book.bookings.capacity == 0)
}

@Test func appointmentBookLeavesEntriesWithoutAppointmentsToWalkIn() throws {
    let network = try floorNetwork()
    var book = AppointmentBook(network, seed: 1)
    #expect(book.book(0, at: 0, horizon: .days(1))?.at == nil)
}

@Test func appointmentBookCountsANoShowInAndOutAndSendsWhoComesToWalkIn() throws {
    let network = try bookNetwork(noShow: 1)
    var book = AppointmentBook(network, seed: 1)
    var context = FloorContext(network: network, sink: EventBuffer())
    var scheduler = Scheduler<HallEvent>()
    let result = book.book(0, at: 0, horizon: .days(30))
    let noShow = try #require(result)
    #expect(book.keep(noShow.booking, &context, &scheduler) == nil)
    #expect(context.sink.events.map(\.kind) == [.submitted, .noShow])
    #expect(context.sink.events.allSatisfy { $0.channel == .appointment && $0.caseID == 0 })
    #expect(context.arrivedCount == 1 && context.finishedCount == 1)

    var comes = AppointmentBook(try bookNetwork(noShow: 0), seed: 1)
    let second = comes.book(0, at: 0, horizon: .days(30))
    let booked = try #require(second)
    #expect(comes.keep(booked.booking, &context, &scheduler) == 0, "the person comes: source 0 walks in")
    #expect(context.sink.events.count == 2 && context.arrivedCount == 1, "who comes is counted in by walking in")
}
