import Foundation
import HallSimTesting
import Testing

/// A morning hall (09:00–12:00 on workdays, 60 people an hour, 3-minute service) whose Mondays
/// bring 40% more: planned by kind of day, the one workday plan suits the average day and leaves
/// Mondays short; planned by weekday, Monday gets its own plan.
private let mondays = """
    name: mondays
    seed: 3
    horizon: 140d
    start: 2025-01-06
    services:
      - { id: s, service_time: { exponential: { mean: 3m } } }
    halls:
      - id: hall
        tier: city
        hours: { workday: ["09:00-12:00"] }
        windows:
          - { id: w, count: 8, serves: [s] }
    demand:
      - { service: s, hall: hall, arrivals: { poisson: { per_hour: 60 } }, profile: { weekday: [1.4, 1, 1, 1, 1, 1, 1] } }
    """

/// `hallsim staff FILE --target … --by BY`, as staff.json.
private func staff(_ file: String, by: String, out: String) throws -> [String: Any] {
    let r = try CommandRunner.hallsim([
        "staff", file, "--target", "service_level(20s)>=0.8", "--slot", "60m", "--by", by, "--replications", "5", "--json", "--out", out,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    return try json(r.stdout)
}

/// The slots of the only group, by class of days.
private func days(_ document: [String: Any]) throws -> [String: [[String: Any]]] {
    let groups = try #require(document["groups"] as? [[String: Any]])
    return try #require(groups.first?["days"] as? [String: [[String: Any]]])
}

@Test func aMondayWithMoreDemandGetsItsOwnPlanWhenPlannedByWeekdayAndTheDayTypePlanLeavesItShort() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("mondays.yaml").path
    try mondays.write(toFile: file, atomically: true, encoding: .utf8)

    // By kind of day: one workday plan, which on Mondays alone misses the target.
    let pooled = try staff(file, by: "day_type", out: dir.path + "/pooled")
    #expect(try days(pooled).keys.sorted() == ["workday"])
    let pooledByWeekday = try staff(dir.path + "/pooled/staffed.yaml", by: "weekday", out: dir.path + "/pooled-by-weekday")
    let monday = try #require(try days(pooledByWeekday)["workday mon"])
    #expect(monday.contains { $0["scenario_verdict"] as? String == "missed" }, "\(monday)")
    #expect(!monday.contains { $0["scenario_verdict"] as? String == "met" }, "\(monday)")

    // By weekday: a plan per weekday, every slot verified, Monday staffed above every other day.
    let plan = try staff(file, by: "weekday", out: dir.path + "/plan")
    #expect(plan["days_by"] as? String == "weekday")
    let classes = try days(plan)
    #expect(classes.keys.sorted() == ["workday fri", "workday mon", "workday thu", "workday tue", "workday wed"])
    func hours(_ day: String) -> Int { (classes[day] ?? []).reduce(0) { $0 + ($1["windows"] as? Int ?? 0) } }
    for other in ["workday tue", "workday wed", "workday thu", "workday fri"] {
        #expect(hours("workday mon") > hours(other), "\(other)")
    }
    for (day, slots) in classes {
        #expect(!slots.contains { $0["verdict"] as? String == "missed" }, "\(day): \(slots)")
    }

    // staffed.yaml writes a roster per weekday, and a run of it staffs each weekday as planned.
    let staffed = try String(contentsOfFile: dir.path + "/plan/staffed.yaml", encoding: .utf8)
    #expect(staffed.contains("weekdays:"))
    let measured = try days(try staff(dir.path + "/plan/staffed.yaml", by: "weekday", out: dir.path + "/measured"))
    for (day, slots) in classes {
        let planned = slots.map { $0["windows"] as? Int }
        let ran = try #require(measured[day]).map { ($0["scenario_windows"] as? Double).map { Int($0) } }
        #expect(planned == ran, "\(day)")
    }
}

@Test func aMarchWithThreeTimesTheDemandGetsItsOwnPlanWhenPlannedByMonth() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("march.yaml").path
    try """
        name: march
        seed: 4
        horizon: 59d
        start: 2025-02-01
        services:
          - { id: s, service_time: { exponential: { mean: 3m } } }
        halls:
          - id: hall
            tier: city
            hours: { workday: ["09:00-12:00"], weekend: ["09:00-11:00"] }
            windows:
              - { id: w, count: 12, serves: [s] }
        demand:
          - { service: s, hall: hall, arrivals: { poisson: { per_hour: 30 } }, profile: { monthly: [1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }
        """.write(toFile: file, atomically: true, encoding: .utf8)
    let plan = try staff(file, by: "month", out: dir.path + "/plan")
    let classes = try days(plan)
    #expect(classes.keys.sorted() == ["weekend feb", "weekend mar", "workday feb", "workday mar"])
    for kind in ["workday", "weekend"] {
        let feb = try #require(classes["\(kind) feb"]).compactMap { $0["windows"] as? Int }
        let mar = try #require(classes["\(kind) mar"]).compactMap { $0["windows"] as? Int }
        #expect(feb.count == mar.count && zip(feb, mar).allSatisfy { $0 < $1 }, "\(kind): \(feb) \(mar)")
    }
    let staffed = try String(contentsOfFile: dir.path + "/plan/staffed.yaml", encoding: .utf8)
    #expect(staffed.contains("months:"))
    let run = try CommandRunner.hallsim(["validate", dir.path + "/plan/staffed.yaml"])
    #expect(run.status == 0, "\(run.stderr)")
}

@Test func anUnknownWayToPlanDaysIsRefused() throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/mmc.yaml").path
    let r = try CommandRunner.hallsim(["staff", file, "--target", "p90_wait<=15m", "--by", "week"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--by must be day_type, weekday or month"), "\(r.stderr)")
}
