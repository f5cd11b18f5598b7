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

/// A simulated day of a bundled scenario with every channel, a back office and ratings (its horizon cut
/// in a copy, so that the server's summary, closed days included, is of the same scenario): the
/// scenario's path, the run's summary, its events and each as the command a client sends.
struct SimulatedDay {
    let scenario: String
    let summary: [String: Any]
    let events: [CaseEvent]
    let lines: [String]

    init(in work: String) throws {
        let original = try String(contentsOfFile: TestCatalog.scenario, encoding: .utf8)
        #expect(original.contains("\nhorizon: 61d\n"))
        scenario = work + "/wenling-day.yaml"
        try original.replacingOccurrences(of: "\nhorizon: 61d\n", with: "\nhorizon: 1d\n").write(toFile: scenario, atomically: true, encoding: .utf8)
        let run = try runProgram(ServerProcess.hallsim, ["run", scenario, "--json", "--out", work + "/run"])
        #expect(run.status == 0, "\(run.errors)")
        summary = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        var reader = try EventLogReader(path: work + "/run/events.log")
        var events: [CaseEvent] = []
        var lines: [String] = []
        while let e = try reader.next() {
            events.append(e)
            var command = ServedCommand(replaying: e)
            command.seq = UInt64(lines.count)
            lines.append(command.json(reader.catalog))
        }
        self.events = events
        self.lines = lines
        #expect(lines.count > 5_000)
    }

    /// Checks the served log after a clean stop: the run's events one for one, and a replay of it gives the run's figures.
    func expectServedLog(in data: String) throws {
        var served = try EventLogReader(path: data + "/events.log")
        var index = 0
        while let e = try served.next() {
            guard index < events.count, e == events[index] else {
                Issue.record("event \(index): served \(e), simulated \(index < events.count ? "\(events[index])" : "none")")
                break
            }
            index += 1
        }
        #expect(index == events.count)
        let replay = try runProgram(ServerProcess.hallsim, ["replay", data + "/events.log", "--json"])
        #expect(replay.status == 0, "\(replay.errors)")
        let replayed = withoutTiming(try #require(try JSONSerialization.jsonObject(with: replay.output) as? [String: Any]))
        let simulated = withoutTiming(summary)
        #expect(replayed.isEqual(to: simulated as! [AnyHashable: Any]), "differing: \(differingKeys(replayed, simulated))")
    }

    /// Checks the live KPIs against the run's summary, log digest included.
    func expectKPIs(_ http: HTTPConnection) throws {
        let kpis = try http.get("/kpis")
        #expect(kpis.status == 200)
        let live = withoutTiming(kpis.json)
        let simulated = withoutTiming(summary)
        #expect(live.isEqual(to: simulated as! [AnyHashable: Any]), "differing: \(differingKeys(live, simulated))")
        // Same events, same catalog: the served log has the run's digest.
        #expect((kpis.json["log"] as? [String: Any])?["digest"] as? String == (summary["log"] as? [String: Any])?["digest"] as? String)
    }
}

/// Posts `lines` as one JSON Lines batch and records any refusal.
func postAll(_ http: HTTPConnection, _ lines: ArraySlice<String>, _ label: String) throws -> Bool {
    let r = try http.post("/commands", lines.joined(separator: "\n") + "\n")
    #expect(r.status == 200)
    #expect(r.json["applied"] as? Int == lines.count, "\(label): \(r.text.prefix(2_000))")
    if r.json["rejected"] as? Int != 0 {
        let firstError = (r.json["results"] as? [[String: Any]])?.first { $0["status"] as? Int != 200 }
        Issue.record("\(label): \(String(describing: firstError))")
        return false
    }
    return true
}

@Suite("A simulated run fed through the API", .serialized)
struct StreamTests {
    @Test func theRunsEventsAsCommandsOnOneConnectionGiveTheRunsKPIsAndLog() throws {
        let work = ServerProcess.temporaryFolder("stream")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let day = try SimulatedDay(in: work)
        let server = try ServerProcess(data: work + "/data", arguments: ["--scenario", day.scenario])
        defer { server.stop() }
        let http = try server.connect()
        var start = 0
        while start < day.lines.count {
            let end = min(start + 1_000, day.lines.count)
            guard try postAll(http, day.lines[start ..< end], "batch at \(start)") else { break }
            start = end
        }
        try day.expectKPIs(http)
        #expect(server.stop() == 0)
        try day.expectServedLog(in: work + "/data")
    }

    /// The ordering rule (docs/api.md, *Ordering*): four connections, each with the commands of its own
    /// cases (and a share of the floor's facts) in the run's order, numbered by `seq`, sent at once in
    /// slices of the day; each slice's requests reach the writer well within the window of each other.
    @Test func theRunsEventsOverFourConcurrentConnectionsGiveTheRunsKPIsAndLog() throws {
        let work = ServerProcess.temporaryFolder("ordering")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let day = try SimulatedDay(in: work)
        let server = try ServerProcess(data: work + "/data", arguments: ["--scenario", day.scenario, "--reorder-window", "1s"])
        defer { server.stop() }
        let connections = 4
        let slices = 20
        // Each event's connection: its case's, or for a fact its place in the stream.
        let owner = day.events.enumerated().map { i, e in
            e.kind == .runEnded || e.kind == .staffingChanged ? i % connections : Int(e.caseID) % connections
        }
        #expect(Set(owner).count == connections)
        let https = try (0 ..< connections).map { _ in try server.connect() }
        let failures = Failures()
        for slice in 0 ..< slices {
            let range = (day.lines.count * slice / slices) ..< (day.lines.count * (slice + 1) / slices)
            let parts = (0 ..< connections).map { n in range.filter { owner[$0] == n }.map { day.lines[$0] } }
            // A thread per connection (a pool of the machine's cores would send them one after the other).
            let done = DispatchGroup()
            for n in 0 ..< connections where !parts[n].isEmpty {
                done.enter()
                Thread {
                    defer { done.leave() }
                    do {
                        if try !postAll(https[n], parts[n][...], "slice \(slice), connection \(n)") { failures.add() }
                    } catch {
                        Issue.record("slice \(slice), connection \(n): \(error)")
                        failures.add()
                    }
                }.start()
            }
            done.wait()
            if failures.count > 0 { break }
        }
        try day.expectKPIs(https[0])
        #expect(server.stop() == 0)
        try day.expectServedLog(in: work + "/data")
    }
}

/// Each connection is used by one thread at a time (the test's own threads, one per connection).
extension HTTPConnection: @unchecked Sendable {}

/// A count shared by threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var count: Int { lock.withLock { n } }
}
