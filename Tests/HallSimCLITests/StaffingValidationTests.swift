import Foundation
import HallSimTesting
import Testing

/// Validations of `hallsim staff` that simulate for minutes, not seconds: they run as their own CI
/// step (`make validate`, which sets HALLSIM_VALIDATION), not in `make test`.
private let validating = ProcessInfo.processInfo.environment["HALLSIM_VALIDATION"] != nil

/// A sinusoidal demand, 100 × (1 + 0.5 sin(2πt/4h)) erlangs with 3-minute service
/// (scenarios/sinusoid.yaml), and `wait_probability<=0.2` in every 15-minute slot: Erlang C per
/// slot swings the delay probability far from 0.2 over the cycle, because demand that is rising
/// or falling leaves each slot with the queue of the one before; the plan found by simulation keeps
/// every slot at its target, with a spread over the slots of at most a third of the formula's.
@Test(.enabled(if: validating, "a validation run (make validate)"))
func underSinusoidalDemandThePlanHoldsTheDelayProbabilityWhereTheFormulaSwingsIt() throws {
    let dir = try CommandRunner.temporaryFolder()
    let file = CommandRunner.repositoryRoot.appendingPathComponent("scenarios/sinusoid.yaml").path
    let r = try CommandRunner.hallsim(["staff", file, "--target", "wait_probability<=0.2", "--slot", "15m", "--replications", "20", "--json", "--out", dir.path])
    #expect(r.status == 0, "\(r.stderr)")
    let groups = try #require(try json(r.stdout)["groups"] as? [[String: Any]])
    let slots = try #require((groups.first?["days"] as? [String: [[String: Any]]])?["workday"])
    #expect(slots.count == 96)
    var plan: [Double] = [], formula: [Double] = []
    for slot in slots {
        let verdict = try #require(slot["verdict"] as? String)
        #expect(verdict == "met" || verdict == "undecided", "\(slot)")
        plan.append(try #require(slot["value"] as? Double))
        formula.append(try #require(slot["erlang_value"] as? Double))
        // Never below the stability limit where it says the target is met.
        if verdict == "met" { #expect(Double(try #require(slot["windows"] as? Int)) > (try #require(slot["load"] as? Double)), "\(slot)") }
    }
    let planSpread = plan.max()! - plan.min()!, formulaSpread = formula.max()! - formula.min()!
    print("sinusoid: the plan's delay probability \(plan.min()!)…\(plan.max()!), Erlang C per slot \(formula.min()!)…\(formula.max()!)")
    #expect(formula.max()! > 0.3 && formula.min()! < 0.15, "the formula's range \(formula.min()!)…\(formula.max()!)")
    #expect(planSpread <= formulaSpread / 3, "plan spread \(planSpread), formula's \(formulaSpread)")
}
