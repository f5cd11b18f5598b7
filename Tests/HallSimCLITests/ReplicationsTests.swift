import Foundation
import HallSimTesting
import Testing

@Test func replicationsGiveMeansWithHalfWidthsThatDoNotDependOnThreads() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC.replacingOccurrences(of: "cases: 20000", with: "cases: 4000"), in: dir)
    var outputs: [[String: Any]] = []
    for threads in ["1", "3"] {
        let out = dir.appendingPathComponent("t\(threads)")
        let r = try CommandRunner.hallsim(["run", file, "--json", "--replications", "5", "--threads", threads, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        outputs.append(dropTiming(try json(r.stdout)) as! [String: Any])
        for n in 1 ... 5 {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("events.r00\(n).log").path))
        }
        let csv = try String(contentsOf: out.appendingPathComponent("kpis.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("replication,hall,"))
        #expect(csv.contains("\n5,hall,"))
    }
    var a = outputs[0]
    var b = outputs[1]
    let kernelA = a.removeValue(forKey: "kernel") as? [String: Any]
    b.removeValue(forKey: "kernel")
    #expect(kernelA?["threads"] as? Int == 1)
    #expect(sameJSON(a, b))
    #expect(a["replications"] as? Int == 5)
    let seeds = try #require((a["seeds"] as? [NSNumber])?.map(\.uint64Value))
    #expect(seeds.count == 5 && Set(seeds).count == 5 && seeds[0] == 3)
    let wait = try #require(a["wait_s"] as? [String: Any])
    let halfWidth = try #require(wait["mean_ci95"] as? Double)
    #expect(halfWidth > 0)
    let cases = try #require(a["cases"] as? [String: Any])
    #expect(cases["abandoned_ci95"] as? Double == 0)
    let digests = try #require((a["log"] as? [String: Any])?["digests"] as? [String])
    #expect(Set(digests).count == 5)
}

/// Replications that see different channels (complaints appear in some runs only) merge
/// channel by channel: each channel once, and the channels' arrivals add up to the cases'.
@Test func replicationsMergeListsEntryByEntryNotByPosition() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/wenling-channels.yaml").path
    let r = try CommandRunner.hallsim(["run", file, "--json", "--no-log", "--horizon", "3d", "--replications", "4", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try json(r.stdout)
    let channels = try #require(summary["channels"] as? [[String: Any]])
    let names = channels.compactMap { $0["channel"] as? String }
    #expect(names.count == channels.count && Set(names).count == names.count)
    var total = 0.0
    for c in channels {
        let present = (c["replications_present"] as? NSNumber)?.doubleValue ?? 4
        total += ((c["arrived"] as? NSNumber)?.doubleValue ?? .nan) * present / 4
    }
    let arrived = try #require((summary["cases"] as? [String: Any])?["arrived"] as? NSNumber).doubleValue
    #expect(abs(total - arrived) < 1e-6 * arrived, "channels add up to \(total), cases \(arrived)")
}
