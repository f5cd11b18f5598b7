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

/// A shift menu that cannot be read.
public struct ShiftMenuError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

extension Shift {
    /// A menu written as `09:00-17:30/12:00-14:30,09:00-13:00`: comma-separated shifts `START-END`
    /// (times of day, `HH:MM`, up to `24:00`), each with an optional unpaid break `/START-END` inside it.
    public static func menu(parsing text: String) throws(ShiftMenuError) -> [Shift] {
        func seconds(_ clock: Substring) throws(ShiftMenuError) -> Double {
            let parts = clock.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0 ... 24).contains(h), (0 ..< 60).contains(m), h * 60 + m <= 1440 else {
                throw ShiftMenuError(description: "'\(clock)' is not a time of day; expected HH:MM, e.g. 09:00")
            }
            return Double(h * 3600 + m * 60)
        }
        func interval(_ text: Substring) throws(ShiftMenuError) -> (Double, Double) {
            let ends = text.split(separator: "-")
            guard ends.count == 2 else { throw ShiftMenuError(description: "'\(text)' is not START-END; expected e.g. 09:00-17:30") }
            let (a, b) = (try seconds(ends[0]), try seconds(ends[1]))
            guard b > a else { throw ShiftMenuError(description: "'\(text)' ends before it starts") }
            return (a, b)
        }
        var menu: [Shift] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "/")
            guard parts.count <= 2 else { throw ShiftMenuError(description: "'\(item)' has more than one break; expected START-END/BREAKSTART-BREAKEND") }
            let (start, end) = try interval(parts[0])
            guard parts.count == 2 else {
                menu.append(Shift(start: start, length: end - start))
                continue
            }
            let (b0, b1) = try interval(parts[1])
            guard b0 >= start, b1 <= end else { throw ShiftMenuError(description: "the break of '\(item)' is not inside the shift") }
            menu.append(Shift(start: start, length: end - start, breakStart: b0 - start, breakLength: b1 - b0))
        }
        guard !menu.isEmpty else { throw ShiftMenuError(description: "no shift given; expected e.g. 09:00-17:30/12:00-14:30,09:00-13:00") }
        return menu
    }
}
