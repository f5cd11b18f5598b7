import Foundation
import HallSimTesting
import Testing

/// A reference scenario, with the arguments that keep it short enough for a debug build.
struct Reference: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var testDescription: String { name }
}

/// The figures a planner reads off a run, one per line, rounded to keep them readable.
func keyOutputs(_ s: [String: Any]) -> String {
    func n(_ x: Any?) -> String {
        guard let v = (x as? NSNumber)?.doubleValue else { return "-" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.3f", v)
    }
    var lines: [String] = []
    let cases = s["cases"] as? [String: Any]
    lines.append("cases arrived=\(n(cases?["arrived"])) completed=\(n(cases?["completed"])) abandoned=\(n(cases?["abandoned"])) in_system=\(n(cases?["in_system"]))")
    let wait = s["wait_s"] as? [String: Any]
    lines.append("wait_s mean=\(n(wait?["mean"])) p50=\(n(wait?["p50"])) p90=\(n(wait?["p90"])) p99=\(n(wait?["p99"]))")
    for case let t as [String: Any] in (s["tiers"] as? [Any]) ?? [] {
        lines.append("tier \(t["tier"] ?? "?") arrived=\(n(t["arrived"])) served=\(n(t["served"])) abandoned=\(n(t["abandoned"]))")
    }
    for case let g as [String: Any] in ((s["groups"] as? [Any]) ?? []).prefix(25) {
        let w = g["wait_s"] as? [String: Any]
        lines.append("group \(g["hall"] ?? "?")/\(g["group"] ?? "?") served=\(n(g["served"])) utilisation=\(n(g["utilisation"])) wait_mean=\(n(w?["mean"])) wait_p90=\(n(w?["p90"]))")
    }
    if cases?["closed"] != nil {
        lines.append("conservation closed=\(n(cases?["closed"])) transferred=\(n(cases?["transferred"])) open=\(n(cases?["open"]))")
    }
    for case let c as [String: Any] in (s["channels"] as? [Any]) ?? [] {
        lines.append("channel \(c["channel"] ?? "?") arrived=\(n(c["arrived"])) closed=\(n(c["closed"])) abandoned=\(n(c["abandoned"])) open=\(n(c["open"]))")
    }
    for case let d as [String: Any] in ((s["departments"] as? [Any]) ?? []).prefix(12) {
        let late = d["lateness_wd"] as? [String: Any]
        lines.append("department \(d["hall"] ?? "?")/\(d["department"] ?? "?") received=\(n(d["received"])) decided=\(n(d["decided"])) on_time_promised=\(n(d["on_time_promised"])) on_time_statutory=\(n(d["on_time_statutory"])) late_p90_wd=\(n(late?["p90"]))")
    }
    for key in ["bundles", "escalation", "hotline", "ratings"] {
        guard let part = s[key] as? [String: Any] else { continue }
        let numbers = part.keys.sorted().compactMap { k in part[k] is NSNumber ? "\(k)=\(n(part[k]))" : nil }
        lines.append("\(key) " + numbers.joined(separator: " "))
    }
    lines.append("log events=\(n((s["log"] as? [String: Any])?["events"])) digest=\((s["log"] as? [String: Any])?["digest"] ?? "-")")
    return lines.joined(separator: "\n") + "\n"
}

@Test(arguments: [
    Reference(name: "pooling", arguments: []),
    Reference(name: "tongling-weekend", arguments: ["--horizon", "63d"]),
    Reference(name: "huaibei-network", arguments: ["--horizon", "14d"]),
    Reference(name: "jiangmen-hotline", arguments: ["--horizon", "30d"]),
    Reference(name: "wenling-channels", arguments: ["--horizon", "21d"]),
])
func referenceScenarioKeyOutputsMatchTheirGoldenFiles(_ reference: Reference) throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/\(reference.name).yaml").path
    let dir = try CommandRunner.temporaryFolder()
    let r = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.path + "/out"] + reference.arguments)
    #expect(r.status == 0, "\(r.stderr)")
    let outputs = keyOutputs(try json(r.stdout))
    if let mismatch = try Golden.mismatch("\(reference.name).txt", outputs) {
        Issue.record("\(mismatch)")
    }
}

@Test func poolingCutsTheMeanWaitForTheSameStaff() throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/pooling.yaml").path
    let dir = try CommandRunner.temporaryFolder()
    let r = try CommandRunner.hallsim(["run", file, "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let groups = try #require(try json(r.stdout)["groups"] as? [[String: Any]])
    func waitAndServed(_ g: [String: Any]) -> (Double, Double) {
        ((g["wait_s"] as? [String: Any])?["mean"] as? Double ?? .nan, Double(g["served"] as? Int ?? 0))
    }
    let comprehensive = groups.filter { $0["hall"] as? String == "comprehensive" }.map(waitAndServed)
    let dedicated = groups.filter { $0["hall"] as? String == "dedicated" }.map(waitAndServed)
    #expect(comprehensive.count == 1 && dedicated.count == 4)
    let pooledWait = comprehensive[0].0
    let dedicatedWait = dedicated.reduce(0) { $0 + $1.0 * $1.1 } / dedicated.reduce(0) { $0 + $1.1 }
    #expect(pooledWait * 2 < dedicatedWait, "comprehensive \(pooledWait) s vs dedicated \(dedicatedWait) s")
}
