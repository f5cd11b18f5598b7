import ArgumentParser
import CaseEngine
import Experiments
import Foundation
import HallModel
import Reports
import Scenarios
import SimCore
import Staffing

extension HallSim {
    /// `hallsim staff FILE --target EXPR`: the fewest staffed windows per slot that meet a target, by simulation.
    struct Staff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the fewest staffed windows per window group and slot of the day that meet a wait target.",
            discussion: """
                Judges each slot by the people who joined a queue in it, over every day of its kind (or, with \
                --by, of its kind and weekday or month) and \
                every replication, with a 95% interval; raises the windows of every slot not shown to meet \
                the target, then lowers them one at a time on the same seeds while every slot still meets it, \
                and verifies the plan on new seeds (docs/staffing.md). Writes staff.json and staffed.yaml (the \
                scenario with the plan as rosters) into the results folder.
                """
        )

        @Argument(help: "The scenario file (YAML).")
        var file: String

        @Option(help: ArgumentHelp(
            "What every window group must achieve (p90_wait<=15m, mean_wait<=5m, service_level(15m)>=0.8, wait_probability<=0.2, abandonment<=0.05); give it again with on_time_promised>=0.95 or on_time_statutory>=0.95 to staff the back-office departments too.",
            valueName: "EXPR"))
        var target: [String] = []

        @Option(help: ArgumentHelp(
            "The shift menu for rosters: comma-separated START-END with an optional /BREAKSTART-BREAKEND (unpaid), e.g. 09:00-17:30/12:00-14:30,09:00-13:00,13:30-17:30 (default: each group's own menu: its whole day with its longest closed gap as a break, and 8- and 4-hour shifts on every hour).",
            valueName: "SHIFTS"))
        var shifts: String?

        @Option(help: "Slot length: 15m, 30m or 60m.")
        var slot = "30m"

        @Flag(help: "Judge each group's whole day instead of each slot.")
        var daily = false

        @Option(help: ArgumentHelp(
            "Plan days by their kind (day_type: workday, weekend, holiday), or also by weekday (a Monday apart from a Tuesday) or by month (a March apart from an April); staffed.yaml's rosters then name their weekdays or months.",
            valueName: "day_type|weekday|month"))
        var by = "day_type"

        @OptionGroup var scenario: ScenarioOptions

        @OptionGroup var options: ExperimentOptions

        @Option(help: "Results folder (default: results/<scenario name>-staff).")
        var out: String?

        @Flag(help: "Print staff.json instead of the table.")
        var json = false

        @Flag(help: "Print nothing while searching.")
        var quiet = false

        @Flag(help: "Also write report.html: the plan by slot, the achieved figure with its interval, the rosters, ties, robustness and departments as charts (docs/report.md).")
        var report = false

        func validate() throws {
            try options.check()
            guard ["15m", "30m", "60m", "1h"].contains(slot) else { throw ValidationError("--slot must be 15m, 30m or 60m") }
            guard DayPartition(rawValue: by) != nil else { throw ValidationError("--by must be day_type, weekday or month") }
        }

        func run() throws {
            var targets: [SlotTarget] = []
            for text in target {
                do { targets.append(try SlotTarget(parsing: text)) } catch { throw CommandFailure.badInput(error.description) }
            }
            let windowTargets = targets.filter { !$0.isDepartment }, departmentTargets = targets.filter(\.isDepartment)
            guard windowTargets.count <= 1, departmentTargets.count <= 1, !targets.isEmpty else {
                throw CommandFailure.badInput("--target: give one target for the window groups (e.g. p90_wait<=15m), one for the back-office departments (e.g. on_time_promised>=0.95), or one of each")
            }
            let menu: [Shift]?
            do { menu = try shifts.map(Shift.menu(parsing:)) } catch { throw CommandFailure.badInput("--shifts: \(error)") }
            var spec = try scenario.load(file)
            if let horizon = options.horizon { spec.stop.horizon = try HallSim.horizon(horizon) }
            let network = HallNetwork(spec)
            try RunGuard.check(network, file: file, allowLarge: false)
            if !windowTargets.isEmpty, StaffingUnit.all(in: spec, network: network).isEmpty {
                throw CommandFailure.badInput("\(file): the scenario has no window group to staff")
            }
            if let d = departmentTargets.first, !spec.halls.contains(where: { !$0.departments.isEmpty }) {
                throw CommandFailure.badInput("\(file): --target '\(d)' but the scenario has no back-office department to staff")
            }
            let folder = try ResultsFolder.open(out ?? "results/\(spec.name)-staff", inputs: [file])
            do {
                let quiet = quiet || json
                let say: (String) -> Void = { line in
                    if !quiet { FileHandle.standardError.write(Data("staff: \(line)\n".utf8)) }
                }
                let replications = options.replications, seed = options.seed ?? spec.seed
                let departments = try departmentTargets.first.map { d in
                    DepartmentStaffingReport(
                        target: d,
                        rows: try DepartmentStaffing(spec: spec, target: d, replications: replications, seed: seed, threads: options.threadCount).run(progress: say))
                }
                var plan: StaffingPlan?
                let data: Data, text: String
                if let goal = windowTargets.first {
                    var search = StaffingSearch(
                        spec: spec, target: goal, slotSeconds: slot == "15m" ? 900 : slot == "30m" ? 1800 : 3600,
                        replications: replications, seed: seed, threads: options.threadCount)
                    search.daily = daily
                    search.partition = DayPartition(rawValue: by)!
                    search.shifts = menu
                    let result = try search.run(progress: say)
                    var report = StaffingReport(scenario: file, target: goal, replications: replications, seed: seed, daily: daily, result: result)
                    report.shiftsGiven = menu != nil
                    report.departments = departments
                    plan = result.plan
                    (data, text) = (try report.jsonData(), report.text())
                } else {
                    let report = departments!
                    (data, text) = (try report.jsonData(scenario: file, replications: replications, seed: seed), report.text())
                }
                try folder.write("staff.json", data)
                if report { try folder.write(RunReportPage.fileName, Data(try StaffingReportPage(staffing: data).html().utf8)) }
                try folder.write("staffed.yaml", Data(try staffedScenario(plan, departments: departments?.staffed ?? [], spec: spec).utf8))
                try folder.commit()
                if json { FileHandle.standardOutput.write(data) } else { print(text + "results: \(folder.url.path)/", terminator: "\n") }
            } catch {
                folder.abandon()
                throw CommandFailure.runtime(ResultsFolder.oneLine(error))
            }
        }

        /// The scenario file with the plan as rosters (and departments' staff), headed by the command that found it.
        func staffedScenario(_ plan: StaffingPlan?, departments: [DepartmentStaffing.Row], spec: ScenarioSpec) throws -> String {
            let yaml = try String(contentsOfFile: file, encoding: .utf8)
            let first = try scenario.overrides.map { try Override(parsing: $0) } + (scenario.demandFactor.map { [Override.demandFactor($0)] } ?? [])
            let header = "# \(spec.name) staffed by hallsim staff " + target.map { "--target '\($0)'" }.joined(separator: " ") + "\n"
            return header + (try StaffedScenario.rewrite(
                yaml: yaml, file: file, spec: spec, first: first,
                plans: plan.map { p in p.units.enumerated().map { u, unit in StaffedScenario.Plan(hall: unit.hall, window: unit.window, windows: p.windows[u]) } } ?? [],
                slotSeconds: plan?.slotSeconds ?? 3600, partition: plan?.partition ?? .dayType,
                staff: departments.map { ($0.unit.hall, $0.unit.department, $0.staff) }))
        }
    }
}
