import Foundation
import HallSimTesting
import Testing

/// The digest of the quick start's event log (`make run`: scenarios/mmc.yaml, seed 1). It moves
/// only when the log's content or format does; a change that moves it updates this, the README
/// and docs/event-log.md, and says why.
let quickStartDigest = "70d0228452136c43"

/// The README as committed.
func readme() throws -> String {
    try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
}

/// The lines of the first fenced block after the first line of `text` that contains `marker`.
func fencedBlock(after marker: String, in text: String) throws -> [Substring] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let at = try #require(lines.firstIndex { $0.contains(marker) }, "no line with \(marker)")
    let open = try #require(lines[at...].firstIndex { $0.hasPrefix("```") })
    let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
    return Array(lines[(open + 1) ..< close])
}

@Test func theQuickStartPrintsWhatTheReadmeShowsWithThePinnedDigest() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/mmc.yaml").path
    let r = try CommandRunner.hallsim(["run", file, "--out", dir.appendingPathComponent("mmc").path])
    #expect(r.status == 0, "\(r.stderr)")
    let printed = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let shown = try fencedBlock(after: "simulates the bundled M/M/c scenario", in: readme())
    #expect(printed.count == shown.count, "printed:\n\(r.stdout)")
    for (got, want) in zip(printed, shown) {
        if want.hasPrefix("kernel:") {
            // Wall-clock speed differs from run to run; the event count does not.
            #expect(got.prefix { $0 != "i" } == want.prefix { $0 != "i" }, "\(got)")
        } else {
            #expect(got == want)
        }
    }
    #expect(printed.last == "log: 4,000,002 events · digest \(quickStartDigest)")
}

@Test func thePoolingTableInTheReadmeIsWhatTheRunPrints() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/pooling.yaml").path
    let r = try CommandRunner.hallsim(["run", file, "--out", dir.appendingPathComponent("pooling").path])
    #expect(r.status == 0, "\(r.stderr)")
    let printed = Set(r.stdout.split(separator: "\n"))
    let shown = try fencedBlock(after: "gives both halls the same demand", in: readme())
    #expect(shown.count == 6)
    for line in shown { #expect(printed.contains(line), "not printed: \(line)\nprinted:\n\(r.stdout)") }
}
