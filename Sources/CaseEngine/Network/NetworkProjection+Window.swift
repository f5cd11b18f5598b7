/// The span the network figures cover (``NetworkProjection/window``): counts by the arrival of
/// the case's visit, backlogs by time.
extension NetworkProjection {
    /// Everything ``NetworkProjection`` counts (as opposed to its levels and open cases): what
    /// is swapped with ``NetworkProjection/outsideCounts`` while a case from outside the span is
    /// folded.
    struct Counts: Sendable {
        var arrived: Int
        var closed: Int
        var abandoned: Int
        var transferred: Int
        var channels: [ChannelCounts]
        var channelSlot: [Int32]
        var departments: [DepartmentCounts]
        var bundles: BundleCounts
        var escalation: EscalationCounts
        var hotline: HotlineCounts
        var ratings: RatingCounts
    }

    /// The counts as they stand.
    var counts: Counts {
        Counts(
            arrived: arrived, closed: closed, abandoned: abandoned, transferred: transferred, channels: channels,
            channelSlot: channelSlot, departments: departments, bundles: bundles, escalation: escalation,
            hotline: hotline, ratings: ratings
        )
    }

    /// Exchanges the reported counts with ``outsideCounts`` (field by field, so no array is copied).
    mutating func swapCounts() {
        guard var other = outsideCounts else { return }
        outsideCounts = nil
        swap(&arrived, &other.arrived)
        swap(&closed, &other.closed)
        swap(&abandoned, &other.abandoned)
        swap(&transferred, &other.transferred)
        swap(&channels, &other.channels)
        swap(&channelSlot, &other.channelSlot)
        swap(&departments, &other.departments)
        swap(&bundles, &other.bundles)
        swap(&escalation, &other.escalation)
        swap(&hotline, &other.hotline)
        swap(&ratings, &other.ratings)
        outsideCounts = other
    }

    /// Changes department `d`'s backlog by `delta` at `t` ticks, clamped into the span: a level
    /// follows every change, and is integrated over the span only.
    @inline(__always)
    mutating func changeBacklog(_ d: Int, by delta: Int64, at t: Int64) {
        backlogs[d].change(by: delta, at: windowed ? window.clamp(t) : t)
    }

    /// Time reached `t`, at or past the span's start (the backlogs' averages, peaks and series
    /// begin there) or its end (the backlogs are kept as they stood then).
    @inline(never)
    mutating func passSpanEdges(_ t: Int64) {
        if spanPhase == 0, t >= window.start {
            for d in backlogs.indices { backlogs[d].restart(at: window.start) }
            spanPhase = 1
        }
        if spanPhase == 1, t >= window.end {
            backlogsAtEnd = backlogs
            spanPhase = 2
        }
    }

    /// The backlogs to report: as they stood at the span's end once time has passed it.
    var reportedBacklogs: [BacklogSeries] { spanPhase == 2 ? backlogsAtEnd : backlogs }
}
