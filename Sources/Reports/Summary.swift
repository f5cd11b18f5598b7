public import CaseEngine

/// The figures of a run as `summary.json` carries them.
///
/// Built from projections only (``init(projection:wallSeconds:log:)``), so a replayed
/// log yields the same summary as the run that wrote it. Times are in seconds.
public struct Summary: Codable, Sendable, Equatable {
    public struct Cases: Codable, Sendable, Equatable {
        public var arrived: Int
        public var completed: Int
        public var abandoned: Int
        public var in_system: Int
    }

    public struct Waits: Codable, Sendable, Equatable {
        public var count: Int
        public var mean: Double
        /// Half-width of the 95% confidence interval of the mean (batch means); `nil` when too few batches.
        public var mean_ci95: Double?
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double

        public init(_ w: WaitStatistics) {
            count = w.count
            mean = w.meanSeconds
            mean_ci95 = w.meanHalfWidthSeconds
            p50 = w.percentileSeconds(50)
            p90 = w.percentileSeconds(90)
            p99 = w.percentileSeconds(99)
            max = w.maxSeconds
        }
    }

    public struct Group: Codable, Sendable, Equatable {
        public var hall: String
        public var group: String
        public var servers: Int
        public var utilisation: Double
        /// Time-average number of cases waiting in the group's queue.
        public var queue_mean: Double
        public var ticketed: Int
        public var served: Int
        public var wait_s: Waits
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
    public var wait_s: Waits
    public var groups: [Group]
    public var kernel: Kernel
    public var log: Log?
    public var replay: Replay?

    /// The summary of a run from its KPI projection; `wallSeconds` is the run loop's
    /// wall-clock time when the run was just simulated, `nil` when it is replayed.
    public init(projection p: KPIProjection, wallSeconds: Double?, log: Log? = nil) {
        scenario = p.catalog.scenario
        seed = p.catalog.seed
        replications = 1
        simulated_s = p.simulatedSeconds
        cases = Cases(arrived: p.submitted, completed: p.completed, abandoned: p.abandoned, in_system: p.inSystem)
        wait_s = Waits(p.allWaits)
        let end = p.clock
        groups = zip(p.catalog.groups, p.groups).map { spec, figures in
            Group(
                hall: p.catalog.halls[spec.hall].id, group: spec.id, servers: spec.servers,
                utilisation: figures.busy.average(until: end) / Double(spec.servers),
                queue_mean: figures.queue.average(until: end),
                ticketed: figures.ticketed, served: figures.served, wait_s: Waits(figures.waits)
            )
        }
        kernel = Kernel(events: p.kernelEvents, wall_s: wallSeconds)
        if let wallSeconds {
            let wall = Swift.max(wallSeconds, 1e-9)
            kernel.events_per_s = Double(p.kernelEvents) / wall
            kernel.cases_per_s = Double(p.submitted) / wall
        }
        self.log = log
    }
}
