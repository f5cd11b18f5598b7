/// Rebuilds every projection of a run from its event log alone, without simulating.
public enum LogReplay {
    /// What a replay rebuilt and how fast.
    public struct Result {
        public var kpis: KPIProjection
        public var cases: CaseStates
        /// Events read (all of them, the end marker included).
        public var events: Int
        /// The digest of what was read, which equals the digest the writer recorded.
        public var digest: String
        /// Wall-clock seconds spent reading and folding.
        public var wallSeconds: Double
        /// What was lost when the log ends in a torn tail (`nil` for a finished log).
        public var tail: TailReport?
    }

    /// Reads the log at `path`, verifying every block, and folds every event into fresh projections.
    /// - Throws: ``EventLogError`` naming the segment and offset of any corruption.
    public static func replay(path: String) throws(EventLogError) -> Result {
        var reader = try EventLogReader(path: path)
        var sink = Tee(KPIProjection(catalog: reader.catalog), CaseStates())
        let clock = ContinuousClock()
        let started = clock.now
        let events = try reader.replay(into: &sink)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Result(kpis: sink.first, cases: sink.second, events: events, digest: reader.digest, wallSeconds: seconds, tail: reader.tail)
    }
}
