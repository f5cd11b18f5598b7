import Foundation
import HallSimTesting
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scenario that runs far longer than any test waits (it is always killed).
let endlessMMC = smallMMC.replacingOccurrences(of: "cases: 20000", with: "cases: 2000000000")

/// Names in `dir` that start with a dot: staging folders and set-aside results.
func hiddenEntries(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.sorted()
}

/// Every file under `dir` with its contents, to show that nothing changed.
func snapshot(_ dir: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: dir.path)
    while let name = walker?.nextObject() as? String {
        let url = dir.appendingPathComponent(name)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            files[name] = try Data(contentsOf: url)
        }
    }
    return files
}

/// What `--out` is given and why hallsim must refuse it.
struct ForbiddenOut: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var out: String
    /// The text the refusal must contain.
    var names: String
}

let forbiddenOuts: [ForbiddenOut] = [
    ForbiddenOut(testDescription: "an existing file", out: "notes.txt", names: "notes.txt"),
    ForbiddenOut(testDescription: "the current folder", out: ".", names: "--out ."),
    ForbiddenOut(testDescription: "the parent folder", out: "..", names: "--out .."),
    ForbiddenOut(testDescription: "an empty path", out: "", names: "--out ''"),
    ForbiddenOut(testDescription: "the current folder spelled with a slash", out: "work/", names: "work"),
    ForbiddenOut(testDescription: "a folder with other content", out: "mine", names: "mine"),
    ForbiddenOut(testDescription: "the scenario file itself", out: "work/scenario.yaml", names: "scenario.yaml"),
]

@Test(arguments: forbiddenOuts)
func outRefusesAnythingButANewEmptyOrEarlierResultsFolderAndChangesNothing(_ forbidden: ForbiddenOut) throws {
    let root = try CommandRunner.temporaryFolder()
    let work = root.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work.appendingPathComponent("mine"), withIntermediateDirectories: true)
    try Data("keep me\n".utf8).write(to: work.appendingPathComponent("notes.txt"))
    try Data("mine too\n".utf8).write(to: work.appendingPathComponent("mine/draft.txt"))
    let file = try writeScenario(smallMMC, in: work)
    let before = try snapshot(root)
    let directory = forbidden.out == "work/" || forbidden.out == "work/scenario.yaml" ? root : work
    let r = try CommandRunner.hallsim(["run", file, "--out", forbidden.out], in: directory)
    #expect(r.status == 2, "\(forbidden.testDescription): exit \(r.status), \(r.stderr)")
    #expect(r.stderr.contains(forbidden.names), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(try snapshot(root) == before, "\(forbidden.testDescription): files changed")
    #expect(try hiddenEntries(work).isEmpty && hiddenEntries(root).isEmpty)
}

@Test func outRewritesAnEarlierResultsFolderWithOrWithoutItsMarkerAndAnEmptyOne() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let out = dir.appendingPathComponent("out")
    #expect(try CommandRunner.hallsim(["run", file, "--out", out.path]).status == 0)
    let marker = try String(contentsOf: out.appendingPathComponent(".hallsim-results"), encoding: .utf8)
    #expect(marker == "hallsim results folder\nevents.log\nkpis.csv\nreport-data.json\nsummary.json\n")
    let again = try CommandRunner.hallsim(["run", file, "--seed", "5", "--json", "--out", out.path])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try json(String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8))["seed"] as? Int == 5)
    // A folder written before the marker existed: only files hallsim writes.
    try FileManager.default.removeItem(at: out.appendingPathComponent(".hallsim-results"))
    try Data().write(to: out.appendingPathComponent("events.r002.log"))
    #expect(try CommandRunner.hallsim(["run", file, "--no-log", "--out", out.path]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".hallsim-results", "kpis.csv", "report-data.json", "summary.json"])
    let empty = dir.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
    #expect(try CommandRunner.hallsim(["run", file, "--out", empty.path]).status == 0)
    #expect(try hiddenEntries(dir).isEmpty)
}

@Test func outRefusesAResultsFolderAFileWasAddedTo() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let out = dir.appendingPathComponent("out")
    #expect(try CommandRunner.hallsim(["run", file, "--no-log", "--out", out.path]).status == 0)
    try Data("my analysis\n".utf8).write(to: out.appendingPathComponent("events.log"))
    let r = try CommandRunner.hallsim(["run", file, "--out", out.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("'events.log'"), "\(r.stderr)")
    #expect(try String(contentsOf: out.appendingPathComponent("events.log"), encoding: .utf8) == "my analysis\n")
}

@Test func replayNeverWritesOverTheLogItReads() throws {
    let (dir, log, _) = try smallLog()
    let out = log.deletingLastPathComponent()
    let before = try snapshot(out)
    for target in [out.path, out.path + "/", dir.path] {
        let r = try CommandRunner.hallsim(["replay", log.path, "--out", target])
        #expect(r.status == 2, "\(target): \(r.stderr)")
        #expect(r.stderr.contains("events.log"), "\(r.stderr)")
    }
    #expect(try snapshot(out) == before)
    let elsewhere = dir.appendingPathComponent("replayed")
    #expect(try CommandRunner.hallsim(["replay", log.path, "--out", elsewhere.path]).status == 0)
}

/// Starts an endless run into `out` and waits until its staging folder exists.
func startEndlessRun(in dir: URL, out: String) throws -> Process {
    let file = try writeScenario(endlessMMC, in: dir, name: "endless.yaml")
    // --allow-large: two billion cases are far above the guard's limits, which is the point here.
    let process = try CommandRunner.start(["run", file, "--out", out, "--allow-large"], in: dir)
    let deadline = Date().addingTimeInterval(60)
    while try hiddenEntries(dir).isEmpty, Date() < deadline, process.isRunning { usleep(5_000) }
    return process
}

@Test(arguments: [SIGTERM, SIGINT])
func aRunEndedBySIGTERMOrSIGINTRemovesItsStagingFolder(_ sig: Int32) throws {
    let dir = try CommandRunner.temporaryFolder()
    let process = try startEndlessRun(in: dir, out: "out")
    #expect(try hiddenEntries(dir).count == 1)
    kill(process.processIdentifier, sig)
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning, Date() < deadline { usleep(5_000) }
    #expect(!process.isRunning, "still running 30 s after the signal")
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "exit \(process.terminationStatus)")
    #expect(try hiddenEntries(dir).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
}

@Test func theNextRunRemovesWhatAKilledRunLeftAndKeepsTheResults() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    #expect(try CommandRunner.hallsim(["run", file, "--out", "out"], in: dir).status == 0)
    let before = try snapshot(dir.appendingPathComponent("out"))
    let process = try startEndlessRun(in: dir, out: "out")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let left = try hiddenEntries(dir)
    #expect(left.count == 1 && left[0].hasPrefix(".out.tmp-"), "\(left)")
    #expect(try snapshot(dir.appendingPathComponent("out")) == before)
    let r = try CommandRunner.hallsim(["run", file, "--seed", "9", "--out", "out"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try hiddenEntries(dir).isEmpty)
}

@Test func resultsSetAsideByAKilledRunArePutBackAndALiveRunsStagingIsLeftAlone() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    #expect(try CommandRunner.hallsim(["run", file, "--out", "out"], in: dir).status == 0)
    // As a run killed between the two renames of a commit without an atomic exchange leaves it
    // (process 2^22 + 1 cannot exist: Linux process ids stop at 2^22).
    let aside = dir.appendingPathComponent(".out.old-4194305-7")
    try FileManager.default.moveItem(at: dir.appendingPathComponent("out"), to: aside)
    let live = dir.appendingPathComponent(".other.tmp-\(getpid())-1")
    try FileManager.default.createDirectory(at: live, withIntermediateDirectories: false)
    let r = try CommandRunner.hallsim(["run", file, "--no-log", "--out", "out"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("put back"), "\(r.stderr)")
    #expect(try hiddenEntries(dir) == [live.lastPathComponent])
    let s = try CommandRunner.hallsim(["run", file, "--no-log", "--out", "other"], in: dir)
    #expect(s.status == 0)
    #expect(s.stderr.contains("still going"), "\(s.stderr)")
    #expect(try hiddenEntries(dir) == [live.lastPathComponent])
}

@Test func aResultsFileThatCannotBeWrittenIsOneLineAndExitOne() throws {
    let dir = try CommandRunner.temporaryFolder()
    _ = try writeScenario(smallMMC, in: dir)
    // Files may grow to 1 KiB: kpis.csv (about 1.8 KB) is cut short with EFBIG ("File too large").
    let r = try CommandRunner.shell("ulimit -f 2 && trap '' XFSZ && exec \"$HALLSIM\" run scenario.yaml --no-log --out out", in: dir)
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("hallsim: cannot write kpis.csv into "), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    #expect(try hiddenEntries(dir).isEmpty)
}

/// Whether this process may mount a tmpfs (root on Linux, outside a locked-down container).
let canMountTmpfs: Bool = {
    #if os(Linux)
    guard getuid() == 0, let dir = try? CommandRunner.temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: dir) }
    guard mount("tmpfs", dir.path, "tmpfs", 0, "size=64k") == 0 else { return false }
    umount(dir.path)
    return true
    #else
    return false
    #endif
}()

@Test(.enabled(if: canMountTmpfs, "needs root on Linux to mount a small tmpfs"))
func aFullDiskWhileWritingTheKPIsIsOneLineAndExitOne() throws {
    #if os(Linux)
    let dir = try CommandRunner.temporaryFolder()
    let file = try writeScenario(smallMMC, in: dir)
    let disk = dir.appendingPathComponent("disk")
    try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
    try #require(mount("tmpfs", disk.path, "tmpfs", 0, "size=64k") == 0)
    defer { umount(disk.path) }
    // Fill the disk to the last page; folders take no pages, files do.
    let filler = open(disk.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
    let page = [UInt8](repeating: 1, count: 4096)
    while write(filler, page, page.count) > 0 {}
    close(filler)
    for extra in [[], ["--replications", "2"]] {
        let r = try CommandRunner.hallsim(["run", file, "--no-log", "--out", disk.appendingPathComponent("out").path] + extra)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr == "hallsim: cannot write kpis.csv into \(disk.path)/out: No space left on device\n", "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["filler"])
    }
    let withLog = try CommandRunner.hallsim(["run", file, "--out", disk.appendingPathComponent("out").path])
    #expect(withLog.status == 1)
    #expect(withLog.stderr.contains("No space left on device"), "\(withLog.stderr)")
    #expect(withLog.stderr.split(separator: "\n").count == 1, "\(withLog.stderr)")
    #endif
}
