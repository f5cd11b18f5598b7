import Foundation
import HallSimServer
import Testing

@Suite("Bad input, versions and binding", .serialized)
struct InputTests {
    static let submit = "{\"command\":\"submit\",\"time_us\":1000,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}"

    /// The log's length as the service reports it.
    static func events(_ http: HTTPConnection) throws -> Int {
        (try http.get("/kpis").json["log"] as? [String: Any])?["events"] as? Int ?? -1
    }

    static func code(_ r: HTTPConnection.Response) -> String? {
        ((r.json["error"] as? [String: Any]) ?? (((r.json["results"] as? [[String: Any]])?.first?["error"]) as? [String: Any]))?["code"] as? String
    }

    @Test func badBodiesGetTheir4xxAndAppendNothing() throws {
        let data = ServerProcess.temporaryFolder("input")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario, "--max-body", "4096", "--max-connections", "3"])
        defer { server.stop() }
        let http = try server.connect()
        #expect(try http.post("/commands", Self.submit).status == 200)
        let cases: [(String, Int, String)] = [
            ("{\"command\":\"submit\",", 400, "bad_request"),
            ("", 400, "bad_request"),
            ("[]", 400, "bad_request"),
            ("42", 400, "bad_request"),
            ("{\"command\":\"fly\",\"time_us\":5}", 400, "bad_request"),
            ("{\"command\":\"submit\",\"time_us\":5,\"hall\":\"nowhere\",\"service\":0,\"channel\":\"walkIn\"}", 400, "bad_request"),
            ("{\"command\":\"submit\",\"time_us\":5,\"hall\":0,\"service\":99,\"channel\":\"walkIn\"}", 400, "bad_request"),
            ("{\"command\":\"submit\",\"time_us\":5,\"hall\":0,\"service\":0,\"channel\":\"pigeon\"}", 400, "bad_request"),
            ("{\"command\":\"submit\",\"time_us\":-5,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}", 400, "bad_request"),
            ("{\"command\":\"submit\",\"time_us\":5000,\"hall\":0,\"service\":0,\"channel\":\"walkIn\",\"colour\":1}", 400, "bad_request"),
            ("{\"command\":\"call\",\"time_us\":5000,\"case\":0}", 400, "bad_request"),
            (Self.submit + "\n{oops}\n", 400, "bad_request"),
            ("{\"command\":\"call\",\"time_us\":5000,\"case\":7,\"window\":0}", 409, "invalid_transition"),
            ("{\"command\":\"issueTicket\",\"time_us\":500,\"case\":0,\"group\":0}", 409, "out_of_order"),
            ("{\"command\":\"call\",\"time_us\":5000,\"case\":0,\"window\":0}", 409, "invalid_transition"),
            ("{\"command\":\"issueTicket\",\"time_us\":5000,\"case\":0,\"group\":0,\"expected_version\":3}", 409, "stale_version"),
            ("{\"command\":\"changeStaffing\",\"time_us\":5000,\"hall\":0,\"group\":0,\"staffed\":-1}", 400, "bad_request"),
            (String(repeating: " ", count: 5000) + Self.submit, 413, "body_too_large"),
        ]
        for (body, status, code) in cases {
            let r = try http.post("/commands", body)
            #expect(r.status == status, "\(body.prefix(80)): \(r.text)")
            #expect(Self.code(r) == code, "\(body.prefix(80)): \(r.text)")
            #expect((r.json["error"] as? [String: Any])?["message"] as? String != nil, "a message for \(body.prefix(80))")
        }
        // A batch: the invalid command is refused, the valid ones applied, each answered.
        let batch = "[{\"command\":\"call\",\"time_us\":6000,\"case\":0,\"window\":0},{\"command\":\"issueTicket\",\"time_us\":6000,\"case\":0,\"group\":0,\"expected_version\":1}]"
        let b = try http.post("/commands", batch)
        #expect(b.status == 200)
        #expect(b.json["applied"] as? Int == 1 && b.json["rejected"] as? Int == 1, "\(b.text)")
        #expect(try Self.events(http) == 2)
        #expect(try http.get("/cases/0").json["version"] as? Int == 2)
        #expect(try http.get("/cases/99").status == 404)
        #expect(try http.get("/cases/x").status == 400)
        #expect(try http.get("/nothing").status == 404)
        #expect(try http.post("/commands", "{\"command\":\"call\",\"time_us\":7000,\"case\":0,\"window\":0}", headers: ["Idempotency-Key": ""]).status == 400)

        // Too many connections: one of three more is answered 503 and closed (which one depends on the order
        // the server takes them in); the other two are served.
        let more = [try server.connect(), try server.connect(), try server.connect()]
        var statuses: [Int] = []
        for connection in more {
            let r = try connection.get("/health")
            statuses.append(r.status)
            if r.status == 503 { #expect(Self.code(r) == "too_many_connections") }
        }
        #expect(statuses.sorted() == [200, 200, 503])
        let metrics = try http.get("/metrics").text
        #expect(metrics.contains("hallsim_connections_refused_total 1"))
        #expect(metrics.contains("hallsim_commands_rejected_total{code=\"stale_version\"} 1"))
        #expect(metrics.contains("hallsim_fsyncs_total"))
        #expect(metrics.contains("hallsim_request_seconds_bucket{route=\"/commands\",le=\"+Inf\"}"))
    }

    @Test func staleVersionsAreRefusedAndCurrentOnesApplied() throws {
        let data = ServerProcess.temporaryFolder("version")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        defer { server.stop() }
        let http = try server.connect()
        let new = try http.post("/commands", "{\"command\":\"submit\",\"time_us\":1,\"hall\":0,\"service\":0,\"channel\":\"online\",\"expected_version\":0}")
        #expect(new.status == 200, "\(new.text)")
        let accept = "{\"command\":\"accept\",\"time_us\":2,\"case\":0,\"expected_version\":%d}"
        let stale = try http.post("/commands", String(format: accept, 0))
        #expect(stale.status == 409)
        #expect(Self.code(stale) == "stale_version")
        #expect(try Self.events(http) == 1)
        #expect(try http.post("/commands", String(format: accept, 1)).status == 200)
        // The same write again, now stale: refused, nothing appended.
        #expect(try http.post("/commands", String(format: accept, 1)).status == 409)
        #expect(try Self.events(http) == 2)
        #expect(try http.get("/cases/0").json["version"] as? Int == 2)
    }

    @Test func theServiceListensOnLoopbackOnlyUnlessToldOtherwise() throws {
        let data = ServerProcess.temporaryFolder("bind")
        defer { try? FileManager.default.removeItem(atPath: data) }
        var server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        #expect(try server.connect().get("/health").status == 200)
        // Bound to 127.0.0.1 alone: another loopback address of this machine finds nothing there.
        #expect(throws: TestFailure.self) { try server.connect(host: "127.0.0.2") }
        #expect(server.stop() == 0)
        server = try ServerProcess(data: data, arguments: ["--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(try server.connect(host: "127.0.0.2").get("/health").status == 200)
    }

    /// Bad arguments exit 2 with a message naming the option (the project's convention), not the parser's 64.
    @Test func badArgumentsExit2() throws {
        let data = ServerProcess.temporaryFolder("arguments")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let cases: [([String], String)] = [
            (["--data", data, "--port", "70000"], "--port"),
            (["--data", data, "--reorder-window", "soon"], "--reorder-window"),
            (["--data", data, "--no-such-option"], "no-such-option"),
            ([], "--data"),
        ]
        for (arguments, named) in cases {
            let r = try runProgram(ServerProcess.binary, arguments, timeout: 30)
            #expect(r.status == 2, "\(arguments): exit \(r.status)")
            #expect(r.errors.contains(named), "\(arguments): \(r.errors)")
        }
        #expect(try runProgram(ServerProcess.binary, ["--help"], timeout: 30).status == 0)
    }
}
