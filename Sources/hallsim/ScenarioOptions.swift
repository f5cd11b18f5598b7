import ArgumentParser
import Foundation
import HallModel
import Scenarios

/// The options that change a scenario before it is read: `--set PATH=VALUE` and `--demand-factor`.
struct ScenarioOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change the scenario before it is checked: PATH=VALUE, VALUE a YAML value or *FACTOR or +AMOUNT (repeatable).",
            discussion: "Paths name keys and list entries by id, e.g. halls.city.windows.w.count=7, demand[service=social,hall=city].arrivals.poisson.per_hour=*1.2 (scenarios/README.md, \"Overrides\").",
            valueName: "PATH=VALUE"
        )
    )
    var overrides: [String] = []

    @Option(help: "Multiply every demand entry's factor by this (e.g. 1.3 for 30% more demand).")
    var demandFactor: Double?

    @Flag(help: "Treat warnings about the scenario as errors (exit 2).")
    var strict = false

    /// The scenario at `file` with the overrides applied, checked as the file would be.
    func load(_ file: String) throws -> ScenarioSpec {
        try Self.load(file, set: overrides, demandFactor: demandFactor, strict: strict)
    }

    /// The scenario at `file` with `--set` changes and a demand factor applied, checked as the
    /// file would be; its warnings are printed on stderr unless `quiet` (and are errors when `strict`).
    static func load(_ file: String, set: [String], demandFactor: Double?, strict: Bool, quiet: Bool = false) throws -> ScenarioSpec {
        var changes: [Override] = []
        for text in set {
            do {
                changes.append(try Override(parsing: text))
            } catch {
                let hint = error.hint.map { " (\($0))" } ?? ""
                throw CommandFailure.badInput("--set \(error.override): \(error.message); expected \(error.expected)\(hint)")
            }
        }
        if let demandFactor {
            guard demandFactor.isFinite, demandFactor >= 0 else {
                throw CommandFailure.badInput("--demand-factor \(demandFactor): expected a finite factor of 0 or more")
            }
            changes.append(.demandFactor(demandFactor))
        }
        let (spec, warnings) = try ScenarioLoader.loadWithWarnings(path: file, overrides: changes)
        for warning in warnings where !quiet {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
        if strict, !warnings.isEmpty {
            throw CommandFailure.badInput("\(file): \(warnings.count) warning\(warnings.count == 1 ? "" : "s") with --strict")
        }
        return spec
    }
}
