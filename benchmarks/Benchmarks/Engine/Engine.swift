import Benchmark
import BenchSupport
import HallWorkloads

/// The case engine on the events of 250,000 cases of the M/M/c model (1,000,001 events).
let benchmarks: @Sendable () -> Void = {
    let cases = 250_000
    let slices = 16

    calibratedBenchmark("CaseEngine.append") { Append(EngineData(cases: cases), slices: slices) }
    calibratedBenchmark("CaseEngine.fold") { Fold(EngineData(cases: cases), slices: slices) }
    calibratedBenchmark("CaseEngine.replay") { Replay(EngineData(cases: cases), slices: slices) }
    calibratedBenchmark("CaseEngine.write") { Write(EngineData(cases: cases), slices: slices) }
}
