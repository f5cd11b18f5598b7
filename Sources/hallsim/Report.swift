import ArgumentParser
import Foundation
import Reports

extension HallSim {
    /// `hallsim report DIR`: (re)builds report.html from a results folder.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build report.html from a results folder of run, compare or sweep (docs/report.md).",
            discussion: """
                A run's report is drawn from summary.json and report-data.json (which every run writes, \
                also with --no-log), a comparison's from comparison.json, a sweep's from sweep.json. \
                The page is one self-contained file: open it in any browser, offline.
                """
        )

        @Argument(help: "The results folder.")
        var folder: String

        func run() throws {
            let html: String
            do { html = try ReportBuilder.page(ofFolder: folder) } catch { throw CommandFailure.badInput("\(folder): \(error.description)") }
            do {
                try ResultsFolder.add(RunReportPage.fileName, Data(html.utf8), toFolder: folder)
                print((folder.hasSuffix("/") ? folder : folder + "/") + RunReportPage.fileName)
            } catch let refusal as ResultsFolder.Refusal {
                throw CommandFailure.badInput(refusal.description)
            } catch {
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }
    }
}
