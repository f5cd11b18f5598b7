import Foundation
import HallSimServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash and recovery", .serialized)
struct CrashTests {
    /// One submit, keyed: the i-th command of the stream.
    static func submit(_ i: Int) -> String {
        "{\"command\":\"submit\",\"time_us\":\(i * 1_000),\"hall\":0,\"service\":0,\"channel\":\"online\"}"
    }

    @Test func killedMidStreamEveryAcknowledgedCommandIsThereOnceAndRetriesAreAnsweredFromTheLog() throws {
        let data = ServerProcess.temporaryFolder("crash")
        defer { try? FileManager.default.removeItem(atPath: data) }
        var server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        let pid = server.process.processIdentifier
        // The kill comes from another thread while the stream runs, so it can strike mid-request.
        let killer = Thread {
            usleep(useconds_t(300_000 + Int.random(in: 0 ..< 200_000)))
            kill(pid, SIGKILL)
        }
        var acknowledged: [Int: String] = [:]
        var sent = 0
        let http = try server.connect()
        killer.start()
        let deadline = Date().addingTimeInterval(60)
        while sent < 100_000, Date() < deadline {
            do {
                let r = try http.post("/commands", Self.submit(sent), headers: ["Idempotency-Key": "k\(sent)"])
                #expect(r.status == 200, "\(r.text)")
                acknowledged[sent] = r.text
                sent += 1
            } catch {
                break
            }
        }
        server.stop(SIGKILL)
        #expect(acknowledged.count > 0)

        // Restart: recovery cuts what was never acknowledged, and keeps every key answered.
        server = try ServerProcess(data: data)
        defer { server.stop() }
        #expect(server.lines.contains { $0.contains("recovered") }, "\(server.lines)")
        let again = try server.connect()
        let before = try again.get("/kpis").json
        let committed = (before["cases"] as? [String: Any])?["arrived"] as? Int ?? -1
        // Every acknowledged command is there; the one in flight may be there too (committed but not answered).
        #expect(committed == acknowledged.count || committed == acknowledged.count + 1, "\(committed) cases for \(acknowledged.count) acknowledged")
        for (i, first) in acknowledged.sorted(by: { $0.key < $1.key }) {
            let r = try again.post("/commands", Self.submit(i), headers: ["Idempotency-Key": "k\(i)"])
            #expect(r.status == 200)
            #expect(r.headers["idempotent-replayed"] == "true")
            #expect(r.text == first, "key k\(i)")
        }
        // The command in flight at the kill, retried with its key: applied now, or answered from the log.
        let inFlight = try again.post("/commands", Self.submit(sent), headers: ["Idempotency-Key": "k\(sent)"])
        #expect(inFlight.status == 200, "\(inFlight.text)")
        #expect((inFlight.headers["idempotent-replayed"] == "true") == (committed == acknowledged.count + 1))
        // Exactly once: one case and one event per key, nothing half there.
        let after = try again.get("/kpis").json
        #expect((after["cases"] as? [String: Any])?["arrived"] as? Int == sent + 1)
        #expect((after["log"] as? [String: Any])?["events"] as? Int == sent + 1)
        #expect(server.stop() == 0)
        let verify = try runProgram(ServerProcess.hallsim, ["log", "verify", data + "/events.log"])
        #expect(verify.status == 0, "\(verify.errors)")
    }
}
