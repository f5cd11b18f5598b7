import SimCore

/// The span of time a run's figures cover (docs/kpis.md, *Ranges*): `--from`/`--to` dates or the
/// end of a warm-up. The whole run unless given.
///
/// Levels (cases waiting, windows busy and staffed) are integrated over the span only: every
/// event's time is clamped into it before a level is integrated, so a level held before the start
/// or after the end adds nothing while the level itself still follows every event. Counts and
/// waits go by the arrival of the case's visit: a visit submitted inside the span counts, whenever
/// it is called or served; its case is marked in a bit table (one bit per case, kept only when
/// a span is given).
public struct KPIWindow: Sendable, Equatable {
    /// The first tick covered.
    public var start: Int64
    /// The tick after the last covered (`Int64.max`: to the end of the run).
    public var end: Int64

    /// A span from `start` up to (not including) `end`, in ticks.
    public init(start: Int64 = 0, end: Int64 = .max) {
        self.start = Swift.max(0, start)
        self.end = Swift.max(self.start, end)
    }

    /// The whole run.
    public static let whole = KPIWindow()

    /// Whether the span is the whole run.
    public var isWhole: Bool { start == 0 && end == .max }

    /// `t` clamped into the span.
    @inline(__always)
    func clamp(_ t: Int64) -> Int64 { Swift.min(Swift.max(t, start), end) }

    /// The edge a fold whose time has passed `phase` edges meets next (0: the start, 1: the end);
    /// a fold keeps its phase and calls its edge handler only once time reaches this.
    @inline(__always)
    func edge(after phase: UInt8) -> Int64 { phase == 0 ? start : end }

    /// Whether `t` lies in the span.
    @inline(__always)
    func contains(_ t: Int64) -> Bool { t >= start && t < end }
}

/// One bit per case id: whether the case's latest visit arrived inside a ``KPIWindow``.
struct ArrivalBits: Sendable {
    var words: [UInt64] = []

    @inline(__always)
    func contains(_ id: UInt32) -> Bool {
        let w = Int(id >> 6)
        return w < words.count && words[w] & (1 &<< UInt64(id & 63)) != 0
    }

    mutating func set(_ id: UInt32, _ inside: Bool) {
        let w = Int(id >> 6)
        if w >= words.count {
            guard inside else { return }
            words.append(contentsOf: repeatElement(0, count: Swift.max(w + 1 - words.count, words.count)))
        }
        let bit: UInt64 = 1 &<< UInt64(id & 63)
        if inside { words[w] |= bit } else { words[w] &= ~bit }
    }
}

/// `--from DATE --to DATE`: the dates a run's figures cover, inclusive, either open.
public struct DateRange: Sendable, Equatable {
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(from: CalendarDate?, to: CalendarDate?) {
        self.from = from
        self.to = to
    }

    /// The span of a run that starts on `calendarStart` and ends at `runEnd` ticks (`nil`: not
    /// known before it runs), beginning `warmup` ticks in at the earliest.
    /// - Returns: the span, or the reason it cannot be one (a message naming the option).
    public func window(calendarStart: CalendarDate, runEnd: Int64?, warmup: Int64 = 0) -> Result<KPIWindow, RangeProblem> {
        let day = ServiceCalendar.dayTicks
        if let from, let to, from > to { return .failure(RangeProblem("--from \(from) is after --to \(to)")) }
        var start: Int64 = 0
        var end: Int64 = .max
        if let from { start = Int64(from.epochDay - calendarStart.epochDay) * day }
        if let to { end = Int64(to.epochDay - calendarStart.epochDay + 1) * day }
        let lastDay = runEnd.map { CalendarDate(epochDay: calendarStart.epochDay + Int(Swift.max(0, $0 - 1) / day)) }
        let runText = "the run covers \(calendarStart)" + (lastDay.map { " to \($0)" } ?? " onwards")
        if let from, start < 0 { return .failure(RangeProblem("--from \(from) is before the run starts (\(runText))")) }
        if let to, end <= 0 { return .failure(RangeProblem("--to \(to) is before the run starts (\(runText))")) }
        if let from, let runEnd, start >= runEnd { return .failure(RangeProblem("--from \(from) is after the run ends (\(runText))")) }
        start = Swift.max(start, warmup)
        // A range reaching the run's last day covers the rest of the run (the drain after closing too).
        if let runEnd, end >= runEnd { end = .max }
        if start >= end { return .failure(RangeProblem("the range ends before the warm-up does: nothing is left to report")) }
        return .success(KPIWindow(start: start, end: end))
    }
}

/// Why a date range does not fit a run.
public struct RangeProblem: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ text: String) { description = text }
}
