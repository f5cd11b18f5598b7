/// The ranges the simulator can hold, checked where a scenario file gives the number.
///
/// Anything outside them is reported with its position instead of reaching the model,
/// whose tables use 16-bit group and window indices and 32-bit case ids, and whose clock
/// counts microseconds in an `Int64`.
enum Limits {
    /// The most windows, kiosks or desks in one group (window indices are 16-bit).
    static let groupSize = 65_535
    /// The most windows, kiosks and desks in a whole network.
    static let windows = 16_000_000
    /// The most cases a run may stop after (case ids are 32-bit).
    static let cases = Int(UInt32.max)
    /// The longest duration a file may give: 1,000 years, in seconds. Times up to it, plus any
    /// duration up to it, stay far inside the clock's range (about 292,000 years).
    static let seconds = 1_000 * 365.25 * 86_400
    /// The shortest positive duration: one tick of the clock (a microsecond) — anything shorter
    /// would round to zero.
    static let tick = 1e-6
    /// The lowest arrival rate per second: one arrival in 1,000 years.
    static let slowestRate = 1 / seconds
    /// The highest arrival rate per second: one arrival per tick on average.
    static let fastestRate = 1e6

    /// The same ranges as a reader sees them in messages.
    static let longest = "1000 years"
}
