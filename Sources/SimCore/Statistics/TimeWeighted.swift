/// The time average of a level that changes in steps (a queue length, busy windows).
public struct TimeWeighted: Sendable, Equatable {
    /// The current level.
    @inlinable public var level: Int64 { current }
    @usableFromInline var current: Int64 = 0
    @usableFromInline var area: Double = 0
    @usableFromInline var since: Int64
    @usableFromInline var start: Int64
    /// The largest level seen.
    @inlinable public var maximum: Int64 { peak }
    @usableFromInline var peak: Int64 = 0

    /// A level of zero from `time`.
    public init(from time: SimTime = .zero) {
        since = time.ticks
        start = time.ticks
    }

    /// Changes the level by `delta` at `time` (not earlier than the previous change).
    /// - Complexity: O(1).
    @inlinable
    public mutating func change(by delta: Int64, at time: SimTime) {
        area += Double(current) * Double(time.ticks &- since)
        since = time.ticks
        current &+= delta
        if current > peak { peak = current }
    }

    /// Forgets the history before `time`, keeping the current level.
    public mutating func restart(at time: SimTime) {
        area = 0
        since = time.ticks
        start = time.ticks
        peak = current
    }

    /// The average level over the period from the start to `time`.
    public func average(until time: SimTime) -> Double {
        let span = Double(time.ticks - start)
        guard span > 0 else { return Double(level) }
        return (area + Double(level) * Double(time.ticks - since)) / span
    }
}
