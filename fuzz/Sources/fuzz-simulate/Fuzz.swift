import CaseEngine
import FuzzSupport
import Reports

/// A short bounded simulation: bytes → spec (horizon cut to 31 days) → network → at most 5,000
/// kernel events with every KPI folded → the summary, its JSON and the KPI table, as `hallsim run` prints them.
@main
enum SimulateTarget {
    static func main() {
        FuzzDriver.run { bytes in
            guard let spec = FuzzScenario.load(bytes), var network = FuzzScenario.compile(FuzzSimulation.capped(spec)) else { return }
            network.catalog.seed = spec.seed
            let kpis = FuzzSimulation.run(network, seed: spec.seed, sink: KPIProjection(catalog: network.catalog))
            let summary = Summary(projection: kpis, wallSeconds: 0)
            _ = try? summary.jsonData()
            _ = summary.table()
            _ = KPITable.csv(kpis)
        }
    }
}
