import CaseEngine
public import HallModel

/// The fewest staff per back-office department that meet an on-time target over the run
/// (`on_time_promised>=0.95`), by simulation on common random numbers:
///
/// 1. Measure the scenario's staffing; every department whose interval does not show the target
///    met gets one more desk, repeated until each is met.
/// 2. Then every met department gives up one desk at once; a department keeps the cut while it
///    still meets the target on the same seeds, and stops at the last staff that did.
/// 3. The result: each department's staff, its on-time share with its interval, and the share at
///    one desk fewer (which the search saw fail: missed, or not shown to be met).
///
/// A department with a roster keeps its shape: every shift of it gains or loses as many staff as
/// the department does (never below one on duty). One with too few decisions to judge keeps its staff.
public struct DepartmentStaffing: Sendable {
    public struct Unit: Sendable, Equatable {
        /// Indices into ``ScenarioSpec/halls`` and the hall's ``HallSpec/departments``.
        public var hall: Int
        public var department: Int
        /// `hall/department`.
        public var name: String
        public var staff: Int
        /// The fewest staff on duty in a shift of its roster (nil without a roster).
        public var leastOnDuty: Int?

        /// The fewest staff the department can have: one on duty in its thinnest shift.
        var fewest: Int { leastOnDuty.map { staff - $0 + 1 } ?? 1 }
    }

    public struct Row: Sendable {
        public var unit: Unit
        public var staff: Int
        public var estimate: SlotEstimate
        /// The estimate at one desk fewer, when the search tried it.
        public var fewer: SlotEstimate?
        /// Why the department was left as it is, if it was.
        public var note: String?

        /// Staff gained (lost, when negative) by every shift of the department's roster; nil without one.
        public var rosterChange: Int? { unit.leastOnDuty == nil ? nil : staff - unit.staff }
    }

    public var spec: ScenarioSpec
    public var target: SlotTarget
    public var replications: Int
    public var seed: UInt64
    public var threads: Int
    public var maxRounds = 60

    public init(spec: ScenarioSpec, target: SlotTarget, replications: Int, seed: UInt64, threads: Int) {
        precondition(target.isDepartment, "a department target")
        self.spec = spec
        self.target = target
        self.replications = replications
        self.seed = seed
        self.threads = threads
    }

    /// The departments of the scenario.
    public var units: [Unit] {
        spec.halls.enumerated().flatMap { h, hall in
            hall.departments.enumerated().map { d, dep in
                Unit(hall: h, department: d, name: "\(hall.id)/\(dep.id)", staff: dep.staff, leastOnDuty: dep.roster.map(\.count).min())
            }
        }
    }

    /// Each department's on-time estimate with `staff[i]` desks, on the search's seeds.
    func measure(_ staff: [Int], _ units: [Unit]) throws -> [SlotEstimate] {
        var changed = spec
        for (i, u) in units.enumerated() { changed.halls[u.hall].departments[u.department] = spec.halls[u.hall].departments[u.department].staffed(staff[i]) }
        let network = HallNetwork(changed)
        let seeds = (1 ... replications).map { Replications.seed($0, of: seed) }
        let statutory = target.statistic == .onTimeStatutory
        let runs = try Replications.run(seeds.count, threads: threads) { r -> [String: (y: Double, x: Double)] in
            let projection = HallRun.run(network, seed: seeds[r - 1], sink: KPIProjection(catalog: network.catalog)).1
            var counts: [String: (y: Double, x: Double)] = [:]
            for d in KPIReport(projection).network?.departments ?? [] {
                let with = Double(statutory ? d.withStatutory : d.withPromised)
                let share = (statutory ? d.onTimeStatutory : d.onTimePromised) ?? 0
                counts["\(d.hall)/\(d.department)"] = ((share * with).rounded(), with)
            }
            return counts
        }
        return units.map { u in SlotEstimate(target, counts: runs.map { $0[u.name] ?? (0, 0) }) }
    }

    /// Runs the search; `progress` hears each round.
    public func run(progress: (String) -> Void = { _ in }) throws -> [Row] {
        let units = self.units
        let searched = Array(units.indices)
        var staff = units.map(\.staff)
        var estimates = try measure(staff, units)
        for round in 1 ... maxRounds {
            let short = searched.filter { estimates[$0].verdict == .missed || estimates[$0].verdict == .undecided }
            if short.isEmpty { break }
            for i in short { staff[i] += 1 }
            estimates = try measure(staff, units)
            progress("departments, raise \(round): +1 desk in \(short.count)")
        }
        var fewer: [SlotEstimate?] = Array(repeating: nil, count: units.count)
        var settled = Set(searched.filter { estimates[$0].verdict != .met })
        var round = 0
        while true {
            let open = searched.filter { !settled.contains($0) && staff[$0] > units[$0].fewest }
            if open.isEmpty { break }
            round += 1
            var trial = staff
            for i in open { trial[i] -= 1 }
            let result = try measure(trial, units)
            var cut = 0
            for i in open {
                if result[i].verdict == .met {
                    staff[i] -= 1
                    estimates[i] = result[i]
                    cut += 1
                } else {
                    fewer[i] = result[i]
                    settled.insert(i)
                }
            }
            progress("departments, lower \(round): −1 desk in \(cut) of \(open.count)")
        }
        return units.indices.map { i in
            let note: String? = estimates[i].verdict == .tooFew ? "too few decisions to judge" : nil
            return Row(unit: units[i], staff: staff[i], estimate: estimates[i], fewer: fewer[i], note: note)
        }
    }
}
