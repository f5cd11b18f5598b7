public import CaseEngine
import Foundation

/// `kpis.csv`: one row per hall × window group × service, and a total row per group.
///
/// Columns (times in seconds):
/// - `hall`, `tier`, `group`, `service` — the service's id, or `*` on a group's total row;
/// - `servers` — windows in the group;
/// - `ticketed`, `called`, `served` — cases that joined the queue, were called, finished at the window;
/// - `wait_mean_s`, `wait_max_s` — waits of the cases called;
/// - `wait_p50_s`, `wait_p90_s`, `wait_p99_s`, `utilisation`, `queue_mean` — on total rows only
///   (percentiles are kept per group); `utilisation` is the busy share of the group's windows,
///   `queue_mean` the time-average number waiting.
public enum KPITable {
    public static let header = [
        "hall", "tier", "group", "service", "servers", "ticketed", "called", "served",
        "wait_mean_s", "wait_max_s", "wait_p50_s", "wait_p90_s", "wait_p99_s", "utilisation", "queue_mean",
    ]

    /// The table as CSV text with a header row.
    public static func csv(_ p: KPIProjection) -> String {
        let catalog = p.catalog
        let end = p.clock
        var rows = [header]
        let byGroup = Dictionary(grouping: p.servicesInCatalogOrder, by: \.group)
        for (g, spec) in catalog.groups.enumerated() {
            let hall = catalog.halls[spec.hall]
            let prefix = [hall.id, hall.tier, spec.id]
            for s in byGroup[g] ?? [] {
                rows.append(prefix + [
                    catalog.services[s.service], "\(spec.servers)", "\(s.ticketed)", "\(s.called)", "\(s.served)",
                    number(s.waitMeanSeconds), number(Double(s.waitMax) / 1e6), "", "", "", "", "",
                ])
            }
            let f = p.groups[g]
            rows.append(prefix + [
                "*", "\(spec.servers)", "\(f.ticketed)", "\(f.waits.count)", "\(f.served)",
                number(f.waits.meanSeconds), number(f.waits.maxSeconds),
                number(f.waits.percentileSeconds(50)), number(f.waits.percentileSeconds(90)), number(f.waits.percentileSeconds(99)),
                number(f.busy.average(until: end) / Double(spec.servers)), number(f.queue.average(until: end)),
            ])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A number as CSV writes it: shortest round-trip form, so the same figure gives the same text.
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    /// A field quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
