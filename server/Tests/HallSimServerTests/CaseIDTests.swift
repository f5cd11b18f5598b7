import Foundation
import HallSimServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Case ids chosen by the client", .serialized)
struct CaseIDTests {
    static func submit(_ id: UInt32?, at t: Int, channel: String = "walkIn", parent: UInt32? = nil) -> String {
        "{\"command\":\"submit\",\"time_us\":\(t),\"hall\":0,\"service\":0,\"channel\":\"\(channel)\""
            + (id.map { ",\"case\":\($0)" } ?? "") + (parent.map { ",\"parent\":\($0)" } ?? "") + "}"
    }

    static func error(_ r: HTTPConnection.Response) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func sparseAndOutOfOrderIdsAreTakenOnceKeptAcrossARestartAndTheLogReplays() throws {
        let data = ServerProcess.temporaryFolder("ids")
        defer { try? FileManager.default.removeItem(atPath: data) }
        var server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        var http = try server.connect()
        // Out of order and far apart: the log numbers them 0, 1, 2, 3 in order of submission.
        let ids: [UInt32] = [4_000_000_000, 7, 3, 4_294_967_294]
        for (i, id) in ids.enumerated() {
            let r = try http.post("/commands", Self.submit(id, at: 1_000 * (i + 1)))
            #expect(r.status == 200, "\(r.text)")
            #expect(r.json["case"] as? Int == Int(id))
            #expect((r.json["events"] as? [[String: Any]])?.first?["case"] as? Int == Int(id))
        }
        // A submit without an id takes the smallest free one.
        let free = try http.post("/commands", Self.submit(nil, at: 5_000))
        #expect(free.json["case"] as? Int == 0, "\(free.text)")
        // A reused id is refused, naming it, and nothing is appended.
        let reused = try http.post("/commands", Self.submit(7, at: 6_000))
        #expect(reused.status == 409)
        #expect(Self.error(reused)["code"] as? String == "case_exists")
        #expect(Self.error(reused)["case"] as? Int == 7)
        #expect((Self.error(reused)["message"] as? String)?.contains("case 7") == true, "\(reused.text)")
        // A parent by the client's id; an unknown one is refused.
        let part = try http.post("/commands", Self.submit(12, at: 6_000, channel: "online", parent: 4_000_000_000))
        #expect(part.status == 200, "\(part.text)")
        #expect((part.json["events"] as? [[String: Any]])?.first?["value"] as? Int == 4_000_000_001)
        #expect(try http.post("/commands", Self.submit(13, at: 6_000, parent: 99)).status == 422)
        // Commands reach the case by its id.
        let ticket = try http.post("/commands", "{\"command\":\"issueTicket\",\"time_us\":7000,\"case\":4000000000,\"group\":0,\"expected_version\":1}")
        #expect(ticket.status == 200, "\(ticket.text)")
        #expect(ticket.json["case"] as? Int == 4_000_000_000)
        let wrong = try http.post("/commands", "{\"command\":\"call\",\"time_us\":7000,\"case\":3,\"window\":0}")
        #expect(wrong.status == 409)
        #expect((Self.error(wrong)["message"] as? String)?.hasPrefix("case 3 is submitted") == true, "\(wrong.text)")
        #expect(try http.get("/cases/4000000000").json["state"] as? String == "queued")
        #expect(try http.get("/cases/4000000001").status == 404)

        // After a crash the ids are still the clients'.
        server.stop(SIGKILL)
        server = try ServerProcess(data: data)
        http = try server.connect()
        #expect(try http.get("/cases/4000000000").json["version"] as? Int == 2)
        #expect(try http.get("/cases/12").json["state"] as? String == "submitted")
        #expect(try http.post("/commands", Self.submit(3, at: 8_000)).status == 409)
        #expect(try http.post("/commands", "{\"command\":\"call\",\"time_us\":8000,\"case\":4000000000,\"window\":0}").status == 200)
        #expect(try http.post("/commands", Self.submit(nil, at: 9_000)).json["case"] as? Int == 1)
        #expect(server.stop() == 0)
        // And after a clean stop.
        server = try ServerProcess(data: data)
        http = try server.connect()
        #expect(try http.get("/cases/4000000000").json["state"] as? String == "called")
        #expect(try http.post("/commands", Self.submit(4_294_967_294, at: 9_000)).status == 409)
        #expect(server.stop() == 0)
        let verify = try runProgram(ServerProcess.hallsim, ["log", "verify", data + "/events.log"])
        #expect(verify.status == 0, "\(verify.errors)")
        let replay = try runProgram(ServerProcess.hallsim, ["replay", data + "/events.log", "--json"])
        #expect(replay.status == 0, "\(replay.errors)")
        let summary = try JSONSerialization.jsonObject(with: replay.output) as? [String: Any]
        #expect((summary?["cases"] as? [String: Any])?["arrived"] as? Int == 7)
    }
}
