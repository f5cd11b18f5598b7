import Foundation
import HallSimTesting
import Testing

/// One stationary queue, open around the clock: 200 arrivals an hour, exponential service of
/// 180 s, 80% answered within 20 s. Erlang C: 13 windows give 0.7956, 14 give 0.8884.
private let erlang = """
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
