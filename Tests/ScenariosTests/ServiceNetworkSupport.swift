import Foundation
import Testing
@testable import Scenarios

/// A scenario using every key of the service network (channels, kiosks, departments, back
/// office, missing materials, results, bundles, outlets, the hotline, escalation, ratings).
/// Line numbers in ServiceNetworkKeysTests and ServiceNetworkDiagnosticsTests refer to it.
let serviceNetworkYAML = """
name: channels
seed: 3
start: 2024-09-23
horizon: 30d
services:
  - id: licence
    service_time: { lognormal: { mean: 12m, sd: 6m } }
    self_service_time: { exponential: { mean: 3m } }
    back_office:
      department: market
      share: 0.8
      work: { lognormal: { mean: 2h, sd: 1h } }
      tier: county
      statutory: 20wd
      promised: 12wd
      reject: 0.03
      transfer: 1d
    incomplete: { share: 0.1, policy: deficiency, delay: { exponential: { mean: 3d } }, give_up: 0.05 }
    result: { mail: 0.3, mail_delay: { deterministic: 2d }, pickup_delay: { uniform: { min: 1d, max: 5d } }, pickup_time: { deterministic: 2m } }
  - id: tax
    service_time: { exponential: { mean: 8m } }
    back_office: { department: tax, work: { exponential: { mean: 1h } }, statutory: 10wd, promised_share: 0.6 }
  - id: seal
    service_time: { exponential: { mean: 5m } }
    back_office: { department: police, work: { exponential: { mean: 30m } }, statutory: 5wd }
  - id: start-a-business
    service_time: { exponential: { mean: 20m } }
    incomplete: { share: 0.2, delay: { exponential: { mean: 2d } } }
    parts: [licence, tax, seal]
  - id: renewal
    service_time: { exponential: { mean: 4m } }
halls:
  - id: city
    tier: city
    wait_target: 15m
    windows:
      - { id: all, count: 4, serves: [licence, tax, seal, start-a-business, renewal] }
    departments:
      - { id: tax, staff: 3 }
      - { id: police, staff: 2, hours: { workday: ["08:30-12:00", "13:30-17:30"] } }
    kiosks: { count: 6, services: [renewal], hours: always }
  - id: county
    tier: county
    parent: city
    windows: [{ id: all, count: 2, serves: [licence, renewal] }]
    kiosks: { count: 2, services: [licence, renewal] }
    departments:
      - id: market
        staff: 4
        hours: { workday: ["09:00-12:00", "13:30-17:00"] }
        roster: [{ day: workday, hours: "09:00-12:00", count: 4 }, { day: workday, hours: "13:30-17:00", count: 2 }]
  - family: { id: "outlet-{n}", count: 3, tier: town, parent: county }
    kind: outlet
    hours: { workday: "09:00-17:00" }
    windows: [{ id: counter, count: 1, serves: [licence] }]
  - { id: hotline, tier: city, kind: hotline, wait_target: 15s, windows: [{ id: agents, count: 20, serves: [renewal] }] }
demand:
  - service: licence
    hall: county
    arrivals: { poisson: { per_day: 200 } }
    channels: { walk_in: 0.3, online: 0.6, mobile: 0.05, kiosk: 0.05 }
  - { service: licence, hall: "outlet-{n}", arrivals: { poisson: { per_day: 5 } } }
  - service: start-a-business
    hall: county
    arrivals: { poisson: { per_day: 10 } }
    channels: { online: 0.7, mobile: 0.3 }
  - service: renewal
    hall: city
    arrivals: { poisson: { per_hour: 30 } }
    channels: { walk_in: 0.5, kiosk: 0.5 }
    appointments: { share: 0.2, slot: 15m }
  - { service: renewal, hall: hotline, arrivals: { poisson: { per_hour: 100 } } }
escalation:
  hall: city
  staff: 2
  hours: { workday: ["09:00-12:00", "14:00-17:00"] }
  handling: { exponential: { mean: 30m } }
  transfer: 0.15
  contest: 0.2
  max_visits: 3
  abandoned_twice: false
ratings: { share: 0.6, bad: 0.002, per_minute: 0.01, target: 15m, complaint: 0.1, callback: { exponential: { mean: 20m } } }

"""

/// `serviceNetworkYAML` with `old` replaced by `new`; records an issue when `old` is not in it exactly once.
func serviceNetwork(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let count = serviceNetworkYAML.components(separatedBy: old).count - 1
    #expect(count == 1, "serviceNetworkYAML has '\(old)' \(count) times", sourceLocation: sourceLocation)
    return serviceNetworkYAML.replacingOccurrences(of: old, with: new)
}
