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

/// `--precision` stops at the first replication count whose interval meets the target: the run
/// reports a half-width within it, one replication fewer does not meet it, and the answer is the
/// same on one thread and three.
@Test func precisionStopsAsSoonAsTheTargetHoldsOnAnyNumberOfThreads() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC.replacingOccurrences(of: "cases: 20000", with: "cases: 5000"), in: dir)
    var answers: [[String: Any]] = []
    for threads in ["1", "3"] {
        let r = try CommandRunner.hallsim(["run", file, "--json", "--precision", "10%", "--threads", threads, "--out", dir.path + "/t\(threads)"])
        #expect(r.status == 0, "\(r.stderr)")
        answers.append(try json(r.stdout))
    }
    let precision = try #require(answers[0]["precision"] as? [String: Any])
    #expect(sameJSON(precision, try #require(answers[1]["precision"] as? [String: Any])))
    let count = try #require(answers[0]["replications"] as? Int)
    #expect(precision["reached"] as? Bool == true)
    #expect(try #require(precision["relative_half_width"] as? Double) <= 0.10)
    #expect(count > 3 && count < 100, "\(count) replications")
    let logs = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/t3").filter { $0.hasPrefix("events.r") }
    #expect(logs.count == count)

    let fewer = try CommandRunner.hallsim(["run", file, "--json", "--no-log", "--replications", "\(count - 1)", "--out", dir.path + "/fewer"])
    let wait = try #require(try json(fewer.stdout)["wait_s"] as? [String: Any])
    let mean = try #require(wait["mean"] as? Double), half = try #require(wait["mean_ci95"] as? Double)
    #expect(half > 0.10 * mean, "\(count - 1) replications already meet the target: ± \(half) of \(mean)")
}

@Test(arguments: [["--precision", "0"], ["--precision", "five"], ["--precision", "5%", "--precision-of", "utilisation"], ["--precision", "5%", "--max-replications", "2"]])
func aBadPrecisionExitsWithTwo(_ arguments: [String]) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let r = try CommandRunner.hallsim(["run", file] + arguments + ["--out", dir.path + "/out"])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("--precision") || r.stderr.contains("--max-replications"), "\(r.stderr)")
}
