import Foundation
import HallSimTesting
import Testing

/// The figures of a comparison.json, by place, name and KPI.
private func figures(_ document: [String: Any]) throws -> [String: [String: Any]] {
    let list = try #require(document["figures"] as? [[String: Any]])
    var byKey: [String: [String: Any]] = [:]
    for f in list { byKey["\(f["place"]!) \(f["name"]!) \(f["kpi"]!)"] = f }
    return byKey
}

private func difference(_ figure: [String: Any]?) -> (mean: Double, ci95: Double, unpaired: Double) {
    let d = figure?["difference"] as? [String: Any]
    return ((d?["mean"] as? Double) ?? .nan, (d?["ci95"] as? Double) ?? .nan, (d?["unpaired_ci95"] as? Double) ?? .nan)
}

@Test func comparingAScenarioWithItselfGivesExactlyZeroAndNoSignificantDifference() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/pooling.yaml").path
    let r = try CommandRunner.hallsim(["compare", file, "--replications", "4", "--horizon", "7d", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let document = try json(r.stdout)
    let all = try figures(document)
    #expect(all.count > 20)
    for (key, f) in all {
        let d = difference(f)
        #expect(d.mean == 0 && d.ci95 == 0, "\(key)")
        #expect(f["verdict"] as? String == "no significant difference", "\(key)")
    }
    let streams = try #require(document["streams_without_partner"] as? [String: [String]])
    #expect(streams["baseline_only"] == [] && streams["variant_only"] == [])
    let csv = try String(contentsOf: dir.appendingPathComponent("out/comparison.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == all.count + 1 + ((document["unpaired"] as? [Any])?.count ?? 0))
}

/// With a horizon stop, halls with their own demand do not interact: fewer windows in one hall
/// leave every figure of the other exactly as it was, replication by replication.
@Test func changingOneHallsStaffingLeavesEveryOtherHallExactlyUnchanged() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/pooling.yaml").path
    let r = try CommandRunner.hallsim([
        "compare", file, "--set", "halls.comprehensive.windows.one-window.count=6", "--replications", "5", "--horizon", "14d",
        "--json", "--out", dir.path + "/out",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let all = try figures(try json(r.stdout))
    let dedicated = all.filter { $0.key.contains(" dedicated") }
    #expect(dedicated.count >= 10)
    for (key, f) in dedicated {
        #expect(difference(f).mean == 0 && difference(f).ci95 == 0, "\(key)")
    }
    let changed = try #require(all["hall comprehensive wait_mean_s"])
    #expect(changed["verdict"] as? String == "worse")
    #expect(all["group comprehensive/one-window utilisation"]?["verdict"] as? String == "higher")
}

/// M/M/c at ρ = 0.7 (λ = 7/min, mean service 1 min), 10 → 11 windows: common random numbers make
/// the paired interval of the mean wait far narrower than the unpaired one.
@Test func pairingOnCommonRandomNumbersNarrowsTheIntervalOfAStaffingChange() throws {
    let dir = try CommandRunner.temporaryFolder()
    let scenario = smallMMC.replacingOccurrences(of: "per_hour: 540", with: "per_hour: 420")
        .replacingOccurrences(of: "stop: { cases: 20000 }", with: "stop: { time: 2d }")
    let file = try writeScenario(scenario, in: dir)
    let r = try CommandRunner.hallsim(["compare", file, "--set", "halls.hall.windows.w.count=11", "--replications", "20", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let wait = difference(try figures(try json(r.stdout))["overall  wait_mean_s"])
    #expect(wait.mean < 0)
    #expect(wait.ci95 > 0 && wait.unpaired >= 1.5 * wait.ci95, "paired ± \(wait.ci95), unpaired ± \(wait.unpaired)")
}

@Test func theTableNamesTheVariantAndSaysWhichStreamsHaveNoPartner() throws {
    let dir = try CommandRunner.temporaryFolder()
    let a = try writeScenario(smallMMC.replacingOccurrences(of: "stop: { cases: 20000 }", with: "stop: { time: 1d }"), in: dir, name: "a.yaml")
    let b = try writeScenario(
        smallMMC.replacingOccurrences(of: "stop: { cases: 20000 }", with: "stop: { time: 1d }").replacingOccurrences(of: "id: hall", with: "id: other")
            .replacingOccurrences(of: "hall: hall", with: "hall: other"),
        in: dir, name: "b.yaml"
    )
    let r = try CommandRunner.hallsim(["compare", a, b, "--replications", "3", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("baseline only: hall/generic"))
    #expect(r.stdout.contains("variant only: other/generic"))
    #expect(r.stdout.contains("not paired"))
}

@Test(arguments: [
    (["--set", "halls.nowhere.windows.w.count=3"], "nowhere"),
    (["--set", "halls.hall.windows.w.count=many"], "count"),
    (["--set", "halls.hall.windows.w.count=70000"], "count"),
    (["--replications", "1"], "--replications"),
])
func aBadComparisonExitsWithTwoAndNamesWhatIsWrong(_ arguments: [String], _ named: String) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim(["compare", file] + arguments + ["--out", dir.path + "/out"])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(named), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
}
