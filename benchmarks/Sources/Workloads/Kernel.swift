import SimCore

/// The event queue alone: fill it with `size` events at random times, drain it, repeat.
///
/// One "event" is one push and one pop. The queue keeps its buffer between rounds, so a
/// round allocates nothing.
public final class QueueFillDrain: Workload {
    public let size: Int
    public let rounds: Int
    public let slices: Int
    var queue: EventQueue<UInt32>
    let times: [SimTime]

    /// `size` pending events at most, about `events` events per run, in `slices` slices.
    public init(size: Int, events: Int, slices: Int) {
        self.size = size
        rounds = Swift.max(1, events / size)
        self.slices = Swift.min(slices, rounds)
        queue = EventQueue(capacity: size)
        var rng = RandomStream(seed: 42)
        times = (0 ..< size).map { _ in SimTime(ticks: Int64(rng.next() >> 24)) }
    }

    public func run() -> Work { Work(events: fillAndDrain(rounds: rounds)) }

    public func slice(_ index: Int) -> Work {
        Work(events: fillAndDrain(rounds: sliceRange(index, of: slices, total: rounds).count))
    }

    @inline(never)
    func fillAndDrain(rounds: Int) -> Int {
        var checksum: UInt64 = 0
        let size = self.size
        times.withUnsafeBufferPointer { times in
            for _ in 0 ..< rounds {
                for i in 0 ..< size {
                    queue.push(UInt32(truncatingIfNeeded: i), at: times[i])
                }
                while let entry = queue.pop() {
                    checksum &+= UInt64(entry.event) ^ entry.sequence
                }
            }
        }
        Sink.keep(checksum)
        return size * rounds
    }
}

/// The classic hold model through the whole kernel (``Simulation``, ``Scheduler``,
/// ``EventQueue``): `size` events pending; handling one schedules the next after an
/// exponential delay, so the queue stays at `size`.
public final class HoldModel: Workload {
    struct Handler: EventHandler {
        var rng = RandomStream(seed: 7)
        var meanDelay: Double

        mutating func handle(_ event: UInt32, scheduler: inout Scheduler<UInt32>) {
            scheduler.schedule(event, after: .seconds(Distribution.exponential(mean: meanDelay, &rng)))
        }
    }

    public let size: Int
    public let events: Int
    public let slices: Int
    var simulation: Simulation<Handler>

    public init(size: Int, events: Int, slices: Int) {
        self.size = size
        self.events = events
        self.slices = slices
        simulation = Simulation(handler: Handler(meanDelay: Double(size)), capacity: size)
        var rng = RandomStream(seed: 11)
        for i in 0 ..< size {
            simulation.scheduler.schedule(UInt32(i), at: .seconds(Distribution.exponential(mean: Double(size), &rng)))
        }
        // Reach the steady state before anything is measured.
        for _ in 0 ..< 4 * size { simulation.step() }
    }

    public func run() -> Work { Work(events: steps(events)) }

    public func slice(_ index: Int) -> Work {
        Work(events: steps(sliceRange(index, of: slices, total: events).count))
    }

    @inline(never)
    func steps(_ n: Int) -> Int {
        for _ in 0 ..< n { simulation.step() }
        Sink.keep(UInt64(simulation.now.ticks))
        return n
    }
}
