import Benchmark
import BenchSupport
import Workloads

/// The kernel: the event queue alone at several sizes, and the classic hold model through
/// the whole run loop. 1,048,576 events per run.
let benchmarks: @Sendable () -> Void = {
    let events = 1 << 20

    for (label, size) in [("16", 16), ("1k", 1_024), ("64k", 65_536)] {
        calibratedBenchmark("SimCore.queue.pushPop.\(label)", configuration: Gate.configuration()) {
            QueueFillDrain(size: size, events: events, slices: 16)
        }
    }

    for (label, size) in [("1k", 1_024), ("64k", 65_536)] {
        calibratedBenchmark("SimCore.hold.\(label)", configuration: Gate.configuration()) {
            HoldModel(size: size, events: events, slices: 48)
        }
    }
}
