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

@Test func jsonSummaryCarriesEveryDesignKey() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.appendingPathComponent("out").path])
    #expect(r.status == 0, "\(r.stderr)")
    let s = try json(r.stdout)
    for key in ["scenario", "seed", "replications", "cases", "wait_s", "groups", "kernel"] {
        #expect(s[key] != nil, "missing \(key)")
    }
    let cases = try #require(s["cases"] as? [String: Any])
    for key in ["arrived", "completed", "abandoned", "in_system"] { #expect(cases[key] is Int, "cases.\(key)") }
    let wait = try #require(s["wait_s"] as? [String: Any])
    for key in ["mean", "mean_ci95", "p50", "p90", "p99", "max"] { #expect(wait[key] is Double, "wait_s.\(key)") }
    let group = try #require((s["groups"] as? [[String: Any]])?.first)
    for key in ["hall", "group", "servers", "utilisation", "wait_s", "served"] { #expect(group[key] != nil, "groups[].\(key)") }
    let kernel = try #require(s["kernel"] as? [String: Any])
    for key in ["events", "wall_s", "events_per_s"] { #expect(kernel[key] != nil, "kernel.\(key)") }
    #expect((kernel["allocator"] as? String)?.hasPrefix("jemalloc") == true)
    #expect(cases["arrived"] as? Int == 20000)
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
