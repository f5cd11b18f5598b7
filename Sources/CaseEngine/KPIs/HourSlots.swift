/// Maps times to slots, a slot being a key of the run's ``KPISlices`` (by default a day type)
/// and an hour of the day (`key * 24 + hour`), through a ``DayTypeTable``, remembering the last
/// day asked about.
struct HourSlots {
    /// Slots: keys × 24 hours (72 by day type).
    let count: Int
    /// Ticks in an hour.
    static let hourTicks: Int64 = 3_600_000_000

    let days: DayTypeTable
    let slices: KPISlices
    /// The day last asked about, and its key's first slot.
    var cachedDay = -1
    var cachedBase = 0

    init(_ days: DayTypeTable, slices: KPISlices = .byDayType) {
        self.days = days
        self.slices = slices
        count = slices.keys * 24
    }

    /// The first slot of day `day`'s key.
    @inline(__always)
    func base(ofDay day: Int) -> Int { slices.key(ofDay: day, days) * 24 }

    /// The slot of an absolute hour (hours since time zero, not negative).
    @inline(__always)
    mutating func slot(ofHour hour: Int64) -> Int {
        let day = Int(hour / 24)
        if day != cachedDay {
            cachedDay = day
            cachedBase = base(ofDay: day)
        }
        return cachedBase + Int(hour % 24)
    }

    /// The slot's key and hour of day.
    static func parts(_ slot: Int) -> (key: Int, hour: Int) { (slot / 24, slot % 24) }

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

    /// The ticks each slot covers from `start` to `end`: every hour of that kind in the span.
    func covered(from start: Int64 = 0, until end: Int64) -> [Int64] {
        var out = Array(repeating: Int64(0), count: count)
        guard end > 0 else { return out }
        if start > 0 {
            // The hours from time zero to `start`, taken off again.
            let before = covered(until: Swift.min(start, end))
            var all = covered(until: end)
            for i in all.indices { all[i] -= before[i] }
            return all
        }
        let dayTicks = 24 * Self.hourTicks
        let fullDays = Int(end / dayTicks)
        for day in 0..<fullDays {
            let base = base(ofDay: day)
            for h in 0..<24 { out[base + h] += Self.hourTicks }
        }
        let rest = end - Int64(fullDays) * dayTicks
        if rest > 0 {
            let base = base(ofDay: fullDays)
            for h in 0..<24 { out[base + h] += Swift.max(0, Swift.min(Self.hourTicks, rest - Int64(h) * Self.hourTicks)) }
        }
        return out
    }
}
