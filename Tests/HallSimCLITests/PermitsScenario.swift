import Foundation

/// A city hall whose permit windows pass every case to a back office deciding in 1 hour of desk
/// time against a 3-working-day promise (10 statutory), open 09:00–12:00 and 14:00–17:00: the
/// staffing tests' back-office scenario, written into `dir` as permits.yaml.
/// `department` is the department's entry after `id: permits` (its staff, and a roster if any).
func writePermitsScenario(
    in dir: URL, horizon: String = "60d", windows: Int = 2, perHour: Int = 5, department: String = "staff: 9"
) throws -> URL {
    let file = dir.appendingPathComponent("permits.yaml")
    try """
        name: permits
        seed: 3
        start: 2024-09-02
        horizon: \(horizon)
        services:
          - id: permit
            service_time: { exponential: { mean: 5m } }
            back_office: { department: permits, work: { exponential: { mean: 1h } }, statutory: 10wd, promised: 3wd }
        halls:
          - id: city
            tier: city
            hours: { workday: ["09:00-12:00", "14:00-17:00"] }
            windows:
              - { id: desk, count: \(windows), serves: [permit] }
            departments:
              - { id: permits, \(department) }
        demand:
          - { service: permit, hall: city, arrivals: { poisson: { per_hour: \(perHour) } } }
        """.write(to: file, atomically: true, encoding: .utf8)
    return file
}
