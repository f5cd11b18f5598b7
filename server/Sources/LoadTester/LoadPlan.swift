public import CaseEngine
import Foundation
public import HallModel
import HallSimServer
import SimCore

/// Every command of a load, in the order of the simulated run's event stream, with the wall-clock
/// offset it is due at and the connection that carries it. Held in flat arrays (the bodies in
/// one byte buffer), so that the senders touch no per-command object.
public struct LoadPlan: Sendable {
    /// The catalog of the simulated network (what the commands' ids refer to).
    public let catalog: Catalog
    /// Each command's JSON object, one after another; command `i` is `bytes[start[i] ..< start[i + 1]]`.
    public private(set) var bytes: [UInt8] = []
    public private(set) var start: [Int] = [0]
    /// When each command is due, in microseconds from the load's start.
    public private(set) var due: [Int64] = []
    /// Each command's kind (an index of ``CaseEvent/Kind/allCases``).
    public private(set) var kind: [UInt8] = []
    /// Each command's simulated time, in ticks.
    public private(set) var simulated: [Int64] = []
    /// The commands each connection sends, in stream order.
    public private(set) var lanes: [[Int32]]

    /// The number of commands.
    public var count: Int { due.count }

    /// The command names, by kind index.
    public static let kindNames: [String] = CaseEvent.Kind.allCases.map { CaseCommand.name(of: $0) }

    /// The commands of `events` (a run's stream), due on `schedule`, spread over `connections`
    /// by case id (a case's commands all on one connection, so its order holds; the floor's own
    /// facts on the first). With `sequence`, each carries `seq`: its position in the stream.
    public init(events: [CaseEvent], catalog: Catalog, schedule: Schedule, connections: Int, sequence: Bool) {
        self.catalog = catalog
        lanes = Array(repeating: [], count: connections)
        let kinds = Dictionary(uniqueKeysWithValues: CaseEvent.Kind.allCases.enumerated().map { ($1, UInt8($0)) })
        due.reserveCapacity(events.count)
        start.reserveCapacity(events.count + 1)
        for (i, event) in events.enumerated() {
            let command = ServedCommand(replaying: event)
            var json = command.json(catalog)
            if sequence { json = String(json.dropLast()) + ",\"seq\":\(i)}" }
            bytes.append(contentsOf: json.utf8)
            start.append(bytes.count)
            due.append(schedule.wallMicroseconds(event.time.ticks))
            kind.append(kinds[event.kind] ?? 0)
            simulated.append(event.time.ticks)
            let lane = command.caseID.map { Int($0) % connections } ?? 0
            lanes[lane].append(Int32(i))
        }
    }

    /// Simulates `network` with `seed` and returns its event stream, `.runEnded` last: the
    /// stream `hallsim run` folds for the same scenario, seed and horizon.
    public static func simulate(_ network: HallNetwork, seed: UInt64) -> [CaseEvent] {
        var network = network
        network.catalog.seed = seed
        let (_, buffer) = HallRun.run(network, seed: seed, sink: EventBuffer())
        return buffer.events
    }
}

/// How simulated time maps to wall-clock time: one speed-up throughout, or (`--max`) a warm-up
/// at the first speed-up followed by a ramp of stages, each a fixed wall-clock length at a higher
/// speed-up than the one before.
public struct Schedule: Sendable, Equatable {
    /// The simulated time the load's wall clock starts at, in ticks.
    public var origin: Int64
    /// The speed-up of each stage (one stage: the whole load at one speed).
    public var speeds: [Double]
    /// The wall-clock length of each stage but the last, in microseconds.
    public var stageMicroseconds: Int64
    /// The wall-clock length of the warm-up before the first stage, at the first stage's speed-up
    /// (`--max`: sent, not judged), in microseconds.
    public var warmupMicroseconds: Int64 = 0

    /// The whole load at `speed`, from simulated time `origin`.
    public static func constant(_ speed: Double, from origin: Int64 = 0) -> Schedule {
        Schedule(origin: origin, speeds: [speed], stageMicroseconds: .max)
    }

    /// A warm-up of `warmupSeconds` at `speed`, then a ramp from `speed`, multiplied by `factor`
    /// every `stageSeconds` of wall-clock time, `stages` long.
    public static func ramp(from speed: Double, factor: Double, stageSeconds: Double, stages: Int, origin: Int64, warmupSeconds: Double = 0) -> Schedule {
        Schedule(origin: origin, speeds: (0..<stages).map { speed * pow(factor, Double($0)) }, stageMicroseconds: Int64(stageSeconds * 1e6),
                 warmupMicroseconds: Int64(warmupSeconds * 1e6))
    }

    /// The simulated span the schedule covers (ticks after `origin`), when it has several stages.
    public var simulatedSpan: Int64? {
        guard speeds.count > 1 || warmupMicroseconds > 0 else { return nil }
        return speeds.reduce(Int64(Double(warmupMicroseconds) * speeds[0])) { $0 + Int64(Double(stageMicroseconds) * $1) }
    }

    /// The wall-clock offset (µs from the load's start) of simulated time `ticks`.
    public func wallMicroseconds(_ ticks: Int64) -> Int64 {
        var left = Double(max(0, ticks - origin))
        var wall: Int64 = 0
        let warmup = Double(warmupMicroseconds) * speeds[0]
        if warmupMicroseconds > 0 {
            if left < warmup { return Int64((left / speeds[0]).rounded()) }
            left -= warmup
            wall = warmupMicroseconds
        }
        for (i, speed) in speeds.enumerated() {
            let span = Double(stageMicroseconds) * speed
            if i == speeds.count - 1 || left < span { return wall + Int64((left / speed).rounded()) }
            left -= span
            wall += stageMicroseconds
        }
        return wall
    }
}
