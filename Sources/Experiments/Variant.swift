public import HallModel

/// One version of a scenario in an experiment: its name (the file, with the overrides that
/// made it) and its compiled network.
public struct Variant: Sendable {
    public var name: String
    public var network: HallNetwork

    public init(name: String, network: HallNetwork) {
        self.name = name
        self.network = network
    }

    /// The labels of the random streams its arrival sources draw from (`hall/service`, or
    /// `hall/service/channel`): a source of one variant shares its random numbers with the
    /// source of the same label in another.
    public var streams: [String] { network.sources.map(\.label) }
}

/// Which arrival sources of two variants share their random numbers: sources are matched by
/// their stream labels, so a source without a partner (a hall or channel in one variant only)
/// draws numbers of its own, and the figures it feeds are not compared on common random numbers.
public struct StreamPartners: Sendable, Equatable {
    public var baselineOnly: [String]
    public var variantOnly: [String]

    public init(baseline: Variant, variant: Variant) {
        let a = Set(baseline.streams), b = Set(variant.streams)
        baselineOnly = baseline.streams.filter { !b.contains($0) }
        variantOnly = variant.streams.filter { !a.contains($0) }
    }

    /// Whether every source has a partner.
    public var complete: Bool { baselineOnly.isEmpty && variantOnly.isEmpty }
}

/// Runs every variant for the same replications on the same seeds (common random numbers).
public struct Experiment: Sendable {
    public var variants: [Variant]
    public var replications: Int
    /// The seed of replication 1; the others derive from it (``Replications/seed(_:of:)``).
    public var seed: UInt64

    public init(variants: [Variant], replications: Int, seed: UInt64) {
        precondition(!variants.isEmpty && replications >= 1, "an experiment needs a variant and a replication")
        self.variants = variants
        self.replications = replications
        self.seed = seed
    }

    /// The seeds of replications 1…``replications``.
    public var seeds: [UInt64] { (1 ... replications).map { Replications.seed($0, of: seed) } }

    /// Measures every variant in every replication, on up to `threads` threads; the result is
    /// indexed `[variant][replication]` and does not depend on the number of threads.
    public func run(
        threads: Int, measure: @escaping @Sendable (HallNetwork, UInt64) throws -> FigureSet
    ) throws -> [[FigureSet]] {
        try run(threads: threads) { _, network, seed in try measure(network, seed) }
    }

    /// ``run(threads:measure:)`` with the variant's index (from 0) given to `measure` too.
    public func run(
        threads: Int, measureVariant measure: @escaping @Sendable (Int, HallNetwork, UInt64) throws -> FigureSet
    ) throws -> [[FigureSet]] {
        let variants = variants, seeds = seeds, count = replications
        let flat = try Replications.run(variants.count * count, threads: threads) { i in
            let v = (i - 1) / count, r = (i - 1) % count
            return try measure(v, variants[v].network, seeds[r])
        }
        return (0 ..< variants.count).map { v in Array(flat[(v * count) ..< ((v + 1) * count)]) }
    }
}
