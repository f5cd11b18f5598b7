import CaseEngine
public import Experiments
public import Foundation

/// The summary of a replicated run (`hallsim run --replications R`): the replications'
/// summaries merged into one document with means and 95% half-widths across them, what was run
/// and how fast, and each replication's headline figures (docs/kpis.md, *Replications*).
///
/// What was run (scenario, seed, range), the run's speed, its logs and the precision rule are
/// typed members; the figure sections (cases, waits, halls, groups, the service network …)
/// are merged by their shape (``ReplicationMerge``), each number with its `_ci95`.
public struct ReplicatedSummary: Sendable {
    public var scenario: String
    /// The run's own seed (replication 1's).
    public var seed: UInt64
    /// Replication r's seed at index r − 1.
    public var seeds: [UInt64]
    /// The span the figures cover, as replication 1 says it (every replication covers the same).
    public var range: Summary.Range?
    /// The merged figure sections, by their keys in summary.json.
    public var sections: [String: JSONValue]
    public var precision: Precision?
    public var kernel: Kernel
    public var log: Logs?
    /// The replications' own summaries, in replication order.
    public var runs: [Summary]

    /// The replications' speed together: events and cases over the wall-clock time of all of them.
    public struct Kernel: Codable, Sendable, Equatable {
        public var events: Int
        public var wall_s: Double
        public var events_per_s: Double
        public var cases_per_s: Double
        public var allocator: String?
        /// Threads the replications ran on.
        public var threads: Int
    }

    /// The replications' event logs: one digest over all of them, each one's, and their events.
    public struct Logs: Codable, Sendable, Equatable {
        public var digest: String
        public var digests: [String]
        public var events: Int
    }

    /// Where `--precision` stopped: the rule, and the estimate of its figure over the replications kept.
    public struct Precision: Encodable, Sendable, Equatable {
        public var kpi: String
        public var target: Double
        public var reached: Bool
        public var mean: Double
        public var half_width: Double?
        public var relative_half_width: Double?
        public var minimum: Int
        public var maximum: Int

        public init(_ rule: PrecisionRule, of key: FigureKey, values: [Double]) {
            let estimate = Estimate(values, confidence: rule.confidence)
            kpi = key.kpi.rawValue
            target = rule.relativeHalfWidth
            reached = rule.isMet(by: values[...])
            mean = estimate.mean
            half_width = estimate.halfWidth
            relative_half_width = estimate.relativeHalfWidth
            minimum = rule.minimum
            maximum = rule.maximum
        }

        /// Every member written, an unknown half-width as `null`.
        public func encode(to encoder: any Encoder) throws {
            let members: [String: JSONValue] = [
                "kpi": .string(kpi), "target": .number(target), "reached": .bool(reached), "mean": .number(mean),
                "half_width": half_width.map(JSONValue.number) ?? .null,
                "relative_half_width": relative_half_width.map(JSONValue.number) ?? .null,
                "minimum": .integer(minimum), "maximum": .integer(maximum),
            ]
            try JSONValue.object(members).encode(to: encoder)
        }
    }

    /// The members of a replication's summary that are not merged figures.
    static let unmerged: Set<String> = ["scenario", "seed", "replications", "range", "kernel", "log", "replay"]

    /// Merges `runs`, the replications' summaries in replication order (each with its own seed).
    /// - Parameters:
    ///   - wallSeconds: the wall-clock time the replications took together.
    ///   - threads: the threads they ran on.
    ///   - precision: the `--precision` rule and its figure, when the run had one.
    public init(_ runs: [Summary], wallSeconds: Double, threads: Int, precision: (PrecisionRule, FigureKey)? = nil) throws {
        precondition(!runs.isEmpty, "a replicated run has at least one replication")
        let decoder = JSONDecoder()
        let objects = try runs.map { run in
            try decoder.decode([String: JSONValue].self, from: run.jsonData()).filter { !Self.unmerged.contains($0.key) }
        }
        scenario = runs[0].scenario
        seed = runs[0].seed
        seeds = runs.map(\.seed)
        range = runs[0].range
        sections = ReplicationMerge.merge(objects)
        self.runs = runs
        self.precision = precision.map { rule, key in Precision(rule, of: key, values: runs.compactMap { $0.figures[key] }) }
        let events = runs.reduce(0) { $0 + $1.kernel.events }
        let wall = Swift.max(wallSeconds, 1e-9)
        kernel = Kernel(
            events: events, wall_s: wallSeconds, events_per_s: Double(events) / wall,
            cases_per_s: Double(runs.reduce(0) { $0 + $1.cases.arrived }) / wall, allocator: runs[0].kernel.allocator, threads: threads
        )
        let logs = runs.compactMap(\.log)
        if logs.count == runs.count {
            let digests = logs.map(\.digest)
            log = Logs(digest: EventLog.combinedDigest(digests), digests: digests, events: logs.reduce(0) { $0 + $1.events })
        }
    }

    /// The replications kept.
    public var replications: Int { seeds.count }

    /// Each replication's headline figures (``headline(_:)``), in replication order.
    public var figures: [FigureSet] { runs.map { Self.headline($0.figures) } }

    /// The figures of a run that `replications.csv` keeps: every figure of the whole run, of
    /// each hall and of each window group or kiosk (the figures compare and sweep use).
    public static func headline(_ figures: FigureSet) -> FigureSet {
        var kept = FigureSet()
        for (key, value) in figures.values {
            switch key.scope {
            case .overall, .hall, .group: kept.set(key.scope, key.kpi, value)
            case .tier, .department, .channel: continue
            }
        }
        return kept
    }

    /// One replication in `per_replication`: its number, its seed and its overall figures by KPI.
    struct Replication: Encodable {
        var replication: Int
        var seed: UInt64
        var figures: FigureSet

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: MemberKey.self)
            try c.encode(replication, forKey: MemberKey("replication"))
            try c.encode(seed, forKey: MemberKey("seed"))
            for (key, value) in figures.values where key.scope == .overall { try c.encode(value, forKey: MemberKey(key.kpi.rawValue)) }
        }
    }

    /// `per_replication` in summary.json: each replication's overall figures.
    var perReplication: [Replication] {
        zip(seeds, runs).enumerated().map { Replication(replication: $0.offset + 1, seed: $0.element.0, figures: $0.element.1.figures) }
    }
}

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
