import CaseEngine
import Testing

/// Classes of days: dense indices, kind of day first, that name their days back.
@Test(arguments: DayPartition.allCases)
func everyClassIndexNamesTheDaysItHolds(partition: DayPartition) {
    var seen = Set<Int>()
    for type in DayType.allCases {
        for weekday in Weekday.allCases {
            for month in 1 ... 12 {
                let index = partition.index(type: type, weekday: weekday, month: month)
                #expect((0 ..< partition.classCount).contains(index))
                #expect(partition.dayClass(index).contains(type: type, weekday: weekday, month: month))
                seen.insert(index)
            }
        }
    }
    #expect(seen.count == partition.classCount)
}

@Test func classesReadAsTheirDays() {
    #expect(DayPartition.dayType.dayClass(1).description == "weekend")
    #expect(DayPartition.weekday.dayClass(0).description == "workday mon")
    #expect(DayPartition.month.dayClass(12 + 2).description == "weekend mar")
    let date = CalendarDate(year: 2025, month: 3, day: 3)!
    #expect(DayPartition.weekday.index(of: date, type: .workday) == 0)
    #expect(DayPartition.month.index(of: date, type: .holiday) == 2 * 12 + 2)
}
