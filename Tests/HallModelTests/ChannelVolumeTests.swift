import CaseEngine
import HallModel
import SimCore
import Testing

/// Two layouts of a hall's hours, both open every day (so no volume is lost or moved).
let morningAndAfternoon = OpeningHours.schedule([
    .workday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 0), (17, 30))],
    .weekend: [DayInterval((9, 0), (12, 0)), DayInterval((14, 0), (17, 30))],
    .holiday: [DayInterval((9, 0), (12, 0)), DayInterval((14, 0), (17, 30))],
])
let longDay = OpeningHours.schedule([
    .workday: [DayInterval((7, 0), (21, 0))], .weekend: [DayInterval((7, 0), (21, 0))], .holiday: [DayInterval((7, 0), (21, 0))],
])
let workdaysOnly = OpeningHours.schedule([.workday: [DayInterval((9, 0), (17, 0))]])

/// One hall, one service without a back office, `perHour` walk-ins while open, `online` of the volume online.
func channelHall(hours: OpeningHours, perHour: Double, online: Double, days: Int, closedDays: ClosedDays = .lost) -> ScenarioSpec {
    let channels = online > 0 ? [ChannelShare(.walkIn, 1 - online), ChannelShare(.online, online)] : []
    return ScenarioSpec(
        name: "channels", seed: 7, stop: StopRule(horizon: .days(Double(days))),
        services: [ServiceSpec(id: "permit", serviceTime: .exponential(mean: 60))],
        halls: [HallSpec(id: "hall", tier: .city, hours: hours, windows: [WindowGroupSpec(id: "w", count: 4, serves: ["permit"])])],
        demand: [DemandSpec(service: "permit", hall: "hall", arrivals: .poisson(perSecond: perHour / 3600), channels: channels, closedDays: closedDays)]
    )
}

/// The expected cases of each channel over `days` days, from the compiled rates.
func expectedByChannel(_ network: HallNetwork, days: Int) -> [CaseEvent.Channel: Double] {
    var expected: [CaseEvent.Channel: Double] = [:]
    let load = OfferedLoad(network)
    for s in network.sources.indices { expected[network.sources[s].channel, default: 0] += load.expectedCases(source: s, days: days) }
    return expected
}

/// First visits by channel: each case's first `submitted` event.
struct FirstVisits: CaseEventSink {
    var seen = Set<UInt32>()
    var byChannel: [CaseEvent.Channel: Int] = [:]
    mutating func record(_ e: CaseEvent) {
        guard e.kind == .submitted, seen.insert(e.caseID).inserted else { return }
        byChannel[e.channel, default: 0] += 1
    }
}

@Test(arguments: [("09–12, 14–17:30", 6.5), ("07–21", 14.0)])
func anOnlineShareIsThatShareOfTheEntrysVolumeWhateverTheHours(layout: (name: String, hours: Double)) throws {
    let hours = layout.hours == 6.5 ? morningAndAfternoon : longDay
    let network = HallNetwork(channelHall(hours: hours, perHour: 10, online: 0.3, days: 28))
    let expected = expectedByChannel(network, days: 28)
    let total = expected.values.reduce(0, +)
    // The entry's volume is its rate over the hall's open hours, whatever the split.
    #expect(abs(total - 10 * layout.hours * 28) < 1e-6 * total)
    #expect(abs(expected[.online, default: 0] / total - 0.3) < 1e-12)
}

@Test func raisingTheOnlineShareKeepsTheEntrysVolumeExactly() throws {
    for hours in [morningAndAfternoon, longDay, workdaysOnly] {
        let low = expectedByChannel(HallNetwork(channelHall(hours: hours, perHour: 10, online: 0.3, days: 28)), days: 28)
        let high = expectedByChannel(HallNetwork(channelHall(hours: hours, perHour: 10, online: 0.6, days: 28)), days: 28)
        let none = expectedByChannel(HallNetwork(channelHall(hours: hours, perHour: 10, online: 0, days: 28)), days: 28)
        let totals = [low, high, none].map { $0.values.reduce(0, +) }
        #expect(abs(totals[0] - totals[2]) < 1e-9 * totals[2])
        #expect(abs(totals[1] - totals[2]) < 1e-9 * totals[2])
        #expect(abs(high[.online, default: 0] / totals[1] - 0.6) < 1e-12)
    }
}

@Test(arguments: [0, 1])
func aRunCountsThirtyPercentOnlineOnEitherLayout(layout: Int) throws {
    let spec = channelHall(hours: layout == 0 ? morningAndAfternoon : longDay, perHour: 20, online: 0.3, days: 42)
    let network = HallNetwork(spec)
    let (_, visits) = HallRun.run(network, seed: spec.seed, sink: FirstVisits())
    let online = Double(visits.byChannel[.online, default: 0])
    let all = Double(visits.byChannel.values.reduce(0, +))
    // About 5,500 or 11,800 cases: the share's standard error is under 0.007; 0.03 is over four of them.
    #expect(all > 1000)
    #expect(abs(online / all - 0.3) < 0.03, "online \(online) of \(all)")
}

@Test func aRunsTotalStaysWhenOnlineGoesFromThirtyToSixtyPercent() throws {
    var totals: [Double] = []
    for share in [0.3, 0.6] {
        let spec = channelHall(hours: morningAndAfternoon, perHour: 20, online: share, days: 42)
        let (_, visits) = HallRun.run(HallNetwork(spec), seed: spec.seed, sink: FirstVisits())
        totals.append(Double(visits.byChannel.values.reduce(0, +)))
    }
    let expected = 20 * 6.5 * 42.0
    // Poisson counts: four standard deviations each (about 300 of 5,460).
    for total in totals { #expect(abs(total - expected) < 4 * expected.squareRoot(), "\(totals)") }
}

@Test func closedDayVolumeIsLostOrMovedAsTheEntryChooses() throws {
    // 2024-01-01 is a Monday: 15 days hold 11 working days and 4 weekend days, the last
    // weekend's volume coming on Monday the 15th.
    let lost = HallNetwork(channelHall(hours: workdaysOnly, perHour: 10, online: 0.3, days: 15))
    let moved = HallNetwork(channelHall(hours: workdaysOnly, perHour: 10, online: 0.3, days: 15, closedDays: .nextOpening))
    let day = 10 * 8.0
    #expect(abs(expectedByChannel(lost, days: 15).values.reduce(0, +) - 11 * day) < 1e-6)
    #expect(abs(OfferedLoad(lost).closedDayVolume(days: 15).lost - 4 * day) < 1e-6)
    #expect(OfferedLoad(lost).closedDayVolume(days: 15).moved == 0)
    // Walk-ins alone have no demand on closed days to count (as before channels).
    let walkIns = HallNetwork(channelHall(hours: workdaysOnly, perHour: 10, online: 0, days: 15))
    #expect(OfferedLoad(walkIns).closedDayVolume(days: 15) == OfferedLoad.ClosedDayVolume())
    let movedByChannel = expectedByChannel(moved, days: 15)
    #expect(abs(movedByChannel.values.reduce(0, +) - 15 * day) < 1e-6)
    #expect(abs(movedByChannel[.online, default: 0] - 0.3 * 15 * day) < 1e-6)
    #expect(abs(OfferedLoad(moved).closedDayVolume(days: 15).moved - 4 * day) < 1e-6)
    // Nobody comes on a closed day, online either: Saturday 6 and Sunday 7 January.
    let (_, buffer) = HallRun.run(moved, seed: 1, sink: EventBuffer())
    let weekend = SimTime.days(5).ticks ..< SimTime.days(7).ticks
    #expect(!buffer.events.contains { $0.kind == .submitted && weekend.contains($0.time.ticks) })
    #expect(buffer.events.contains { $0.kind == .submitted && $0.channel == .online })
}
