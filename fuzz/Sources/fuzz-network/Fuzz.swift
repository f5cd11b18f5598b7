import FuzzSupport

/// Compiling a checked scenario into a network: bytes → spec → `HallNetwork`; every spec the loader
/// accepts must compile (the compiler stops at a rule the loader missed).
@main
enum NetworkTarget {
    static func main() {
        FuzzDriver.run { bytes in
            guard let spec = FuzzScenario.load(bytes) else { return }
            _ = FuzzScenario.compile(spec)
        }
    }
}
