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

/// A scenario using every key of the network slice, for parsing tests and bad-input variants.
let networkYAML = """
name: net
seed: 7
start: 2024-09-23
horizon: 30d
calendar:
  weekend: [sat, sun]
  holidays: [2024-10-01, "2024-10-02..2024-10-07"]
  working_days: [2024-09-29, 2024-10-12]
behaviour:
  patience: { exponential: { mean: 10m } }
  balk_at: 30
  return: { probability: 0.5, after: { uniform: { min: 1d, max: 3d } } }
service_level: { target: 15m }
services:
  - { id: social, service_time: { exponential: { mean: 5m } } }
  - { id: housing, service_time: { exponential: { mean: 8m } } }
halls:
  - id: city
    tier: city
    hours:
      workday: ["09:00-12:00", "14:30-17:30"]
      holiday: []
    at_close: send_home
    rotation: { groups: [all], services: [social] }
    windows:
      - id: all
        count: 4
        serves: [social, housing]
        roster:
          - { day: workday, hours: "09:00-12:00", count: 4 }
          - { day: workday, hours: ["14:30-16:00", "16:00-17:30"], count: 2 }
      - { id: desk, count: 1, serves: [housing] }
demand:
  - service: social
    hall: city
    arrivals: { poisson: { per_hour: 20 } }
    factor: 1.5
    profile:
      hourly: { 9: 2, "10": 1.5, "08": 0.5 }
      weekday: [1.4, 1, 1, 1, 1.2, 0.5, 0.5]
      monthly: { mar: 3, 9: 3 }
    behaviour: { patience: { deterministic: 20m } }
  - { service: housing, hall: city, arrivals: { poisson: { per_day: 30 } } }

"""

/// `networkYAML` with `old` replaced by `new`; records an issue when `old` is not in it.
func network(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(networkYAML.contains(old), "networkYAML has no '\(old)'", sourceLocation: sourceLocation)
    return networkYAML.replacingOccurrences(of: old, with: new)
}

