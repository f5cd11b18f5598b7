import Foundation
import HallSimTesting
import Testing

/// Every `$ hallsim compare|sweep …` example in docs/experiments.md prints what the page shows.
@Test(arguments: ["$ hallsim compare scenarios/pooling-one-queue.yaml", "$ hallsim sweep scenarios/pooling-one-queue.yaml"])
func theExperimentExamplesPrintWhatTheDocsShow(_ command: String) throws {
    let page = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/experiments.md"), encoding: .utf8)
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    let at = try #require(lines.firstIndex { $0.hasPrefix(command) })
    let end = try #require(lines[at...].firstIndex { $0.hasPrefix("```") })
    let line = lines[at]
    let arguments = line.dropFirst("$ hallsim ".count).split(separator: " ").map(String.init)
    let dir = try CommandRunner.temporaryFolder()
    let r = try CommandRunner.hallsim(arguments + ["--out", dir.appendingPathComponent("out").path], in: CommandRunner.repositoryRoot)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() == Array(lines[(at + 1) ..< end]), "printed:\n\(r.stdout)")
}

/// The README's excerpt of the pooling comparison is what the command prints.
@Test func theReadmeComparisonExcerptIsWhatComparePrints() throws {
    let dir = try CommandRunner.temporaryFolder()
    let r = try CommandRunner.hallsim(
        ["compare", "scenarios/pooling-one-queue.yaml", "scenarios/pooling-four-queues.yaml", "--out", dir.appendingPathComponent("out").path],
        in: CommandRunner.repositoryRoot
    )
    #expect(r.status == 0, "\(r.stderr)")
    let printed = Set(r.stdout.split(separator: "\n"))
    let shown = try fencedBlock(after: "prints, among its rows", in: readme())
    #expect(shown.count == 4)
    for line in shown { #expect(printed.contains(line), "not printed: \(line)") }
}
