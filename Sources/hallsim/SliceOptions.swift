import ArgumentParser
import CaseEngine

/// `--by`: how `run` and `replay` slice kpis.csv (docs/kpis.md, *Slices*).
struct SliceOptions: ParsableArguments {
    @Option(name: .customLong("by"), help: "Slice kpis.csv by day_type (default), weekday, month or date.")
    var by = KPISlices.By.dayType.rawValue

    /// The slicing asked for; `days` is how many days `date` keys cover.
    /// - Throws: ``CommandFailure`` (exit 2) for a value that is not one of the four.
    func slices(days: Int) throws -> KPISlices {
        guard let way = KPISlices.By(rawValue: by) else {
            let known = KPISlices.By.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure.badInput("--by: unknown slicing '\(by)'\nhint: use one of \(known)")
        }
        return KPISlices(by: way, days: days)
    }
}
