@testable import CaseEngine
import SimCore
import Testing

/// The daily series: each event counts on the day of its own time, whichever day was open before.
@Suite struct DailySeriesTests {
    let catalog = Catalog(scenario: "", seed: 0, halls: [.init(id: "h", tier: "city")], groups: [.init(id: "g", hall: 0, servers: 1)], services: ["s"])

    func submitted(at time: SimTime) -> CaseEvent { CaseEvent(.submitted, at: time, hall: 0, service: 0) }
    func called(at time: SimTime, waited: Int64) -> CaseEvent { CaseEvent(.called, at: time, hall: 0, group: 0, service: 0, value: waited) }
    func abandoned(at time: SimTime) -> CaseEvent { CaseEvent(.abandoned, at: time, hall: 0, group: 0, service: 0) }

    @Test func eachEventCountsOnItsOwnDayAcrossDayChangesAndGrowth() {
        var series = DailySeries(catalog: catalog, expectedDays: 2)
        series.record(submitted(at: at(0, 9)))
        series.record(called(at: at(0, 23, 59), waited: 5))
        series.record(submitted(at: at(1, 0)))
        series.record(abandoned(at: at(1, 8)))
        series.record(CaseEvent(.serviceCompleted, at: at(1, 9), hall: 0, group: 0, service: 0))
        series.record(called(at: at(4, 10), waited: 7))
        series.record(called(at: at(4, 11), waited: 3))
        #expect(series.count == 5)
        let days = Array(series.covered)
        #expect(days.count == 5)
        #expect(days[0] == DailySeries.Day(submitted: 1, called: 1, waitTicks: 5, abandoned: 0))
        #expect(days[1] == DailySeries.Day(submitted: 1, called: 0, waitTicks: 0, abandoned: 1))
        #expect(days[2] == DailySeries.Day() && days[3] == DailySeries.Day())
        #expect(days[4] == DailySeries.Day(submitted: 0, called: 2, waitTicks: 10, abandoned: 0))
        #expect(series.days.count >= 4 + 366, "a day beyond the reserved ones makes room for a year more")
    }

    @Test func aDayOpenedAgainKeepsWhatItHadAndTimesBeforeZeroCountOnDayZero() {
        var series = DailySeries(catalog: catalog)
        series.record(submitted(at: at(2, 9)))
        series.record(submitted(at: SimTime(ticks: -5)))
        series.record(submitted(at: at(2, 10)))
        series.record(abandoned(at: at(0, 1)))
        #expect(series.count == 3)
        #expect(Array(series.covered.map(\.submitted)) == [1, 0, 2])
        #expect(Array(series.covered.map(\.abandoned)) == [1, 0, 0])
    }

    @Test func anEmptySeriesCoversNoDay() {
        let series = DailySeries(catalog: catalog, expectedDays: 3)
        #expect(series.count == 0 && series.covered.isEmpty && series.days.count == 3)
    }
}
