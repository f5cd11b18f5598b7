public import CaseEngine
public import SimCore

/// Runs a compiled network to its stop rule.
public enum HallRun {
    /// What the kernel did in a run.
    public struct Outcome: Sendable {
        /// Events the kernel handled (arrivals, service ends, staffing changes …).
        public var kernelEvents: Int
        /// Wall-clock seconds spent in the run loop.
        public var wallSeconds: Double
        /// Simulated time at the end.
        public var end: SimTime
    }

    /// Simulates `network` with streams seeded by `seed`, reporting every case event to `sink`,
    /// and closes the run with a `.runEnded` event.
    /// - Returns: the kernel's figures and the sink, holding what it was sent.
    @_specialize(exported: true, where Sink == KPIProjection)
    @_specialize(exported: true, where Sink == Tee<KPIProjection, EventLogWriter>)
    @_specialize(exported: true, where Sink == EventBuffer)
    @_specialize(exported: true, where Sink == SlotWaits)
    public static func run<Sink: CaseEventSink>(_ network: HallNetwork, seed: UInt64, sink: Sink) -> (Outcome, Sink) {
        var simulation = Simulation(handler: HallFloor(network: network, seed: seed, sink: sink), capacity: network.windowCount + network.sources.count + 16)
        simulation.handler.start(&simulation.scheduler)
        let clock = ContinuousClock()
        let started = clock.now
        simulation.run(until: network.stop.horizon ?? .never)
        let elapsed = clock.now - started
        let end = simulation.now
        simulation.handler.sink.record(CaseEvent(.runEnded, at: end, value: Int64(simulation.eventsHandled)))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (Outcome(kernelEvents: simulation.eventsHandled, wallSeconds: seconds, end: end), simulation.handler.sink)
    }
}
