/// The current value of a level that changes in steps (cases waiting, windows busy) and the largest it reached.
///
/// Its time integral is not kept here: the KPI cells integrate levels hour by hour, exactly.
public struct StepLevel: Sendable, Equatable {
    /// The current level.
    public internal(set) var level: Int64 = 0
    /// The largest level seen.
    public internal(set) var maximum: Int64 = 0

    public init() {}

    @inline(__always)
    mutating func change(by delta: Int64) {
        level &+= delta
        if level > maximum { maximum = level }
    }
}
