import FuzzSupport

/// Compiling a checked scenario into a network: bytes → spec → `HallNetwork` (or its `ModelError`).
@main
enum NetworkTarget {
    static func main() {
        FuzzDriver.run { bytes in
            guard let spec = FuzzScenario.load(bytes) else { return }
            _ = FuzzScenario.compile(spec)
        }
    }
}
