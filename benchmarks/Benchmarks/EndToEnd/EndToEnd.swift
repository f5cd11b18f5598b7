import Benchmark
import BenchSupport

/// The reference M/M/c model end to end, 1,000,000 cases, on glibc malloc.
let benchmarks: @Sendable () -> Void = {
    EndToEndSuite.register()
}
