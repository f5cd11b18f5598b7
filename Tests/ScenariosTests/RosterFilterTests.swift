import CaseEngine
import Foundation
import HallModel
import Testing
@testable import Scenarios

/// Roster shifts with `weekdays` and `months`: read, and refused with their position when wrong.

/// `networkYAML` with its first roster shift (line 30) replaced by `shifts` (one per line).
private func roster(_ shifts: String...) -> String {
    network(replacing: "          - { day: workday, hours: \"09:00-12:00\", count: 4 }\n",
            with: shifts.map { "          - \($0)\n" }.joined())
}

@Test func shiftsWorkedOnSomeWeekdaysOrMonthsAreRead() throws {
    let spec = try ScenarioLoader.parse(yaml: roster(
        "{ day: workday, weekdays: [mon], hours: \"09:00-12:00\", count: 4 }",
        "{ day: workday, weekdays: [tuesday, wed, thu, fri], months: [mar, 10, September], hours: \"09:00-12:00\", count: 3 }"
    ), file: "test.yaml")
    let shifts = spec.halls[0].windows[0].roster
    #expect(shifts[0].weekdays == [.monday] && shifts[0].months.isEmpty)
    #expect(shifts[1].weekdays == [.tuesday, .wednesday, .thursday, .friday] && shifts[1].months == [3, 10, 9])
    #expect(shifts[2].weekdays.isEmpty && !shifts[2].isFiltered)
}

@Test func shiftsWorkedOnTheSameDaysMayNotOverlap() {
    let text = roster(
        "{ day: workday, weekdays: [mon, tue], hours: \"09:00-12:00\", count: 4 }",
        "{ day: workday, weekdays: [tue], hours: \"10:00-11:00\", count: 1 }"
    )
    let line = text.components(separatedBy: "\n")[30]
    let column = line.distance(from: line.startIndex, to: line.range(of: "\"10:00")!.lowerBound) + 1
    expect(problem(text), at: 31, column, saying: "the workday shift '10:00-11:00' overlaps the workday shift '09:00-12:00'",
           hint: "give the shifts weekdays or months that do not meet")
}

@Test func aShiftOnEveryWeekdayOverlapsOneOnMondays() {
    let text = roster(
        "{ day: workday, hours: \"09:00-12:00\", count: 4 }",
        "{ day: workday, months: [jan], weekdays: [mon], hours: \"11:00-12:00\", count: 1 }"
    )
    #expect(problem(text)?.message.contains("overlaps") == true)
}

@Test func shiftsOnDifferentWeekdaysOrMonthsMayOverlap() throws {
    _ = try ScenarioLoader.parse(yaml: roster(
        "{ day: workday, weekdays: [mon], hours: \"09:00-12:00\", count: 4 }",
        "{ day: workday, weekdays: [tue], hours: \"09:00-12:00\", count: 2 }",
        "{ day: weekend, months: [jan, feb], hours: \"09:00-12:00\", count: 2 }",
        "{ day: weekend, months: [mar], hours: \"09:00-12:00\", count: 1 }"
    ), file: "test.yaml")
}

@Test(arguments: [
    ("months: [mrz]", "unknown month 'mrz'", "a month: jan, feb"),
    ("months: [13]", "unknown month '13'", "a month: jan, feb"),
    ("months: [mar, march]", "'months' lists mar twice", "each month once"),
    ("weekdays: [mon, monday]", "'weekdays' lists mon twice", "each weekday once"),
    ("weekdays: [someday]", "unknown weekday 'someday'", "a weekday: mon"),
])
func aWrongWeekdayOrMonthIsRefusedWithWhatWasExpected(text: String, message: String, expected: String) {
    let found = problem(roster("{ day: workday, \(text), hours: \"09:00-12:00\", count: 4 }"))
    #expect(found?.line == 30)
    #expect(found?.message.contains(message) == true, "\(String(describing: found))")
    #expect(found?.expected.contains(expected) == true, "\(String(describing: found))")
}

@Test(arguments: ["weekdays", "months"])
func anEmptyListOfDaysIsRefused(key: String) {
    let found = problem(roster("{ day: workday, \(key): [], hours: \"09:00-12:00\", count: 4 }"))
    #expect(found?.message.contains("'\(key)' is empty, so the shift would never be worked") == true, "\(String(describing: found))")
    #expect(found?.hint?.contains("leave '\(key)' out") == true)
}

@Test func aWeekdayGivenAsTheKindOfDayPointsToWeekdays() {
    let found = problem(roster("{ day: monday, hours: \"09:00-12:00\", count: 4 }"))
    #expect(found?.hint?.contains("weekdays: [mon]") == true, "\(String(describing: found))")
}
