/// One kind of shift on a roster: when it starts, how long it lasts and its break; times in seconds.
public struct Shift: Sendable, Hashable {
    /// The start, in seconds from the start of the planning horizon.
    public var start: Double
    /// The length from start to end, break included, in seconds.
    public var length: Double
    /// The break's start as an offset from the shift's start, in seconds; `nil` for no break.
    public var breakStart: Double?
    /// The break's length in seconds (0 without a break).
    public var breakLength: Double
    /// Whether the break is paid (counted in the paid hours).
    public var breakIsPaid: Bool

    /// A shift of `length` seconds from `start`, with an optional break inside it.
    public init(start: Double, length: Double, breakStart: Double? = nil, breakLength: Double = 0, breakIsPaid: Bool = false) {
        precondition(start.isFinite && length > 0 && length.isFinite, "a shift needs a finite start and a positive length")
        precondition(breakLength >= 0, "break length must be non-negative")
        if let b = breakStart {
            precondition(b >= 0 && b + breakLength <= length, "the break must lie inside the shift")
        }
        self.start = start
        self.length = length
        self.breakStart = breakStart
        self.breakLength = breakStart == nil ? 0 : breakLength
        self.breakIsPaid = breakIsPaid
    }

    /// The paid hours: length − break when the break is unpaid, the whole length otherwise.
    public var paidHours: Double {
        (breakIsPaid ? length : length - breakLength) / 3600
    }

    /// Whether the shift staffs slot `index` (the interval [index·L, (index+1)·L)) throughout: the
    /// slot lies inside the shift and does not overlap the break. A slot only partly worked does
    /// not count as covered.
    public func works(slot index: Int, slotLength: Double) -> Bool {
        let from = Double(index) * slotLength, to = from + slotLength
        guard from >= start - 1e-9, to <= start + length + 1e-9 else { return false }
        guard let b = breakStart, breakLength > 0 else { return true }
        let breakFrom = start + b, breakTo = breakFrom + breakLength
        return to <= breakFrom + 1e-9 || from >= breakTo - 1e-9
    }
}
