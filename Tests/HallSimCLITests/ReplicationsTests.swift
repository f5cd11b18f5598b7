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

/// replications.csv has one row per replication with the seeds summary.json lists, and the mean
/// of each figure's column is the figure summary.json gives; `per_replication` holds the same
/// overall figures.
@Test func replicationsCSVKeepsEachReplicationsFiguresWhoseMeansAreTheSummarys() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/tongling-weekend.yaml").path
    let out = dir.appendingPathComponent("out")
    let r = try CommandRunner.hallsim(["run", file, "--json", "--no-log", "--horizon", "7d", "--replications", "4", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try json(r.stdout)
    let seeds = try #require((summary["seeds"] as? [NSNumber])?.map(\.uint64Value))
    let lines = try String(contentsOf: out.appendingPathComponent("replications.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    let rows = lines.dropFirst()
    #expect(Array(header.prefix(2)) == ["replication", "seed"])
    #expect(rows.count == 4)
    #expect(rows.map { $0[0] } == ["1", "2", "3", "4"])
    #expect(rows.map { UInt64($0[1]) } == seeds.map { $0 })
    #expect(rows.allSatisfy { $0.count == header.count })

    func column(_ name: String) throws -> [Double] {
        let i = try #require(header.firstIndex(of: name), "no column \(name)")
        return try rows.map { try #require(Double($0[i])) }
    }
    func section(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
    func number(_ value: Any?) throws -> Double { try #require((value as? NSNumber)?.doubleValue) }
    let wait = section(summary["wait_s"])
    var expected: [(String, Double)] = [
        ("overall wait_mean_s", try number(wait["mean"])), ("overall wait_p90_s", try number(wait["p90"])),
        ("overall service_level", try number(summary["service_level"])),
    ]
    let halls = try #require(summary["halls"] as? [[String: Any]])
    let groups = try #require(summary["groups"] as? [[String: Any]])
    #expect(halls.count > 1 && groups.count > 1)
    for h in halls {
        let name = try #require(h["hall"] as? String)
        expected += [("hall \(name) utilisation", try number(h["utilisation"])), ("hall \(name) wait_mean_s", try number(section(h["wait_s"])["mean"]))]
    }
    for g in groups where g["kind"] == nil {
        let name = "\(g["hall"] as? String ?? "")/\(g["group"] as? String ?? "")"
        expected += [("group \(name) queue_mean", try number(g["queue_mean"])), ("group \(name) utilisation", try number(g["utilisation"]))]
    }
    for (name, value) in expected {
        let values = try column(name)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - value) <= 1e-12 * max(1, abs(value)), "\(name): rows average \(mean), summary.json \(value)")
    }

    // Read exactly (JSONSerialization may read a decimal one unit in the last place off).
    struct Replication: Decodable { var replication: Int; var seed: UInt64; var wait_mean_s: Double; var abandoned_share: Double }
    struct Document: Decodable { var per_replication: [Replication] }
    let perReplication = try JSONDecoder().decode(Document.self, from: Data(r.stdout.utf8)).per_replication
    #expect(perReplication.map(\.replication) == [1, 2, 3, 4])
    #expect(perReplication.map(\.seed) == seeds)
    #expect(perReplication.map(\.wait_mean_s) == (try column("overall wait_mean_s")))
    #expect(perReplication.map(\.abandoned_share) == (try column("overall abandoned_share")))
}

/// The replications.csv excerpt in docs/kpis.md is the first columns of what the command writes.
@Test func theReplicationsCSVExampleIsWhatTheRunWrites() throws {
    let page = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/kpis.md"), encoding: .utf8)
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let at = try #require(lines.firstIndex { $0.hasPrefix("$ hallsim run scenarios/mmc.yaml --replications") })
    let end = try #require(lines[at...].firstIndex { $0.hasPrefix("```") })
    let shown = Array(lines[(at + 1) ..< end])
    let dir = try CommandRunner.temporaryFolder()
    let arguments = lines[at].dropFirst("$ hallsim ".count).split(separator: " ").map(String.init)
    let r = try CommandRunner.hallsim(arguments + ["--no-log", "--out", dir.path + "/out"], in: CommandRunner.repositoryRoot)
    #expect(r.status == 0, "\(r.stderr)")
    let written = try String(contentsOfFile: dir.path + "/out/replications.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    let columns = shown[0].split(separator: ",").count
    #expect(written.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(columns).joined(separator: ",") } == shown)
    #expect(page.contains("\(written[0].split(separator: ",").count) columns in all"))
}
