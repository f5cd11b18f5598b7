import CaseEngine
import HallModel
import HallSimTesting
import Reports
import SimCore
import Testing

/// Abandonment indicators (1 abandoned, 0 called) in order of the decision, for a batch-means interval.
struct AbandonShare: CaseEventSink {
    var batches = BatchMeans()
    mutating func record(_ e: CaseEvent) {
        switch e.kind {
        case .called: batches.add(0)
        case .abandoned: batches.add(1)
        default: break
        }
    }
}

@Test func erlangAReducesToErlangCWhenNobodyGivesUp() {
    let a = QueueingTheory.erlangA(lambda: 9, mu: 1, c: 10, theta: 1e-9)
    #expect(abs(a.meanWaitOfServed - QueueingTheory.mmcMeanWait(lambda: 9, mu: 1, c: 10)) < 1e-4)
    #expect(a.abandonShare < 1e-6)
}

@Test(arguments: [(540.0, 10, 600.0), (660.0, 10, 300.0)])
func simulatedMMCPlusMAgreesWithErlangA(lambdaPerHour: Double, c: Int, meanPatience: Double) throws {
    var spec = mmc(lambdaPerHour: lambdaPerHour, meanService: 60, c: c, cases: 400_000)
    spec.behaviour = BehaviourSpec(patience: .exponential(mean: meanPatience))
    let network = HallNetwork(spec)
    let (_, sink) = HallRun.run(network, seed: 11, sink: Tee(KPIProjection(catalog: network.catalog), AbandonShare()))
    let theory = QueueingTheory.erlangA(lambda: lambdaPerHour / 3600, mu: 1.0 / 60, c: c, theta: 1 / meanPatience)
    let summary = Summary(projection: sink.first, wallSeconds: nil)
    let waitHalfWidth = try #require(summary.wait_s.mean_ci95)
    #expect(abs(summary.wait_s.mean - theory.meanWaitOfServed) <= waitHalfWidth,
            "mean wait of served \(summary.wait_s.mean) ± \(waitHalfWidth) vs Erlang A \(theory.meanWaitOfServed)")
    let share = sink.second.batches
    let shareHalfWidth = try #require(share.halfWidth95)
    #expect(abs(share.mean - theory.abandonShare) <= shareHalfWidth,
            "abandon share \(share.mean) ± \(shareHalfWidth) vs Erlang A \(theory.abandonShare)")
    #expect(summary.cases.abandoned > 0)
    #expect(summary.cases.completed + summary.cases.abandoned == summary.cases.arrived)
}

@Test func balkersNeverJoinAQueueAtTheirLimit() throws {
    var spec = mmc(lambdaPerHour: 700, meanService: 60, c: 10, cases: 20_000)
    spec.behaviour = BehaviourSpec(balkAt: 5)
    let network = HallNetwork(spec)
    let (_, buffer) = HallRun.run(network, seed: 3, sink: EventBuffer())
    var waiting = 0
    var balked = 0
    var maxWaiting = 0
    var submitted: UInt32?
    for e in buffer.events {
        switch e.kind {
        case .submitted: submitted = e.caseID
        case .ticketIssued:
            #expect(waiting < 5, "a ticket was issued with \(waiting) waiting")
            waiting += 1
        case .called: waiting -= 1
        case .abandoned:
            #expect(e.window == AbandonReason.balked.rawValue)
            #expect(e.caseID == submitted, "a balker leaves as they arrive")
            balked += 1
        default: break
        }
        maxWaiting = max(maxWaiting, waiting)
    }
    #expect(balked > 100)
    #expect(maxWaiting == 5)
}
