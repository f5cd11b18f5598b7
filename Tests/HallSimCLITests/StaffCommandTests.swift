import Foundation
import HallSimTesting
import Staffing
import Testing

/// One stationary queue, open around the clock: 200 arrivals an hour, exponential service of
/// 180 s, 80% answered within 20 s. Erlang C: 13 windows give 0.7956, 14 give 0.8884.
private let erlang = scenario(patience: nil)

/// The stationary queue, with exponential patience of the given mean when given.
private func scenario(patience: String?) -> String {
    erlangText.replacingOccurrences(of: "services:", with: patience.map { "behaviour: { patience: { exponential: { mean: \($0) } } }\nservices:" } ?? "services:")
}

private let erlangText = """
    name: erlang
    seed: 1
    horizon: 10d
    calendar: { weekend: [] }
    services:
      - { id: generic, service_time: { exponential: { mean: 180s } } }
    halls:
      - id: hall
        tier: city
        hours: always
        windows:
          - { id: w, count: 10, serves: [generic] }
    demand:
      - { service: generic, hall: hall, arrivals: { poisson: { per_hour: 200 } } }
    """

@Test func aStationaryQueueIsStaffedWithTheErlangCWindowsInEverySlotAndNeverOneFewerOnNoise() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("erlang.yaml")
    try erlang.write(to: file, atomically: true, encoding: .utf8)
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "service_level(20s)>=0.8", "--slot", "60m", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let document = try json(r.stdout)
    let groups = try #require(document["groups"] as? [[String: Any]])
    let days = try #require(groups.first?["days"] as? [String: [[String: Any]]])
    let slots = try #require(days["workday"])
    #expect(slots.count == 24)
    let windows = slots.compactMap { $0["windows"] as? Int }
    #expect(!windows.contains { $0 < 14 }, "\(windows)")
    #expect(windows.filter { $0 == 14 }.count >= 20, "\(windows)")
    // At 14 windows the verified service level is Erlang C's.
    let at14 = slots.filter { $0["windows"] as? Int == 14 }.compactMap { $0["value"] as? Double }
    let mean = at14.reduce(0, +) / Double(at14.count)
    #expect(abs(mean - 0.8884) < 0.01, "\(mean)")
    // Every slot judged met is staffed above its offered load (10 erlangs), and the roster covers the plan.
    for slot in slots where slot["verdict"] as? String == "met" {
        let windows = try #require(slot["windows"] as? Int), load = try #require(slot["load"] as? Double)
        #expect(Double(windows) > load, "\(slot)")
        #expect(try #require(slot["roster_windows"] as? Int) >= windows)
        // The formula runs on each slot's measured arrivals (±0.7% here), which sit at the edge
        // between 13 and 14 windows (13 meets 0.8 below 9.93 erlangs).
        #expect((13 ... 14).contains(try #require(slot["erlang_windows"] as? Int)))
    }
    #expect(slots.filter { $0["erlang_windows"] as? Int == 14 }.count >= 12)
    // The staffed copy of the scenario runs and staffs 14 windows where the plan says so.
    let staffed = dir.appendingPathComponent("out/staffed.yaml").path
    let text = try String(contentsOfFile: staffed, encoding: .utf8)
    #expect(text.contains("count: 14"))
    let run = try CommandRunner.hallsim(["validate", staffed])
    #expect(run.status == 0, "\(run.stderr)")
}

@Test func aTargetThatCannotBeReadIsRefusedWithWhatWasExpected() throws {
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/mmc.yaml").path
    let r = try CommandRunner.hallsim(["staff", file, "--target", "p90_wait<=15"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("not a duration") && r.stderr.contains("expected a duration with a unit"), "\(r.stderr)")
}

/// Who gives up (mean patience 10 minutes) makes room: the plan needs fewer windows than Erlang C's
/// 14 for the same service level, and the abandonment simulated at the chosen windows lies within
/// its interval of Erlang A's.
@Test func withPatienceThePlanNeedsFewerWindowsAndItsAbandonmentIsErlangAs() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("patient.yaml")
    try scenario(patience: "10m").write(to: file, atomically: true, encoding: .utf8)
    let sl = try CommandRunner.hallsim(["staff", file.path, "--target", "service_level(20s)>=0.8", "--slot", "60m", "--json", "--out", dir.path + "/sl"])
    #expect(sl.status == 0, "\(sl.stderr)")
    let slSlots = try #require(((try json(sl.stdout)["groups"] as? [[String: Any]])?.first?["days"] as? [String: [[String: Any]]])?["workday"])
    let windows = slSlots.compactMap { $0["windows"] as? Int }
    #expect(windows.filter { $0 < 14 }.count >= 12 && windows.reduce(0, +) < 14 * 24, "\(windows)")
    let ab = try CommandRunner.hallsim(["staff", file.path, "--target", "abandonment<=0.03", "--slot", "60m", "--json", "--out", dir.path + "/ab"])
    #expect(ab.status == 0, "\(ab.stderr)")
    let abSlots = try #require(((try json(ab.stdout)["groups"] as? [[String: Any]])?.first?["days"] as? [String: [[String: Any]]])?["workday"])
    var inside = 0
    for slot in abSlots {
        let n = try #require(slot["windows"] as? Int)
        let erlangA = ErlangA(arrivalRate: 200.0 / 3600, meanService: 180, patienceRate: 1.0 / 600, servers: n).abandonmentProbability
        let low = try #require(slot["low"] as? Double), high = try #require(slot["high"] as? Double)
        if low <= erlangA && erlangA <= high { inside += 1 }
    }
    // The intervals hold together at 95% over the day's 24 slots: allow one outside.
    #expect(inside >= abSlots.count - 1, "\(inside) of \(abSlots.count)")
}

/// A back office that decides in 1 hour of desk time per case, 30 cases a working day: the
/// department's staff is cut to the fewest meeting 95% on time against a 3-working-day promise,
/// and one desk fewer verifiably misses it.
@Test func aDepartmentGetsTheFewestStaffMeetingItsOnTimeTargetAndOneFewerMissesIt() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writePermitsScenario(in: dir)
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "p90_wait<=15m", "--target", "on_time_promised>=0.95", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let department = try #require((try json(r.stdout)["departments"] as? [[String: Any]])?.first)
    let staff = try #require(department["staff"] as? Int)
    #expect(staff < 9 && department["verdict"] as? String == "met", "\(department)")
    // Stable at least: 30 desk-hours a day over 6.5 working hours.
    #expect(staff >= 5)
    let fewer = try #require(department["one_fewer"] as? [String: Any])
    #expect(fewer["verdict"] as? String == "missed", "\(fewer)")
    let staffed = try String(contentsOfFile: dir.path + "/out/staffed.yaml", encoding: .utf8)
    #expect(staffed.contains("staff: \(staff)"))

    // The department's target alone: the same staff on the same seeds, and the windows left as they are.
    let alone = try CommandRunner.hallsim(["staff", file.path, "--target", "on_time_promised>=0.95", "--out", dir.path + "/alone"])
    #expect(alone.status == 0, "\(alone.stderr)")
    #expect(alone.stdout.contains("permits  staff 9 → \(staff)"), "\(alone.stdout)")
    let kept = try String(contentsOfFile: dir.path + "/alone/staffed.yaml", encoding: .utf8)
    #expect(kept.contains("staff: \(staff)") && kept.contains("count: 2") && !kept.contains("roster"), "\(kept)")
}

/// A profile at a 15-minute step puts arrivals in that step alone, and staff judges slots of it.
@Test func aProfileAtAQuarterHourStepBringsPeopleInThatQuarterOnly() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("quarter.yaml")
    let zeros = (0 ..< 96).map { $0 == 37 ? "4" : "0" }.joined(separator: ", ")
    try erlang.replacingOccurrences(of: "arrivals: { poisson: { per_hour: 200 } } }", with: "arrivals: { poisson: { per_hour: 200 } }, profile: { every: 15m, factors: [\(zeros)] } }")
        .write(to: file, atomically: true, encoding: .utf8)
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "mean_wait<=1m", "--slot", "15m", "--json", "--replications", "2", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let slots = try #require(((try json(r.stdout)["groups"] as? [[String: Any]])?.first?["days"] as? [String: [[String: Any]]])?["workday"])
    let busy = slots.filter { ($0["people"] as? Int ?? 0) > 0 }.compactMap { $0["start"] as? String }
    #expect(busy == ["09:15"], "\(busy)")
}

/// A hall open one hour a morning, 60 people an hour, 3-minute service, 80% answered within 20 s:
/// the plan holds at the forecast and fails at 120%, where the one window the output names
/// restores it — checked here by `hallsim run` on the same seeds, at 120% demand, with and without it.
@Test func aPlanThatFailsAtMoreDemandIsRepairedByTheWindowTheOutputNames() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = dir.appendingPathComponent("morning.yaml")
    try """
        name: morning
        seed: 5
        horizon: 200d
        service_level: { target: 20s }
        calendar: { weekend: [] }
        services:
          - { id: s, service_time: { exponential: { mean: 3m } } }
        halls:
          - id: hall
            tier: city
            hours: { workday: ["09:00-10:00"] }
            windows:
              - { id: w, count: 8, serves: [s] }
        demand:
          - { service: s, hall: hall, arrivals: { poisson: { per_hour: 60 } } }
        """.write(to: file, atomically: true, encoding: .utf8)
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "service_level(20s)>=0.8", "--slot", "60m", "--replications", "5", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let levels = try #require(try json(r.stdout)["robustness"] as? [[String: Any]])
    let forecast = try #require(levels.first { $0["demand_factor"] as? Double == 1 })
    #expect(forecast["holds"] as? Bool == true)
    let more = try #require(levels.first { $0["demand_factor"] as? Double == 1.2 })
    #expect(more["holds"] as? Bool == false)
    let repair = try #require((more["repairs"] as? [[String: Any]])?.first)
    #expect(repair["group"] as? String == "hall/w" && repair["start"] as? String == "09:00" && repair["restores"] as? Bool == true, "\(repair)")

    // The staffed copy at 120% demand on the search's seeds, as it is and with the named window added.
    func serviceLevel(extra: Int) throws -> (value: Double, halfWidth: Double) {
        let run = try CommandRunner.hallsim([
            "run", dir.path + "/out/staffed.yaml", "--demand-factor", "1.2", "--replications", "5", "--seed", "5",
            "--set", "halls.hall.windows.w.roster[0].count=+\(extra)", "--json", "--out", dir.path + "/run\(extra)",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try json(run.stdout)
        return (try #require(summary["service_level"] as? Double), try #require(summary["service_level_ci95"] as? Double))
    }
    let plan = try serviceLevel(extra: 0), repaired = try serviceLevel(extra: 1)
    #expect(plan.value + plan.halfWidth < 0.8, "\(plan)")
    #expect(repaired.value - repaired.halfWidth >= 0.8, "\(repaired)")
}

/// A morning rush (20 people an hour × 2.5 at 09:00, falling to 0.1 by 11:30; 10-minute service),
/// mean wait at most 5 minutes: where the plan's cut at one slot broke a later one, the output
/// lists the plan with that window moved to the later slot as tied with the best. Checked here
/// apart from the search: the moved plan, written as a roster, meets the target in every slot on
/// the search's seeds, with the same window-hours.
@Test func aPlanWithOneWindowMovedIsListedAsTiedOnlyWhenItMeetsTheTargetToo() throws {
    let dir = try CommandRunner.temporaryFolder()
    func rush(windows: String) -> String {
        """
        name: rush
        seed: 9
        horizon: 120d
        calendar: { weekend: [] }
        services:
          - { id: s, service_time: { exponential: { mean: 10m } } }
        halls:
          - id: hall
            tier: city
            hours: { workday: ["09:00-12:00"] }
            windows:
              - \(windows)
        demand:
          - service: s
            hall: hall
            arrivals: { poisson: { per_hour: 20 } }
            profile: { every: 30m, factors: [\(Array(repeating: "0", count: 18).joined(separator: ",")), 2.5, 1.5, 1, 0.6, 0.3, 0.1, \(Array(repeating: "0", count: 24).joined(separator: ","))] }
        """
    }
    func staff(_ text: String, _ name: String) throws -> [String: Any] {
        let file = dir.appendingPathComponent("\(name).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CommandRunner.hallsim(["staff", file.path, "--target", "mean_wait<=5m", "--replications", "5", "--json", "--out", dir.path + "/\(name)"])
        #expect(r.status == 0, "\(r.stderr)")
        return try json(r.stdout)
    }
    let best = try staff(rush(windows: "{ id: w, count: 8, serves: [s] }"), "rush")
    let ties = try #require(best["ties"] as? [String: Any])
    let tied = try #require(ties["tied"] as? [[String: Any]])
    #expect(!tied.isEmpty, "\(ties)")
    let slots = try #require(((best["groups"] as? [[String: Any]])?.first?["days"] as? [String: [[String: Any]]])?["workday"])
    for move in tied {
        var windows: [String: Int] = [:]
        for slot in slots { windows[try #require(slot["start"] as? String)] = try #require(slot["windows"] as? Int) }
        let from = try #require(move["from"] as? String), to = try #require(move["to"] as? String)
        windows[from]! -= 1
        windows[to]! += 1
        let roster = windows.keys.sorted().map { start in
            let minutes = Int(start.prefix(2))! * 60 + Int(start.suffix(2))! + 30
            return "{ day: workday, hours: \"\(start)-\(String(format: "%02d:%02d", minutes / 60, minutes % 60))\", count: \(windows[start]!) }"
        }
        let moved = try staff(rush(windows: "{ id: w, count: \(windows.values.max()!), serves: [s], roster: [\(roster.joined(separator: ", "))] }"), "moved")
        let movedSlots = try #require(((moved["groups"] as? [[String: Any]])?.first?["days"] as? [String: [[String: Any]]])?["workday"])
        #expect(movedSlots.count == slots.count)
        for slot in movedSlots { #expect(slot["scenario_verdict"] as? String == "met", "\(move): \(slot)") }
        let hours = try #require((moved["window_hours"] as? [String: Any])?["scenario"] as? Double)
        let planHours = try #require((best["window_hours"] as? [String: Any])?["plan"] as? Double)
        #expect(hours == planHours, "\(hours) against \(planHours)")
    }
}

/// The back office of the permits test on a roster (10 on duty in the morning, 8 in the
/// afternoon): staffed in the roster's shape, every shift losing as many staff as the department,
/// and the staffed copy meets the target when run on the same seeds.
@Test func aDepartmentOnARosterIsStaffedInItsRostersShape() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = try writePermitsScenario(in: dir, department: #"staff: 10, roster: [{ day: workday, hours: "08:00-12:00", count: 10 }, { day: workday, hours: "13:00-17:00", count: 8 }]"#)
    let r = try CommandRunner.hallsim(["staff", file.path, "--target", "on_time_promised>=0.95", "--replications", "5", "--json", "--out", dir.path + "/out"])
    #expect(r.status == 0, "\(r.stderr)")
    let department = try #require((try json(r.stdout)["departments"] as? [[String: Any]])?.first)
    let staff = try #require(department["staff"] as? Int), change = try #require(department["roster_change"] as? Int)
    #expect(department["verdict"] as? String == "met" && staff < 10 && change == staff - 10, "\(department)")
    #expect((department["one_fewer"] as? [String: Any])?["verdict"] as? String != "met", "\(department)")
    let staffed = try String(contentsOfFile: dir.path + "/out/staffed.yaml", encoding: .utf8)
    #expect(staffed.contains("count: \(10 + change)") && staffed.contains("count: \(8 + change)"), "\(staffed)")
    // The staffed copy on the search's seeds (the scenario's seed).
    let run = try CommandRunner.hallsim(["run", dir.path + "/out/staffed.yaml", "--replications", "5", "--json", "--out", dir.path + "/run"])
    #expect(run.status == 0, "\(run.stderr)")
    let departments = try #require(try json(run.stdout)["departments"] as? [[String: Any]])
    let share = try #require(departments.first?["on_time_promised"] as? Double)
    #expect(share >= 0.95, "\(departments)")
}
