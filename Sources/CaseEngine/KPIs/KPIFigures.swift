import SimCore

/// The key figures of one slice of a run: a cell (hall × group × service × day type × hour),
/// a window group, a hall, a tier or the whole run, as ``KPIReport`` computes them.
///
/// Counts are cases; times are seconds. `arrived` counts, for a hall, tier or run, the
/// visits submitted there (`.submitted`), and for a group or cell the cases that came to
/// the group's queue (took a ticket, or balked at it).
public struct KPIFigures: Sendable, Equatable {
    /// Cases that arrived (see the type's summary).
    public var arrived = 0
    /// Return visits among `arrived` (halls, tiers and the run only).
    public var returns = 0
    /// Cases that took a ticket and joined a queue.
    public var ticketed = 0
    /// Cases called to a window.
    public var called = 0
    /// Cases whose service at a window ended (completed, or accepted for the back office).
    public var served = 0
    /// People who gave up, by reason.
    public var abandoned = AbandonCounts()
    /// Called cases whose wait was within the service-level target.
    public var withinTarget = 0
    /// Waits in the queue of the cases called.
    public var waits = WaitSummary()
    /// The share of called cases whose wait was within the target; `nil` without a target or without calls.
    public var serviceLevel: Double?
    /// Window-seconds spent serving (from the call to the end of service).
    public var busyWindowSeconds = 0.0
    /// Window-seconds staffed: windows on shift, or busy beyond it (a window finishing its case).
    public var staffedWindowSeconds = 0.0
    /// Seconds of simulated time the slice covers (for a cell, every hour of its kind in the run).
    public var coveredSeconds = 0.0
    /// Busy window-time over staffed window-time (0 when nothing was staffed).
    public var utilisation = 0.0
    /// Time-average number of cases waiting.
    public var queueMean = 0.0
    /// Time-average number of windows staffed.
    public var staffedMean = 0.0

    public init() {}
}

/// Waits of a slice in seconds: count, exact mean and maximum, percentiles at the slice's resolution.
public struct WaitSummary: Sendable, Equatable {
    public var count = 0
    public var mean = 0.0
    /// The 95% half-width of the mean by batch means (the run and window groups only), when there are enough batches.
    public var meanHalfWidth: Double?
    public var p50 = 0.0
    public var p90 = 0.0
    public var p99 = 0.0
    public var max = 0.0

    public init() {}

    /// The summary of a ``WaitStatistics``.
    public init(_ w: WaitStatistics) {
        count = w.count
        mean = w.meanSeconds
        meanHalfWidth = w.meanHalfWidthSeconds
        (p50, p90, p99) = w.percentiles
        max = w.maxSeconds
    }
}
