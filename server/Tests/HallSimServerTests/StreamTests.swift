import CaseEngine
import Foundation
import HallSimServer
import Testing

/// The summary fields that time a run rather than describe it.
func withoutTiming(_ summary: [String: Any]) -> NSDictionary {
    var s = summary
    if var kernel = s["kernel"] as? [String: Any] {
        for k in ["wall_s", "events_per_s", "cases_per_s", "allocator"] { kernel[k] = nil }
        s["kernel"] = kernel
    }
    s["replay"] = nil
    return NSDictionary(dictionary: s)
}

/// The keys whose values differ between two summaries (for a readable failure).
func differingKeys(_ a: NSDictionary, _ b: NSDictionary) -> [String] {
    let keys = Set((a.allKeys + b.allKeys).compactMap { $0 as? String })
    return keys.filter { key in
        guard let x = a[key], let y = b[key] else { return a[key] != nil || b[key] != nil }
        return !NSDictionary(dictionary: ["v": x]).isEqual(to: ["v": y])
    }.sorted()
}

@Suite("A simulated run fed through the API", .serialized)
struct StreamTests {
    @Test func theRunsEventsAsCommandsOnOneConnectionGiveTheRunsKPIsAndLog() throws {
        let work = ServerProcess.temporaryFolder("stream")
        defer { try? FileManager.default.removeItem(atPath: work) }
        // The run: a day of a bundled scenario with every channel, a back office and ratings (its horizon
        // cut in a copy, so that the server's summary, closed days included, is of the same scenario).
        let original = try String(contentsOfFile: TestCatalog.scenario, encoding: .utf8)
        #expect(original.contains("\nhorizon: 61d\n"))
        let scenario = work + "/wenling-day.yaml"
        try original.replacingOccurrences(of: "\nhorizon: 61d\n", with: "\nhorizon: 1d\n").write(toFile: scenario, atomically: true, encoding: .utf8)
        let run = try runProgram(ServerProcess.hallsim, ["run", scenario, "--json", "--out", work + "/run"])
        #expect(run.status == 0, "\(run.errors)")
        let runSummary = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])

        var reader = try EventLogReader(path: work + "/run/events.log")
        let catalog = reader.catalog
        var lines: [String] = []
        var events: [CaseEvent] = []
        while let e = try reader.next() {
            events.append(e)
            lines.append(ServedCommand(replaying: e).json(catalog))
        }
        #expect(lines.count > 5_000)

        let server = try ServerProcess(data: work + "/data", arguments: ["--scenario", scenario])
        defer { server.stop() }
        let http = try server.connect()
        var start = 0
        while start < lines.count {
            let batch = lines[start ..< min(start + 1_000, lines.count)]
            let r = try http.post("/commands", batch.joined(separator: "\n") + "\n")
            #expect(r.status == 200)
            #expect(r.json["applied"] as? Int == batch.count, "\(r.text.prefix(2_000))")
            if r.json["rejected"] as? Int != 0 {
                let firstError = (r.json["results"] as? [[String: Any]])?.first { $0["status"] as? Int != 200 }
                Issue.record("batch at \(start): \(String(describing: firstError))")
                break
            }
            start += batch.count
        }
        let kpis = try http.get("/kpis")
        #expect(kpis.status == 200)
        let live = withoutTiming(kpis.json)
        let simulated = withoutTiming(runSummary)
        #expect(live.isEqual(to: simulated as! [AnyHashable: Any]), "differing: \(differingKeys(live, simulated))")
        // Same events, same catalog: the served log has the run's digest.
        #expect((kpis.json["log"] as? [String: Any])?["digest"] as? String == (runSummary["log"] as? [String: Any])?["digest"] as? String)

        #expect(server.stop() == 0)
        // The served log holds the run's events, one for one.
        var served = try EventLogReader(path: work + "/data/events.log")
        var index = 0
        while let e = try served.next() {
            guard index < events.count, e == events[index] else {
                Issue.record("event \(index): served \(e), simulated \(index < events.count ? "\(events[index])" : "none")")
                break
            }
            index += 1
        }
        #expect(index == events.count)
        let replay = try runProgram(ServerProcess.hallsim, ["replay", work + "/data/events.log", "--json"])
        #expect(replay.status == 0, "\(replay.errors)")
        let replayed = withoutTiming(try #require(try JSONSerialization.jsonObject(with: replay.output) as? [String: Any]))
        #expect(replayed.isEqual(to: simulated as! [AnyHashable: Any]), "differing: \(differingKeys(replayed, simulated))")
    }
}
