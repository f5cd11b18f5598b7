import CaseEngine
import Foundation
import HallModel
import HallSimServer
import Scenarios
import SimCore
import Testing

/// A catalog to serve, from a bundled scenario, and the indices the tests use in it.
struct TestCatalog {
    static let scenario = ServerProcess.root + "/scenarios/wenling-channels.yaml"
    let catalog: Catalog
    /// A window group with the most windows, and a back-office department.
    let windows: Int
    let department: Int

    init() throws {
        let spec = try ScenarioLoader.load(path: Self.scenario)
        var c = HallNetwork(spec).catalog
        c.seed = spec.seed
        catalog = c
        windows = c.groups.indices.filter { c.groups[$0].kind == .window }.max { c.groups[$0].servers < c.groups[$1].servers }!
        department = c.groups.firstIndex { $0.kind == .department }!
    }
}

@Suite("Lifecycle over HTTP", .serialized)
struct LifecycleTests {
    /// Paths through the lifecycle (docs/case-lifecycle.md): the channel and the commands after `submit`.
    static func paths(window g: UInt16, department d: UInt16, hall h: UInt16 = 0) -> [(CaseEvent.Channel, [(UInt32) -> CaseCommand])] {
        [
            (.walkIn, [{ .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 0) }, { .startService(case: $0) }, { .completeService(case: $0) }]),
            (.walkIn, [{ .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 1) }, { .startService(case: $0) }, { .accept(case: $0) },
                       { .forward(case: $0, department: d, hall: h) }, { .approve(case: $0) }, { .markResultReady(case: $0) }, { .deliver(case: $0) }, { .close(case: $0) }]),
            (.online, [{ .accept(case: $0) }, { .requestMaterials(case: $0) }, { .resubmit(case: $0) }, { .forward(case: $0, department: d, hall: h) },
                       { .reject(case: $0) }, { .markResultReady(case: $0) }, { .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 2) },
                       { .pickUp(case: $0) }, { .close(case: $0) }]),
            (.appointment, [{ .noShow(case: $0) }]),
            (.walkIn, [{ .issueTicket(case: $0, group: g) }, { .abandon(case: $0) }]),
            (.online, [{ .accept(case: $0) }, { .escalate(case: $0) }, { .forward(case: $0, department: d, hall: h) }, { .transfer(case: $0) }]),
            (.walkIn, [{ .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 0) }, { .noShow(case: $0) }]),
            (.online, [{ .accept(case: $0) }, { .approve(case: $0) }, { .markResultReady(case: $0) }, { .issueTicket(case: $0, group: g) },
                       { .leaveUncollected(case: $0) }, { .deliver(case: $0) }, { .close(case: $0) }]),
            (.mobile, [{ .escalate(case: $0) }, { .close(case: $0) }]),
            (.walkIn, [{ .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 0) }, { .requestMaterials(case: $0) }, { .resubmit(case: $0) },
                       { .issueTicket(case: $0, group: g) }, { .call(case: $0, window: 0) }, { .completeService(case: $0) }]),
            (.online, [{ .abandon(case: $0) }]),
        ]
    }

    /// The command a client sends for `command` at `t`.
    static func served(_ command: CaseCommand, at t: SimTime) -> ServedCommand {
        var c = ServedCommand(command.eventKind, at: t)
        switch command {
        case .submit(let s, let h, let channel):
            c.service = s
            c.hall = h
            c.channel = channel
        case .issueTicket(let id, let g):
            c.caseID = id
            c.group = g
        case .call(let id, let w):
            c.caseID = id
            c.window = w
        case .forward(let id, let d, let h):
            c.caseID = id
            c.group = d
            c.hall = h
        default:
            c.caseID = command.caseID
        }
        return c
    }

    @Test func everyPathIsAcceptedAndFoldedAndEveryInvalidTransitionRefused() throws {
        let t = try TestCatalog()
        let data = ServerProcess.temporaryFolder("lifecycle")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        defer { server.stop() }
        let http = try server.connect()
        let json = JSONText(catalog: t.catalog)
        var local = CaseBook()
        var clock: Int64 = 1_000_000
        var appended = 0
        var refused = 0
        for (channel, steps) in Self.paths(window: UInt16(t.windows), department: UInt16(t.department), hall: UInt16(t.catalog.groups[t.department].hall)) {
            let submit = CaseCommand.submit(service: 0, hall: 0, channel: channel)
            let expected = try local.handle(submit, at: SimTime(ticks: clock))
            let id = expected.caseID
            var r = try http.post("/commands", Self.served(submit, at: SimTime(ticks: clock)).json(t.catalog))
            #expect(r.status == 200, "\(r.text)")
            #expect(r.json["case"] as? Int == Int(id))
            #expect(r.json["version"] as? Int == 1)
            appended += 1
            var version = 1
            for step in steps {
                clock += 1_000_000
                let now = SimTime(ticks: clock)
                // Every lifecycle command the case's state does not allow is refused, naming case, state and command.
                let state = try #require(local[id])
                for kind in CaseEvent.Kind.allCases where kind != .submitted && ServedCommand(kind, at: now).isLifecycle && state.phase(after: kind) == nil {
                    var c = ServedCommand(kind, at: now)
                    c.caseID = id
                    c.group = UInt16(kind == .forwarded ? t.department : t.windows)
                    c.window = 0
                    let bad = try http.post("/commands", c.json(t.catalog))
                    #expect(bad.status == 409, "\(kind) in \(state.phase): \(bad.text)")
                    let error = bad.json["error"] as? [String: Any] ?? [:]
                    #expect(error["code"] as? String == "invalid_transition")
                    #expect(error["case"] as? Int == Int(id))
                    #expect(error["state"] as? String == "\(state.phase)")
                    #expect(error["command"] as? String == CaseCommand.name(of: kind))
                    refused += 1
                }
                let command = step(id)
                let event = try local.handle(command, at: now)
                r = try http.post("/commands", Self.served(command, at: now).json(t.catalog))
                #expect(r.status == 200, "\(command.name): \(r.text)")
                version += 1
                appended += 1
                #expect(r.json["version"] as? Int == version)
                let got = (r.json["events"] as? [[String: Any]])?.first ?? [:]
                let want = (try? JSONSerialization.jsonObject(with: Data(json.event(event, ids: CaseIDs()).utf8))) as? [String: Any] ?? [:]
                #expect(NSDictionary(dictionary: got).isEqual(to: want), "\(command.name): \(got) != \(want)")
                let shown = try http.get("/cases/\(id)").json
                #expect(shown["version"] as? Int == version)
                #expect(shown["state"] as? String == (local[id].map { "\($0.phase)" } ?? "finished"))
            }
            #expect(local[id] == nil, "path of case \(id) ends closed")
        }
        #expect(refused > 100)
        // Nothing refused was appended: the log holds exactly the accepted commands' events.
        let kpis = try http.get("/kpis").json
        #expect((kpis["log"] as? [String: Any])?["events"] as? Int == appended)
        #expect((kpis["cases"] as? [String: Any])?["arrived"] as? Int == Self.paths(window: 0, department: 0).count)
        #expect(server.stop() == 0)
        let verify = try runProgram(ServerProcess.hallsim, ["log", "verify", data + "/events.log"])
        #expect(verify.status == 0, "\(verify.errors)")
        #expect(String(decoding: verify.output, as: UTF8.self).contains("\(appended) events"))
    }
}
