extension EventLog {
    /// One digest for several logs (the replications of a run): XXH64 over their digests' hex text, in order.
    public static func combinedDigest(_ digests: [String]) -> String {
        hex(XXHash64.hash(Array(digests.joined(separator: "\n").utf8)))
    }
}
