import CaseEngine
import SimCore
import Testing

/// China's public holidays and adjusted working days for 2024 and 2025 (State Council notices).
let chinaDueDates = ServiceCalendar(
    start: date("2024-01-01"),
    holidays: Set(
        [
            // 2024: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; Mid-Autumn; National Day.
            "2024-01-01", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
            "2024-02-16", "2024-02-17", "2024-04-04", "2024-04-05", "2024-04-06", "2024-05-01", "2024-05-02",
            "2024-05-03", "2024-05-04", "2024-05-05", "2024-06-10", "2024-09-15", "2024-09-16", "2024-09-17",
            "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07",
            // 2025: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; National Day and Mid-Autumn.
            "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02",
            "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06", "2025-05-01", "2025-05-02",
            "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31", "2025-06-01", "2025-06-02", "2025-10-01",
            "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
        ].map(date)
    ),
    workingDays: Set(
        [
            "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
            "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        ].map(date)
    )
)

/// The Nth working day after `start` by walking day by day, with the day rule written out
/// again here (holiday, else adjusted working day, else the weekday).
func naiveIsWorkingDay(_ calendar: ServiceCalendar, _ day: CalendarDate) -> Bool {
    if calendar.holidays.contains(day) { return false }
    if calendar.workingDays.contains(day) { return true }
    return !calendar.weekend.contains(day.weekday)
}

func naiveDueDate(_ calendar: ServiceCalendar, workingDays limit: Int, from start: CalendarDate) -> CalendarDate {
    var day = start
    var counted = 0
    while counted < limit {
        day = CalendarDate(epochDay: day.epochDay + 1)
        if naiveIsWorkingDay(calendar, day) { counted += 1 }
    }
    return day
}

func naiveLateness(_ calendar: ServiceCalendar, decidedOn: CalendarDate, due: CalendarDate) -> Int {
    guard decidedOn > due else { return 0 }
    var late = 0
    var day = due.epochDay + 1
    while day <= decidedOn.epochDay {
        if naiveIsWorkingDay(calendar, CalendarDate(epochDay: day)) { late += 1 }
        day += 1
    }
    return max(late, 1)
}

/// The time `hours` after midnight starting `text`, on `chinaDueDates`'s clock.
func dueTestTime(_ text: String, hours: Double = 0) -> SimTime {
    let day = date(text).epochDay - chinaDueDates.start.epochDay
    return SimTime(ticks: Int64(day) * ServiceCalendar.dayTicks + SimTime.hours(hours).ticks)
}

@Suite("Due dates: working-day limits, lateness and deadline moments")
struct DueDateTests {
    static let table = DayTypeTable(chinaDueDates)

    /// (start, limit, due): the due date is the limit-th working day after the start day.
    /// Worked out by hand on a calendar; the comment says why.
    @Test(arguments: [
        // National Day 2024: holidays Tue 10-01 … Mon 10-07; worked Sun 09-29 and Sat 10-12.
        ("2024-09-27", 1, "2024-09-29"),  // Fri → the adjusted Sunday
        ("2024-09-27", 2, "2024-09-30"),
        ("2024-09-27", 3, "2024-10-08"),  // the golden week does not count
        ("2024-09-30", 1, "2024-10-08"),
        ("2024-09-30", 5, "2024-10-12"),  // 08, 09, 10, 11, Sat 12 (adjusted)
        ("2024-09-29", 5, "2024-10-11"),  // start on an adjusted working day: 30, 08, 09, 10, 11
        ("2024-10-03", 1, "2024-10-08"),  // start on a holiday
        ("2024-10-03", 5, "2024-10-12"),
        ("2024-10-03", 0, "2024-10-03"),  // limit 0 on a holiday: that day
        ("2024-10-11", 1, "2024-10-12"),  // Fri → the adjusted Saturday
        ("2024-10-12", 1, "2024-10-14"),  // start on the adjusted Saturday
        ("2024-10-12", 0, "2024-10-12"),
        ("2024-09-23", 20, "2024-10-24"),  // information disclosure across the golden week
        ("2024-09-30", 20, "2024-11-01"),
        ("2024-10-01", 20, "2024-11-01"),
        // Mid-Autumn 2024 (worked Sat 09-14, holidays Sun 09-15 … Tue 09-17) then National Day.
        ("2024-09-13", 5, "2024-09-23"),  // 14, 18, 19, 20, 23
        ("2024-09-14", 1, "2024-09-18"),
        ("2024-09-13", 20, "2024-10-17"),  // 14, 18-20, 23-27, 29, 30, 10-08 … 10-12, 14-17
        // National Day 2025: holidays Wed 10-01 … Wed 10-08; worked Sun 09-28 and Sat 10-11.
        ("2025-09-26", 1, "2025-09-28"),
        ("2025-09-27", 1, "2025-09-28"),  // start on a plain Saturday
        ("2025-09-26", 5, "2025-10-10"),  // 28, 29, 30, 10-09, 10-10
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-09-30", 3, "2025-10-11"),
        ("2025-10-08", 5, "2025-10-14"),  // start on the last holiday: 09, 10, 11, 13, 14
        ("2025-10-11", 5, "2025-10-17"),  // start on the adjusted Saturday
        ("2025-09-28", 0, "2025-09-28"),
        ("2025-09-22", 20, "2025-10-24"),
        ("2025-09-26", 20, "2025-10-30"),
        // Spring Festival 2024: holidays Sat 02-10 … Sat 02-17; worked Sun 02-04 and Sun 02-18.
        ("2024-02-08", 1, "2024-02-09"),
        ("2024-02-08", 2, "2024-02-18"),
        ("2024-02-08", 3, "2024-02-19"),
        ("2024-02-09", 1, "2024-02-18"),  // Fri before the festival → the adjusted Sunday after it
        ("2024-02-09", 5, "2024-02-22"),
        ("2024-02-02", 1, "2024-02-04"),
        ("2024-02-04", 5, "2024-02-09"),  // start on the adjusted Sunday
        ("2024-02-04", 6, "2024-02-18"),
        ("2024-02-12", 1, "2024-02-18"),  // start on a holiday
        ("2024-02-12", 0, "2024-02-12"),
        ("2024-02-18", 5, "2024-02-23"),
        ("2024-01-29", 20, "2024-02-29"),
        ("2024-02-05", 20, "2024-03-08"),
        ("2024-02-07", 0, "2024-02-07"),
        // Plain weeks, Qingming, Labour Day, New Year.
        ("2024-03-01", 1, "2024-03-04"),
        ("2024-03-02", 1, "2024-03-04"),
        ("2024-03-03", 1, "2024-03-04"),
        ("2024-03-01", 5, "2024-03-08"),
        ("2024-03-04", 20, "2024-04-01"),  // four plain weeks
        ("2024-04-03", 1, "2024-04-07"),  // Qingming 04-04 … 04-06, worked Sun 04-07
        ("2024-04-26", 1, "2024-04-28"),  // worked Sun 04-28
        ("2024-04-30", 1, "2024-05-06"),  // Labour Day 05-01 … 05-05
        ("2024-04-30", 6, "2024-05-11"),  // 06 … 10, worked Sat 05-11
        ("2024-12-31", 1, "2025-01-02"),
    ] as [(String, Int, String)])
    func dueDates(start: String, limit: Int, due: String) {
        let from = date(start)
        #expect(Self.table.dueDate(workingDays: limit, from: from) == date(due))
        #expect(chinaDueDates.dueDate(workingDays: limit, from: from) == date(due))
        #expect(naiveDueDate(chinaDueDates, workingDays: limit, from: from) == date(due))
        #expect(Self.table.workingDays(from: from, to: date(due)) == limit)
        #expect(chinaDueDates.workingDays(from: from, to: date(due)) == limit)
        if limit > 0 { #expect(chinaDueDates.isWorkingDay(date(due))) }
    }

    /// (due, decided on, working days late).
    @Test(arguments: [
        ("2024-09-30", "2024-09-27", 0),  // early
        ("2024-09-30", "2024-09-30", 0),  // on the due date
        ("2024-09-30", "2024-10-01", 1),  // a holiday after the due date: 0 working days, still 1 late
        ("2024-09-30", "2024-10-07", 1),
        ("2024-09-30", "2024-10-08", 1),  // the first working day after the due date
        ("2024-09-30", "2024-10-09", 2),
        ("2024-09-30", "2024-10-12", 5),  // 08, 09, 10, 11, Sat 12 (adjusted)
        ("2024-09-30", "2024-10-13", 5),
        ("2024-09-30", "2024-10-14", 6),
        ("2024-03-01", "2024-03-02", 1),  // the Saturday after a Friday due date
        ("2024-03-01", "2024-03-03", 1),
        ("2024-03-01", "2024-03-04", 1),
        ("2024-03-01", "2024-03-05", 2),
        ("2024-09-27", "2024-09-28", 1),
        ("2024-09-27", "2024-09-29", 1),  // the adjusted Sunday is the first working day after
        ("2024-09-27", "2024-09-30", 2),
        ("2024-02-09", "2024-02-17", 1),
        ("2024-02-09", "2024-02-18", 1),
        ("2024-02-09", "2024-02-19", 2),
        ("2025-09-30", "2025-10-11", 3),  // 09, 10, Sat 11 (adjusted)
        ("2024-10-24", "2024-11-21", 20),
        ("2024-02-29", "2024-02-01", 0),
    ])
    func lateness(due: String, decided: String, late: Int) {
        #expect(Self.table.workingDaysLate(decidedOn: date(decided), due: date(due)) == late)
        #expect(chinaDueDates.workingDaysLate(decidedOn: date(decided), due: date(due)) == late)
        #expect(naiveLateness(chinaDueDates, decidedOn: date(decided), due: date(due)) == late)
    }

    /// (accepted at, limit, deadline moment): midnight ending the due date.
    @Test(arguments: [
        (dueTestTime("2024-09-27", hours: 15), 1, dueTestTime("2024-09-30")),
        (dueTestTime("2024-09-27"), 1, dueTestTime("2024-09-30")),  // accepted at midnight: that day
        (dueTestTime("2024-09-28") - SimTime(ticks: 1), 1, dueTestTime("2024-09-30")),  // the last tick of Friday
        (dueTestTime("2024-09-28"), 1, dueTestTime("2024-09-30")),  // Saturday: the adjusted Sunday
        (dueTestTime("2024-09-30", hours: 10), 20, dueTestTime("2024-11-02")),
        (dueTestTime("2024-10-03", hours: 10), 0, dueTestTime("2024-10-04")),
        (dueTestTime("2024-01-01"), 1, dueTestTime("2024-01-03")),  // time zero, on New Year's Day
        (dueTestTime("2025-09-26", hours: 16.5), 5, dueTestTime("2025-10-11")),
    ])
    func deadlineMoments(accepted: SimTime, limit: Int, deadline: SimTime) {
        #expect(Self.table.deadline(workingDays: limit, from: accepted) == deadline)
        #expect(chinaDueDates.deadline(workingDays: limit, from: accepted) == deadline)
        for calendarLate in [Self.table.workingDaysLate(decidedAt:deadline:), chinaDueDates.workingDaysLate(decidedAt:deadline:)] {
            #expect(calendarLate(accepted, deadline) == 0)
            #expect(calendarLate(deadline - SimTime(ticks: 1), deadline) == 0)  // the last tick of the due date
            #expect(calendarLate(deadline, deadline) >= 1)  // midnight ending it is late
        }
    }

    @Test func lateByTheMoment() {
        let deadline = Self.table.deadline(workingDays: 1, from: dueTestTime("2024-09-27", hours: 11))  // due Sun 09-29
        #expect(deadline == dueTestTime("2024-09-30"))
        let cases: [(SimTime, Int)] = [
            (dueTestTime("2024-09-29", hours: 23.99), 0), (dueTestTime("2024-09-30"), 1),
            (dueTestTime("2024-09-30", hours: 17), 1), (dueTestTime("2024-10-05", hours: 9), 1),
            (dueTestTime("2024-10-08", hours: 9), 2), (dueTestTime("2024-10-14", hours: 9), 7),
        ]
        for (decided, late) in cases {
            #expect(Self.table.workingDaysLate(decidedAt: decided, deadline: deadline) == late, "\(decided)")
            #expect(chinaDueDates.workingDaysLate(decidedAt: decided, deadline: deadline) == late, "\(decided)")
        }
    }

    @Test func largeLimitsAgreeWithTheWalk() {
        for limit in [0, 1, 4, 5, 6, 19, 20, 21, 60, 250, 251, 499] {
            for start in ["2024-01-01", "2024-02-09", "2024-09-29", "2024-10-05", "2024-12-31"] {
                let naive = naiveDueDate(chinaDueDates, workingDays: limit, from: date(start))
                #expect(Self.table.dueDate(workingDays: limit, from: date(start)) == naive, "\(limit) from \(start)")
            }
        }
    }

    /// Random calendars (any weekend, clusters of holidays and adjusted working days), random
    /// starts and limits: the table, the reference calendar and the naive walk agree.
    @Test(arguments: 1...40)
    func agreesWithTheNaiveWalk(seed: UInt64) {
        var rng = LogTestRandom(seed: seed &* 7919)
        let start = CalendarDate(epochDay: Int.random(in: 18_000...20_000, using: &rng))
        var weekend = Set(Weekday.allCases.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 })
        if weekend.count == 7 { weekend.remove(.wednesday) }
        let near = { (rng: inout LogTestRandom) in start.adding(days: Int.random(in: -30...500, using: &rng)) }
        var holidays: Set<CalendarDate> = []
        for _ in 0..<Int.random(in: 0...12, using: &rng) {  // runs of holidays, like golden weeks
            let first = near(&rng)
            for k in 0..<Int.random(in: 1...9, using: &rng) { holidays.insert(first.adding(days: k)) }
        }
        let calendar = ServiceCalendar(
            start: start, weekend: weekend, holidays: holidays,
            workingDays: Set((0..<Int.random(in: 0...25, using: &rng)).map { _ in near(&rng) })
        )
        let table = DayTypeTable(calendar)
        for _ in 0..<80 {
            let from = near(&rng)
            let limit = Int.random(in: 0..<8, using: &rng) == 0 ? Int.random(in: 0...300, using: &rng) : Int.random(in: 0...25, using: &rng)
            let due = naiveDueDate(calendar, workingDays: limit, from: from)
            #expect(table.dueDate(workingDays: limit, from: from) == due, "\(limit) working days from \(from)")
            #expect(calendar.dueDate(workingDays: limit, from: from) == due, "\(limit) working days from \(from)")
            // The count after the start up to and including the due date is the limit, whatever the start.
            #expect(table.workingDays(from: from, to: due) == limit)
            #expect(calendar.workingDays(from: from, to: due) == limit)
            if limit > 0 { #expect(naiveIsWorkingDay(calendar, due)) }

            let decided = due.adding(days: Int.random(in: -20...40, using: &rng))
            let late = naiveLateness(calendar, decidedOn: decided, due: due)
            #expect(table.workingDaysLate(decidedOn: decided, due: due) == late, "decided \(decided), due \(due)")
            #expect(calendar.workingDaysLate(decidedOn: decided, due: due) == late, "decided \(decided), due \(due)")
            // k working days after the due date is k late.
            let k = Int.random(in: 1...10, using: &rng)
            #expect(table.workingDaysLate(decidedOn: naiveDueDate(calendar, workingDays: limit + k, from: from), due: due) == k)

            // Deadline moments: accepted at any time of a day on or after the calendar's start.
            let day = Int.random(in: 0...400, using: &rng)
            let accepted = SimTime(ticks: Int64(day) * ServiceCalendar.dayTicks + Int64.random(in: 0..<ServiceCalendar.dayTicks, using: &rng))
            let dueDay = naiveDueDate(calendar, workingDays: limit, from: start.adding(days: day)).epochDay - start.epochDay
            let deadline = calendar.midnight(ofDay: dueDay + 1)
            #expect(table.deadline(workingDays: limit, from: accepted) == deadline)
            #expect(calendar.deadline(workingDays: limit, from: accepted) == deadline)
            let decidedAt = SimTime(ticks: max(0, deadline.ticks + Int64.random(in: -5 * ServiceCalendar.dayTicks...20 * ServiceCalendar.dayTicks, using: &rng)))
            let lateAt = decidedAt < deadline ? 0 : naiveLateness(calendar, decidedOn: calendar.date(at: decidedAt), due: start.adding(days: dueDay))
            #expect(table.workingDaysLate(decidedAt: decidedAt, deadline: deadline) == lateAt)
            #expect(calendar.workingDaysLate(decidedAt: decidedAt, deadline: deadline) == lateAt)
        }
    }
}
