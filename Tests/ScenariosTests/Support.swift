import Foundation
import Testing
@testable import Scenarios

/// The M/M/c scenario from the design, verbatim.
let mmcYAML = """
name: mmc
seed: 1
stop: { cases: 1000000 }
services:
  - id: generic
    service_time: { exponential: { mean: 60s } }
halls:
  - id: hall
    tier: city
    hours: always
    windows:
      - { id: w, count: 10, serves: [generic] }
demand:
  - service: generic
    hall: hall
    arrivals: { poisson: { per_hour: 540 } }

"""

/// The diagnostics of a file that must fail to load; records an issue when it loads.
func problems(_ yaml: String, file: String = "test.yaml", sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        let spec = try ScenarioLoader.parse(yaml: yaml, file: file)
        Issue.record("expected the scenario to be rejected, got \(spec)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

/// The only diagnostic of a file that must fail with exactly one problem.
func problem(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = problems(yaml, sourceLocation: sourceLocation)
    #expect(found.count == 1, "expected one problem, got \(found.map(\.description))", sourceLocation: sourceLocation)
    return found.first
}

/// Checks a diagnostic's position and that its message contains `phrase`.
func expect(
    _ diagnostic: Diagnostic?, at line: Int, _ column: Int, saying phrase: String, hint: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let diagnostic else {
        Issue.record("no diagnostic", sourceLocation: sourceLocation)
        return
    }
    #expect(diagnostic.line == line && diagnostic.column == column, "at \(diagnostic)", sourceLocation: sourceLocation)
    #expect(diagnostic.message.contains(phrase), "message of \(diagnostic)", sourceLocation: sourceLocation)
    if let hint {
        #expect(diagnostic.hint?.contains(hint) == true, "hint of \(diagnostic)", sourceLocation: sourceLocation)
    }
}

/// A scenario with one service whose `service_time` is the given flow-style distribution.
func scenario(serviceTime: String) -> String {
    mmcYAML.replacingOccurrences(of: "{ exponential: { mean: 60s } }", with: serviceTime)
}
