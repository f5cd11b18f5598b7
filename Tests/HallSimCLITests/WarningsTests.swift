import Foundation
import HallSimTesting
import Testing

/// A legal scenario with each thing that warns; `old` → `new` edits switch one on.
let quietTown = """
name: town
seed: 1
start: 2024-01-01
horizon: 14d
services:
  - { id: permit, service_time: { exponential: { mean: 10m } } }
  - { id: query, service_time: { exponential: { mean: 5m } } }
halls:
  - id: town
    tier: town
    hours: { workday: ["09:00-17:00"] }
    windows:
      - { id: front, count: 2, serves: [permit] }
      - { id: desk, count: 1, serves: [query] }
demand:
  - { service: permit, hall: town, arrivals: { poisson: { per_hour: 6 } }, profile: { hourly: { 10: 3 } } }
  - { service: query, hall: town, arrivals: { poisson: { per_hour: 2 } } }
"""

func town(_ old: String, _ new: String) -> String {
    precondition(quietTown.contains(old), "fixture does not contain \(old)")
    return quietTown.replacingOccurrences(of: old, with: new)
}

/// Runs `validate` and `run` on `text`; both must exit 0 with exactly `warnings` on stderr.
func expectWarnings(_ text: String, _ warnings: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(text, in: dir)
    for arguments in [["validate", file], ["run", file, "--json", "--no-log", "--out", dir.appendingPathComponent("out").path]] {
        let r = try CommandRunner.hallsim(arguments)
        #expect(r.status == 0, "\(arguments[0]): \(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
        #expect(lines.count == warnings.count, "\(arguments[0]): \(lines)", sourceLocation: sourceLocation)
        for (line, expected) in zip(lines, warnings) {
            #expect(line.hasPrefix("\(file):\(expected)"), "\(arguments[0]): \(line)", sourceLocation: sourceLocation)
        }
        if arguments[0] == "run" {
            // Warnings go to stderr: stdout stays one JSON document.
            #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) != nil, sourceLocation: sourceLocation)
        }
    }
}

@Test func aBusyPeakHourAloneDoesNotWarn() throws {
    try expectWarnings(quietTown, [])
}

@Test func offeredLoadAboveAWholeDaysCapacityWarnsAtTheHall() throws {
    // 20 an hour × 10 minutes is 26.7 window-hours a day against 16 staffed.
    try expectWarnings(town("per_hour: 6 }", "per_hour: 20 }"), ["9:9: warning: hall 'town' is offered"])
}

@Test func aPartialHourlyMappingOnAnEntryWithAnOnlineShareWarnsAtTheKey() throws {
    let text = town("profile: { hourly: { 10: 3 } } }", "profile: { hourly: { 10: 3 } }, channels: { walk_in: 0.7, online: 0.3 } }")
    try expectWarnings(text, ["16:87: warning: 'hourly' lists 1 of 24 hours"])
}

@Test func demandOnADayTheHallIsNeverOpenWarnsAtTheDay() throws {
    let text = town("profile: { hourly: { 10: 3 } } }", "profile: { hourly: { 10: 3 }, weekday: { sat: 1.5 } } }")
    try expectWarnings(text, ["16:117: warning: demand for 'permit' on Saturday at 'town'"])
}

@Test func aGroupWithDemandThatItsRosterNeverStaffsWarnsAtTheGroup() throws {
    let text = town("{ id: desk, count: 1, serves: [query] }", "{ id: desk, count: 1, serves: [query], roster: [{ day: workday, hours: \"18:00-20:00\", count: 1 }] }")
    try expectWarnings(text, ["14:15: warning: window group 'desk' of hall 'town' has demand but its roster never staffs it"])
}

@Test func strictTurnsWarningsIntoErrors() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(town("per_hour: 6 }", "per_hour: 20 }"), in: dir)
    for arguments in [["validate", file, "--strict"], ["run", file, "--strict", "--out", dir.appendingPathComponent("out").path]] {
        let r = try CommandRunner.hallsim(arguments)
        #expect(r.status == 2, "\(arguments[0]): \(r.stderr)")
        #expect(r.stderr.contains(": warning: hall 'town'"))
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
}
