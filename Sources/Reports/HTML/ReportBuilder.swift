import Foundation

/// Makes the report of a results folder from its files (`hallsim report DIR`): a comparison's
/// from comparison.json, a sweep's from sweep.json, a staffing run's from staff.json, a run's from
/// summary.json and report-data.json.
public enum ReportBuilder {
    /// What a results folder holds, as far as its report goes.
    public enum Kind: String, Sendable {
        case run, comparison, sweep, staffing
    }

    /// The kind of the results folder at `path`, from the files in it; `nil` when it holds none of them.
    public static func kind(ofFolder path: String) -> Kind? {
        let has = { (name: String) in FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent(name).path) }
        if has("comparison.json") { return .comparison }
        if has("sweep.json") { return .sweep }
        if has("staff.json") { return .staffing }
        if has("summary.json") { return .run }
        return nil
    }

    /// The report page of the results folder at `path`.
    /// - Throws: ``RunReportPage/Unreadable`` when the folder holds no results a report is made
    ///   of, or its files cannot be read.
    public static func page(ofFolder path: String) throws(RunReportPage.Unreadable) -> String {
        guard let kind = kind(ofFolder: path) else {
            throw RunReportPage.Unreadable(description: "\(path) holds no summary.json, comparison.json, sweep.json or staff.json")
        }
        func read(_ name: String) throws(RunReportPage.Unreadable) -> Data {
            let file = URL(fileURLWithPath: path).appendingPathComponent(name)
            do { return try Data(contentsOf: file) } catch {
                throw RunReportPage.Unreadable(description: "cannot read \(file.path): \(ResultsFolder.reason(error))")
            }
        }
        switch kind {
        case .comparison: return try ComparisonReportPage(comparison: read("comparison.json")).html()
        case .sweep: return try SweepReportPage(sweep: read("sweep.json")).html()
        case .staffing: return try StaffingReportPage(staffing: read("staff.json")).html()
        case .run:
            let summary = try read("summary.json")
            var data: ReportData?
            if FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent(ReportData.fileName).path) {
                do { data = try ReportData.read(try read(ReportData.fileName)) } catch let e as RunReportPage.Unreadable { throw e } catch {
                    throw RunReportPage.Unreadable(description: "\(path)/\(ReportData.fileName) cannot be read: \(error)")
                }
            }
            return try RunReportPage(summary: summary, data: data).html()
        }
    }
}
