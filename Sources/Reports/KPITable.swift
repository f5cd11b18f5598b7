public import CaseEngine
import Foundation

/// `kpis.csv`: one row per hall × window group × service × day type × hour of day that saw
/// any activity, with per-service, per-group and whole-run total rows; a header row first.
///
/// Rows come per window group (catalog order): for each service the group served (catalog
/// order), its cells (day types workday, weekend, holiday; hours ascending), then the
/// service's total over the run (`day_type` and `hour` are `*`); then the group's rows over
/// all its services (`service` is `*`): one per day type and hour with activity or staff,
/// one per day type over the whole day (`hour` `*`: the group's workday, weekend and holiday
/// totals), and the group's total (`*`, `*`, `*`). Then each hall's hourly rows over its
/// front-desk groups (`group` and `service` `*`; `servers` the windows of those groups). A cell has activity when a case event of the
/// service happened at the group in that hour, or a case of it waited or was served there.
///
/// Columns (times in seconds, empty where a figure does not apply):
/// - `hall`, `tier`, `group`, `service` — ids; `service` is `*` on a row over all services;
/// - `servers` — windows in the group;
/// - `day_type` — `workday`, `weekend` or `holiday` (from the run's calendar), `*` over the run; under
///   `--by weekday`, `month` or `date` the column is named so and holds `monday` …, `january` … or `YYYY-MM-DD`;
/// - `hour` — hour of the day, 0–23 (e.g. 9 is 09:00–10:00), `*` over the run;
/// - `arrived` — cases that came to the group's queue: took a ticket or balked;
/// - `ticketed`, `called`, `served` — joined the queue, were called to a window, ended service at a window;
/// - `abandoned` — gave up: `reneged` + `balked` + `sent_home` + `no_show` (+ reasons this build does not know);
/// - `wait_mean_s`, `wait_p50_s`, `wait_p90_s`, `wait_p99_s`, `wait_max_s` — waits of the cases called;
///   percentiles within 6.25% (65.5 ms below 1 s) on cell and service rows, 1% on group total rows;
/// - `service_level` — share of called cases whose wait was within the scenario's target (empty without one, or without calls);
/// - `utilisation` — busy window-time over staffed window-time of the group in that slice (a service row: the
///   share of the group's staffed time spent on that service);
/// - `queue_mean` — time-average number waiting over the slice (every hour of that kind in the run; the whole run on total rows);
/// - `staffed_mean` — time-average windows staffed in the group over the slice (the group's, on every row of the group).
///
/// Each event counts in the hour of its own time: arrivals when they come, waits when the case is called.
/// docs/kpis.md says more.
public enum KPITable {
    public static let header = [
        "hall", "tier", "group", "service", "servers", "day_type", "hour", "arrived", "ticketed", "called", "served",
        "abandoned", "reneged", "balked", "sent_home", "no_show", "wait_mean_s", "wait_p50_s", "wait_p90_s", "wait_p99_s",
        "wait_max_s", "service_level", "utilisation", "queue_mean", "staffed_mean",
    ]

    /// The table as CSV text with a header row; the column beside `hour` is named after the run's
    /// slicing (`day_type` by default, else `weekday`, `month` or `date`).
    public static func csv(_ p: KPIProjection) -> String {
        var out = ""
        write(p, to: &out)
        return out
    }

    /// Writes the table of ``csv(_:)`` to `out` in chunks of about 64 KB (a results folder's file
    /// streams it to disk without holding it whole).
    public static func write(_ p: KPIProjection, to out: inout some TextOutputStream) {
        let report = KPIReport(p)
        var header = header
        header[5] = report.slices.by.rawValue
        let catalog = p.catalog
        let halls = catalog.halls.map { field($0.id) + "," + field($0.tier) }
        let groups = catalog.groups.map { field($0.id) }
        let services = catalog.services.map(field)
        var text = TextBytes(capacity: TextBytes.chunk + 4_096)
        text.write(header.joined(separator: ",") + "\n")
        report.forEachRow { row in
            let spec = catalog.groups[row.group]
            text.write(halls[spec.hall])
            text.append(comma)
            text.write(groups[row.group])
            text.append(comma)
            if let service = row.service { text.write(services[service]) } else { text.append(star) }
            text.append(comma)
            text.append(spec.servers)
            text.append(comma)
            if let slice = row.slice { text.write(slice) } else { text.append(star) }
            text.append(comma)
            if let hour = row.hour { text.append(hour) } else { text.append(star) }
            appendValues(row.figures, to: &text)
            text.drainIfFull(into: &out)
        }
        report.forEachHallRow { row in
            text.write(halls[row.hall])
            text.append(",*,*,")
            text.append(row.servers)
            text.append(comma)
            text.write(row.slice)
            text.append(comma)
            text.append(row.hour)
            appendValues(row.figures, to: &text)
            text.drainIfFull(into: &out)
        }
        text.drain(into: &out)
    }

    static let comma = UInt8(ascii: ",")
    static let star = UInt8(ascii: "*")

    /// The tables of replications (``csv(_:)``, in replication order) as one: a `replication`
    /// column (from 1) before the others, and one header row.
    public static func csv(replications tables: [String]) -> String {
        var out = ""
        for (r, table) in tables.enumerated() {
            for (i, line) in table.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                if i == 0 {
                    if r == 0 { out += "replication," + line + "\n" }
                } else {
                    out += "\(r + 1)," + line + "\n"
                }
            }
        }
        return out
    }

    /// Appends the columns from `arrived` on, each after a comma, and the line's end.
    static func appendValues(_ f: KPIFigures, to text: inout TextBytes) {
        func count(_ n: Int) {
            text.append(comma)
            text.append(n)
        }
        func figure(_ x: Double) {
            text.append(comma)
            append(x, to: &text)
        }
        let a = f.abandoned
        count(f.arrived)
        count(f.ticketed)
        count(f.called)
        count(f.served)
        count(a.total)
        count(a.reneged)
        count(a.balked)
        count(a.sentHome)
        count(a.noShow)
        text.append(comma)
        if f.called > 0 {
            let w = f.waits
            append(w.mean, to: &text)
            figure(w.p50)
            figure(w.p90)
            figure(w.p99)
            figure(w.max)
        } else {
            text.append(",,,,")
        }
        text.append(comma)
        if let level = f.serviceLevel { append(level, to: &text) }
        figure(f.utilisation)
        figure(f.queueMean)
        figure(f.staffedMean)
        text.append(UInt8(ascii: "\n"))
    }

    /// Appends a number as CSV writes it: shortest round-trip form (the same figure gives the same
    /// text), nothing when it is not finite.
    static func append(_ x: Double, to text: inout TextBytes) {
        if x.isFinite { text.append(x) }
    }

    /// A field quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
