import CaseEngine
import Foundation
import HallModel
import Reports

/// What `run` does around a simulation: refuse one estimated too large, and show progress.
enum RunGuard {
    /// Throws bad input (exit 2) with the estimate and the flag that overrides it when the run
    /// is estimated above ``RunEstimate``'s limits or the machine's memory.
    static func check(_ network: HallNetwork, file: String, allowLarge: Bool) throws {
        guard !allowLarge else { return }
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        if let why = RunEstimate(network).refusal(memory: memory) {
            throw CommandFailure.badInput("\(file): \(why); check the rates and the horizon, or pass --allow-large to run it anyway")
        }
    }

    /// Whether progress may be shown: stderr is a terminal and stdout is not JSON.
    static func showsProgress(json: Bool) -> Bool {
        !json && isatty(STDERR_FILENO) == 1
    }

    /// Seconds a run takes before progress shows: 2, or `HALLSIM_PROGRESS_AFTER` (for tests and demonstrations).
    static var progressAfter: Double {
        ProcessInfo.processInfo.environment["HALLSIM_PROGRESS_AFTER"].flatMap(Double.init).map { max(0, $0) } ?? 2
    }

    /// Runs `network`, rewriting a progress line on stderr between simulated days once the run
    /// has taken ``progressAfter`` seconds (at most twice a second) when `progress`, and clearing it at the end.
    static func run<Sink: CaseEventSink>(_ network: HallNetwork, seed: UInt64, sink: Sink, progress: Bool) -> (HallRun.Outcome, Sink) {
        guard progress else { return HallRun.run(network, seed: seed, sink: sink) }
        var shown = -1.0
        let after = progressAfter
        let result = HallRun.run(network, seed: seed, sink: sink) { p in
            guard p.wallSeconds >= after, shown < 0 || p.wallSeconds - shown >= 0.5 else { return }
            shown = p.wallSeconds
            let date = network.calendar.date(ofDay: network.calendar.dayIndex(at: p.now))
            let line = ProgressLine.text(
                date: date, cases: p.cases, eventsPerSecond: Double(p.events) / p.wallSeconds,
                secondsLeft: ProgressLine.secondsLeft(elapsed: p.wallSeconds, done: p.done)
            )
            FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
        }
        if shown >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        return result
    }
}
