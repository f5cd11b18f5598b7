import Foundation

/// A sweep written out as independent runs, to be split across machines: one JSON line per run
/// (``PlannedRun``); each machine runs a shard and writes one JSON line per finished run
/// (``FinishedRun``); ``Plan/merge(_:)`` checks that every run came back exactly once and
/// gives the variants' figures, from which a sweep's outputs are the same as on one machine.
public struct Plan: Sendable, Equatable {
    public var runs: [PlannedRun]

    public init(runs: [PlannedRun]) { self.runs = runs }

    /// The plan of a sweep of `design` on `scenario`: every variant × replication, replication r
    /// of every variant on the same seed, ids `vNNN-rNNN` (from 1).
    public init(
        scenario: String, set: [String], demandFactor: Double?, design: SweepDesign, replications: Int, seed: UInt64, horizon: String?,
        warmup: String? = nil
    ) {
        let seeds = (1 ... replications).map { Replications.seed($0, of: seed) }
        runs = design.variants.enumerated().flatMap { v, vary in
            (1 ... replications).map { r in
                PlannedRun(
                    id: PlannedRun.id(variant: v + 1, replication: r), scenario: scenario, set: set, vary: vary,
                    demand_factor: demandFactor, horizon: horizon, variant: v + 1, replication: r, seed: seeds[r - 1],
                    warmup: warmup
                )
            }
        }
    }

    /// `value` as one JSON line, keys sorted, so the same run gives the same line.
    static func line(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public var variantCount: Int { runs.map(\.variant).max() ?? 0 }
    public var replications: Int { runs.map(\.replication).max() ?? 0 }

    /// Each variant's assignments, in variant order.
    public var variants: [[String]] {
        var byVariant = Array(repeating: [String](), count: variantCount)
        for run in runs where run.replication == 1 { byVariant[run.variant - 1] = run.vary }
        return byVariant
    }

    /// The runs of shard `index` (from 1) of `count`: every count-th run, so shards get alike mixes.
    public func shard(_ index: Int, of count: Int) -> [PlannedRun] {
        precondition(count >= 1 && (1 ... count).contains(index), "a shard I/N has 1 ≤ I ≤ N")
        return runs.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    /// What merging finished runs found wrong.
    public struct Incomplete: Error, Equatable, CustomStringConvertible {
        public var missing: [String]
        public var duplicated: [String]
        public var unknown: [String]
        public var description: String {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("\(missing.count) runs missing: " + missing.joined(separator: ", ")) }
            if !duplicated.isEmpty { parts.append("runs reported more than once: " + duplicated.joined(separator: ", ")) }
            if !unknown.isEmpty { parts.append("runs not in the plan: " + unknown.joined(separator: ", ")) }
            return parts.joined(separator: "; ")
        }
    }

    /// The figures `[variant][replication]` of the finished runs, which must hold every run of
    /// the plan exactly once.
    public func merge(_ finished: [FinishedRun]) throws(Incomplete) -> [[FigureSet]] {
        var byID: [String: FinishedRun] = [:]
        var duplicated: [String] = []
        for run in finished {
            if byID.updateValue(run, forKey: run.id) != nil, !duplicated.contains(run.id) { duplicated.append(run.id) }
        }
        let planned = Set(runs.map(\.id))
        let missing = runs.map(\.id).filter { byID[$0] == nil }
        let unknown = finished.map(\.id).filter { !planned.contains($0) }
        guard missing.isEmpty, duplicated.isEmpty, unknown.isEmpty else {
            throw Incomplete(missing: missing, duplicated: duplicated, unknown: unknown)
        }
        var figures = Array(repeating: Array(repeating: FigureSet(), count: replications), count: variantCount)
        for run in runs { figures[run.variant - 1][run.replication - 1] = byID[run.id]!.figures }
        return figures
    }
}

extension Plan {
    /// The warm-up each variant applied, in variant order, as its finished runs say (the first
    /// that says it, in replication order; `nil` for a variant none of whose lines says it);
    /// `nil` when the plan has no warm-up.
    public func warmups(_ finished: [FinishedRun]) -> [WarmupCut?]? {
        guard runs.contains(where: { $0.warmup != nil }) else { return nil }
        var byID: [String: WarmupCut] = [:]
        for run in finished { if let warmup = run.warmup, byID[run.id] == nil { byID[run.id] = warmup } }
        var byVariant = [WarmupCut?](repeating: nil, count: variantCount)
        for run in runs.sorted(by: { $0.replication < $1.replication }) where byVariant[run.variant - 1] == nil {
            byVariant[run.variant - 1] = byID[run.id]
        }
        return byVariant
    }
}

/// One run of a plan: which scenario, with which changes, on which seed.
public struct PlannedRun: Codable, Sendable, Equatable {
    /// `vNNN-rNNN`: variant and replication, from 1.
    public var id: String
    public var scenario: String
    /// `--set` changes common to every variant, then the variant's own.
    public var set: [String]
    public var vary: [String]
    /// `--demand-factor`, when the sweep gave one.
    public var demand_factor: Double?
    /// `--horizon`, when the sweep gave one.
    public var horizon: String?
    public var variant: Int
    public var replication: Int
    public var seed: UInt64
    /// `--warmup`, when the sweep gave one: a duration or `auto` (decided per variant on its replication 1).
    public var warmup: String? = nil

    public static func id(variant: Int, replication: Int) -> String {
        func padded(_ n: Int) -> String { n < 1000 ? String(String(n + 1000).dropFirst()) : String(n) }
        return "v\(padded(variant))-r\(padded(replication))"
    }

    /// All changes, in the order they apply.
    public var overrides: [String] { self.set + vary }

    /// The run as one JSON line (keys sorted, so the same run gives the same line).
    public func jsonLine() throws -> String { try Plan.line(self) }
}

/// A finished run: its id, its figures and the warm-up they leave out, one JSON line.
public struct FinishedRun: Codable, Sendable, Equatable {
    public var id: String
    public var figures: FigureSet
    /// The warm-up the run used, when its plan line had one (absent from lines written before
    /// runs carried it, which still read).
    public var warmup: WarmupCut?

    public init(id: String, figures: FigureSet, warmup: WarmupCut? = nil) {
        self.id = id
        self.figures = figures
        self.warmup = warmup
    }

    public func jsonLine() throws -> String { try Plan.line(self) }
}

extension FigureSet: Codable {
    /// A figure as a results line holds it: `{ "place": "group", "at": ["hall", "group"], "kpi": …, "value": … }`.
    struct Entry: Codable {
        var place: String
        var at: [String]
        var kpi: String
        var value: Double
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        for entry in try [Entry](from: decoder) {
            guard let scope = Scope(kind: entry.place, parts: entry.at), let kpi = KPI(rawValue: entry.kpi) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown figure \(entry.place) \(entry.at) \(entry.kpi)"))
            }
            set(scope, kpi, entry.value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try values.keys.sorted().map { Entry(place: $0.scope.kind, at: $0.scope.parts, kpi: $0.kpi.rawValue, value: values[$0]!) }.encode(to: encoder)
    }
}

extension Scope {
    /// The ids that name the place: none for the whole run, `[hall, group]` for a group.
    public var parts: [String] {
        switch self {
        case .overall: []
        case .tier(let t), .hall(let t), .channel(let t): [t]
        case .group(let h, let g): [h, g]
        case .department(let h, let d): [h, d]
        }
    }

    public init?(kind: String, parts: [String]) {
        switch (kind, parts.count) {
        case ("overall", 0): self = .overall
        case ("tier", 1): self = .tier(parts[0])
        case ("hall", 1): self = .hall(parts[0])
        case ("channel", 1): self = .channel(parts[0])
        case ("group", 2): self = .group(hall: parts[0], group: parts[1])
        case ("department", 2): self = .department(hall: parts[0], department: parts[1])
        default: return nil
        }
    }
}
