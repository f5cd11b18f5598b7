import Foundation
import Workloads

/// The command line of `mmc-glibc` and `mmc-jemalloc`: runs the M/M/c model (or, with
/// `--network-month`, the reference network for 31 days), one replication per thread
/// (seeds 1, 2, …), and prints one JSON line of figures.
///
///     mmc-glibc [--cases N] [--threads K] [--network-month]
public enum ReplicaTool {
    public static func main(allocator: String) {
        var cases: Int?
        var threads = 1
        var networkMonth = false
        var args = CommandLine.arguments.dropFirst()
        while let arg = args.popFirst() {
            switch arg {
            case "--cases": cases = args.popFirst().flatMap { Int($0) }
            case "--threads": threads = args.popFirst().flatMap { Int($0) } ?? 1
            case "--network-month": networkMonth = true
            default:
                FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) [--cases N] [--threads K] [--network-month]\n".utf8))
                exit(2)
            }
        }
        let network = networkMonth ? MMC.referenceNetwork(days: 31) : MMC.network(cases: cases)
        let (outcomes, wall) = MMC.runParallel(network, seeds: (1 ... UInt64(max(1, threads))).map { $0 })
        let total = outcomes.reduce(0) { $0 + $1.cases }
        let events = outcomes.reduce(0) { $0 + $1.events }
        let figures: [String: Any] = [
            "allocator": allocator, "replications": outcomes.count, "cases": total, "events": events,
            "wall_s": wall, "cases_per_s": Double(total) / wall, "events_per_s": Double(events) / wall,
            "mean_wait_s": outcomes[0].meanWaitSeconds,
        ]
        let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
