import Foundation
import HallSimTesting
import Testing

/// A year of one hall open around the clock.
let yearHall = """
name: year
seed: 1
horizon: 365d
services:
  - { id: generic, service_time: { exponential: { mean: 60s } } }
halls:
  - { id: hall, tier: city, windows: [{ id: w, count: 10, serves: [generic] }] }
demand:
  - { service: generic, hall: hall, arrivals: { poisson: { per_hour: 37.5 } } }
"""

/// Runs `arguments`, which must be refused with exit 2 well within `seconds` (a loose guard against a hang).
func expectRefusedQuickly(_ arguments: [String], saying phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let started = Date()
    let r = try CommandRunner.hallsim(arguments)
    let took = Date().timeIntervalSince(started)
    #expect(r.status == 2, "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(phrase), "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(took < 10, "took \(took) s", sourceLocation: sourceLocation)
}

@Test func aTypoedRateOfThirtySevenThousandAnHourIsRefusedWithTheEstimateAndTheFlag() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(yearHall.replacingOccurrences(of: "per_hour: 37.5", with: "per_hour: 37500"), in: dir)
    let out = dir.appendingPathComponent("out").path
    try expectRefusedQuickly(["run", file, "--out", out], saying: "--allow-large")
    let r = try CommandRunner.hallsim(["run", file, "--out", out])
    #expect(r.stderr.contains("329 million cases"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
    // The same year at the meant rate runs.
    let meant = try writeScenario(yearHall, in: dir, name: "meant.yaml")
    let ok = try CommandRunner.hallsim(["run", meant, "--no-log", "--json", "--out", out])
    #expect(ok.status == 0, "\(ok.stderr)")
}

@Test func aRateOfATrillionAnHourIsRefused() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(yearHall.replacingOccurrences(of: "per_hour: 37.5", with: "per_hour: 1e12"), in: dir)
    try expectRefusedQuickly(["run", file, "--out", dir.appendingPathComponent("out").path], saying: "out of the simulator's range")
}

@Test func aHorizonOfAHundredMillionDaysIsRefused() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(yearHall.replacingOccurrences(of: "horizon: 365d", with: "horizon: 100000000d"), in: dir)
    try expectRefusedQuickly(["run", file, "--out", dir.appendingPathComponent("out").path], saying: "is too long")
    // Within the clock's range but a century and more of a busy hall: the estimate refuses it.
    let long = try writeScenario(yearHall.replacingOccurrences(of: "horizon: 365d", with: "horizon: 300000d"), in: dir, name: "long.yaml")
    try expectRefusedQuickly(["run", long, "--out", dir.appendingPathComponent("out").path], saying: "--allow-large")
}

@Test func progressShowsOnATerminalButNeverOnAPipeOrWithJSON() throws {
    let dir = try CommandRunner.temporaryFolder()
    // Progress from the first simulated day on (HALLSIM_PROGRESS_AFTER=0), so a short run shows it.
    let file = try writeScenario(yearHall.replacingOccurrences(of: "horizon: 365d", with: "horizon: 30d"), in: dir)
    let run = "HALLSIM_PROGRESS_AFTER=0 \"$HALLSIM\" run \(file) --no-log --out \(dir.path)/out"
    let pipe = try CommandRunner.shell(run + " >/dev/null")
    #expect(pipe.status == 0, "\(pipe.stderr)")
    #expect(!pipe.stderr.contains("events/s"), "\(pipe.stderr)")
    #expect(!pipe.stderr.contains("\r"))
    // `script` gives the run a terminal; what the terminal showed comes back on its stdout.
    let terminal = try CommandRunner.shell("script -qec '\(run) >/dev/null' /dev/null")
    #expect(terminal.status == 0, "\(terminal.stderr)")
    #expect(terminal.stdout.contains("2024-01-"), "\(terminal.stdout)")
    #expect(terminal.stdout.contains("events/s"), "\(terminal.stdout)")
    let json = try CommandRunner.shell("script -qec '\(run) --json >/dev/null' /dev/null")
    #expect(json.status == 0)
    #expect(!json.stdout.contains("events/s"), "\(json.stdout)")
}
