import CaseEngine
import FuzzSupport

/// A short bounded simulation: bytes → spec (horizon cut to 31 days) → network → at most 5,000
/// kernel events, every case event folded into the KPI projection, as `hallsim run --no-log` runs it.
@main
enum SimulateTarget {
    static func main() {
        FuzzDriver.run { bytes in
            guard let spec = FuzzScenario.load(bytes) else { return }
            var network = FuzzScenario.compile(FuzzSimulation.capped(spec))
            network.catalog.seed = spec.seed
            _ = FuzzSimulation.run(network, seed: spec.seed, sink: KPIProjection(catalog: network.catalog))
        }
    }
}
