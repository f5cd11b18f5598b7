import Foundation
import HallSimTesting
import Testing

/// A town hall open on workdays and Saturday mornings, for three months from a Monday.
let weekAndSaturdays = twoSessionOffice
    .replacingOccurrences(of: "horizon: 15d", with: "horizon: 75d")
    .replacingOccurrences(of: #"hours: { workday: ["09:00-17:00"] }"#, with: #"hours: { workday: ["09:00-17:00"], weekend: ["09:00-12:00"] }"#)

/// kpis.csv of a run (or, with `replay`, of a replay of its log) sliced `by`, as rows of named fields.
func slicedTable(_ by: String, replaying: Bool = false) throws -> (header: [String], rows: [[String: String]], csv: String) {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(weekAndSaturdays, in: dir)
    let out = dir.appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--by", by, "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    var csvURL = out.appendingPathComponent("kpis.csv")
    if replaying {
        let again = dir.appendingPathComponent("again")
        let replay = try CommandRunner.hallsim(["replay", out.appendingPathComponent("events.log").path, "--by", by, "--out", again.path])
        #expect(replay.status == 0, "\(replay.stderr)")
        csvURL = again.appendingPathComponent("kpis.csv")
    }
    let csv = try String(contentsOf: csvURL, encoding: .utf8)
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    return (header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }, csv)
}

@Test func weekdayCountsAddUpToTheDayTypeCounts() throws {
    let (dayHeader, byDayType, _) = try slicedTable("day_type")
    let (weekHeader, byWeekday, _) = try slicedTable("weekday")
    #expect(dayHeader[5] == "day_type" && weekHeader[5] == "weekday")
    let weekend: Set = ["saturday", "sunday"]
    for column in ["arrived", "ticketed", "called", "served", "abandoned"] {
        func total(_ rows: [[String: String]], _ key: String, where keep: (String) -> Bool) -> Int {
            rows.filter { $0["service"] != "*" && $0["hour"] != "*" && keep($0[key]!) }.reduce(0) { $0 + Int($1[column]!)! }
        }
        let workdays = total(byWeekday, "weekday") { !weekend.contains($0) }
        let weekends = total(byWeekday, "weekday") { weekend.contains($0) }
        #expect(workdays == total(byDayType, "day_type") { $0 == "workday" }, "\(column)")
        #expect(weekends == total(byDayType, "day_type") { $0 == "weekend" }, "\(column)")
        #expect(weekends > 0 || column == "abandoned", "\(column)")
    }
    // Whole-run rows do not depend on the slicing.
    func wholeRun(_ rows: [[String: String]], _ key: String) -> [[String: String]] {
        rows.filter { $0["hour"] == "*" && $0[key] == "*" }.map { $0.filter { $0.key != key } }
    }
    #expect(wholeRun(byDayType, "day_type") == wholeRun(byWeekday, "weekday"))
}

@Test func replayingALogByMonthGivesTheRunsTableByMonth() throws {
    let run = try slicedTable("month")
    let replay = try slicedTable("month", replaying: true)
    #expect(run.header[5] == "month")
    #expect(Set(run.rows.compactMap { $0["month"] }.filter { $0 != "*" }) == ["march", "april", "may"])
    #expect(replay.csv == run.csv)
}

@Test func anUnknownSlicingIsRefusedWithExitTwoAndNothingWritten() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(twoSessionOffice, in: dir)
    let out = dir.appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--by", "week", "--out", out.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--by: unknown slicing 'week'") && run.stderr.contains("hint: use one of day_type, weekday, month, date"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let replay = try CommandRunner.hallsim(["replay", "missing.log", "--by", "hour"])
    #expect(replay.status == 2)
    #expect(replay.stderr.contains("--by: unknown slicing 'hour'"), "\(replay.stderr)")
}

@Test func eachGroupHasDayTypeTotalsAndEachHallHourlyRowsOverItsFrontDesk() throws {
    let (_, rows, _) = try slicedTable("day_type")
    func sum(_ rows: [[String: String]], _ column: String) -> Int { rows.reduce(0) { $0 + Int($1[column]!)! } }
    let hourly = rows.filter { $0["group"] == "front" && $0["service"] == "*" && $0["hour"] != "*" }
    for dayType in ["workday", "weekend"] {
        let total = try #require(rows.first { $0["group"] == "front" && $0["service"] == "*" && $0["day_type"] == dayType && $0["hour"] == "*" })
        let hours = hourly.filter { $0["day_type"] == dayType }
        for column in ["arrived", "called", "served"] { #expect(Int(total[column]!) == sum(hours, column), "\(dayType) \(column)") }
        #expect(Int(total["arrived"]!)! > 0)
    }
    // The hall's rows (group `*`) add up its front desk, hour by hour; the department is not in them.
    let hall = rows.filter { $0["group"] == "*" }
    #expect(!hall.isEmpty && hall.allSatisfy { $0["service"] == "*" && $0["servers"] == "2" && $0["hour"] != "*" })
    for row in hall {
        let front = try #require(hourly.first { $0["day_type"] == row["day_type"] && $0["hour"] == row["hour"] })
        for column in ["arrived", "called", "served", "utilisation", "queue_mean"] { #expect(row[column] == front[column], "\(column)") }
    }
}
