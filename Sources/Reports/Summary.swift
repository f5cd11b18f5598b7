public import CaseEngine
public import Experiments
public import Foundation
import SimCore

/// The figures of a run as `summary.json` carries them.
///
/// Built from projections only (``init(projection:wallSeconds:log:)``), so a replayed
/// log yields the same summary as the run that wrote it. Times are in seconds;
/// docs/kpis.md defines every figure.
public struct Summary: Codable, Sendable, Equatable {
    public struct Cases: Codable, Sendable, Equatable {
        public var arrived: Int
        public var completed: Int
        public var abandoned: Int
        public var in_system: Int
        /// Cases called after their window group closed (served in "extended hours").
        public var called_after_closing: Int
        /// With a network: cases closed (`serviceCompleted` or `closed`), transferred out, and still
        /// open (counted from the open cases), so `arrived == closed + abandoned + transferred + open`.
        public var closed: Int?
        public var transferred: Int?
        public var open: Int?
    }

    public struct Waits: Codable, Sendable, Equatable {
        public var count: Int
        public var mean: Double
        /// Half-width of the 95% confidence interval of the mean (batch means); `nil` when too few batches, and for halls and tiers.
        public var mean_ci95: Double?
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double

        public init(_ w: WaitStatistics) { self.init(WaitSummary(w)) }

        public init(_ w: WaitSummary) {
            count = w.count
            mean = w.mean
            mean_ci95 = w.meanHalfWidth
            p50 = w.p50
            p90 = w.p90
            p99 = w.p99
            max = w.max
        }
    }

    /// People who gave up, by reason.
    public struct AbandonedByReason: Codable, Sendable, Equatable {
        public var reneged: Int
        public var balked: Int
        public var sent_home: Int
        public var no_show: Int
        /// Reasons this build does not know; absent when there are none.
        public var other: Int?

        public init(_ a: AbandonCounts) {
            reneged = a.reneged
            balked = a.balked
            sent_home = a.sentHome
            no_show = a.noShow
            other = a.other == 0 ? nil : a.other
        }
    }

    public struct Group: Codable, Sendable, Equatable {
        public var hall: String
        public var group: String
        /// `kiosk`, `department` or `escalation`; absent for window groups.
        public var kind: String?
        public var servers: Int
        /// Busy window-time over staffed window-time.
        public var utilisation: Double
        /// Time-average number of cases waiting in the group's queue.
        public var queue_mean: Double
        /// The longest the queue got.
        public var queue_max: Int
        /// Time-average number of windows staffed.
        public var staffed_mean: Double
        /// Cases that came to the group (took a ticket or balked at its queue).
        public var arrived: Int
        public var ticketed: Int
        public var served: Int
        public var abandoned: Int
        /// Share of called cases whose wait was within the target; absent without a target.
        public var service_level: Double?
        /// Cases called while no window was on shift: served after closing ("extended hours").
        public var called_after_closing: Int
        public var wait_s: Waits
        /// Queue visits by kind (first, returning, pick-up); window groups and kiosks only.
        public var by_visit: ByVisit? = nil
    }

    /// The figures of one hall or one tier of halls.
    public struct Place: Codable, Sendable, Equatable {
        /// The hall's id (in `halls[]`).
        public var hall: String?
        /// The tier.
        public var tier: String
        /// The parent hall's id (in `halls[]`, for halls that have one).
        public var parent: String?
        /// Halls in the tier (in `tiers[]`).
        public var halls: Int?
        /// Visits submitted (first and return visits).
        public var arrived: Int
        /// Return visits among them.
        public var returns: Int
        public var served: Int
        public var abandoned: Int
        public var abandoned_by_reason: AbandonedByReason
        public var wait_s: Waits
        public var service_level: Double?
        public var utilisation: Double
        public var queue_mean: Double

        init(_ f: KPIFigures, tier: String) {
            self.tier = tier
            arrived = f.arrived
            returns = f.returns
            served = f.served
            abandoned = f.abandoned.total
            abandoned_by_reason = AbandonedByReason(f.abandoned)
            wait_s = Waits(f.waits)
            service_level = f.serviceLevel
            utilisation = f.utilisation
            queue_mean = f.queueMean
        }
    }

    /// The simulation loop: events from the log, speed measured by the run (absent in a replay).
    public struct Kernel: Codable, Sendable, Equatable {
        public var events: Int
        public var wall_s: Double?
        public var events_per_s: Double?
        public var cases_per_s: Double?
        /// The memory allocator the binary ran on.
        public var allocator: String?
    }

    /// The event log: how many events it holds and the digest of its content.
    public struct Log: Codable, Sendable, Equatable {
        public var events: Int
        public var digest: String

        public init(events: Int, digest: String) {
            self.events = events
            self.digest = digest
        }
    }

    /// How a replay went: events read and folded, and how fast.
    public struct Replay: Codable, Sendable, Equatable {
        public var events: Int
        public var wall_s: Double
        public var events_per_s: Double
        /// Cases still open at the end of the log, from the case-state projection.
        public var open_cases: Int

        public init(events: Int, wallSeconds: Double, openCases: Int) {
            self.events = events
            wall_s = wallSeconds
            events_per_s = Double(events) / Swift.max(wallSeconds, 1e-9)
            open_cases = openCases
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var replications: Int
    /// Simulated time covered by the run.
    public var simulated_s: Double
    public var cases: Cases
    public var abandoned_by_reason: AbandonedByReason
    public var wait_s: Waits
    /// The service-level target, when the scenario sets one.
    public var service_level_target_s: Double?
    /// Share of all called cases whose wait was within the target.
    public var service_level: Double?
    public var tiers: [Place]
    public var halls: [Place]
    public var groups: [Group]
    /// The service network (docs/kpis.md): each present only when the run has that part.
    public var channels: [SummaryNetwork.Channel]?
    /// Expected cases of the demand on days its hall or service was closed, by the entries'
    /// `closed_days` choice; absent when there were none.
    public var closed_days: ClosedDays?
    public var departments: [SummaryNetwork.Department]?
    public var bundles: SummaryNetwork.Bundles?
    public var escalation: SummaryNetwork.Escalation?
    public var hotline: SummaryNetwork.Hotline?
    public var ratings: SummaryNetwork.Ratings?
    /// The span the figures cover, when `--from`, `--to` or `--warmup` narrowed it (docs/kpis.md, *Ranges*).
    public var range: Range?
    public var kernel: Kernel
    public var log: Log?
    public var replay: Replay?

    /// The span of a run its figures cover: levels by time inside it, counts and waits by arrival inside it.
    public struct Range: Codable, Sendable, Equatable {
        /// The first date covered (`--from`), as the scenario writes dates.
        public var from: String?
        /// The last date covered (`--to`), inclusive.
        public var to: String?
        /// The start of the span, in seconds from the run's start.
        public var start_s: Double
        /// The end of the span in seconds, absent when it runs to the end of the run.
        public var end_s: Double?
        /// The warm-up cut, when `--warmup` gave one.
        public var warmup: Warmup?

        /// One line for the table: the dates or the span in seconds, and the warm-up.
        public var text: String {
            var parts: [String] = []
            if from != nil || to != nil { parts.append("\(from ?? "start") to \(to ?? "end") (arrivals in the range; levels over it)") }
            if let warmup { parts.append("after a warm-up of \(TextTable.duration(warmup.truncation_s))" + (warmup.method == "mser5" ? " (MSER-5 on \(warmup.series ?? 0) waits)" : "")) }
            if parts.isEmpty { parts.append("from \(TextTable.duration(start_s))") }
            return parts.joined(separator: " · ")
        }

        public init(from: String? = nil, to: String? = nil, start_s: Double, end_s: Double?, warmup: Warmup? = nil) {
            self.from = from
            self.to = to
            self.start_s = start_s
            self.end_s = end_s
            self.warmup = warmup
        }
    }

    /// A warm-up: given (`--warmup 1h`) or found by MSER-5 (`--warmup auto`).
    public typealias Warmup = WarmupCut

    /// Expected cases (not counted ones: the demand's volume, computed from the scenario) on closed days.
    public struct ClosedDays: Codable, Sendable, Equatable {
        /// Demand of entries with `closed_days: lost`: nobody came.
        public var lost: Double
        /// Demand of entries with `closed_days: next_opening`: it came on the next day the service was offered.
        public var moved: Double

        public init(lost: Double, moved: Double) {
            self.lost = lost
            self.moved = moved
        }
    }

    /// The summary of a run from its KPI projection; `wallSeconds` is the run loop's
    /// wall-clock time when the run was just simulated, `nil` when it is replayed.
    public init(projection p: KPIProjection, wallSeconds: Double?, log: Log? = nil) {
        let report = KPIReport(p)
        let catalog = p.catalog
        scenario = catalog.scenario
        seed = catalog.seed
        replications = 1
        simulated_s = p.simulatedSeconds
        cases = Cases(
            arrived: p.submitted, completed: p.completed, abandoned: p.abandoned, in_system: p.inSystem,
            called_after_closing: p.groups.reduce(0) { $0 + $1.calledAfterClosing }
        )
        let total = report.total
        abandoned_by_reason = AbandonedByReason(total.abandoned)
        wait_s = Waits(total.waits)
        service_level_target_s = catalog.serviceLevelTarget?.seconds
        service_level = total.serviceLevel
        tiers = report.tiers().map { t in
            var place = Place(t.figures, tier: t.tier)
            place.halls = t.halls
            return place
        }
        halls = zip(catalog.halls, report.halls()).map { hall, figures in
            var place = Place(figures, tier: hall.tier)
            place.hall = hall.id
            place.parent = hall.parent.flatMap { catalog.halls.indices.contains($0) ? catalog.halls[$0].id : nil }
            return place
        }
        groups = catalog.groups.indices.map { g in
            let spec = catalog.groups[g]
            let f = report.group(g)
            var group = Group(
                hall: catalog.halls[spec.hall].id, group: spec.id, kind: spec.kind == .window ? nil : spec.kind.name,
                servers: spec.servers, utilisation: f.utilisation,
                queue_mean: f.queueMean, queue_max: Int(p.queueMax(g)), staffed_mean: f.staffedMean, arrived: f.arrived, ticketed: f.ticketed,
                served: f.served, abandoned: f.abandoned.total, service_level: f.serviceLevel,
                called_after_closing: p.group(g).calledAfterClosing, wait_s: Waits(f.waits)
            )
            if spec.kind == .window || spec.kind == .kiosk { group.by_visit = ByVisit(p.group(g).byVisit) }
            return group
        }
        kernel = Kernel(events: p.kernelEvents, wall_s: wallSeconds)
        if let wallSeconds {
            let wall = Swift.max(wallSeconds, 1e-9)
            kernel.events_per_s = Double(p.kernelEvents) / wall
            kernel.cases_per_s = Double(p.submitted) / wall
        }
        self.log = log
        setNetwork(report.network)
    }

    /// Fills the network sections and the conservation counts from `figures`.
    private mutating func setNetwork(_ figures: NetworkFigures?) {
        guard let figures else { return }
        if let c = figures.cases {
            cases.closed = c.closed
            cases.transferred = c.transferred
            cases.open = c.open
        }
        channels = figures.channels?.map(SummaryNetwork.Channel.init)
        departments = figures.departments?.map(SummaryNetwork.Department.init)
        bundles = figures.bundles.map(SummaryNetwork.Bundles.init)
        escalation = figures.escalation.map(SummaryNetwork.Escalation.init)
        hotline = figures.hotline.map(SummaryNetwork.Hotline.init)
        ratings = figures.ratings.map(SummaryNetwork.Ratings.init)
    }

    /// The summary as pretty-printed JSON with sorted keys: the same figures give the same bytes.
    public func jsonData() throws -> Data {
        try ResultsJSON.data(self)
    }

    /// The summary as a plain-text table for a terminal (``SummaryTable``).
    public func table() -> String {
        SummaryTable(self).text
    }

    /// One kind of queue visit at a group (docs/kpis.md, `by_visit`).
    public struct VisitFigures: Codable, Sendable, Equatable {
        /// Tickets taken.
        public var visits: Int
        /// Called to a window.
        public var served: Int
        /// Left the queue without being called (gave up, or sent home).
        public var gave_up: Int
        /// Still in the queue at the end: `visits - served - gave_up`.
        public var waiting: Int
        /// Mean and longest wait of those called, in seconds.
        public var wait_mean_s: Double
        public var wait_max_s: Double

        init(_ f: VisitCounts.Figures) {
            visits = f.visits
            served = f.served
            gave_up = f.gaveUp
            waiting = f.waiting
            wait_mean_s = f.waitMeanSeconds
            wait_max_s = Double(f.waitMax) / Double(SimTime.ticksPerSecond)
        }
    }

    /// A group's queue visits by kind: first visits, return visits (after giving up, or with missing
    /// materials) and pick-ups of results.
    public struct ByVisit: Codable, Sendable, Equatable {
        public var first: VisitFigures
        public var returning: VisitFigures
        public var pickup: VisitFigures

        public init(_ v: VisitCounts) {
            first = VisitFigures(v.first)
            returning = VisitFigures(v.returning)
            pickup = VisitFigures(v.pickup)
        }
    }

    /// The figures an experiment compares, read from a run's summary: per place, the KPIs of
    /// ``KPI`` that the place has (docs/experiments.md lists them; ``SummaryFigures`` reads them).
    public var figures: FigureSet { SummaryFigures(self).set }
}
