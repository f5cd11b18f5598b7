import FuzzSupport

/// The scenario loader: bytes → parse and check → diagnostics or a spec.
@main
enum ScenarioTarget {
    static func main() {
        FuzzDriver.run { bytes in _ = FuzzScenario.load(bytes) }
    }
}
