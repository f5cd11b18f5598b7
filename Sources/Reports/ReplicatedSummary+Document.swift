public import Experiments
public import Foundation

/// How a replicated run is written: summary.json (the merged sections beside the typed members),
/// the text table, and the CSV files of the results folder.
extension ReplicatedSummary: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: MemberKey.self)
        for (key, value) in sections { try c.encode(value, forKey: MemberKey(key)) }
        try c.encode(scenario, forKey: MemberKey("scenario"))
        try c.encode(seed, forKey: MemberKey("seed"))
        try c.encode(replications, forKey: MemberKey("replications"))
        try c.encode(seeds, forKey: MemberKey("seeds"))
        try c.encodeIfPresent(range, forKey: MemberKey("range"))
        try c.encodeIfPresent(precision, forKey: MemberKey("precision"))
        try c.encode(kernel, forKey: MemberKey("kernel"))
        try c.encodeIfPresent(log, forKey: MemberKey("log"))
        try c.encode(perReplication, forKey: MemberKey("per_replication"))
    }

    /// replications.csv: one row per replication — `replication`, `seed`, then each headline
    /// figure (``headline(_:)``) in a column named `place name kpi` as compare and sweep name it
    /// (`overall wait_mean_s`, `hall county utilisation`, `group county/one-window queue_mean`);
    /// a figure a replication does not have is empty.
    public func replicationsCSV() -> String {
        let sets = figures
        let keys = Set(sets.flatMap(\.values.keys)).sorted()
        var out = (["replication", "seed"] + keys.map { ComparisonReport.quoted($0.description) }).joined(separator: ",") + "\n"
        for (r, set) in sets.enumerated() {
            out += (["\(r + 1)", "\(seeds[r])"] + keys.map { set[$0].map { "\($0)" } ?? "" }).joined(separator: ",") + "\n"
        }
        return out
    }

    /// summary.json: pretty-printed with sorted keys, as every results document.
    public func jsonData() throws -> Data { try ResultsJSON.data(self) }

    /// The headline figures, each with its 95% half-width across the replications.
    public func table() -> String {
        func figure(_ values: [Double]) -> String {
            let estimate = Estimate(values)
            return String(format: "%.2f", estimate.mean) + (estimate.halfWidth.map { String(format: " ± %.2f", $0) } ?? "")
        }
        func counts(_ value: (Summary) -> Int) -> String { figure(runs.map { Double(value($0)) }) }
        var out = "hallsim · \(scenario) · \(replications) replications (95% half-widths across them)\n"
        if let range {
            let warmup = range.warmup.map { String(format: " after a warm-up of %.0f s", $0.truncation_s) } ?? ""
            out += "figures: from \(range.from ?? "the start") to \(range.to ?? "the end")" + warmup + "\n"
        }
        if let precision {
            let relative = precision.relative_half_width.map { String(format: "%.2f%%", 100 * $0) } ?? "-"
            let target = String(format: "%g", 100 * precision.target)
            out += precision.reached
                ? "precision: \(precision.kpi) within ± \(relative) of its mean, target \(target)%, after \(replications) replications\n"
                : "precision: target \(target)% on \(precision.kpi) not reached in \(replications) replications (± \(relative))\n"
        }
        out += "\n"
        out += "cases      arrived \(counts { $0.cases.arrived }) · completed \(counts { $0.cases.completed }) · abandoned \(counts { $0.cases.abandoned })\n"
        let waits = runs.map(\.wait_s)
        out += "wait (s)   mean \(figure(waits.map(\.mean))) · p50 \(figure(waits.map(\.p50))) · p90 \(figure(waits.map(\.p90))) · p99 \(figure(waits.map(\.p99)))\n"
        for (g, group) in runs[0].groups.enumerated() {
            let groups = runs.map { $0.groups[g] }
            out += "group \(group.hall)/\(group.group): utilisation \(figure(groups.map(\.utilisation))) · queue \(figure(groups.map(\.queue_mean)))"
            out += " · wait \(figure(groups.map(\.wait_s.mean)))\n"
        }
        out += String(format: "\nkernel: %.2f M events/s over %@ threads\n", kernel.events_per_s / 1e6, "\(kernel.threads)")
        return out
    }
}
