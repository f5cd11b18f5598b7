import ArgumentParser
import CaseEngine
import Foundation
import Reports

extension HallSim {
    /// `hallsim replay LOG`: rebuilds every projection from a stored event log, without simulating.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the KPIs and case states from an event log, without simulating, and print the run's summary.",
            discussion: """
                Every block is verified. A log whose tail was torn (a run that crashed) is refused \
                unless --partial is given; corruption inside the log is always an error naming \
                the segment and byte offset.
                """
        )

        @Argument(help: "The event log (events.log in a results folder).")
        var log: String

        @Flag(help: "Print the summary as JSON instead of the table.")
        var json = false

        @Flag(help: "Accept a log with a torn tail: replay its complete blocks and report what was lost.")
        var partial = false

        @Option(help: "Also write summary.json and kpis.csv, rebuilt from the log, into this folder.")
        var out: String?

        @OptionGroup var slicing: SliceOptions

        @OptionGroup var range: RangeOptions

        func run() throws {
            let way = try slicing.slices(days: 1).by
            var window = KPIWindow.whole
            if range.isGiven {
                _ = try range.dates()
                do {
                    let (catalog, last) = try LogReplay.extent(path: log)
                    window = try range.window(start: catalog.calendar.start, runEnd: runEnd(catalog, last: last))
                } catch let error as EventLogError {
                    throw CommandFailure.badInput(error.description)
                }
            }
            let folder = try out.map { try ResultsFolder.open($0, inputs: [log]) }
            defer { folder?.abandon() }
            let result: LogReplay.Result
            do {
                result = try LogReplay.replay(path: log, by: way, window: window)
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            if let tail = result.tail {
                guard partial else {
                    throw CommandFailure.badInput("\(tail)\nhint: the run that wrote it did not finish; replay its complete blocks with --partial, or cut the tail with `hallsim log repair`")
                }
                FileHandle.standardError.write(Data("hallsim: warning: \(tail)\n".utf8))
            }
            if let misfit = result.cases.misfit {
                throw CommandFailure.badInput("\(log): event \(misfit.index) does not fit its case: \(misfit.error)")
            }
            var summary = Summary(projection: result.kpis, wallSeconds: nil, log: .init(events: result.events, digest: result.digest))
            summary.kernel.allocator = Allocator.name
            summary.range = range.summaryRange(window)
            summary.replay = .init(events: result.events, wallSeconds: result.wallSeconds, openCases: result.cases.book.openCount)
            let data = try summary.jsonData()
            if let folder {
                do {
                    try folder.write("summary.json", data)
                    try folder.write("kpis.csv") { KPITable.write(result.kpis, to: &$0) }
                    try folder.commit()
                } catch {
                    throw CommandFailure.runtime(ResultsFolder.oneLine(error))
                }
            }
            if json {
                FileHandle.standardOutput.write(data)
            } else {
                print(summary.table(), terminator: "")
            }
        }

        /// The end of the logged run for checking a range: its last event (the end marker, at the
        /// horizon of a run stopped by one, as `run` checks it).
        func runEnd(_ catalog: Catalog, last: Int64) -> Int64 { Swift.max(1, last) }
    }
}
