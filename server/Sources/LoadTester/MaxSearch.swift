import Histogram

/// `--max`: the speed-up ramps in stages of whole seconds; each stage is judged by the p99
/// latency of the commands due in it and by its errors, and the highest rate of the stages
/// before the first that crosses a bound is the sustained rate.
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
    }

    public var p99_bound_ms: Double
    public var error_bound: Double
    public var stages: [Stage]
    /// The highest achieved rate of a stage before the first that failed (commands per second).
    public var sustained_per_s: Double
    /// That stage's speed-up.
    public var sustained_speed: Double
    /// Whether a stage crossed a bound (otherwise the plan ran out first and the rate is a lower bound).
    public var saturated: Bool

    /// Judges each stage of `schedule` from the per-second record.
    public init(recorder: LoadRecorder, schedule: Schedule, p99BoundMs: Double, errorBound: Double) {
        p99_bound_ms = p99BoundMs
        error_bound = errorBound
        let secondsPerStage = max(1, Int(schedule.stageMicroseconds / 1_000_000))
        var stages: [Stage] = []
        for (k, speed) in schedule.speeds.enumerated() {
            let range = (k * secondsPerStage) ..< min((k + 1) * secondsPerStage, recorder.seconds.count)
            guard !range.isEmpty else { break }
            var latency = LoadRecorder.histogram(.two)
            var offered = 0, answered = 0, errors = 0
            for s in range {
                let x = recorder.seconds[s]
                latency.add(x.latency)
                offered += x.offered
                answered += x.answered
                errors += x.errors + x.skipped
            }
            guard offered > 0 else { continue }
            let p99 = latency.totalCount > 0 ? Double(latency.valueAtPercentile(99)) / 1_000 : 0
            let share = Double(errors) / Double(offered)
            let seconds = Double(range.count)
            stages.append(Stage(speed: speed, offered_per_s: (Double(offered) / seconds).rounded(), achieved_per_s: (Double(answered) / seconds).rounded(),
                                p99_ms: p99, error_share: share, passed: p99 < p99BoundMs && share < errorBound))
        }
        self.stages = stages
        let passing = stages.prefix { $0.passed }
        let best = passing.max { $0.achieved_per_s < $1.achieved_per_s }
        sustained_per_s = best?.achieved_per_s ?? 0
        sustained_speed = best?.speed ?? 0
        saturated = passing.count < stages.count
    }
}
