import Foundation
import HallSimTesting
import Testing

/// The inputs the fuzz targets found (fuzz/findings): each once trapped, hung or exhausted memory.
let findingsFolder = CommandRunner.repositoryRoot.appendingPathComponent("fuzz/findings")

func findings(_ suffix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: findingsFolder.path)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted()
}

/// The bytes of an `xxd` hex dump: the hex groups between each line's offset and its text column.
func bytes(ofHexDump text: String) -> Data {
    var data = Data()
    for line in text.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let body = line[line.index(after: colon)...]
        let hex = body.components(separatedBy: "  ").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        for group in hex.split(separator: " ") {
            var chars = Array(group)
            while chars.count >= 2 {
                if let byte = UInt8(String(chars[0 ..< 2]), radix: 16) { data.append(byte) }
                chars.removeFirst(2)
            }
        }
    }
    return data
}

/// Scenarios the loader refuses; those named `*.valid.yaml` are valid and must simulate instead.
func refusedScenarioFindings() -> [String] {
    findings(".yaml").filter { !$0.hasSuffix(".valid.yaml") }
}

@Test(arguments: refusedScenarioFindings())
func aScenarioTheFuzzerFoundIsRefusedWithItsPosition(_ name: String) throws {
    let file = findingsFolder.appendingPathComponent(name).path
    let r = try CommandRunner.hallsim(["validate", file])
    #expect(r.status == 2, "\(name): \(r.stderr)")
    #expect(r.stderr.hasPrefix("\(file):"), "\(r.stderr)")
    let run = try CommandRunner.hallsim(["run", file, "--horizon", "2d", "--out", try CommandRunner.temporaryFolder().appendingPathComponent("out").path])
    #expect(run.status == 2, "\(name): \(run.stderr)")
}

@Test(arguments: findings(".hex"))
func aLogTheFuzzerFoundIsRefusedWithItsPosition(_ name: String) throws {
    let dir = try CommandRunner.temporaryFolder()
    let log = dir.appendingPathComponent("events.log")
    let dump = try String(contentsOf: findingsFolder.appendingPathComponent(name), encoding: .utf8)
    let data = bytes(ofHexDump: dump)
    #expect(data.count > 100, "\(name): the dump decoded to \(data.count) bytes")
    try data.write(to: log)
    let r = try CommandRunner.hallsim(["replay", log.path, "--json", "--out", dir.appendingPathComponent("out").path])
    #expect(r.status == 2, "\(name): \(r.stderr)")
    #expect(r.stderr.contains("segment 0, byte offset"), "\(r.stderr)")
}

@Test(arguments: findings(".valid.yaml"))
func aValidScenarioTheFuzzerFoundSimulatesToAVerifiedLog(_ name: String) throws {
    let file = findingsFolder.appendingPathComponent(name).path
    let out = try CommandRunner.temporaryFolder().appendingPathComponent("out")
    let run = try CommandRunner.hallsim(["run", file, "--out", out.path])
    #expect(run.status == 0, "\(name): \(run.stderr)")
    let verify = try CommandRunner.hallsim(["log", "verify", out.appendingPathComponent("events.log").path])
    #expect(verify.status == 0, "\(name): \(verify.stderr)")
}
