import Foundation
import HallSimTesting
import Testing

/// A town hall with a department behind its windows and a third of the demand online, for 30
/// days from Monday 2024-03-04: network figures under ranges.
let onlineOffice = """
name: online-office
seed: 11
start: 2024-03-04
horizon: 30d
services:
  - id: licence
    service_time: { exponential: { mean: 6m } }
    back_office: { department: office, work: { exponential: { mean: 10m } }, promised: 3wd, statutory: 10wd }
halls:
  - id: town
    tier: town
    hours: { workday: ["09:00-17:00"] }
    windows:
      - { id: front, count: 2, serves: [licence] }
    departments:
      - { id: office, staff: 2, hours: { workday: ["09:00-17:00"] } }
demand:
  - service: licence
    hall: town
    arrivals: { poisson: { per_hour: 9 } }
    channels: { walk_in: 0.7, online: 0.3 }
"""

private func network(_ s: [String: Any]) -> (cases: [String: Any], channels: [[String: Any]], office: [String: Any], backlog: [String: Any]) {
    let office = (s["departments"] as! [[String: Any]])[0]
    return (s["cases"] as! [String: Any], s["channels"] as! [[String: Any]], office, office["backlog"] as! [String: Any])
}

@Test func networkCountsOfTwoAdjacentRangesAddUpToTheWholeRunAndBacklogsAreLevelsOverEach() throws {
    let plain = try windowRun([], scenario: onlineOffice)
    let first = try windowRun(["--to", "2024-03-17"], scenario: onlineOffice)
    let rest = try windowRun(["--from", "2024-03-18"], scenario: onlineOffice)
    let (w, a, b) = (network(plain.summary), network(first.summary), network(rest.summary))

    // Counts go by the visit's arrival, so the two ranges split every count of the whole run.
    for key in ["arrived", "closed", "abandoned", "transferred", "open"] {
        let (x, y, z) = (w.cases[key] as? Int ?? 0, a.cases[key] as? Int ?? 0, b.cases[key] as? Int ?? 0)
        #expect(y + z == x, "cases.\(key): \(y) + \(z) != \(x)")
    }
    #expect((a.cases["arrived"] as! Int) > 0 && (b.cases["arrived"] as! Int) > 0)
    for key in ["received", "decided", "approved", "with_promised", "with_statutory"] {
        #expect((a.office[key] as! Int) + (b.office[key] as! Int) == w.office[key] as! Int, "departments[0].\(key)")
    }
    #expect((a.office["decided"] as! Int) > 0 && (b.office["decided"] as! Int) > 0)
    func byChannel(_ list: [[String: Any]], _ key: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: list.map { ($0["channel"] as! String, $0[key] as! Int) })
    }
    for key in ["arrived", "closed", "open"] {
        let sum = byChannel(a.channels, key).merging(byChannel(b.channels, key), uniquingKeysWith: +)
        #expect(sum == byChannel(w.channels, key), "channels[].\(key)")
    }
    // A range's channel conservation holds among its own visits.
    for c in a.channels {
        #expect(c["arrived"] as! Int == (c["closed"] as! Int) + (c["abandoned"] as! Int) + (c["transferred"] as! Int) + (c["open"] as! Int))
    }

    // Backlogs are levels over time: the whole run's mean is the two ranges' means weighted by
    // their lengths, its peak the higher of their peaks, and the first range ends where the second starts.
    let runEnd = try #require(plain.summary["simulated_s"] as? Double)
    let cut = 14 * 86_400.0
    let mean = { (x: [String: Any]) in x["mean"] as! Double }
    let weighted = (mean(a.backlog) * cut + mean(b.backlog) * (runEnd - cut)) / runEnd
    #expect(abs(weighted - mean(w.backlog)) < 0.01 * max(1, mean(w.backlog)) + 0.01)
    #expect(max(a.backlog["max"] as! Int, b.backlog["max"] as! Int) == w.backlog["max"] as! Int)
    #expect(b.backlog["end"] as! Int == w.backlog["end"] as! Int)
    #expect(mean(a.backlog) != mean(b.backlog))
    // Series periods start at the range's start: two weeks in the first range, the rest in the second.
    #expect((a.backlog["series"] as! [Int]).count == 2)
    #expect((a.backlog["series"] as! [Int]) == Array((w.backlog["series"] as! [Int]).prefix(2)))
    // The first range's backlog `end` is the level at its end (the end of the second week).
    #expect(a.backlog["end"] as! Int == (w.backlog["series"] as! [Int])[1])
}

@Test func networkFiguresOfAWholeRangeEqualNoRangeAndReplayEqualsRun() throws {
    let plain = try windowRun([], scenario: onlineOffice)
    let whole = try windowRun(["--from", "2024-03-04", "--to", "2024-04-02"], scenario: onlineOffice)
    #expect(same(whole.summary, plain.summary))
    let range = ["--from", "2024-03-11", "--to", "2024-03-22"]
    let run = try windowRun(range, scenario: onlineOffice)
    let replay = try windowRun(range, scenario: onlineOffice, replaying: range)
    // (closed_days is computed from the scenario, which a replay does not have.)
    var ran = run.summary
    ran.removeValue(forKey: "closed_days")
    #expect(same(replay.summary, ran))
    #expect(!NSArray(array: run.summary["departments"] as! [Any]).isEqual(to: plain.summary["departments"] as! [Any]))
}
