/// Each department's backlog (cases in its work list or being worked) as a level over time,
/// integrated over the span the figures cover only (``KPIWindow``): every change moves the level,
/// at its time clamped into the span; once time passes the span's end the backlogs are kept as
/// they stood then.
struct DepartmentBacklogs: Sendable {
    /// Per department (as ``NetworkCounts/departments``).
    var series: [BacklogSeries]
    /// The backlogs as they stood at the span's end, once time has passed it.
    var atEnd: [BacklogSeries] = []
    /// The span the levels are integrated over.
    let window: KPIWindow
    /// Whether `window` is less than the whole run.
    let windowed: Bool

    /// Backlogs of `count` departments, empty, integrated over `window`.
    init(count: Int, window: KPIWindow) {
        series = Array(repeating: BacklogSeries(), count: count)
        self.window = window
        windowed = !window.isWhole
    }

    /// Changes department `d`'s backlog by `delta` at `t` ticks, clamped into the span.
    @inline(__always)
    mutating func change(_ d: Int, by delta: Int64, at t: Int64) {
        series[d].change(by: delta, at: windowed ? window.clamp(t) : t)
    }

    /// Time reached the span's start: the averages, peaks and series begin there.
    mutating func restartAtSpanStart() {
        for d in series.indices { series[d].restart(at: window.start) }
    }

    /// Time reached the span's end: the backlogs are kept as they stand.
    mutating func keepAtSpanEnd() { atEnd = series }

    /// The backlogs to report: as they stood at the span's end once time has passed it (`passedEnd`).
    func reported(passedEnd: Bool) -> [BacklogSeries] { passedEnd ? atEnd : series }
}
