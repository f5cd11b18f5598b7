import Foundation
import HallSimTesting
import Testing

/// A town hall whose one department works in two sessions a day: its desks stop at 12:00 and
/// 17:00 in the middle of tasks and resume them when staff come back.
let twoSessionOffice = """
name: desks
seed: 5
start: 2024-03-04
horizon: 15d
services:
  - id: licence
    service_time: { exponential: { mean: 5m } }
    back_office: { department: office, work: { exponential: { mean: 40m } }, statutory: 10wd }
halls:
  - id: town
    tier: town
    hours: { workday: ["09:00-17:00"] }
    windows:
      - { id: front, count: 2, serves: [licence] }
    departments:
      - { id: office, staff: 3, hours: { workday: ["09:00-12:00", "13:30-17:00"] } }
demand:
  - service: licence
    hall: town
    arrivals: { poisson: { per_hour: 5 } }
"""

/// The exported log of `scenario`'s run, one JSON object per line (the catalog first), and the run's summary.
func exportedRun(_ scenario: String) throws -> (lines: [[String: Any]], summary: [String: Any]) {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(scenario, in: dir)
    let out = dir.appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    let export = try CommandRunner.hallsim(["log", "export", out.appendingPathComponent("events.log").path])
    #expect(export.status == 0, "\(export.stderr)")
    let lines = try export.stdout.split(separator: "\n").map { try json(String($0)) }
    let summary = try json(String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8))
    return (lines, summary)
}

@Test func departmentUtilisationIsItsDesksWorkOverTheirStaffedTimeFromTheExportedLog() throws {
    let (lines, summary) = try exportedRun(twoSessionOffice)
    let events = lines.dropFirst()
    let end = try #require(events.last { $0["kind"] as? String == "runEnded" }?["time_s"] as? Double)
    // Staffed desk-time, and the times the office's staffing changes, from the roster's events.
    var staffed = 0.0
    var level = 3.0
    var since = 0.0
    var changes: [Double] = []
    for e in events where e["kind"] as? String == "staffingChanged" && e["group"] as? String == "office" {
        let t = try #require(e["time_s"] as? Double)
        staffed += level * (t - since)
        level = try #require(e["staffed"] as? Double)
        since = t
        changes.append(t)
    }
    staffed += level * (end - since)
    // Every task runs from its start for the work it needs, unless staffing changes first (the
    // office only ever goes from all its desks to none and back, so a change stops every desk).
    var busy = 0.0
    var finished = 0
    var starts = 0
    for e in events where e["kind"] as? String == "workStarted" && e["group"] as? String == "office" {
        let t = try #require(e["time_s"] as? Double)
        let work = try #require(e["work_s"] as? Double)
        let stop = min(changes.first { $0 > t } ?? end, end)
        busy += min(t + work, stop) - t
        if t + work <= stop { finished += 1 }
        starts += 1
    }
    #expect(starts > 100)
    #expect(finished < starts, "some tasks were interrupted and resumed")
    let groups = try #require(summary["groups"] as? [[String: Any]])
    let office = try #require(groups.first { $0["group"] as? String == "office" })
    let utilisation = try #require(office["utilisation"] as? Double)
    #expect(utilisation > 0.1)
    #expect(abs(utilisation - busy / staffed) < 1e-6, "summary \(utilisation), from the log \(busy / staffed)")
    #expect(office["served"] as? Int == finished)
    // The hall's utilisation counts its front desk only: here, its one window group.
    let front = try #require(groups.first { $0["group"] as? String == "front" })
    let halls = try #require(summary["halls"] as? [[String: Any]])
    let hallUtilisation = try #require(halls.first?["utilisation"] as? Double)
    #expect(abs(hallUtilisation - (front["utilisation"] as? Double ?? -1)) < 1e-9)
}
