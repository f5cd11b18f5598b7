import Histogram

/// `--max`: after a warm-up at the first speed-up (sent, not judged), the speed-up ramps in stages
/// of whole seconds; each stage is judged by the p99 latency of the commands due in it and by its
/// errors. The ramp ends at the first failed stage that the next stage confirms (it fails too, or
/// it is the last); a failed stage followed by a passing one is a transient. The sustained rate is
/// the highest achieved rate of a passing stage before the end.
public struct MaxResult: Codable, Sendable {
    public struct Stage: Codable, Sendable {
        public var speed: Double
        /// Commands due in the stage per second.
        public var offered_per_s: Double
        /// Commands answered in the stage's seconds per second.
        public var achieved_per_s: Double
        /// p99 latency of the commands due in the stage (two significant digits).
        public var p99_ms: Double
        /// Errors in the stage's seconds, and commands due in it never sent (the ramp stopped), over the commands due in it.
        public var error_share: Double
        public var passed: Bool
        /// Failed, but the next stage passed: a passing moment, not the end of the ramp.
        public var transient: Bool
    }

    public var p99_bound_ms: Double
    public var error_bound: Double
    /// The warm-up's wall-clock seconds, and what it measured (not judged; absent without a warm-up).
    public var warmup_s: Double
    public var warmup: Stage?
    public var stages: [Stage]
    /// The highest achieved rate of a passing stage before the end of the ramp (commands per second).
    public var sustained_per_s: Double
    /// That stage's speed-up.
    public var sustained_speed: Double
    /// Whether the ramp ended (a failed stage, confirmed); otherwise the plan ran out first and the rate is a lower bound.
    public var saturated: Bool

    /// Judges the warm-up and each stage of `schedule` from the per-second record.
    public init(recorder: LoadRecorder, schedule: Schedule, p99BoundMs: Double, errorBound: Double) {
        p99_bound_ms = p99BoundMs
        error_bound = errorBound
        let secondsPerStage = max(1, Int(schedule.stageMicroseconds / 1_000_000))
        let warmupSeconds = Int(schedule.warmupMicroseconds / 1_000_000)
        warmup_s = Double(warmupSeconds)
        func judge(_ range: Range<Int>, speed: Double) -> Stage? {
            let range = range.clamped(to: 0 ..< recorder.seconds.count)
            guard !range.isEmpty else { return nil }
            var latency = LoadRecorder.histogram(.two)
            var offered = 0, answered = 0, errors = 0
            for s in range {
                let x = recorder.seconds[s]
                latency.add(x.latency)
                offered += x.offered
                answered += x.answered
                errors += x.errors + x.skipped
            }
            guard offered > 0 else { return nil }
            let p99 = latency.totalCount > 0 ? Double(latency.valueAtPercentile(99)) / 1_000 : 0
            let share = Double(errors) / Double(offered)
            let seconds = Double(range.count)
            return Stage(speed: speed, offered_per_s: (Double(offered) / seconds).rounded(), achieved_per_s: (Double(answered) / seconds).rounded(),
                         p99_ms: p99, error_share: share, passed: p99 < p99BoundMs && share < errorBound, transient: false)
        }
        warmup = warmupSeconds > 0 ? judge(0 ..< warmupSeconds, speed: schedule.speeds[0]) : nil
        var stages: [Stage] = []
        for (k, speed) in schedule.speeds.enumerated() {
            let first = warmupSeconds + k * secondsPerStage
            guard first < recorder.seconds.count else { break }
            if let stage = judge(first ..< first + secondsPerStage, speed: speed) { stages.append(stage) }
        }
        for k in stages.indices.dropLast() where !stages[k].passed && stages[k + 1].passed { stages[k].transient = true }
        self.stages = stages
        let end = stages.firstIndex { !$0.passed && !$0.transient } ?? stages.count
        let best = stages[..<end].filter(\.passed).max { $0.achieved_per_s < $1.achieved_per_s }
        sustained_per_s = best?.achieved_per_s ?? 0
        sustained_speed = best?.speed ?? 0
        saturated = end < stages.count
    }
}
