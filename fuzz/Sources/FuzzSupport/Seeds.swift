import CaseEngine
import Foundation
import HallModel
import Scenarios

/// The log target's seed corpus, generated rather than committed: small logs of the seed scenarios.
public enum FuzzSeeds {
    /// Writes, for each scenario file, a finished log of its first `events` kernel events with
    /// 16 records per block and 2 blocks per segment (so a few kilobytes hold several blocks and
    /// segments); for the first file also the same log unfinished (no end block) and torn (cut
    /// inside its last block). Checks that resealing each finished log leaves it unchanged.
    /// - Returns: the files written.
    public static func writeLogs(into folder: String, scenarios: [String], events: Int = 60) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (n, file) in scenarios.sorted().enumerated() {
            let spec = try ScenarioLoader.load(path: file)
            var network = HallNetwork(FuzzSimulation.capped(spec))
            network.catalog.seed = spec.seed
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let path = "\(folder)/\(name).log"
            let writer = try EventLogWriter(path: path, catalog: network.catalog, layout: EventLogLayout(recordsPerBlock: 16, blocksPerSegment: 2), sync: false)
            _ = FuzzSimulation.run(network, seed: spec.seed, sink: writer, maxEvents: events)
            _ = try writer.finish()
            let log = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard FuzzLog.reseal(log) == log else { throw SeedError("resealing \(path) changed it: the harness's idea of the format is out of date") }
            written.append(path)
            if n == 0 {
                // The end block is 48 bytes; without it the log is unfinished, and cut 20 bytes into the last event block it is torn.
                for (suffix, cut) in [("unfinished", 48), ("torn", 68)] where log.count > cut + 64 {
                    let variant = "\(folder)/\(name)-\(suffix).log"
                    try Data(log.dropLast(cut)).write(to: URL(fileURLWithPath: variant))
                    written.append(variant)
                }
            }
        }
        return written
    }

    struct SeedError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
