import CaseEngine
import Testing

/// `YYYY-MM-DD` as a date (the tables below are all valid dates).
func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

/// China's 2024 calendar around the Spring Festival and National Day, and New Year 2025.
let china2024 = ServiceCalendar(
    start: date("2024-01-01"),
    holidays: Set((10...17).map { date("2024-02-\($0)") } + (1...7).map { date("2024-10-0\($0)") } + [date("2025-01-01")]),
    workingDays: [date("2024-02-04"), date("2024-02-18"), date("2024-09-29"), date("2024-10-12")]
)

@Suite("Calendar: dates, day types and working-day deadlines")
struct CalendarTests {
    @Test(arguments: [
        ("0001-01-01", -719_162), ("1600-02-29", -135_081), ("1899-12-31", -25_568), ("1900-01-01", -25_567),
        ("1900-03-01", -25_508), ("1969-12-31", -1), ("1970-01-01", 0), ("2000-02-29", 11_016), ("2000-03-01", 11_017),
        ("2024-02-29", 19_782), ("2100-02-28", 47_540), ("2100-03-01", 47_541), ("2400-02-29", 157_113),
        ("9999-12-31", 2_932_896),
    ])
    func epochDaysRoundTrip(text: String, epochDay: Int) {
        let d = date(text)
        #expect(d.epochDay == epochDay)
        #expect(CalendarDate(epochDay: epochDay) == d)
        #expect(d.description == text)
    }

    @Test func everyDayFollowsTheDayBeforeAcrossFourCenturies() {
        var d = CalendarDate(epochDay: -25_568)  // 1899-12-31
        for day in -25_567...121_000 {  // to 2301
            let next = CalendarDate(year: d.year, month: d.month, day: d.day + 1)
                ?? CalendarDate(year: d.year, month: d.month + 1, day: 1) ?? CalendarDate(year: d.year + 1, month: 1, day: 1)!
            let got = CalendarDate(epochDay: day)
            guard got == next, got.epochDay == day else {
                Issue.record("day \(day): \(got), expected \(next) after \(d)")
                return
            }
            d = got
        }
    }

    @Test(arguments: [(2100, 2, 29), (1900, 2, 29), (2023, 2, 29), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1), (2024, 1, 0)])
    func impossibleDatesAreRefused(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2000-01-01", .saturday), ("1900-01-01", .monday), ("1949-10-01", .saturday),
        ("2024-02-10", .saturday), ("2024-09-29", .sunday), ("2024-10-01", .tuesday), ("2024-10-12", .saturday),
        ("1600-02-29", .tuesday), ("9999-12-31", .friday), ("0001-01-01", .monday),
    ])
    func weekdaysOfKnownDates(text: String, weekday: Weekday) {
        #expect(date(text).weekday == weekday)
    }

    @Test(arguments: [
        ("2024-02-03", DayType.weekend), ("2024-02-04", .workday), ("2024-02-09", .workday), ("2024-02-10", .holiday),
        ("2024-02-17", .holiday), ("2024-02-18", .workday), ("2024-02-19", .workday), ("2024-02-24", .weekend),
        ("2024-09-28", .weekend), ("2024-09-29", .workday), ("2024-09-30", .workday), ("2024-10-01", .holiday),
        ("2024-10-05", .holiday), ("2024-10-07", .holiday), ("2024-10-08", .workday), ("2024-10-12", .workday),
        ("2024-10-13", .weekend), ("2025-01-01", .holiday),
    ])
    func dayTypesWithHolidaysAndAdjustedWorkingDays(text: String, type: DayType) {
        let d = date(text)
        #expect(china2024.dayType(d) == type)
        #expect(DayTypeTable(china2024).dayType(d) == type)
        #expect(china2024.isWorkingDay(d) == (type == .workday))
    }

    @Test func aHolidayWinsOverAnAdjustedWorkingDayAndOtherWeekendsCount() {
        var calendar = ServiceCalendar(start: date("2024-01-01"), weekend: [.friday], holidays: [date("2024-01-06")], workingDays: [date("2024-01-06"), date("2024-01-05")])
        #expect(calendar.dayType(date("2024-01-06")) == .holiday)
        #expect(calendar.dayType(date("2024-01-05")) == .workday)
        #expect(calendar.dayType(date("2024-01-12")) == .weekend)
        #expect(calendar.dayType(date("2024-01-13")) == .workday)
        calendar.workingDays = []
        #expect(DayTypeTable(calendar).dayType(date("2024-01-05")) == .weekend)
        #expect(calendar.adding(workingDays: 1, to: date("2024-01-04")) == date("2024-01-07"))
    }

    /// Working-day deadlines: day 0 is the acceptance day; the deadline ends the Nth working day after it.
    @Test(arguments: [
        ("2024-09-27", 1, "2024-09-29"), ("2024-09-27", 2, "2024-09-30"), ("2024-09-27", 3, "2024-10-08"),
        ("2024-09-28", 1, "2024-09-29"), ("2024-09-30", 1, "2024-10-08"), ("2024-10-01", 1, "2024-10-08"),
        ("2024-09-25", 5, "2024-10-08"), ("2024-10-08", 5, "2024-10-14"), ("2024-09-20", 20, "2024-10-23"),
        ("2024-09-30", 20, "2024-11-01"), ("2024-02-08", 1, "2024-02-09"), ("2024-02-08", 2, "2024-02-18"),
        ("2024-02-08", 3, "2024-02-19"), ("2024-02-02", 1, "2024-02-04"), ("2024-02-01", 10, "2024-02-20"),
        ("2024-03-01", 1, "2024-03-04"), ("2024-03-02", 1, "2024-03-04"), ("2024-03-02", 0, "2024-03-02"),
        ("2024-10-05", 0, "2024-10-05"), ("2024-12-31", 1, "2025-01-02"), ("2024-10-08", -1, "2024-09-30"),
        ("2024-10-08", -3, "2024-09-27"),
    ])
    func workingDayDeadlines(from start: String, days: Int, due: String) {
        let table = DayTypeTable(china2024)
        #expect(china2024.adding(workingDays: days, to: date(start)) == date(due))
        #expect(table.adding(workingDays: days, to: date(start)) == date(due))
        if days >= 0 {
            #expect(china2024.workingDays(from: date(start), to: date(due)) == days)
            #expect(table.workingDays(from: date(start), to: date(due)) == days)
            #expect(china2024.workingDays(from: date(due), to: date(start)) == -days)
        }
    }

    @Test func latenessIsCountedInWorkingDays() {
        // Due 2024-09-30; finished during the National Day week it is not late by a single working day.
        #expect(china2024.workingDays(from: date("2024-09-30"), to: date("2024-10-07")) == 0)
        #expect(china2024.workingDays(from: date("2024-09-30"), to: date("2024-10-08")) == 1)
        #expect(china2024.workingDays(from: date("2024-10-08"), to: date("2024-09-30")) == -1)
    }

    @Test(arguments: 1...40)
    func theTableAgreesWithTheDayByDayWalk(seed: UInt64) {
        var rng = LogTestRandom(seed: seed)
        let start = CalendarDate(epochDay: Int.random(in: 18_000...20_000, using: &rng))
        var weekend = Set(Weekday.allCases.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
        if weekend.count == 7 { weekend.remove(.monday) }
        let near = { (rng: inout LogTestRandom) in start.adding(days: Int.random(in: -60...400, using: &rng)) }
        let calendar = ServiceCalendar(
            start: start, weekend: weekend,
            holidays: Set((0..<Int.random(in: 0...40, using: &rng)).map { _ in near(&rng) }),
            workingDays: Set((0..<Int.random(in: 0...20, using: &rng)).map { _ in near(&rng) })
        )
        let table = DayTypeTable(calendar)
        for _ in 0..<60 {
            let from = near(&rng)
            let n = Int.random(in: -80...80, using: &rng)
            let due = calendar.adding(workingDays: n, to: from)
            #expect(table.adding(workingDays: n, to: from) == due, "\(n) working days from \(from)")
            let to = near(&rng)
            #expect(table.workingDays(from: from, to: to) == calendar.workingDays(from: from, to: to), "\(from) to \(to)")
            #expect(table.dayType(to) == calendar.dayType(to))
            #expect(table.dayType(ofDay: to.epochDay - start.epochDay) == calendar.dayType(to))
            if n > 0 { #expect(calendar.isWorkingDay(due)) }
        }
    }
}
