public import CaseEngine
public import HallModel
public import SimCore

/// A short, bounded run of a compiled network: `HallRun.run` with a cap on the kernel's events.
public enum FuzzSimulation {
    /// The most kernel events one input may run.
    public static let maxEvents = 5_000
    /// The longest simulated time one input may cover.
    public static let maxHorizon = SimTime.days(31)

    /// `spec` with its horizon cut to ``maxHorizon`` (as `hallsim run --horizon 31d` would cut it).
    public static func capped(_ spec: ScenarioSpec) -> ScenarioSpec {
        var spec = spec
        if let horizon = spec.stop.horizon, horizon <= maxHorizon { return spec }
        spec.stop.horizon = maxHorizon
        return spec
    }

    /// Simulates `network` as `HallRun.run` does, stopping after `maxEvents` kernel events,
    /// and closes the run with a `.runEnded` event.
    /// - Returns: the sink, holding what it was sent.
    public static func run<Sink: CaseEventSink>(_ network: HallNetwork, seed: UInt64, sink: Sink, maxEvents: Int = maxEvents) -> Sink {
        var simulation = Simulation(
            handler: Capped(floor: HallFloor(network: network, seed: seed, sink: sink), left: maxEvents),
            capacity: network.windowCount + network.sources.count + 16)
        simulation.handler.floor.start(&simulation.scheduler)
        simulation.run(until: network.stop.horizon ?? .never)
        let end = simulation.now
        simulation.handler.floor.sink.record(CaseEvent(.runEnded, at: end, value: Int64(simulation.eventsHandled)))
        return simulation.handler.floor.sink
    }

    /// The hall floor, stopped by the scheduler once it has handled its share of events (as the
    /// floor, it cannot be copied).
    struct Capped<Sink: CaseEventSink>: EventHandler, ~Copyable {
        var floor: HallFloor<Sink>
        var left: Int

        mutating func handle(_ event: HallEvent, scheduler: inout Scheduler<HallEvent>) {
            floor.handle(event, scheduler: &scheduler)
            left -= 1
            if left <= 0 { scheduler.stop() }
        }
    }
}
