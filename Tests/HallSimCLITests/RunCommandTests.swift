import Foundation
import HallSimTesting
import Testing

let smallMMC = """
name: small
seed: 3
stop: { cases: 20000 }
services:
  - id: generic
    service_time: { exponential: { mean: 60s } }
halls:
  - id: hall
    tier: city
    hours: always
    windows:
      - { id: w, count: 10, serves: [generic] }
demand:
  - service: generic
    hall: hall
    arrivals: { poisson: { per_hour: 540 } }
"""

func writeScenario(_ text: String, in folder: URL, name: String = "scenario.yaml") throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The summary without the fields that measure wall-clock time.
func withoutTiming(_ text: String) -> String {
    text.split(separator: "\n").filter { line in
        !["\"wall_s\"", "\"events_per_s\"", "\"cases_per_s\""].contains { line.contains($0) }
    }.joined(separator: "\n")
}

@Test func runPrintsAKPITableAndWritesTheSummaryFolder() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let out = dir.appendingPathComponent("out")
    let r = try CommandRunner.hallsim(["run", file, "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("wait (s)"))
    #expect(r.stdout.contains("utilisation"))
    #expect(r.stdout.contains("20,000"))
    let summary = try json(String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8))
    #expect(summary["scenario"] as? String == "small")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
}

@Test func jsonSummaryCarriesEveryDesignKeyWithValuesThatAddUp() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.appendingPathComponent("out").path])
    #expect(r.status == 0, "\(r.stderr)")
    let s = try json(r.stdout)
    #expect(s["scenario"] as? String == "small")
    #expect(s["seed"] as? Int == 3)
    #expect(s["replications"] as? Int == 1)

    // A stop after 20,000 cases with nobody giving up: every case arrives, is served and leaves.
    let cases = try #require(s["cases"] as? [String: Any])
    #expect(cases["arrived"] as? Int == 20000)
    #expect(cases["completed"] as? Int == 20000)
    #expect(cases["abandoned"] as? Int == 0)
    #expect(cases["in_system"] as? Int == 0)

    let wait = try #require(s["wait_s"] as? [String: Any])
    let figures = ["mean", "mean_ci95", "p50", "p90", "p99", "max"].map { wait[$0] as? Double ?? -1 }
    let (mean, halfWidth, p50, p90, p99, max) = (figures[0], figures[1], figures[2], figures[3], figures[4], figures[5])
    #expect(wait["count"] as? Int == 20000)
    #expect(mean > 0 && halfWidth > 0 && halfWidth < mean, "mean \(mean) ± \(halfWidth)")
    #expect(0 <= p50 && p50 <= p90 && p90 <= p99 && p99 <= max, "percentiles out of order: \(figures)")
    #expect(mean <= max)

    let groups = try #require(s["groups"] as? [[String: Any]])
    #expect(groups.count == 1)
    let group = try #require(groups.first)
    #expect(group["hall"] as? String == "hall")
    #expect(group["group"] as? String == "w")
    #expect(group["servers"] as? Int == 10)
    #expect(group["served"] as? Int == 20000)
    // 540 an hour at 60 s each on 10 windows: λ/(cμ) = 0.9, within the noise of 20,000 cases.
    let utilisation = try #require(group["utilisation"] as? Double)
    #expect(abs(utilisation - 0.9) < 0.03, "utilisation \(utilisation)")
    let groupWait = try #require(group["wait_s"] as? [String: Any])
    #expect(groupWait["mean"] as? Double == mean, "one group: its mean wait is the run's")

    // Two kernel events a case (its arrival and its service's end); the log holds four case
    // events a case (submitted, ticket issued, called, service completed) and the run's start and end.
    let kernel = try #require(s["kernel"] as? [String: Any])
    #expect(kernel["events"] as? Int == 40000)
    let wall = try #require(kernel["wall_s"] as? Double)
    let rate = try #require(kernel["events_per_s"] as? Double)
    #expect(wall > 0 && abs(rate * wall - 40000) < 1, "events_per_s \(rate) × wall_s \(wall)")
    #expect((kernel["allocator"] as? String)?.hasPrefix("jemalloc") == true)
    let log = try #require(s["log"] as? [String: Any])
    #expect(log["events"] as? Int == 4 * 20000 + 2)
    #expect((log["digest"] as? String)?.count == 16)
}

@Test func theSameSeedGivesAByteIdenticalSummaryAndAnotherSeedADifferentOne() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let a = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.appendingPathComponent("a").path])
    let b = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.appendingPathComponent("b").path])
    let c = try CommandRunner.hallsim(["run", file, "--json", "--seed", "4", "--out", dir.appendingPathComponent("c").path])
    #expect(a.status == 0 && b.status == 0 && c.status == 0)
    #expect(withoutTiming(a.stdout) == withoutTiming(b.stdout))
    #expect(withoutTiming(a.stdout) != withoutTiming(c.stdout))
    #expect(try json(c.stdout)["seed"] as? Int == 4)
    let onDisk = try String(contentsOf: dir.appendingPathComponent("a/summary.json"), encoding: .utf8)
    #expect(onDisk == a.stdout)
}

@Test func validateAcceptsTheBundledScenario() throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/mmc.yaml").path
    let r = try CommandRunner.hallsim(["validate", file])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ok"))
}

@Test func aUsageErrorExitsWithCodeTwo() throws {
    let r = try CommandRunner.hallsim(["run"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("Usage"))
    let unknown = try CommandRunner.hallsim(["simulate"])
    #expect(unknown.status == 2)
}

@Test func setAndDemandFactorChangeTheRunAndABadOverrideExitsWithTwoNamingIt() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim([
        "run", file, "--json", "--no-log", "--set", "halls.hall.windows.w.count=12", "--set", "stop.cases=*0.5",
        "--demand-factor", "0.5", "--out", dir.appendingPathComponent("out").path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let s = try json(r.stdout)
    #expect((s["cases"] as? [String: Any])?["arrived"] as? Int == 10000)
    let group = try #require((s["groups"] as? [[String: Any]])?.first)
    #expect(group["servers"] as? Int == 12)
    // 270 an hour at 60 s each on 12 windows.
    #expect(abs((group["utilisation"] as? Double ?? 0) - 0.375) < 0.02)

    let bad = try CommandRunner.hallsim(["run", file, "--set", "halls.hal.windows.w.count=12", "--out", dir.appendingPathComponent("bad").path])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--set halls.hal.windows.w.count=12: 'halls' has no entry with id 'hal'"), "\(bad.stderr)")
    #expect(bad.stderr.contains("did you mean 'hall'?"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
}
