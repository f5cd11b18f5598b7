/// Maps times to slots, a slot being a day type and an hour of the day (`dayType * 24 + hour`),
/// through a ``DayTypeTable``, remembering the last day asked about.
struct HourSlots {
    /// Slots: 3 day types × 24 hours.
    static let count = 72
    /// Ticks in an hour.
    static let hourTicks: Int64 = 3_600_000_000

    let days: DayTypeTable
    /// The day last asked about, and its type's first slot.
    var cachedDay = -1
    var cachedBase = 0

    init(_ days: DayTypeTable) { self.days = days }

    /// The slot of an absolute hour (hours since time zero, not negative).
    @inline(__always)
    mutating func slot(ofHour hour: Int64) -> Int {
        let day = Int(hour / 24)
        if day != cachedDay {
            cachedDay = day
            cachedBase = Int(days.dayType(ofDay: day).rawValue) * 24
        }
        return cachedBase + Int(hour % 24)
    }

    /// The slot's day type and hour of day.
    static func parts(_ slot: Int) -> (dayType: DayType, hour: Int) { (DayType(rawValue: UInt8(slot / 24))!, slot % 24) }

    /// Calls `body` with each absolute hour overlapping `from ..< to` (ticks) and the overlap in ticks.
    @inline(__always)
    static func forEachHour(from: Int64, to: Int64, _ body: (Int64, Int64) -> Void) {
        var t = from
        var hour = from / hourTicks
        while t < to {
            let end = Swift.min(to, (hour + 1) * hourTicks)
            body(hour, end - t)
            t = end
            hour += 1
        }
    }

    /// The ticks each slot covers from time zero to `end`: every hour of that kind in the run.
    func covered(until end: Int64) -> [Int64] {
        var out = Array(repeating: Int64(0), count: Self.count)
        guard end > 0 else { return out }
        let dayTicks = 24 * Self.hourTicks
        let fullDays = Int(end / dayTicks)
        for day in 0..<fullDays {
            let base = Int(days.dayType(ofDay: day).rawValue) * 24
            for h in 0..<24 { out[base + h] += Self.hourTicks }
        }
        let rest = end - Int64(fullDays) * dayTicks
        if rest > 0 {
            let base = Int(days.dayType(ofDay: fullDays).rawValue) * 24
            for h in 0..<24 { out[base + h] += Swift.max(0, Swift.min(Self.hourTicks, rest - Int64(h) * Self.hourTicks)) }
        }
        return out
    }
}
