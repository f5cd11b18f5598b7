public import HallModel
import Foundation
import Scenarios

/// The scenario loader and the network compiler, as `hallsim validate` and `hallsim run` call them.
public enum FuzzScenario {
    /// Whether to print why each input was rejected (`HALLSIM_FUZZ_VERBOSE=1`): for checking seeds.
    static let verbose = ProcessInfo.processInfo.environment["HALLSIM_FUZZ_VERBOSE"] != nil

    /// The checked scenario, or `nil` when the input is not UTF-8 or the loader rejects it
    /// (a clean rejection: its diagnostics are rendered, as the CLI would print them, and dropped).
    public static func load(_ bytes: UnsafeRawBufferPointer) -> ScenarioSpec? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            report("not UTF-8")
            return nil
        }
        do {
            return try ScenarioLoader.parse(yaml: text, file: "fuzz.yaml")
        } catch {
            report(error.description)
            return nil
        }
    }

    /// The compiled network. A checked spec always compiles: the compiler asserts the rules the
    /// loader checks, so a spec the loader let through and the compiler stops at is a finding.
    public static func compile(_ spec: ScenarioSpec) -> HallNetwork {
        HallNetwork(spec)
    }

    static func report(_ message: String) {
        guard verbose else { return }
        FileHandle.standardError.write(Data("rejected: \(message)\n".utf8))
    }
}
