public import CaseEngine
import Experiments
public import Foundation
import SimCore

/// `report-data.json`: what a run's HTML report draws that summary.json does not hold — the
/// daily series over the horizon and each window group's day profile (wait, queue, staffed
/// windows and utilisation by slice key and hour). docs/report.md defines every member.
///
/// Built from the same fold as summary.json and kpis.csv (``KPIReport``'s group rows over all
/// services) and from the run's ``DailySeries``; a replicated run writes the replications' data
/// merged (``merged(_:)``): each value the mean across replications with its 95% half-width.
public struct ReportData: Codable, Sendable, Equatable {
    /// The file's name in a results folder.
    public static let fileName = "report-data.json"
    /// What the file is, and the version of its layout.
    public static let formatName = "hallsim report data"
    public static let currentVersion = 1

    public var format = Self.formatName
    public var version = Self.currentVersion
    public var scenario: String
    public var replications: Int
    /// What the `ci95` of every series is, in words; absent for one run.
    public var band: String?
    /// The key beside the hour (`day_type`, `weekday`, `month` or `date`), as in kpis.csv.
    public var slices: String
    /// The keys, in order; every profile has 24 values per key (`key * 24 + hour`).
    public var keys: [String]
    public var daily: Daily
    public var groups: [Profile]

    /// Values in order, `nil` where there is none (a slot nobody was called in has no wait), and
    /// with replications the 95% half-width of each across them.
    public struct Series: Codable, Sendable, Equatable {
        public var values: [Double?]
        public var ci95: [Double?]?

        public init(_ values: [Double?], ci95: [Double?]? = nil) {
            self.values = values
            self.ci95 = ci95
        }

        /// The replications' series merged: per position the mean of those that have a value, and
        /// its half-width when at least two have one.
        public static func merged(_ runs: [Series]) -> Series {
            let length = runs.map(\.values.count).max() ?? 0
            var values: [Double?] = []
            var halfWidths: [Double?] = []
            for i in 0..<length {
                let present = runs.compactMap { i < $0.values.count ? $0.values[i] : nil }
                guard !present.isEmpty else {
                    values.append(nil)
                    halfWidths.append(nil)
                    continue
                }
                let estimate = Estimate(present)
                values.append(rounded(estimate.mean))
                halfWidths.append(estimate.halfWidth.map(rounded))
            }
            return Series(values, ci95: runs.count > 1 ? halfWidths : nil)
        }
    }

    /// The run day by day from day 0 to the last day with an event (``DailySeries``).
    public struct Daily: Codable, Sendable, Equatable {
        /// The dates, `YYYY-MM-DD`.
        public var dates: [String]
        /// Cases submitted on the day.
        public var cases: Series
        /// People called on the day, and the mean of their waits in seconds (none without calls).
        public var called: Series
        public var wait_mean_s: Series
        /// People who gave up on the day.
        public var abandoned: Series
    }

    /// One window group (or kiosk, department, escalation desk) by slice key and hour of day,
    /// from its kpis.csv rows over all services; a slot without activity or staff has no values.
    public struct Profile: Codable, Sendable, Equatable {
        public var hall: String
        public var group: String
        /// `kiosk`, `department` or `escalation`; absent for window groups.
        public var kind: String?
        public var called: Series
        public var wait_mean_s: Series
        public var wait_p50_s: Series
        public var wait_p90_s: Series
        public var queue_mean: Series
        public var staffed_mean: Series
        public var utilisation: Series

        /// What names the group: hall and id, and its kind unless it is a window group (a department may share a window group's id).
        public var id: String { hall + "/" + group + (kind.map { "/" + $0 } ?? "") }
    }

    /// The data of one run: `projection` is the fold summary.json was made from, `daily` the run's daily series.
    public init(projection: KPIProjection, daily: DailySeries) {
        let report = KPIReport(projection)
        let catalog = projection.catalog
        scenario = catalog.scenario
        replications = 1
        slices = report.slices.by.rawValue
        keys = report.sliceLabels
        let slots = keys.count * 24
        let keyIndex = Dictionary(keys.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var columns = Array(repeating: Array(repeating: [Double?](repeating: nil, count: slots), count: 7), count: catalog.groups.count)
        report.forEachRow(services: false) { row in
            guard row.service == nil, let hour = row.hour, let slice = row.slice, let key = keyIndex[slice] else { return }
            let f = row.figures
            let waited = f.called > 0
            let values: [Double?] = [
                Double(f.called), waited ? f.waits.mean : nil, waited ? f.waits.p50 : nil, waited ? f.waits.p90 : nil,
                f.queueMean, f.staffedMean, f.staffedWindowSeconds > 0 ? f.utilisation : nil,
            ]
            for (c, v) in values.enumerated() { columns[row.group][c][key * 24 + hour] = v.map(Self.rounded) }
        }
        groups = catalog.groups.enumerated().map { g, spec in
            let c = columns[g].map { Series($0) }
            return Profile(
                hall: catalog.halls[spec.hall].id, group: spec.id, kind: spec.kind == .window ? nil : spec.kind.name,
                called: c[0], wait_mean_s: c[1], wait_p50_s: c[2], wait_p90_s: c[3], queue_mean: c[4], staffed_mean: c[5], utilisation: c[6]
            )
        }
        let days = daily.covered
        let second = Double(SimTime.ticksPerSecond)
        self.daily = Daily(
            dates: days.indices.map(daily.date),
            cases: Series(days.map { Double($0.submitted) }),
            called: Series(days.map { Double($0.called) }),
            wait_mean_s: Series(days.map { $0.called > 0 ? Self.rounded(Double($0.waitTicks) / Double($0.called) / second) : nil }),
            abandoned: Series(days.map { Double($0.abandoned) })
        )
    }

    /// The replications' data merged: every series value the mean across them with its 95% half-width
    /// (Student-t); groups by ``Profile/id``, days by position.
    public static func merged(_ runs: [ReportData]) -> ReportData {
        precondition(!runs.isEmpty, "a merge needs at least one replication")
        var out = runs[0]
        guard runs.count > 1 else { return out }
        out.replications = runs.count
        out.band = "the 95% confidence interval of the mean across \(runs.count) replications"
        let longest = runs.max { $0.daily.dates.count < $1.daily.dates.count }!
        out.daily = Daily(
            dates: longest.daily.dates,
            cases: .merged(runs.map(\.daily.cases)), called: .merged(runs.map(\.daily.called)),
            wait_mean_s: .merged(runs.map(\.daily.wait_mean_s)), abandoned: .merged(runs.map(\.daily.abandoned))
        )
        var byID: [String: [Profile]] = [:]
        for run in runs { for p in run.groups { byID[p.id, default: []].append(p) } }
        out.groups = runs[0].groups.map { first in
            let all = byID[first.id]!
            var p = first
            p.called = .merged(all.map(\.called))
            p.wait_mean_s = .merged(all.map(\.wait_mean_s))
            p.wait_p50_s = .merged(all.map(\.wait_p50_s))
            p.wait_p90_s = .merged(all.map(\.wait_p90_s))
            p.queue_mean = .merged(all.map(\.queue_mean))
            p.staffed_mean = .merged(all.map(\.staffed_mean))
            p.utilisation = .merged(all.map(\.utilisation))
            return p
        }
        return out
    }

    /// `x` to six significant digits: the file stays small and reads the same on every platform.
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let scale = pow(10, 5 - floor(log10(abs(x))))
        return (x * scale).rounded() / scale
    }

    /// The file's bytes: compact JSON with sorted keys and a final newline (``ReportDataWriter``).
    public func jsonData() throws -> Data {
        var text = TextBytes()
        try write(to: &text)
        return Data(text.bytes)
    }

    /// Writes the file's text to `out` as it goes, as ``jsonData()`` gives it.
    /// - Throws: when a value is not finite (JSON has no infinity or NaN).
    public func write(to out: inout some TextOutputStream) throws {
        try ReportDataWriter.write(self, to: &out)
    }

    /// The data in a results folder's file, refusing another format or a later version.
    public static func read(_ data: Data) throws -> ReportData {
        let value = try JSONDecoder().decode(ReportData.self, from: data)
        guard value.format == formatName, value.version <= currentVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not \(formatName) version \(currentVersion) or earlier"))
        }
        return value
    }
}
