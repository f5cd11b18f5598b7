import ArgumentParser
import CaseEngine
import Foundation
import HallModel
import SimCore

extension HallSim {
    /// `hallsim bench`: quick throughput figures of the kernel and the case engine on this machine.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the kernel's and the case engine's throughput on the reference M/M/c model.",
            discussion: """
                The model is scenarios/mmc.yaml (c = 10, 540 arrivals/h, mean service 60 s). Figures are \
                wall-clock medians of --repeat runs in this process; compare them only on the same machine.
                """
        )

        @Option(help: "Cases per measurement.")
        var cases = 1_000_000

        @Option(help: "Runs per measurement; the median is reported.")
        var `repeat` = 3

        @Flag(help: "Print the figures as JSON.")
        var json = false

        struct Figure: Codable {
            var name: String
            var what: String
            var events: Int
            var seconds: Double
            var events_per_s: Double
            var bytes_per_event: Double?
        }

        func validate() throws {
            guard cases > 0, cases <= Int(UInt32.max) else { throw ValidationError("--cases must be in 1...\(UInt32.max)") }
            guard `repeat` > 0 else { throw ValidationError("--repeat must be positive") }
        }

        func run() throws {
            let spec = ScenarioSpec(
                name: "mmc", seed: 1, stop: StopRule(cases: cases),
                services: [ServiceSpec(id: "generic", serviceTime: .exponential(mean: 60))],
                halls: [HallSpec(id: "hall", tier: .city, windows: [WindowGroupSpec(id: "w", count: 10, serves: ["generic"])])],
                demand: [DemandSpec(service: "generic", hall: "hall", arrivals: .poisson(perSecond: 540.0 / 3600))]
            )
            let network = HallNetwork(spec)
            let catalog = network.catalog
            var figures: [Figure] = []

            let kernel = median { () -> (Int, Double) in
                let (outcome, _) = HallRun.run(network, seed: 1, sink: KPIProjection(catalog: catalog))
                return (outcome.kernelEvents, outcome.wallSeconds)
            }
            figures.append(Figure(name: "kernel.mmc", what: "simulate with all KPIs, no log (kernel events)", events: kernel.0, seconds: kernel.1, events_per_s: Double(kernel.0) / kernel.1))

            let (_, captured) = HallRun.run(network, seed: 1, sink: EventBuffer(capacity: 4 * cases + 1))
            let events = captured.events
            let commands = events.compactMap(Self.command)

            let fold = median { () -> (Int, Double) in
                var book = CaseBook()
                var sink = Tee(KPIProjection(catalog: catalog), try! EventLogWriter(path: "/dev/null", catalog: catalog, sync: false))
                let started = ContinuousClock.now
                for (command, time) in commands {
                    sink.record(try! book.handle(command, at: time))
                }
                _ = try! sink.second.finish()
                return (commands.count, Self.seconds(since: started))
            }
            figures.append(Figure(name: "engine.append_fold", what: "validate commands, append (encode, checksum, digest), fold KPIs; no disk", events: fold.0, seconds: fold.1, events_per_s: Double(fold.0) / fold.1))

            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-bench-\(getpid()).log").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var bytes = 0.0
            let write = median { () -> (Int, Double) in
                let started = ContinuousClock.now
                let writer = try! EventLogWriter(path: path, catalog: catalog, sync: true)
                for e in events { writer.record(e) }
                let footer = try! writer.finish()
                bytes = Double(footer.bytes)
                return (footer.events, Self.seconds(since: started))
            }
            figures.append(Figure(name: "log.write", what: "write the log to disk, fsync included", events: write.0, seconds: write.1, events_per_s: Double(write.0) / write.1, bytes_per_event: bytes / Double(write.0)))

            let replay = median { () -> (Int, Double) in
                let result = try! LogReplay.replay(path: path)
                return (result.events, result.wallSeconds)
            }
            figures.append(Figure(name: "log.replay", what: "read, verify and fold KPIs and case states", events: replay.0, seconds: replay.1, events_per_s: Double(replay.0) / replay.1))

            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(figures) + Data("\n".utf8))
            } else {
                print("hallsim bench · M/M/c, \(cases) cases · median of \(`repeat`) · \(Allocator.name)")
                for f in figures {
                    let rate = String(format: "%8.2f M events/s", f.events_per_s / 1e6)
                    let size = f.bytes_per_event.map { String(format: " · %.1f bytes/event", $0) } ?? ""
                    print("\(f.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(rate)  \(f.what)\(size)")
                }
            }
        }

        /// The median by time of `repeat` runs of `body`, which returns (events, seconds).
        func median(_ body: () -> (Int, Double)) -> (Int, Double) {
            let runs = (0 ..< `repeat`).map { _ in body() }.sorted { $0.1 < $1.1 }
            return runs[runs.count / 2]
        }

        static func seconds(since start: ContinuousClock.Instant) -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        /// The command that produces a walk-in event of the simulator, with its time.
        static func command(for e: CaseEvent) -> (CaseCommand, SimTime)? {
            switch e.kind {
            case .submitted: (.submit(service: e.service, hall: e.hall, channel: e.channel), e.time)
            case .ticketIssued: (.issueTicket(case: e.caseID, group: e.group), e.time)
            case .called: (.call(case: e.caseID, window: e.window), e.time)
            case .serviceCompleted: (.completeService(case: e.caseID), e.time)
            default: nil
            }
        }
    }
}
