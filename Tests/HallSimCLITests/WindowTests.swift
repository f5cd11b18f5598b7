import Foundation
import HallSimTesting
import Testing

/// The results of `hallsim ARGS… --out DIR` on `weekAndSaturdays` (a 75-day run from Monday
/// 2024-03-04): summary.json without its timings, and kpis.csv.
func windowRun(_ args: [String], scenario: String = weekAndSaturdays, replaying: [String]? = nil) throws -> (summary: [String: Any], csv: String) {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(scenario, in: dir)
    var out = dir.appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--out", out.path] + args)
    #expect(run.status == 0, "\(run.stderr)")
    if let replaying {
        let again = dir.appendingPathComponent("again")
        let replay = try CommandRunner.hallsim(["replay", out.appendingPathComponent("events.log").path, "--out", again.path] + replaying)
        #expect(replay.status == 0, "\(replay.stderr)")
        out = again
    }
    var summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
    for key in ["kernel", "replay", "log"] { summary.removeValue(forKey: key) }
    return (summary, try String(contentsOf: out.appendingPathComponent("kpis.csv"), encoding: .utf8))
}

func same(_ a: [String: Any], _ b: [String: Any]) -> Bool { NSDictionary(dictionary: a).isEqual(to: b) }

func arrivedPerGroup(_ s: [String: Any]) -> [Int] { (s["groups"] as! [[String: Any]]).map { $0["arrived"] as! Int } }

@Test func aRangeCoveringTheWholeRunEqualsNoRange() throws {
    let plain = try windowRun([])
    let whole = try windowRun(["--from", "2024-03-04", "--to", "2024-05-17"])
    #expect(whole.csv == plain.csv)
    #expect(same(whole.summary, plain.summary))
    #expect(whole.summary["range"] == nil)
}

@Test func twoAdjacentRangesArrivalCountsAddUpToTheWholeRun() throws {
    let plain = try windowRun([])
    let first = try windowRun(["--to", "2024-04-10"])
    let rest = try windowRun(["--from", "2024-04-11"])
    let cases = { (s: [String: Any], k: String) in (s["cases"] as! [String: Any])[k] as! Int }
    #expect(cases(first.summary, "arrived") > 0 && cases(rest.summary, "arrived") > 0)
    #expect(cases(first.summary, "arrived") + cases(rest.summary, "arrived") == cases(plain.summary, "arrived"))
    #expect(zip(arrivedPerGroup(first.summary), arrivedPerGroup(rest.summary)).map { $0 + $1 } == arrivedPerGroup(plain.summary))
    // The longest queue of the whole run is the longer of the two ranges' (each over its own time).
    func queueMax(_ s: [String: Any]) -> [Int] { (s["groups"] as! [[String: Any]]).map { $0["queue_max"] as! Int } }
    #expect(zip(queueMax(first.summary), queueMax(rest.summary)).map { max($0, $1) } == queueMax(plain.summary))
    #expect(queueMax(first.summary) != queueMax(rest.summary))
    // summary.json says the range.
    let range = try #require(first.summary["range"] as? [String: Any])
    #expect(range["to"] as? String == "2024-04-10" && range["from"] == nil)
    #expect(range["start_s"] as? Double == 0 && range["end_s"] as? Double == 38 * 86_400)
    let later = try #require(rest.summary["range"] as? [String: Any])
    #expect(later["from"] as? String == "2024-04-11" && later["start_s"] as? Double == 38 * 86_400 && later["end_s"] == nil)
}

@Test func replayFromToEqualsRunFromTo() throws {
    let range = ["--from", "2024-03-20", "--to", "2024-04-25"]
    let run = try windowRun(range)
    let replay = try windowRun(range, replaying: range)
    #expect(replay.csv == run.csv)
    #expect(same(replay.summary, run.summary))
    #expect(run.summary["range"] != nil)
    #expect(run.csv != (try windowRun([])).csv)
}

@Test func badRangesAreRefusedWithExitTwoAndNothingWritten() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(weekAndSaturdays, in: dir)
    let out = dir.appendingPathComponent("out")
    let cases: [([String], String)] = [
        (["--from", "2024-02-30"], "--from 2024-02-30: not a date"),
        (["--to", "tomorrow"], "--to tomorrow: not a date"),
        (["--from", "2024-04-02", "--to", "2024-04-01"], "--from 2024-04-02 is after --to 2024-04-01"),
        (["--from", "2024-06-01"], "--from 2024-06-01 is after the run ends (the run covers 2024-03-04 to 2024-05-17)"),
        (["--to", "2024-03-01"], "--to 2024-03-01 is before the run starts"),
        (["--warmup", "soon"], "--warmup soon:"),
    ]
    for (args, message) in cases {
        let run = try CommandRunner.hallsim(["run", file, "--out", out.path] + args)
        #expect(run.status == 2, "\(args)")
        #expect(run.stderr.contains(message) && run.stderr.contains("hint:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
    let made = try CommandRunner.hallsim(["run", file, "--out", out.path])
    #expect(made.status == 0)
    let replay = try CommandRunner.hallsim(["replay", out.appendingPathComponent("events.log").path, "--from", "2025-01-01"])
    #expect(replay.status == 2)
    #expect(replay.stderr.contains("is after the run ends"), "\(replay.stderr)")
}

@Test func aWarmupOfADayEqualsStartingTheRangeOnTheSecondDay() throws {
    let warm = try windowRun(["--warmup", "24h"])
    let from = try windowRun(["--from", "2024-03-05"])
    #expect(warm.csv == from.csv)
    var a = warm.summary, b = from.summary
    let range = try #require(a.removeValue(forKey: "range") as? [String: Any])
    b.removeValue(forKey: "range")
    #expect(same(a, b))
    let warmup = try #require(range["warmup"] as? [String: Any])
    #expect(warmup["method"] as? String == "given" && warmup["truncation_s"] as? Double == 86_400)
}

/// An M/M/1 queue at ρ = 0.9 (mean service 60 s, 54 arrivals an hour) started empty, 4,000 cases
/// (a seed whose start MSER-5 cuts; tests/ExperimentsTests shows the cut lowers the error over many seeds).
let mm1 = """
name: mm1
seed: 5
stop: { cases: 4000 }
services:
  - id: s
    service_time: { exponential: { mean: 60s } }
halls:
  - id: h
    tier: city
    hours: always
    windows:
      - { id: w, count: 1, serves: [s] }
demand:
  - service: s
    hall: h
    arrivals: { poisson: { per_hour: 54 } }
"""

@Test func warmupAutoCutsTheStartOfAnMM1StartedEmptyAndSaysWhere() throws {
    let auto = try windowRun(["--warmup", "auto", "--no-log"], scenario: mm1)
    let range = try #require(auto.summary["range"] as? [String: Any])
    let warmup = try #require(range["warmup"] as? [String: Any])
    #expect(warmup["method"] as? String == "mser5")
    #expect(warmup["series"] as? Int == 4_000)
    #expect(warmup["batches"] as? Int == 800)
    #expect(warmup["truncated_batches"] as? Int ?? 0 > 0)
    let cut = try #require(warmup["truncation_s"] as? Double)
    #expect(cut > 0 && range["start_s"] as? Double == cut, "\(range)")
    // The figures are those of the run from the cut on.
    let given = try windowRun(["--warmup", "\(cut)s", "--no-log"], scenario: mm1)
    #expect(given.csv == auto.csv)
    // With replications the cut is decided once, on replication 1, and reported.
    let replicated = try windowRun(["--warmup", "auto", "--no-log", "--replications", "2"], scenario: mm1)
    let merged = try #require((replicated.summary["range"] as? [String: Any])?["warmup"] as? [String: Any])
    #expect(merged["replication"] as? Int == 1 && merged["truncation_s"] as? Double == cut)
}

@Test func compareAndSweepTakeAWarmupAndPlanLinesCarryIt() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(mm1.replacingOccurrences(of: "4000", with: "3000"), in: dir)
    let compare = try CommandRunner.hallsim(["compare", file, "--replications", "2", "--warmup", "2h", "--json", "--out", dir.appendingPathComponent("c").path])
    #expect(compare.status == 0, "\(compare.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
    let warmup = try #require(document["warmup"] as? [String: [String: Any]])
    #expect(warmup["baseline"]?["truncation_s"] as? Double == 7_200 && warmup["variant"]?["truncation_s"] as? Double == 7_200)
    let plan = try CommandRunner.hallsim(["sweep", file, "--vary", "halls.h.windows.w.count=1,2", "--replications", "2", "--warmup", "auto", "--plan"])
    #expect(plan.status == 0, "\(plan.stderr)")
    let lines = plan.stdout.split(separator: "\n")
    #expect(lines.count == 4 && lines.allSatisfy { $0.contains(#""warmup":"auto""#) }, "\(plan.stdout)")
    let sweep = try CommandRunner.hallsim(["sweep", file, "--vary", "halls.h.windows.w.count=1,2", "--replications", "2", "--warmup", "auto", "--json", "--out", dir.appendingPathComponent("s").path])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let swept = try #require(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])
    let variants = try #require(swept["variants"] as? [[String: Any]])
    #expect(variants.allSatisfy { ($0["warmup"] as? [String: Any])?["method"] as? String == "mser5" })
}

@Test func overManySeedsWarmupAutoBringsTheMM1MeanWaitCloserToTheory() throws {
    // ρ = 0.9, mean service 60 s: the mean wait in queue is ρ/(μ − λ) = 540 s; an empty start biases 4,000 cases low.
    let theory = 540.0
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(mm1, in: dir)
    var plainError = 0.0, truncatedError = 0.0, cuts = 0
    func meanWait(_ extra: [String], seed: Int) throws -> (wait: Double, cut: Double) {
        let r = try CommandRunner.hallsim(["run", file, "--seed", "\(seed)", "--no-log", "--json", "--out", dir.appendingPathComponent("out").path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let s = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let cut = ((s["range"] as? [String: Any])?["warmup"] as? [String: Any])?["truncation_s"] as? Double ?? 0
        return (try #require((s["wait_s"] as? [String: Any])?["mean"] as? Double), cut)
    }
    for seed in 1 ... 60 {
        let plain = try meanWait([], seed: seed).wait
        let (truncated, cut) = try meanWait(["--warmup", "auto"], seed: seed)
        if cut > 0 { cuts += 1 }
        plainError += (plain - theory) * (plain - theory)
        truncatedError += (truncated - theory) * (truncated - theory)
    }
    #expect(cuts > 0, "MSER-5 never truncated")
    #expect(truncatedError < plainError, "MSE truncated \(truncatedError / 60) vs untruncated \(plainError / 60)")
}
