/// A point or span of simulated time, counted in whole microseconds.
///
/// One tick is one microsecond: fine enough that rounding a sampled service
/// time to a tick changes no reported figure, and an `Int64` still spans
/// about 292,000 years. Time zero is the start of the run.
public struct SimTime: Hashable, Comparable, Sendable {
    /// The number of microsecond ticks since time zero (or the span's length).
    public var ticks: Int64

    /// Ticks in one second.
    public static let ticksPerSecond: Int64 = 1_000_000

    @inlinable
    public init(ticks: Int64) { self.ticks = ticks }

    public static let zero = SimTime(ticks: 0)
    /// A time later than any event: `run(until: .never)` runs until the queue is empty.
    public static let never = SimTime(ticks: .max)
    /// The end of the clock: 2^61 ticks, about 73,000 years. A model treats anything due later
    /// as after the end of its run; any time up to it plus any span up to it cannot overflow.
    @inlinable public static var end: SimTime { SimTime(ticks: 1 << 61) }

    /// The time nearest to `seconds`, rounded to a whole tick.
    @inlinable
    public static func seconds(_ seconds: Double) -> SimTime {
        let scaled = seconds * Double(ticksPerSecond)
        // Adding ±0.5 and truncating rounds half away from zero without a libm call.
        return SimTime(ticks: Int64(scaled + (scaled < 0 ? -0.5 : 0.5)))
    }

    /// The span nearest to `seconds`, clamped to ±``end`` (not a number counts as ``end``): for
    /// sampled durations, which may lie beyond the clock's range.
    @inlinable @inline(__always)
    public static func clamped(seconds: Double) -> SimTime {
        let scaled = seconds * Double(ticksPerSecond)
        guard scaled < 0x1p61 else { return SimTime(ticks: 1 << 61) }
        guard scaled > -0x1p61 else { return SimTime(ticks: -(1 << 61)) }
        return SimTime(ticks: Int64(scaled + (scaled < 0 ? -0.5 : 0.5)))
    }

    @inlinable public static func minutes(_ m: Double) -> SimTime { .seconds(m * 60) }
    @inlinable public static func hours(_ h: Double) -> SimTime { .seconds(h * 3600) }
    @inlinable public static func days(_ d: Double) -> SimTime { .seconds(d * 86_400) }

    /// This time in seconds.
    @inlinable public var seconds: Double { Double(ticks) / Double(Self.ticksPerSecond) }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.ticks < b.ticks }
    @inlinable public static func + (a: SimTime, b: SimTime) -> SimTime { SimTime(ticks: a.ticks &+ b.ticks) }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimTime { SimTime(ticks: a.ticks &- b.ticks) }
}

extension SimTime: CustomStringConvertible {
    public var description: String { "\(seconds)s" }
}
