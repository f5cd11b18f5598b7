import Foundation
import HallWorkloads
import Workloads

/// The workloads whose instructions the gate counts (benchmarks/README.md, "Instructions"): the
/// gated benchmarks' workloads at sizes that run in seconds under valgrind.
///
///     instructions list           the names, one per line
///     instructions run NAME       builds NAME's workload, runs it once inside `countedRegion`,
///                                 and prints `events N cases N` (cases only where it has them)
///
/// `benchmarks/gate` runs `instructions run NAME` under callgrind with collection switched on in
/// `countedRegion` only, so set-up (compiling a scenario, capturing events, writing a log to
/// replay) is not counted; instructions per event is the region's count over its events.
let workloads: KeyValuePairs<String, () -> any Workload> = [
    "SimCore.queue.pushPop.16": { QueueFillDrain(size: 16, events: 1 << 18, slices: 1) },
    "SimCore.queue.pushPop.1k": { QueueFillDrain(size: 1_024, events: 1 << 18, slices: 1) },
    "SimCore.queue.pushPop.64k": { QueueFillDrain(size: 65_536, events: 1 << 18, slices: 1) },
    "SimCore.hold.1k": { HoldModel(size: 1_024, events: 1 << 18, slices: 1) },
    "SimCore.hold.64k": { HoldModel(size: 65_536, events: 1 << 18, slices: 1) },
    "CaseEngine.append": { Append(EngineData(cases: 50_000), slices: 1) },
    "CaseEngine.fold": { Fold(EngineData(cases: 50_000), slices: 1) },
    "CaseEngine.replay": { Replay(EngineData(cases: 50_000), slices: 1) },
    "CaseEngine.write": { Write(EngineData(cases: 50_000), slices: 1) },
    "HallSim.mmc": { ScenarioRun(network: MMC.network(cases: 100_000), slices: 1) },
    "HallSim.network.week": { ScenarioRun(network: MMC.referenceNetwork(days: 7), slices: 1) },
]

/// The only code callgrind counts (its name is the gate's `--toggle-collect` pattern).
@inline(never)
func countedRegion(_ workload: any Workload) -> Work {
    workload.run()
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("instructions: \(message)\nusage: instructions list | instructions run NAME\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "list":
    for (name, _) in workloads { print(name) }
case "run":
    guard arguments.count == 2, let name = arguments.last else { fail("run takes one workload name") }
    guard let make = workloads.first(where: { $0.key == name })?.value else { fail("no workload named '\(name)'") }
    let workload = make()
    let work = countedRegion(workload)
    print("events \(work.events)" + (work.cases.map { " cases \($0)" } ?? ""))
default:
    fail("expected 'list' or 'run NAME'")
}
