import CaseEngine
import Foundation
import HallSimServer
import SimCore
import Testing

/// Random command streams, mostly valid-looking and partly not (late, past the calendar, unknown or
/// reused cases, values out of range, more calls than windows): whatever the service accepts, a
/// replay of its log accepts too (docs/api.md: anything `hallsim replay` or `hallsim log verify`
/// would refuse is refused at command time).
@Suite("The served log always replays", .serialized)
struct ReplaySafetyTests {
    /// The simulator's seeded generator, with the draws the stream needs.
    struct Random {
        var stream: RandomStream
        mutating func next() -> UInt64 { stream.next() }
        mutating func below(_ n: Int) -> Int { Int.random(in: 0 ..< n, using: &stream) }
        mutating func pick<T>(_ all: [T]) -> T { all[below(all.count)] }
    }

    static let lifecycle = ["issueTicket", "call", "startService", "completeService", "accept", "forward", "abandon", "leaveUncollected",
                            "requestMaterials", "resubmit", "approve", "reject", "markResultReady", "deliver", "pickUp", "close",
                            "noShow", "escalate", "transfer"]

    /// `count` commands from `seed`, as JSON objects.
    static func stream(seed: UInt64, count: Int, catalog: Catalog) -> [String] {
        var r = Random(stream: RandomStream(seed: seed))
        // Two window groups with the fewest windows, so that calls outnumber them; and a department.
        let windows = catalog.groups.indices.filter { catalog.groups[$0].kind == .window }.sorted { catalog.groups[$0].servers < catalog.groups[$1].servers }.prefix(2)
        let departments = catalog.groups.indices.filter { catalog.groups[$0].kind.isDesk }
        var cases: [UInt32] = []
        var time: Int64 = 0
        var out: [String] = []
        for _ in 0 ..< count {
            time += Int64(r.below(2_000_000))
            var t = time
            switch r.below(100) {
            case 0 ..< 4: t = max(0, time - Int64(r.below(20_000_000)))
            case 4: t = Int64.max / 2
            default: break
            }
            let kind = r.below(100)
            var o = "{\"time_us\":\(t)"
            if kind < 18 || cases.isEmpty {
                let id = r.below(3) == 0 ? UInt32(r.below(40)) : UInt32(truncatingIfNeeded: r.next() % UInt64(UInt32.max - 1))
                cases.append(id)
                o += ",\"command\":\"submit\",\"case\":\(id),\"hall\":0,\"service\":\(r.below(catalog.services.count))"
                o += ",\"channel\":\"\(r.pick(["walkIn", "walkIn", "appointment", "online", "mobile", "kiosk"]))\""
                if r.below(10) == 0 { o += ",\"parent\":\(r.pick(cases))" }
            } else if kind < 21 {
                o += ",\"command\":\"changeStaffing\",\"hall\":0,\"group\":\(r.pick(Array(windows))),\"staffed\":\(r.below(4))"
            } else if kind < 25 {
                let value = r.below(4) == 0 ? -Int64(r.below(1_000)) : Int64(r.below(Int(t / 2 + 2)))
                let (name, group) = r.pick([("rate", r.pick(Array(windows))), ("completeCallback", r.pick(departments)), ("startWork", r.pick(departments + Array(windows)))])
                o += ",\"command\":\"\(name)\",\"case\":\(r.pick(cases)),\"hall\":0,\"group\":\(group),\"value\":\(value)"
                if name == "startWork" { o += ",\"desk\":\(r.below(3))" }
            } else {
                // Tickets and calls weigh more, so that calls outnumber a group's windows.
                let name = r.below(2) == 0 ? r.pick(["issueTicket", "call", "call"]) : r.pick(lifecycle)
                o += ",\"command\":\"\(name)\",\"case\":\(r.below(30) == 0 ? UInt32(r.below(1_000)) : r.pick(cases))"
                switch name {
                case "issueTicket": o += ",\"group\":\(r.pick(Array(windows)))"
                case "call": o += ",\"window\":\(r.below(3))"
                case "forward": o += ",\"department\":\(r.pick(departments))"
                default: break
                }
                if name == "call" || name == "completeService", r.below(3) == 0 { o += ",\"value\":\(Int64(r.below(Int(t / 2 + 2))) - 1_000)" }
            }
            out.append(o + "}")
        }
        return out
    }

    /// The decoder's quick reader (flat objects of ASCII strings and integers) and Foundation's general
    /// reader give the same commands, the same batch flag, or the same message, for every body.
    @Test func theQuickReaderAgreesWithTheGeneralOne() throws {
        let catalog = try TestCatalog().catalog
        let decoder = CommandDecoder(catalog: catalog)
        var commands = Self.stream(seed: 9, count: 400, catalog: catalog)
        commands += [
            "{\"command\":\"submit\",\"time_s\":1.5,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":1e3,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":true,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":01,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"sub\\u006dit\",\"time_us\":1,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":1,\"time_us\":2,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":99999999999999999999,\"hall\":0,\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":-0,\"hall\":0,\"service\":0,\"channel\":\"walkIn\",\"seq\":3}",
            "{\"command\":\"rate\",\"time_us\":5,\"case\":1,\"hall\":0,\"group\":0,\"value\":2,\"rating\":\"bad\"}",
            "{\"command\":\"submit\",\"time_us\":1,\"hall\":\"n\u{e4}he\",\"service\":0,\"channel\":\"walkIn\"}",
            "{\"command\":\"submit\",\"time_us\":1,\"colour\":1}",
            "{\"command\":\"submit\",\"time_us\":1,\"hall\":{\"id\":0}}",
            "{}", "[]", "", " \n ", "[{}]", "{\"command\":\"endRun\",\"time_us\":1} x",
        ]
        func outcome(_ read: () throws(CommandInputError) -> (commands: [ServedCommand], single: Bool)) -> String {
            do throws(CommandInputError) {
                let r = try read()
                return "\(r.single) \(r.commands.map { $0.json(catalog) })"
            } catch {
                return "error: \(error.message)"
            }
        }
        var bodies = commands
        for n in [2, 7, 50] {
            for start in stride(from: 0, to: commands.count, by: n) {
                let part = commands[start ..< min(start + n, commands.count)]
                bodies.append(part.joined(separator: "\n"))
                bodies.append(part.joined(separator: "\r\n  \n") + "\n")
                bodies.append("[" + part.joined(separator: ", ") + "]")
            }
        }
        var accepted = 0
        for body in bodies {
            let data = Data(body.utf8)
            let a = outcome { () throws(CommandInputError) in try decoder.decode(body: data) }
            let b = outcome { () throws(CommandInputError) in try decoder.general(body: data) }
            #expect(a == b, "\(body.prefix(300))")
            if !a.hasPrefix("error") { accepted += 1 }
        }
        #expect(accepted > 100)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func whateverTheServiceAppendsAReplayReads(seed: UInt64) throws {
        let data = ServerProcess.temporaryFolder("fuzz")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let catalog = try TestCatalog().catalog
        let commands = Self.stream(seed: seed, count: 3_000, catalog: catalog)
        let server = try ServerProcess(data: data, arguments: ["--scenario", TestCatalog.scenario])
        defer { server.stop() }
        let http = try server.connect()
        var applied = 0
        var codes: [String: Int] = [:]
        for start in stride(from: 0, to: commands.count, by: 50) {
            let r = try http.post("/commands", commands[start ..< min(start + 50, commands.count)].joined(separator: "\n"))
            #expect(r.status == 200 || r.status == 400, "\(r.text.prefix(500))")
            applied += r.json["applied"] as? Int ?? 0
            for result in r.json["results"] as? [[String: Any]] ?? [] {
                if let code = (result["error"] as? [String: Any])?["code"] as? String { codes[code, default: 0] += 1 }
            }
        }
        // The stream exercised both sides: many commands applied, and refusals of every kind replay cares about.
        #expect(applied > 500, "\(applied) applied; refusals \(codes)")
        #expect(codes["no_free_window", default: 0] > 0, "\(codes)")
        #expect(codes["out_of_order", default: 0] > 0 && codes["invalid_command", default: 0] > 0, "\(codes)")
        #expect(server.stop() == 0)
        let verify = try runProgram(ServerProcess.hallsim, ["log", "verify", data + "/events.log"])
        #expect(verify.status == 0, "seed \(seed): \(verify.errors)")
        let replay = try runProgram(ServerProcess.hallsim, ["replay", data + "/events.log"])
        #expect(replay.status == 0, "seed \(seed): \(replay.errors)")
    }
}
