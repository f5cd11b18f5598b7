public import CaseEngine

/// The one-line progress report of a long run, as a terminal shows it (rewritten in place).
public enum ProgressLine {
    /// Like `2024-03-14 · 1,234,567 cases · 12.3 M events/s · 41 s left`; the time left is
    /// left out while unknown (nothing simulated yet, or a run without horizon or case limit).
    public static func text(date: CalendarDate, cases: Int, eventsPerSecond: Double, secondsLeft: Double?) -> String {
        var parts = [date.description, TextTable.grouped(cases) + " cases", rate(eventsPerSecond) + " events/s"]
        if let secondsLeft, secondsLeft.isFinite, secondsLeft >= 0 { parts.append(duration(secondsLeft) + " left") }
        return parts.joined(separator: " · ")
    }

    /// The seconds still to go if the rest runs as fast as what is done: `elapsed` for the share `done`.
    public static func secondsLeft(elapsed: Double, done: Double) -> Double? {
        guard done > 0, done <= 1, elapsed.isFinite else { return nil }
        return elapsed * (1 - done) / done
    }

    /// Events per second as `980 k` or `12.3 M`.
    static func rate(_ x: Double) -> String {
        guard x.isFinite, x > 0 else { return "0" }
        if x >= 1e6 { return TextTable.fixed(x / 1e6, 1) + " M" }
        if x >= 1e3 { return TextTable.fixed(x / 1e3, 0) + " k" }
        return TextTable.fixed(x, 0)
    }

    /// A time left as `41 s`, `12 min` or `2.5 h`.
    static func duration(_ s: Double) -> String {
        if s >= 2 * 3600 { return TextTable.fixed(s / 3600, 1) + " h" }
        if s >= 120 { return TextTable.fixed(s / 60, 0) + " min" }
        return TextTable.fixed(s, 0) + " s"
    }
}
