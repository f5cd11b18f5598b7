import ArgumentParser
import CaseEngine
import Experiments
import Foundation
import HallModel
import Reports
import Scenarios
import SimCore

extension HallSim {
    /// `hallsim staff FILE --target EXPR`: the fewest staffed windows per slot that meet a target, by simulation.
    struct Staff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the fewest staffed windows per window group and slot of the day that meet a wait target.",
            discussion: """
                Judges each slot by the people who joined a queue in it, over every day of its kind and \
                every replication, with a 95% interval; raises the windows of every slot not shown to meet \
                the target, then lowers them one at a time on the same seeds while every slot still meets it, \
                and verifies the plan on new seeds (docs/staffing.md). Writes staff.json and staffed.yaml (the \
                scenario with the plan as rosters) into the results folder.
                """
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @Option(help: "What every window group must achieve: p90_wait<=15m, mean_wait<=5m, service_level(15m)>=0.8, wait_probability<=0.2 or abandonment<=0.05.")
        var target: String

        @Option(help: "Slot length: 15m, 30m or 60m.")
        var slot = "30m"

        @Flag(help: "Judge each group's whole day instead of each slot.")
        var daily = false

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var options: ExperimentOptions

        @Option(help: "Results folder (default: results/<scenario name>-staff).")
        var out: String?

        @Flag(help: "Print staff.json instead of the table.")
        var json = false

        @Flag(help: "Print nothing while searching.")
        var quiet = false

        func validate() throws {
            try options.check()
            guard ["15m", "30m", "60m", "1h"].contains(slot) else { throw ValidationError("--slot must be 15m, 30m or 60m") }
        }

        func run() throws {
            let goal: SlotTarget
            do { goal = try SlotTarget(parsing: target) } catch { throw CommandFailure.badInput(error.description) }
            var spec = try scenario.load(file)
            if let horizon = options.horizon { spec.stop.horizon = try HallSim.horizon(horizon) }
            let network = HallNetwork(spec)
            try RunGuard.check(network, file: file, allowLarge: false)
            guard !StaffingUnit.all(in: spec, network: network).isEmpty else {
                throw CommandFailure.badInput("\(file): the scenario has no window group to staff")
            }
            let folder = try ResultsFolder.open(out ?? "results/\(spec.name)-staff", inputs: [file])
            do {
                var search = StaffingSearch(
                    spec: spec, target: goal, slotSeconds: slot == "15m" ? 900 : slot == "30m" ? 1800 : 3600,
                    replications: options.replications, seed: options.seed ?? spec.seed, threads: options.threadCount)
                search.daily = daily
                let quiet = quiet || json
                let result = try search.run { line in
                    if !quiet { FileHandle.standardError.write(Data("staff: \(line)\n".utf8)) }
                }
                let report = StaffingReport(scenario: file, target: goal, replications: search.replications, seed: search.seed, daily: daily, result: result)
                let data = try report.jsonData()
                try folder.write("staff.json", data)
                try folder.write("staffed.yaml", Data(try staffedScenario(result.plan, spec: spec).utf8))
                try folder.commit()
                if json { FileHandle.standardOutput.write(data) } else { print(report.text() + "results: \(folder.url.path)/", terminator: "\n") }
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }

        /// The scenario file with the plan as each group's count and roster; halls of a family get,
        /// slot by slot, the most windows any of them needs.
        func staffedScenario(_ plan: StaffingPlan, spec: ScenarioSpec) throws -> String {
            let yaml = try String(contentsOfFile: file, encoding: .utf8)
            var merged: [String: (hall: String, group: String, windows: [[Int]], count: Int)] = [:]
            var order: [String] = []
            for (u, unit) in plan.units.enumerated() {
                let hall = StaffedScenario.key(ofHall: spec.halls[unit.hall].id, yaml: yaml)
                let group = spec.halls[unit.hall].windows[unit.window].id
                let key = hall + "\u{0}" + group
                if var m = merged[key] {
                    m.windows = zip(m.windows, plan.windows[u]).map { zip($0, $1).map(max) }
                    m.count = max(m.count, unit.count)
                    merged[key] = m
                } else {
                    merged[key] = (hall, group, plan.windows[u], unit.count)
                    order.append(key)
                }
            }
            let groups = order.map { key -> StaffedScenario.Group in
                let m = merged[key]!
                let most = m.windows.joined().max() ?? 0
                return StaffedScenario.Group(
                    hall: m.hall, group: m.group, count: max(m.count, most), roster: StaffingPlan.shifts(m.windows, slotSeconds: plan.slotSeconds))
            }
            let first = try scenario.overrides.map { try Override(parsing: $0) } + (scenario.demandFactor.map { [Override.demandFactor($0)] } ?? [])
            return "# \(spec.name) staffed by hallsim staff --target '\(target)'\n" + (try StaffedScenario.rewrite(yaml: yaml, file: file, first: first, groups: groups))
        }
    }
}
