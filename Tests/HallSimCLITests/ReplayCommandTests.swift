import Foundation
import HallSimTesting
import Testing

/// Fields that measure wall-clock time, which a replay cannot (and need not) reproduce.
let timingKeys: Set<String> = ["wall_s", "events_per_s", "cases_per_s"]

/// `value` with every timing field removed, at any depth.
func dropTiming(_ value: Any) -> Any {
    if let dict = value as? [String: Any] {
        return dict.filter { !timingKeys.contains($0.key) }.mapValues(dropTiming)
    }
    if let array = value as? [Any] { return array.map(dropTiming) }
    return value
}

func sameJSON(_ a: Any, _ b: Any) -> Bool {
    NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
}

/// Arguments that keep a bundled scenario short enough for a debug build.
let shortened: [String: [String]] = [
    "mmc.yaml": ["--horizon", "2d"],
    "tongling-weekend.yaml": ["--horizon", "63d"],
    "huaibei-network.yaml": ["--horizon", "14d"],
    "jiangmen-hotline.yaml": ["--horizon", "30d"],
    "wenling-channels.yaml": ["--horizon", "21d"],
]

let bundledScenarios: [String] = {
    let folder = CommandRunner.repositoryRoot.appendingPathComponent("scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
}()

@Test(arguments: bundledScenarios)
func replayingTheLogGivesTheRunsKPIsFieldForField(_ name: String) throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/\(name)").path
    let dir = try CommandRunner.temporaryFolder()
    let out = dir.appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--json", "--out", out.path] + (shortened[name] ?? []))
    #expect(run.status == 0, "\(run.stderr)")
    let reported = dir.appendingPathComponent("replayed")
    let replay = try CommandRunner.hallsim(["replay", out.appendingPathComponent("events.log").path, "--json", "--out", reported.path])
    #expect(replay.status == 0, "\(replay.stderr)")
    var ran = try json(run.stdout)
    var replayed = try json(replay.stdout)
    let replaySection = try #require(replayed.removeValue(forKey: "replay") as? [String: Any])
    #expect(replaySection["events"] as? Int == (ran["log"] as? [String: Any])?["events"] as? Int)
    #expect(replaySection["events_per_s"] is Double)
    #expect(replaySection["open_cases"] as? Int == (ran["cases"] as? [String: Any])?["in_system"] as? Int)
    ran = dropTiming(ran) as! [String: Any]
    replayed = dropTiming(replayed) as! [String: Any]
    // The demand of closed days is computed from the scenario, which a log does not hold.
    #expect(replayed["closed_days"] == nil)
    ran.removeValue(forKey: "closed_days")
    #expect(sameJSON(ran, replayed), "run:\n\(run.stdout)\nreplay:\n\(replay.stdout)")
    #expect((ran["log"] as? [String: Any])?["events"] as? Int ?? 0 > 1000, "the run wrote no log worth replaying")
    let csvRun = try String(contentsOf: out.appendingPathComponent("kpis.csv"), encoding: .utf8)
    let csvReplay = try String(contentsOf: reported.appendingPathComponent("kpis.csv"), encoding: .utf8)
    #expect(csvRun == csvReplay)
    #expect(csvRun.hasPrefix("hall,tier,group,service,servers,"))
}

@Test func theSameSeedGivesTheSameLogDigestAndAnotherSeedAnother() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    func digest(_ extra: [String], _ folder: String) throws -> String {
        let r = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.appendingPathComponent(folder).path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require((json(r.stdout)["log"] as? [String: Any])?["digest"] as? String)
    }
    let a = try digest([], "a")
    #expect(try digest([], "b") == a)
    #expect(try digest(["--seed", "99"], "c") != a)
    let logA = try Data(contentsOf: dir.appendingPathComponent("a/events.log"))
    let logB = try Data(contentsOf: dir.appendingPathComponent("b/events.log"))
    #expect(logA == logB)
    #expect(logA.count <= 32 * 4 * 20_001 + 64 * 1024, "more than 32 bytes per event: \(logA.count)")
}

@Test func noLogSkipsTheEventLog() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let out = dir.appendingPathComponent("out")
    let r = try CommandRunner.hallsim(["run", file, "--json", "--no-log", "--out", out.path])
    #expect(r.status == 0)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("events.log").path))
    #expect(try json(r.stdout)["log"] == nil)
}

/// A finished log of the small scenario, in a fresh folder.
func smallLog() throws -> (dir: URL, log: URL, summary: [String: Any]) {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let out = dir.appendingPathComponent("out")
    let r = try CommandRunner.hallsim(["run", file, "--json", "--out", out.path])
    #expect(r.status == 0)
    return (dir, out.appendingPathComponent("events.log"), try json(r.stdout))
}

@Test func aTornLogIsRefusedReplayedPartiallyOnRequestAndRepaired() throws {
    let (_, log, _) = try smallLog()
    let full = try Data(contentsOf: log)
    try full.prefix(full.count / 2 + 7).write(to: log)
    let refused = try CommandRunner.hallsim(["replay", log.path])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("torn"), "\(refused.stderr)")
    #expect(refused.stdout.isEmpty)
    let partial = try CommandRunner.hallsim(["replay", log.path, "--partial", "--json"])
    #expect(partial.status == 0, "\(partial.stderr)")
    #expect(partial.stderr.contains("warning"))
    let replayed = try #require(json(partial.stdout)["replay"] as? [String: Any])
    #expect((replayed["events"] as? Int ?? 0) > 0)
    let repair = try CommandRunner.hallsim(["log", "repair", log.path])
    #expect(repair.status == 0, "\(repair.stderr)")
    #expect(try Data(contentsOf: log).count < full.count / 2 + 7)
}

@Test func aCorruptLogIsAnErrorNamingTheSegmentAndOffset() throws {
    let (_, log, _) = try smallLog()
    var bytes = try Data(contentsOf: log)
    bytes[bytes.count / 3] ^= 0x5A
    try bytes.write(to: log)
    for command in [["replay", log.path], ["log", "verify", log.path], ["replay", log.path, "--partial"]] {
        let r = try CommandRunner.hallsim(command)
        #expect(r.status == 2, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("segment"), "\(r.stderr)")
        #expect(r.stderr.contains("offset"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}

@Test func logExportWritesTheCatalogThenOneJSONObjectPerEvent() throws {
    let (_, log, summary) = try smallLog()
    let r = try CommandRunner.hallsim(["log", "export", log.path])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    let events = try #require((summary["log"] as? [String: Any])?["events"] as? Int)
    #expect(lines.count == events + 1)
    for line in lines.prefix(5) + lines.suffix(2) {
        #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
    }
    let verify = try CommandRunner.hallsim(["log", "verify", log.path])
    #expect(verify.status == 0)
    #expect(verify.stdout.contains((summary["log"] as? [String: Any])?["digest"] as? String ?? "?"))
}

@Test func aFlippedLengthBitInTheLastEventBlockIsDamageForReplayPartialAndRepair() throws {
    let (_, log, summary) = try smallLog()
    let events = try #require((summary["log"] as? [String: Any])?["events"] as? Int)
    var bytes = try Data(contentsOf: log)
    let lastRecords = events % 2048 == 0 ? 2048 : events % 2048
    let lastBlock = bytes.count - 48 - 24 - 32 * lastRecords
    #expect(lastRecords * 32 < 0x8000, "the flipped length must stay possible")
    bytes[lastBlock + 5] ^= 0x80  // length + 32,768 bytes: past the end of the file
    try bytes.write(to: log)
    for command in [["replay", log.path, "--partial"], ["log", "repair", log.path]] {
        let r = try CommandRunner.hallsim(command)
        #expect(r.status == 2, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("byte offset \(lastBlock)"), "\(r.stderr)")
    }
    #expect(try Data(contentsOf: log) == bytes)
}
