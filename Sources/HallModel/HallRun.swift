public import CaseEngine
public import SimCore

/// Runs a compiled network to its stop rule.
public enum HallRun {
    /// What `hallsim run` folds as a run goes: every KPI (over the figures' span) and the daily
    /// series (over the whole run). The benchmarks' and the instruction gate's runs fold it too.
    public typealias Figures = Tee<KPIProjection, DailySeries>

    /// The sink `hallsim run` folds for `network` (see ``Figures``): KPIs sliced by `slices` over
    /// `window`, and a daily series with room for the days of the network's horizon.
    public static func figures(_ network: HallNetwork, slices: KPISlices = .byDayType, window: KPIWindow = .whole) -> Figures {
        let days = network.stop.horizon.map { Int(($0.ticks + ServiceCalendar.dayTicks - 1) / ServiceCalendar.dayTicks) } ?? 1
        return Tee(KPIProjection(catalog: network.catalog, slices: slices, window: window), DailySeries(catalog: network.catalog, expectedDays: days))
    }

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
    /// Specialised for every sink the command line and the benchmarks pass: a sink without its
    /// specialisation runs the generic floor, which looks up type metadata on every event (about
    /// four times the instructions per case).
    @_specialize(exported: true, where Sink == KPIProjection)
    @_specialize(exported: true, where Sink == Tee<KPIProjection, DailySeries>)
    @_specialize(exported: true, where Sink == Tee<Tee<KPIProjection, DailySeries>, EventLogWriter>)
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

extension HallRun {
    /// Where a run stands, for a progress line: reported at simulated day boundaries.
    public struct Progress: Sendable {
        /// Simulated time reached.
        public var now: SimTime
        /// The run's horizon, when it has one.
        public var horizon: SimTime?
        /// Cases arrived so far, and the case limit when the run has one.
        public var cases: Int
        public var caseLimit: Int?
        /// Kernel events handled so far.
        public var events: Int
        /// Wall-clock seconds since the run started.
        public var wallSeconds: Double

        /// The share of the run done: by simulated time, or by cases without a horizon.
        public var done: Double {
            if let horizon, horizon.ticks > 0 { return min(1, Double(now.ticks) / Double(horizon.ticks)) }
            if let caseLimit, caseLimit > 0 { return min(1, Double(cases) / Double(caseLimit)) }
            return 0
        }
    }

    /// Like ``run(_:seed:sink:)``, but runs a simulated day at a time and calls `report` between
    /// days — never between events, so the per-event loop is the same specialised loop.
    /// The events handled, and so every figure and the log, are those of ``run(_:seed:sink:)``.
    @_specialize(exported: true, where Sink == KPIProjection)
    @_specialize(exported: true, where Sink == Tee<KPIProjection, DailySeries>)
    @_specialize(exported: true, where Sink == Tee<Tee<KPIProjection, DailySeries>, EventLogWriter>)
    @_specialize(exported: true, where Sink == Tee<KPIProjection, EventLogWriter>)
    public static func run<Sink: CaseEventSink>(
        _ network: HallNetwork, seed: UInt64, sink: Sink, report: (Progress) -> Void
    ) -> (Outcome, Sink) {
        var simulation = Simulation(handler: HallFloor(network: network, seed: seed, sink: sink), capacity: network.windowCount + network.sources.count + 16)
        simulation.handler.start(&simulation.scheduler)
        let clock = ContinuousClock()
        let started = clock.now
        let horizon = network.stop.horizon ?? .never
        let day = SimTime(ticks: ServiceCalendar.dayTicks)
        var boundary = SimTime(ticks: 0)
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        while true {
            boundary = SimTime(ticks: min(horizon.ticks, boundary.ticks + day.ticks))
            simulation.run(until: boundary, advancing: boundary >= horizon)
            if simulation.scheduler.isStopRequested || boundary >= horizon || simulation.scheduler.pendingCount == 0 { break }
            report(Progress(
                now: simulation.now, horizon: network.stop.horizon, cases: simulation.handler.arrived, caseLimit: network.stop.cases,
                events: simulation.eventsHandled, wallSeconds: seconds(clock.now - started)
            ))
        }
        let elapsed = clock.now - started
        let end = simulation.now
        simulation.handler.sink.record(CaseEvent(.runEnded, at: end, value: Int64(simulation.eventsHandled)))
        return (Outcome(kernelEvents: simulation.eventsHandled, wallSeconds: seconds(elapsed), end: end), simulation.handler.sink)
    }
}
