import CaseEngine
import HallModel
import SimCore
import Testing

@Test(arguments: [UInt64(1), 2, 3])
func everyEventTheSimulatorEmitsFitsTheCaseLifecycle(seed: UInt64) throws {
    var spec = mmc(lambdaPerHour: 560, meanService: 60, c: 10, cases: 30_000, seed: seed)
    spec.stop = StopRule(horizon: .hours(40))
    let network = HallNetwork(spec)
    let (_, sink) = HallRun.run(network, seed: seed, sink: Tee(KPIProjection(catalog: network.catalog), CaseStates()))
    #expect(sink.second.misfit == nil, "\(String(describing: sink.second.misfit))")
    #expect(sink.second.book.openCount == sink.first.inSystem)
    #expect(sink.first.inSystem > 0)
    #expect(sink.first.kernelEvents > 0)
}
