/// Where a figure is measured: the whole run, a tier, a hall, a window group, a back-office
/// department or a channel. Halls, groups and departments are named by their ids, so the same
/// place is found in two variants however their files order it.
public enum Scope: Hashable, Comparable, Sendable, CustomStringConvertible {
    case overall
    case tier(String)
    case hall(String)
    case group(hall: String, group: String)
    case department(hall: String, department: String)
    case channel(String)

    /// The kind of place, as the tables print it: `overall`, `tier`, `hall`, `group`, `department`, `channel`.
    public var kind: String {
        switch self {
        case .overall: "overall"
        case .tier: "tier"
        case .hall: "hall"
        case .group: "group"
        case .department: "department"
        case .channel: "channel"
        }
    }

    /// The place's name: its id, `hall/group` or `hall/department`; empty for the whole run.
    public var name: String {
        switch self {
        case .overall: ""
        case .tier(let t), .hall(let t), .channel(let t): t
        case .group(let h, let g): "\(h)/\(g)"
        case .department(let h, let d): "\(h)/\(d)"
        }
    }

    public var description: String { name.isEmpty ? kind : "\(kind) \(name)" }

    private var order: Int {
        switch self {
        case .overall: 0
        case .tier: 1
        case .hall: 2
        case .group: 3
        case .department: 4
        case .channel: 5
        }
    }

    public static func < (a: Scope, b: Scope) -> Bool {
        a.order != b.order ? a.order < b.order : a.name < b.name
    }
}

/// A figure a planner compares variants on: how it is named, its unit, and which way is better.
public enum KPI: String, CaseIterable, Comparable, Sendable {
    case waitMean = "wait_mean_s"
    case waitP90 = "wait_p90_s"
    case serviceLevel = "service_level"
    case abandonedShare = "abandoned_share"
    case utilisation = "utilisation"
    case queueMean = "queue_mean"
    case onTimePromised = "on_time_promised"
    case onTimeStatutory = "on_time_statutory"
    case backlogMean = "backlog_mean"
    case leadTimeMean = "lead_time_mean_h"
    case leadTimeP90 = "lead_time_p90_h"

    /// Which way is better; `nil` for figures that are neither good nor bad in themselves
    /// (utilisation: higher means fewer idle windows but longer queues).
    public var direction: PairedDifference.Direction? {
        switch self {
        case .waitMean, .waitP90, .abandonedShare, .queueMean, .backlogMean, .leadTimeMean, .leadTimeP90: .lowerIsBetter
        case .serviceLevel, .onTimePromised, .onTimeStatutory: .higherIsBetter
        case .utilisation: nil
        }
    }

    /// How the text tables label the figure.
    public var label: String {
        switch self {
        case .waitMean: "mean wait (s)"
        case .waitP90: "p90 wait (s)"
        case .serviceLevel: "service level"
        case .abandonedShare: "abandoned share"
        case .utilisation: "utilisation"
        case .queueMean: "mean queue"
        case .onTimePromised: "on time (promised)"
        case .onTimeStatutory: "on time (statutory)"
        case .backlogMean: "mean backlog"
        case .leadTimeMean: "mean lead time (h)"
        case .leadTimeP90: "p90 lead time (h)"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: KPI, b: KPI) -> Bool { a.order < b.order }
}

/// One figure: a KPI at a place.
public struct FigureKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var scope: Scope
    public var kpi: KPI

    public init(_ scope: Scope, _ kpi: KPI) {
        self.scope = scope
        self.kpi = kpi
    }

    public var description: String { "\(scope) \(kpi.rawValue)" }

    public static func < (a: FigureKey, b: FigureKey) -> Bool {
        a.scope != b.scope ? a.scope < b.scope : a.kpi < b.kpi
    }
}

/// The figures of one run (one replication of one variant): a value per figure the run has.
/// A figure a run does not have (a service level without a target, on-time shares without a
/// decision) is absent, not zero.
public struct FigureSet: Sendable, Equatable {
    public private(set) var values: [FigureKey: Double] = [:]

    public init() {}

    /// Sets a figure; a `nil` or non-finite value leaves it absent.
    public mutating func set(_ scope: Scope, _ kpi: KPI, _ value: Double?) {
        guard let value, value.isFinite else { return }
        values[FigureKey(scope, kpi)] = value
    }

    public subscript(_ key: FigureKey) -> Double? { values[key] }
}
