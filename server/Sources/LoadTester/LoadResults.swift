import Foundation
import Reports

/// A load's results folder: summary.json, timeline.csv and with `report` load-report.html,
/// written into a staging folder and renamed into place when complete (``ResultsFolder``).
public enum LoadResults {
    /// Writes the folder at `path`.
    /// - Throws: ``ResultsFolder/Refusal`` for a path that may not receive results, other errors when writing fails.
    public static func write(_ summary: LoadSummary, to path: String, inputs: [String], report: Bool) throws {
        let folder = try ResultsFolder(path: path, inputs: inputs) { line in
            FileHandle.standardError.write(Data("hallsim load: warning: \(line)\n".utf8))
        }
        do {
            let json = try summary.jsonData()
            try folder.write("summary.json", json)
            var csv = "second,offered,sent,answered,errors,p50_ms,p99_ms\n"
            for s in summary.timeline {
                csv += "\(s.second),\(s.offered),\(s.sent),\(s.answered),\(s.errors),\(s.p50_ms),\(s.p99_ms)\n"
            }
            try folder.write("timeline.csv", Data(csv.utf8))
            if report { try folder.write(LoadReportPage.fileName, Data(try LoadReportPage(summary: json).html().utf8)) }
            try folder.commit()
        } catch {
            folder.abandon()
            throw error
        }
    }
}
