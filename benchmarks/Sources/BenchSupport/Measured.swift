import Benchmark
import Foundation
import Workloads

/// The custom metrics every suite reports.
public enum Metric {
    /// Events handled per second of wall-clock time (reported, not gated).
    public static let eventsPerSecond = BenchmarkMetric.custom("events_per_s", polarity: .prefersLarger, useScalingFactor: false)
    /// Cases completed per second of wall-clock time (reported, not gated).
    public static let casesPerSecond = BenchmarkMetric.custom("cases_per_s", polarity: .prefersLarger, useScalingFactor: false)
    /// Events per calibration unit (1,000,000 steps of the calibration loop) in the same CPU time: gated.
    public static let eventsPerUnit = BenchmarkMetric.custom("events_per_calibration_unit", polarity: .prefersLarger, useScalingFactor: false)
    /// Cases per calibration unit: gated.
    public static let casesPerUnit = BenchmarkMetric.custom("cases_per_calibration_unit", polarity: .prefersLarger, useScalingFactor: false)
    /// The process's peak resident memory during the measured run, in bytes (VmHWM, reset before the run).
    ///
    /// Used instead of the harness's `.peakMemoryResident`, whose sampling thread allocates
    /// every 5 ms: the malloc interposer counts those allocations too, which made malloc
    /// counts vary with run time.
    public static let peakResident = BenchmarkMetric.custom("peak_resident_bytes", polarity: .prefersSmaller, useScalingFactor: false)
}

/// How a suite configures its benchmarks for the gate.
public enum Gate {
    /// The allowed drop, in percent, of a calibrated metric below its committed threshold
    /// before the gate fails (and the allowed rise before it reports an improvement): a guard
    /// against gross slowdowns only. On the same code, one process measured 27% below the
    /// next (39% and 17% below the threshold; README.md, "Instructions"); instructions per event
    /// (scripts/instructions) are what catches a small slowdown of the code.
    public static let calibratedTolerance = 50.0
    /// The allowed growth of peak resident memory, in percent.
    public static let memoryTolerance = 15.0

    /// Measured iterations per benchmark (after one warm-up iteration).
    public static let iterations = 7

    /// The configuration of a gated benchmark: wall clock and the per-second figures reported
    /// only; malloc counts exact; peak memory and the calibrated metrics within their tolerances.
    /// `mallocSlack` allows that many allocations more or fewer than the threshold (for work
    /// spread over Dispatch's worker threads, whose own bookkeeping varies a little).
    public static func configuration(
        cases: Bool = false, calibrated: Bool = true, iterations: Int = Gate.iterations, mallocSlack: Int = 0
    ) -> Benchmark.Configuration {
        var metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, Metric.peakResident, Metric.eventsPerSecond]
        var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
            .wallClock: .none,
            .mallocCountTotal: .init(absolute: [.p90: mallocSlack]),
            Metric.peakResident: .init(relative: [.p90: memoryTolerance]),
            Metric.eventsPerSecond: .none,
        ]
        if cases {
            metrics.append(Metric.casesPerSecond)
            thresholds[Metric.casesPerSecond] = BenchmarkThresholds.none
        }
        if calibrated {
            metrics.append(Metric.eventsPerUnit)
            thresholds[Metric.eventsPerUnit] = .init(relative: [.p90: calibratedTolerance])
            if cases {
                metrics.append(Metric.casesPerUnit)
                thresholds[Metric.casesPerUnit] = .init(relative: [.p90: calibratedTolerance])
            }
        }
        return .init(
            metrics: metrics,
            timeUnits: .milliseconds,
            warmupIterations: 1,
            maxDuration: .seconds(600),
            maxIterations: iterations,
            thresholds: thresholds
        )
    }
}

/// The measured iteration of a calibrated benchmark.
///
/// Each iteration first runs the workload once as a whole between the harness's start and
/// stop of measurement: wall clock, malloc counts, peak memory and the per-second figures
/// come from that run. Then, outside the measurement, the calibrated pass runs the workload
/// again in slices of a few milliseconds, each right after a slice of the calibration loop,
/// both timed in thread CPU time; each slice gives one ratio (work per calibration unit).
/// After the last iteration the median of all those ratios is recorded once, as the gated
/// metric: with a single value, every percentile the tool reads is that median.
public final class Calibrated: @unchecked Sendable {
    /// Calibration steps per slice (about 1.5 ms on the reference machine).
    public static let calibrationSlice = 1 << 15

    let iterations: Int
    let warmup: Int
    var events: [Double] = []
    var cases: [Double] = []
    var iterationMedians: [Double] = []

    public init(configuration: Benchmark.Configuration) {
        iterations = configuration.maxIterations
        warmup = configuration.warmupIterations
    }

    /// Runs one iteration of `workload` inside `benchmark`.
    public func iteration(_ benchmark: Benchmark, _ workload: any Workload) {
        let measured = benchmark.currentIteration - warmup
        PeakMemory.reset()
        benchmark.startMeasurement()
        let wall = Clocks.wall()
        let done = workload.run()
        let wallSeconds = Clocks.wall() - wall
        benchmark.stopMeasurement()
        let peak = PeakMemory.bytes()
        guard measured >= 0 else { return }

        benchmark.measurement(Metric.peakResident, peak)
        benchmark.measurement(Metric.eventsPerSecond, Int((Double(done.events) / wallSeconds).rounded()))
        if let c = done.cases { benchmark.measurement(Metric.casesPerSecond, Int((Double(c) / wallSeconds).rounded())) }

        let first = events.count
        workload.beginPass()
        for i in 0 ..< workload.slices {
            let t0 = Clocks.threadCPU()
            Sink.keep(Calibration.run(steps: Self.calibrationSlice))
            let t1 = Clocks.threadCPU()
            let work = workload.slice(i)
            let t2 = Clocks.threadCPU()
            guard work.events > 0, t2 > t1, t1 > t0 else { continue }
            let units = Double(Self.calibrationSlice) / Calibration.stepsPerUnit / (t1 - t0)  // calibration units per second
            events.append(Double(work.events) / (t2 - t1) / units)
            if let c = work.cases { cases.append(Double(c) / (t2 - t1) / units) }
        }
        workload.endPass()
        iterationMedians.append(Self.median(Array(events[first...])))

        if measured == iterations - 1 {
            benchmark.measurement(Metric.eventsPerUnit, Int(Self.median(events).rounded()))
            if !cases.isEmpty { benchmark.measurement(Metric.casesPerUnit, Int(Self.median(cases).rounded())) }
            if let path = ProcessInfo.processInfo.environment["HALLSIM_BENCH_TRACE"] {
                trace(benchmark.name, to: path)
            }
        }
    }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Appends one line of figures to the file at `path`, for studying the noise (HALLSIM_BENCH_TRACE=FILE).
    func trace(_ name: String, to path: String) {
        let s = events.sorted()
        let line = String(
            format: "TRACE %@ median=%.2f p10=%.2f p90=%.2f slices=%d iterations=%@\n",
            name, Self.median(events), s[s.count / 10], s[s.count * 9 / 10], s.count,
            iterationMedians.map { String(format: "%.1f", $0) }.joined(separator: ",")
        )
        if let file = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) {
            file.seekToEndOfFile()
            file.write(Data(line.utf8))
            file.closeFile()
        }
    }
}

/// Registers a calibrated benchmark: `make` builds the workload once per process, in the
/// benchmark's setup (outside any measurement).
public func calibratedBenchmark(
    _ name: String,
    configuration: Benchmark.Configuration = Gate.configuration(),
    make: @escaping @Sendable () -> any Workload
) {
    let calibrated = Calibrated(configuration: configuration)
    let holder = Holder<any Workload>()
    Benchmark(name, configuration: configuration) { benchmark in
        calibrated.iteration(benchmark, holder.state!)
    } setup: {
        holder.state = make()
    } teardown: {
        holder.state = nil
    }
}

/// Keeps a benchmark's workload between its setup and its iterations.
public final class Holder<State>: @unchecked Sendable {
    public var state: State?
    public init() {}
}
