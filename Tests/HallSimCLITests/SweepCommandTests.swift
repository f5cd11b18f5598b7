import Foundation
import HallSimTesting
import Testing

/// An M/M/c with λ = 7 a minute and a mean service of 1 minute, on a fixed number of arrivals.
private let mmc7 = smallMMC.replacingOccurrences(of: "per_hour: 540", with: "per_hour: 420")
    .replacingOccurrences(of: "stop: { cases: 20000 }", with: "stop: { cases: 60000 }")

private func csvRows(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
}

/// Every variant's interval (at 1 − 0.05/V, so that all V hold together with 95%) covers the
/// Erlang C mean wait of its number of windows.
@Test func aSweepOfTheWindowCountAgreesWithErlangCInEveryVariant() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(mmc7, in: dir)
    let r = try CommandRunner.hallsim(["sweep", file, "--vary", "halls.hall.windows.w.count=8..11", "--replications", "10", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("98.75% per variant"))
    let rows = csvRows(try String(contentsOf: dir.appendingPathComponent("out/sweep.csv"), encoding: .utf8))
    let waits = rows.filter { $0["place"] == "overall" && $0["kpi"] == "wait_mean_s" }
    #expect(waits.count == 4)
    for row in waits {
        let c = try #require(Int(row["halls.hall.windows.w.count"] ?? ""))
        let theory = QueueingTheory.mmcMeanWait(lambda: 7.0 / 60, mu: 1.0 / 60, c: c)
        let mean = try #require(Double(row["mean"] ?? "")), half = try #require(Double(row["half_width"] ?? ""))
        #expect(abs(mean - theory) <= half, "\(c) windows: \(mean) ± \(half) s, Erlang C \(theory) s")
        if c > 8 { #expect(row["verdict"] == "better", "\(c) windows") }
    }
}

/// A plan run in three shards on "three machines" and merged gives the same bytes as the sweep
/// on one; a shard's missing line is reported by the id of its run.
@Test func aPlanSplitIntoShardsAndMergedGivesTheSweepByteForByte() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(mmc7.replacingOccurrences(of: "cases: 60000", with: "cases: 3000"), in: dir)
    let sweep = ["--vary", "halls.hall.windows.w.count=9,10", "--vary", "services.generic.service_time={ exponential: { mean: 55s } },{ exponential: { mean: 60s } }", "--replications", "3"]
    let whole = try CommandRunner.hallsim(["sweep", file] + sweep + ["--out", dir.path + "/whole"])
    #expect(whole.status == 0, "\(whole.stderr)")
    let plan = try CommandRunner.hallsim(["sweep", file] + sweep + ["--plan"])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.split(separator: "\n").count == 12)
    let planFile = dir.appendingPathComponent("plan.jsonl")
    try plan.stdout.write(to: planFile, atomically: true, encoding: .utf8)
    var shards: [URL] = []
    for i in 1 ... 3 {
        let s = try CommandRunner.hallsim(["sweep", "--run-plan", planFile.path, "--shard", "\(i)/3", "--threads", "\(i)"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.split(separator: "\n").count == 4)
        let url = dir.appendingPathComponent("shard\(i).jsonl")
        try s.stdout.write(to: url, atomically: true, encoding: .utf8)
        shards.append(url)
    }
    let merged = try CommandRunner.hallsim(["merge", planFile.path] + shards.map(\.path) + ["--out", dir.path + "/merged"])
    #expect(merged.status == 0, "\(merged.stderr)")
    for name in ["sweep.csv", "sweep.json", "replications.csv"] {
        let a = try Data(contentsOf: dir.appendingPathComponent("whole/\(name)"))
        let b = try Data(contentsOf: dir.appendingPathComponent("merged/\(name)"))
        #expect(a == b, "\(name) differs")
    }
    #expect(merged.stdout == whole.stdout)

    // Drop the second line of shard 2: the merge names that run and fails.
    var lines = try String(contentsOf: shards[1], encoding: .utf8).split(separator: "\n")
    let dropped = try #require(lines.remove(at: 1).split(separator: "\"").dropFirst().first { $0.hasPrefix("v0") })
    try (lines.joined(separator: "\n") + "\n").write(to: shards[1], atomically: true, encoding: .utf8)
    let incomplete = try CommandRunner.hallsim(["merge", planFile.path] + shards.map(\.path) + ["--out", dir.path + "/incomplete"])
    #expect(incomplete.status == 1)
    #expect(incomplete.stderr.contains("1 runs missing: \(dropped)"), "\(incomplete.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/incomplete"))
}

@Test(arguments: [
    (["--vary", "halls.nowhere.windows.w.count=3,4"], "nowhere"),
    (["--vary", "halls.hall.windows.w.count=3,many"], "count"),
    (["--vary", "halls.hall.windows.w.count=9..5"], "LO ≤ HI"),
    (["--vary", "halls.hall.windows.w.count"], "PATH=VALUES"),
    (["--vary", "halls.hall.windows.w.count=1..100000"], "more than"),
    (["--vary", "halls.hall.windows.w.count=3,4", "--vary", "seed=1,2,3", "--zip"], "--zip"),
    (["--set", "halls.hall.windows.w.count=0", "--vary", "seed=1,2"], "count"),
])
func aBadSweepExitsWithTwoAndNamesWhatIsWrong(_ arguments: [String], _ named: String) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim(["sweep", file] + arguments + ["--out", dir.path + "/out"])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(named), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
}

/// A sweep with `--warmup auto` split into shards: each finished run carries the cut its variant
/// applied, so the merge says per variant what warm-up was applied, in sweep.json and the table,
/// the same as the sweep on one machine; result lines written before runs carried it still merge.
@Test func aMergedSweepSaysEachVariantsWarmup() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(mm1.replacingOccurrences(of: "4000", with: "2000"), in: dir)
    let sweep = ["--vary", "halls.h.windows.w.count=1,2", "--replications", "2", "--warmup", "auto"]
    let whole = try CommandRunner.hallsim(["sweep", file] + sweep + ["--out", dir.path + "/whole"])
    #expect(whole.status == 0, "\(whole.stderr)")
    let plan = try CommandRunner.hallsim(["sweep", file] + sweep + ["--plan"])
    let planFile = dir.appendingPathComponent("plan.jsonl").path
    try plan.stdout.write(toFile: planFile, atomically: true, encoding: .utf8)
    var shards: [String] = []
    for i in 1 ... 2 {
        let s = try CommandRunner.hallsim(["sweep", "--run-plan", planFile, "--shard", "\(i)/2"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.split(separator: "\n").allSatisfy { $0.contains(#""warmup":{"#) }, "\(s.stdout)")
        shards.append(dir.appendingPathComponent("shard\(i).jsonl").path)
        try s.stdout.write(toFile: shards[i - 1], atomically: true, encoding: .utf8)
    }
    let merged = try CommandRunner.hallsim(["merge", planFile] + shards + ["--out", dir.path + "/merged"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == whole.stdout)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/merged/sweep.json")) == Data(contentsOf: URL(fileURLWithPath: dir.path + "/whole/sweep.json")))

    struct Variant: Decodable { struct Warmup: Decodable { var method: String; var truncation_s: Double }; var warmup: Warmup? }
    struct Document: Decodable { var variants: [Variant] }
    let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/merged/sweep.json")))
    let cuts = try document.variants.map { try #require($0.warmup) }
    #expect(cuts.count == 2 && cuts.allSatisfy { $0.method == "mser5" })
    let header = try #require(merged.stdout.split(separator: "\n").first { $0.hasPrefix("variant") })
    #expect(header.contains("warm-up"))
    for (v, row) in merged.stdout.split(separator: "\n").filter({ $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }).enumerated() {
        #expect(row.contains("(MSER-5"), "variant \(v + 1): \(row)")
    }

    // Lines without the warm-up (as written before runs carried it) merge; the table says the cut is not recorded.
    for shard in shards {
        let text = try String(contentsOfFile: shard, encoding: .utf8).replacingOccurrences(of: #","warmup":\{[^}]*\}"#, with: "", options: .regularExpression)
        #expect(!text.contains("warmup"))
        try text.write(toFile: shard, atomically: true, encoding: .utf8)
    }
    let older = try CommandRunner.hallsim(["merge", planFile] + shards + ["--out", dir.path + "/older"])
    #expect(older.status == 0, "\(older.stderr)")
    #expect(older.stdout.contains("auto (cut not recorded)"), "\(older.stdout)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/older/sweep.csv")) == Data(contentsOf: URL(fileURLWithPath: dir.path + "/whole/sweep.csv")))
}
