import Foundation
import HallSimTesting
import Testing

/// Replicated runs whose merged summary.json is kept byte for byte (less the wall-clock lines) in
/// `Tests/Golden/replicated-*.json`, so a change to how replications merge shows as a diff: plain
/// M/M/c, a warm-up given and found (with a precision rule), a hotline and a network whose
/// channels appear in some replications only. The two large networks keep their sections other
/// than `groups` and `halls` as text, and a digest of the whole document; the others keep their
/// text table too (less its wall-clock line).
@Test(arguments: [
    ("mmc", ["scenarios/mmc.yaml", "--set", "stop.cases=2000", "--replications", "3"]),
    ("precision", ["scenarios/mmc.yaml", "--set", "stop.cases=3000", "--precision", "20%", "--warmup", "auto", "--no-log"]),
    ("tongling", ["scenarios/tongling-weekend.yaml", "--horizon", "14d", "--replications", "3", "--warmup", "1d"]),
    ("jiangmen", ["scenarios/jiangmen-hotline.yaml", "--horizon", "10d", "--replications", "3"]),
    ("wenling", ["scenarios/wenling-channels.yaml", "--horizon", "3d", "--replications", "4", "--no-log"]),
    ("huaibei", ["scenarios/huaibei-network.yaml", "--horizon", "2d", "--replications", "3", "--no-log"]),
])
func replicatedSummariesKeepTheirBytes(_ name: String, _ arguments: [String]) throws {
    let dir = try CommandRunner.temporaryFolder()
    let out = dir.appendingPathComponent("out").path
    let r = try CommandRunner.hallsim(["run"] + arguments + ["--threads", "2", "--out", out], in: CommandRunner.repositoryRoot)
    #expect(r.status == 0, "\(r.stderr)")
    let summary = withoutTiming(try String(contentsOfFile: out + "/summary.json", encoding: .utf8))
    let large = ["wenling", "huaibei"].contains(name)
    let kept = large ? "# fnv1a-64 of the whole document: \(fnv1a(summary))\n" + withoutSections(summary, ["groups", "halls"]) : summary
    let table = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("kernel:") }.joined(separator: "\n")
    if let mismatch = try Golden.mismatch("replicated-\(name).json", kept + "\n") { Issue.record("\(mismatch)") }
    if !large, let mismatch = try Golden.mismatch("replicated-\(name).txt", table) { Issue.record("\(mismatch)") }
}

/// `text` (pretty-printed JSON) without the top-level keys `keys`, cut line by line so the rest keeps its bytes.
func withoutSections(_ text: String, _ keys: [String]) -> String {
    var kept: [Substring] = []
    var skipping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if skipping {
            if line.hasPrefix("  ]") || line.hasPrefix("  }") { skipping = false }
            continue
        }
        if keys.contains(where: { line.hasPrefix("  \"\($0)\" : ") }) {
            skipping = !(line.hasSuffix("[]") || line.hasSuffix("[],"))
            continue
        }
        kept.append(line)
    }
    return kept.joined(separator: "\n")
}

/// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes, in hex.
func fnv1a(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
}
