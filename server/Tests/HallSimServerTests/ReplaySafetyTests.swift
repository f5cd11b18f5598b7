import CaseEngine
import Foundation
import HallSimServer
import Testing

/// Random command streams, mostly valid-looking and partly not (late, past the calendar, unknown or
/// reused cases, values out of range, more calls than windows): whatever the service accepts, a
/// replay of its log accepts too (docs/api.md: anything `hallsim replay` or `hallsim log verify`
/// would refuse is refused at command time).
@Suite("The served log always replays", .serialized)
struct ReplaySafetyTests {
    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ all: [T]) -> T { all[below(all.count)] }
    }

    static let lifecycle = ["issueTicket", "call", "startService", "completeService", "accept", "forward", "abandon", "leaveUncollected",
                            "requestMaterials", "resubmit", "approve", "reject", "markResultReady", "deliver", "pickUp", "close",
                            "noShow", "escalate", "transfer"]

    /// `count` commands from `seed`, as JSON objects.
    static func stream(seed: UInt64, count: Int, catalog: Catalog) -> [String] {
        var r = Random(state: seed)
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
                let name = r.pick(lifecycle)
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
