import Foundation
import HallSimTesting
import Testing

/// A broken scenario and where its error must point.
struct BadInput: Sendable, CustomTestStringConvertible {
    var kind: String
    var text: String
    var line: Int
    var column: Int
    var phrase: String
    var testDescription: String { kind }
}

func mmc(replacing old: String, with new: String) -> String {
    precondition(smallMMC.contains(old), "fixture does not contain \(old)")
    return smallMMC.replacingOccurrences(of: old, with: new)
}

let badInputs: [BadInput] = [
    BadInput(kind: "type mismatch", text: mmc(replacing: "count: 10", with: "count: ten"), line: 12, column: 25, phrase: "integer"),
    BadInput(kind: "missing key", text: mmc(replacing: "    tier: city\n", with: ""), line: 8, column: 5, phrase: "tier"),
    BadInput(kind: "unknown key", text: mmc(replacing: "services:", with: "sevices:"), line: 4, column: 1, phrase: "did you mean 'services'"),
    BadInput(kind: "unknown service", text: mmc(replacing: "serves: [generic]", with: "serves: [generik]"), line: 12, column: 38, phrase: "generik"),
    BadInput(kind: "unknown hall", text: mmc(replacing: "    hall: hall", with: "    hall: hal"), line: 15, column: 11, phrase: "did you mean 'hall'"),
    BadInput(kind: "negative rate", text: mmc(replacing: "per_hour: 540", with: "per_hour: -540"), line: 16, column: 38, phrase: "negative"),
    BadInput(kind: "zero rate", text: mmc(replacing: "per_hour: 540", with: "per_hour: 0"), line: 16, column: 38, phrase: "zero"),
    BadInput(kind: "unknown break policy", text: mmc(replacing: "    hours: always\n", with: "    hours: always\n    at_break: lunch\n"), line: 11, column: 15, phrase: "unknown break policy 'lunch'"),
    BadInput(kind: "zero count", text: mmc(replacing: "count: 10", with: "count: 0"), line: 12, column: 25, phrase: "at least 1"),
    BadInput(kind: "negative cases", text: mmc(replacing: "cases: 20000", with: "cases: -1"), line: 3, column: 16, phrase: "at least 1"),
    BadInput(kind: "negative duration", text: mmc(replacing: "mean: 60s", with: "mean: -60s"), line: 6, column: 42, phrase: "negative"),
    BadInput(kind: "malformed duration", text: mmc(replacing: "mean: 60s", with: "mean: sixty"), line: 6, column: 42, phrase: "not a duration"),
    BadInput(kind: "unknown unit", text: mmc(replacing: "mean: 60s", with: "mean: 60y"), line: 6, column: 42, phrase: "unknown unit"),
    BadInput(kind: "duration without unit", text: mmc(replacing: "mean: 60s", with: "mean: 60"), line: 6, column: 42, phrase: "needs a unit"),
    BadInput(kind: "YAML syntax error", text: mmc(replacing: "stop: { cases: 20000 }", with: "stop: { cases: 20000"), line: 4, column: 9, phrase: "YAML syntax error"),
    BadInput(kind: "cases beyond 32-bit case ids", text: mmc(replacing: "cases: 20000", with: "cases: 4294967296"), line: 3, column: 16, phrase: "too large"),
    BadInput(kind: "a group of 65,536 windows", text: mmc(replacing: "count: 10", with: "count: 65536"), line: 12, column: 25, phrase: "at most 65535"),
    BadInput(kind: "a count of 2^63-1", text: mmc(replacing: "count: 10", with: "count: 9223372036854775807"), line: 12, column: 25, phrase: "too large"),
    BadInput(kind: "a rate of 5e-324", text: mmc(replacing: "per_hour: 540", with: "per_hour: 5e-324"), line: 16, column: 38, phrase: "out of the simulator's range"),
    BadInput(kind: "a rate of 1e-300", text: mmc(replacing: "per_hour: 540", with: "per_hour: 1e-300"), line: 16, column: 38, phrase: "out of the simulator's range"),
    BadInput(kind: "a horizon under one tick", text: mmc(replacing: "stop: { cases: 20000 }", with: "horizon: 0.0000001s"), line: 3, column: 10, phrase: "tick"),
    BadInput(kind: "a horizon of 10^9 days", text: mmc(replacing: "stop: { cases: 20000 }", with: "horizon: 1e9d"), line: 3, column: 10, phrase: "too long"),
    BadInput(kind: "a service time of 10^8 days", text: mmc(replacing: "mean: 60s", with: "mean: 100000000d"), line: 6, column: 42, phrase: "too long"),
    BadInput(kind: "empty file", text: "", line: 1, column: 1, phrase: "empty"),
    BadInput(kind: "comments only", text: "# nothing here\n", line: 1, column: 1, phrase: "empty"),
]

@Test(arguments: badInputs)
func badInputExitsWithTwoAndNamesTheLineAndColumn(_ bad: BadInput) throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(bad.text, in: dir)
    let out = dir.appendingPathComponent("out")
    for command in [["run", file, "--out", out.path], ["validate", file]] {
        let r = try CommandRunner.hallsim(command)
        #expect(r.status == 2, "\(bad.kind): exit \(r.status)")
        #expect(r.stderr.contains("\(file):\(bad.line):\(bad.column): "), "\(bad.kind): \(r.stderr)")
        #expect(r.stderr.lowercased().contains(bad.phrase.lowercased()), "\(bad.kind): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"), "\(bad.kind): crashed")
        #expect(r.stdout.isEmpty)
    }
    #expect(!FileManager.default.fileExists(atPath: out.path), "\(bad.kind): wrote an output folder")
}

@Test func aMissingFileExitsWithTwoAndNamesTheFile() throws {
    let dir = try CommandRunner.temporaryFolder()
    let missing = dir.appendingPathComponent("nope.yaml").path
    let r = try CommandRunner.hallsim(["run", missing, "--out", dir.appendingPathComponent("out").path])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("\(missing):1:1: "))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
}

@Test func aFailedRunLeavesThePreviousResultsInPlace() throws {
    let dir = try CommandRunner.temporaryFolder()
    let good = try writeScenario(smallMMC, in: dir, name: "good.yaml")
    let bad = try writeScenario(mmc(replacing: "count: 10", with: "count: 0"), in: dir, name: "bad.yaml")
    let out = dir.appendingPathComponent("out")
    #expect(try CommandRunner.hallsim(["run", good, "--out", out.path]).status == 0)
    let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
    #expect(try CommandRunner.hallsim(["run", bad, "--out", out.path]).status == 2)
    #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == before)
}

@Test func aHundredKilobyteGroupIdRunsInTimeLinearInItsLength() throws {
    let dir = try CommandRunner.temporaryFolder()
    let id = String(repeating: "g", count: 100_000)
    let file = try writeScenario(mmc(replacing: "{ id: w,", with: "{ id: \(id),").replacingOccurrences(of: "cases: 20000", with: "cases: 2000"), in: dir)
    let started = Date()
    let r = try CommandRunner.hallsim(["run", file, "--out", dir.appendingPathComponent("out").path])
    let replay = try CommandRunner.hallsim(["replay", dir.appendingPathComponent("out/events.log").path])
    let elapsed = Date().timeIntervalSince(started)
    #expect(r.status == 0 && replay.status == 0, "\(r.stderr)\(replay.stderr)")
    #expect(r.stdout.contains(id) && replay.stdout.contains(id))
    // Padding the table's columns to a 100 KB cell once took minutes (a trailing-space regex retried from every space).
    #expect(elapsed < 20, "took \(elapsed) s")
}

@Test func aMegabyteUnknownReferenceIsReportedQuickly() throws {
    let dir = try CommandRunner.temporaryFolder()
    let long = String(repeating: "h", count: 1_000_000)
    let file = try writeScenario(mmc(replacing: "    hall: hall", with: "    hall: \(long)"), in: dir)
    let started = Date()
    let r = try CommandRunner.hallsim(["validate", file])
    let elapsed = Date().timeIntervalSince(started)
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("\(file):15:11: unknown hall"), "\(r.stderr.prefix(200))")
    #expect(elapsed < 20, "took \(elapsed) s")
}
