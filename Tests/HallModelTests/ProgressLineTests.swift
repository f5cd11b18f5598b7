import CaseEngine
import HallModel
import Reports
import SimCore
import Testing

@Test func theProgressLineShowsDateCasesSpeedAndTimeLeft() {
    let date = CalendarDate(year: 2024, month: 3, day: 14)!
    #expect(ProgressLine.text(date: date, cases: 1_234_567, eventsPerSecond: 12_340_000, secondsLeft: 41.2)
        == "2024-03-14 · 1,234,567 cases · 12.3 M events/s · 41 s left")
    #expect(ProgressLine.text(date: date, cases: 12, eventsPerSecond: 980_000, secondsLeft: 750)
        == "2024-03-14 · 12 cases · 980 k events/s · 13 min left")
    #expect(ProgressLine.text(date: date, cases: 0, eventsPerSecond: 0, secondsLeft: nil) == "2024-03-14 · 0 cases · 0 events/s")
    #expect(ProgressLine.secondsLeft(elapsed: 10, done: 0.25) == 30)
    #expect(ProgressLine.secondsLeft(elapsed: 10, done: 0) == nil)
}

@Test func runningInDaySlicesWithProgressHandlesTheSameEvents() throws {
    let spec = channelHall(hours: morningAndAfternoon, perHour: 20, online: 0.3, days: 10)
    let network = HallNetwork(spec)
    let (plain, a) = HallRun.run(network, seed: 3, sink: EventBuffer())
    var reports = 0
    let (sliced, b) = HallRun.run(network, seed: 3, sink: EventBuffer()) { _ in reports += 1 }
    #expect(plain.kernelEvents == sliced.kernelEvents)
    #expect(plain.end == sliced.end)
    #expect(a.events == b.events)
    #expect(reports == 9)
    // A run that stops by its case limit ends where the plain run ends.
    let mmcSpec = mmc(lambdaPerHour: 540, meanService: 60, c: 10, cases: 5000)
    let m = HallNetwork(mmcSpec)
    let (p1, _) = HallRun.run(m, seed: 1, sink: EventBuffer())
    let (p2, _) = HallRun.run(m, seed: 1, sink: EventBuffer()) { _ in }
    #expect(p1.end == p2.end && p1.kernelEvents == p2.kernelEvents)
}
