/// The warm-up a run's figures leave out: given (`--warmup 1h`) or found by MSER-5 (`--warmup
/// auto`). `summary.json` writes it as `range.warmup`, finished-run lines as `warmup`.
public struct WarmupCut: Codable, Sendable, Equatable {
    /// `given` or `mser5`.
    public var method: String
    /// The cut: figures start this many seconds into the run.
    public var truncation_s: Double
    /// With `mser5`: the waits in order of arrival the rule looked at, the batches of five it
    /// formed, the batches it dropped, and whether the cut lies inside the first half of the series.
    public var series: Int?
    public var batches: Int?
    public var truncated_batches: Int?
    public var reliable: Bool?
    /// With `mser5` and replications: the replication whose series decided the cut.
    public var replication: Int?

    public init(method: String, truncation_s: Double, series: Int? = nil, batches: Int? = nil, truncated_batches: Int? = nil, reliable: Bool? = nil, replication: Int? = nil) {
        self.method = method
        self.truncation_s = truncation_s
        self.series = series
        self.batches = batches
        self.truncated_batches = truncated_batches
        self.reliable = reliable
        self.replication = replication
    }
}
