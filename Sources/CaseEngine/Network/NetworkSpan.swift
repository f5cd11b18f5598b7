/// The span the network figures cover (``KPIWindow``), as the network fold keeps it: counts by
/// the arrival of the case's visit, backlogs by time.
///
/// Every event of a visit submitted inside the span counts, and none of one submitted outside it:
/// the span marks the cases that arrived inside (one bit per case) and holds a second
/// ``NetworkCounts`` for the others, which the projection exchanges with its own while such a
/// case's event is folded, and never reports. Without a span (the whole run) it marks nothing.
struct NetworkSpan: Sendable {
    /// The span the figures cover.
    let window: KPIWindow
    /// Whether `window` is less than the whole run.
    let windowed: Bool
    /// The cases whose latest visit arrived inside `window` (kept only when `windowed`).
    var inside = ArrivalBits()
    /// The counts of cases that arrived outside `window` (empty unless `windowed`).
    var outside: NetworkCounts
    /// Where time stands against the window: 0 before its start, 1 inside, 2 past its end.
    var phase: UInt8 = 0

    /// The span `window`, whose outside counts start as `counts` (the projection's, empty).
    init(window: KPIWindow, counts: NetworkCounts) {
        self.window = window
        windowed = !window.isWhole
        outside = windowed ? counts : NetworkCounts(departments: [], channels: false)
    }

    /// Event `e` at `t` ticks: moves `backlogs` past the span's edges that `t` reached, marks a
    /// submission inside or outside the span, and says whether `e`'s case counts (arrived inside).
    @inline(__always)
    mutating func counts(_ e: CaseEvent, at t: Int64, _ backlogs: inout DepartmentBacklogs) -> Bool {
        if phase < 2, t >= window.edge(after: phase) { passEdges(t, &backlogs) }
        if e.kind == .submitted { inside.set(e.caseID, window.contains(t)) }
        return inside.contains(e.caseID)
    }

    /// Time reached `t`, at or past the span's start (the backlogs begin there) or its end (the
    /// backlogs are kept as they stood then).
    @inline(never)
    mutating func passEdges(_ t: Int64, _ backlogs: inout DepartmentBacklogs) {
        if phase == 0, t >= window.start {
            backlogs.restartAtSpanStart()
            phase = 1
        }
        if phase == 1, t >= window.end {
            backlogs.keepAtSpanEnd()
            phase = 2
        }
    }

    /// Whether time has passed the span's end.
    var passedEnd: Bool { phase == 2 }
}
