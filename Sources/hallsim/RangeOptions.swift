import ArgumentParser
import CaseEngine
import Reports
import SimCore

/// `--from DATE --to DATE`: the dates `run` and `replay` report on (docs/kpis.md, *Ranges*).
struct RangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report on the run from this date on (YYYY-MM-DD): waits and counts by arrival, levels by time.", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Report on the run up to this date, inclusive (YYYY-MM-DD).", valueName: "DATE"))
    var to: String?

    /// Whether a range was asked for.
    var isGiven: Bool { from != nil || to != nil }

    /// The dates asked for, checked as dates.
    /// - Throws: ``CommandFailure`` (exit 2) for a date that is not `YYYY-MM-DD` or `--from` after `--to`.
    func dates() throws -> DateRange {
        func date(_ text: String?, _ option: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let d = CalendarDate(text) else {
                throw CommandFailure.badInput("\(option) \(text): not a date\nhint: write dates as YYYY-MM-DD, e.g. 2025-03-01")
            }
            return d
        }
        let range = DateRange(from: try date(from, "--from"), to: try date(to, "--to"))
        if let f = range.from, let t = range.to, f > t {
            throw CommandFailure.badInput("--from \(f) is after --to \(t)\nhint: --from is the first date reported on, --to the last")
        }
        return range
    }

    /// The span of a run starting on `start` and ending at `runEnd` ticks (`nil`: unknown), after
    /// a warm-up of `warmup` ticks; the whole run when nothing narrows it.
    /// - Throws: ``CommandFailure`` (exit 2) when the range lies outside the run.
    func window(start: CalendarDate, runEnd: Int64?, warmup: Int64 = 0) throws -> KPIWindow {
        guard isGiven || warmup > 0 else { return .whole }
        switch try dates().window(calendarStart: start, runEnd: runEnd, warmup: warmup) {
        case .success(let w): return w
        case .failure(let problem): throw CommandFailure.badInput("\(problem)\nhint: give dates inside the run, or leave --from or --to out")
        }
    }

    /// The `range` section of summary.json for `window`, or `nil` for the whole run.
    func summaryRange(_ window: KPIWindow, warmup: Summary.Warmup? = nil) -> Summary.Range? {
        Self.summaryRange(window, from: from, to: to, warmup: warmup)
    }

    /// The `range` section for `window` cut by dates `from`, `to` and `warmup`, or `nil` for the whole run.
    static func summaryRange(_ window: KPIWindow, from: String? = nil, to: String? = nil, warmup: Summary.Warmup? = nil) -> Summary.Range? {
        guard !window.isWhole || warmup != nil else { return nil }
        let second = Double(SimTime.ticksPerSecond)
        return Summary.Range(
            from: from, to: to, start_s: Double(window.start) / second,
            end_s: window.end == .max ? nil : Double(window.end) / second, warmup: warmup
        )
    }
}
