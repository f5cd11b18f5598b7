extension EventLog {
    /// What a full check of a log found.
    public struct Verification: Sendable, Equatable {
        public var catalog: Catalog
        public var layout: EventLogLayout
        /// Events in the complete blocks.
        public var events: Int
        public var segments: Int
        /// The digest recomputed from the catalog and every complete block.
        public var digestValue: UInt64
        public var digest: String { EventLog.hex(digestValue) }
        /// The end block, for a finished log.
        public var footer: LogFooter?
        /// How an unfinished log ends, and what is lost.
        public var tail: TailReport?
        /// Whether the log is finished (it has its end block and nothing after it).
        public var isFinished: Bool { footer != nil }
    }

    /// Reads and checks every header and block of the log at `path`, without decoding events.
    /// - Throws: ``EventLogError`` for anything but a clean end or a torn tail (those are reported in the result).
    public static func verify(path: String) throws(EventLogError) -> Verification {
        var reader = try EventLogReader(path: path)
        try reader.skipToEnd()
        return Verification(
            catalog: reader.catalog, layout: reader.layout, events: reader.events, segments: reader.segments,
            digestValue: reader.digestValue, footer: reader.footer, tail: reader.tail
        )
    }

    /// Cuts a torn tail off the log at `path`: truncates the file to the end of its last
    /// complete block (and flushes it to disk). The log then reads cleanly to that
    /// point and remains unfinished (it has no end block).
    ///
    /// Only a torn tail is ever cut: corruption before the end of the data is an
    /// error and the file is left as it is.
    /// - Returns: the tail that was cut, or `nil` if there was nothing to cut (a finished
    ///   log, or one that ends cleanly after a complete block).
    @discardableResult
    public static func truncateTornTail(path: String) throws(EventLogError) -> TailReport? {
        let check = try verify(path: path)
        guard let tail = check.tail, tail.isTorn else { return nil }
        try POSIXFile.truncate(path, to: tail.validLength)
        return tail
    }

    /// A damaged stretch of a log found by ``survey(path:)``.
    public struct Damage: Sendable, Equatable {
        /// The first problem in the stretch (segment and byte offset included).
        public var error: EventLogError
        /// The first event that could not be read.
        public var firstLostEvent: Int
        /// The segment header where reading resumed; `nil` if no segment starts after the damage.
        public var resumedAtOffset: Int64?
        /// The event reading resumed at (the first event of that segment).
        public var resumedAtEvent: Int?
    }

    /// What ``survey(path:)`` found: every damaged stretch, not just the first.
    public struct Survey: Sendable, Equatable {
        public var catalog: Catalog
        public var layout: EventLogLayout
        /// Events in blocks that passed every check.
        public var readableEvents: Int
        /// Damaged stretches, in file order.
        public var damage: [Damage]
        /// The end block, if it was reached and is intact. After damage its digest is
        /// the one stored by the writer (it cannot be recomputed).
        public var footer: LogFooter?
        /// How the log ends, if not with an intact end block.
        public var tail: TailReport?
        /// Whether nothing is damaged and the log is finished.
        public var isIntact: Bool { damage.isEmpty && footer != nil }
    }

    /// Checks the whole log at `path` and, past each corruption, resynchronises at the
    /// next segment header (segment headers sit at fixed offsets, since every event
    /// block but the last is full), so one bad block costs at most the rest of its segment.
    /// - Throws: ``EventLogError`` only if the log cannot be opened (not a log, or its
    ///   first header or dictionary is damaged).
    public static func survey(path: String) throws(EventLogError) -> Survey {
        var reader = try EventLogReader(path: path)
        var damage: [Damage] = []
        var readable = 0
        var lastResume: Int64?
        while true {
            var blocksRead = 0
            do throws(EventLogError) {
                reader.cursor = reader.blockEnd
                while try reader.loadBlock() {
                    blocksRead += 1
                    readable += Int((reader.blockEnd - reader.cursor) / recordSize)
                    reader.cursor = reader.blockEnd
                }
                break
            } catch {
                guard error.reason == .corrupt || error.reason == .unknownRecord, let at = error.offset else { throw error }
                let firstLost = reader.events
                let resume = reader.resynchronise(after: at)
                if let lastResume, at == lastResume, blocksRead == 0, !damage.isEmpty {
                    // No readable segment header where we resynchronised: the same stretch goes on.
                    damage[damage.count - 1].resumedAtOffset = resume?.offset
                    damage[damage.count - 1].resumedAtEvent = resume?.event
                } else {
                    damage.append(Damage(error: error, firstLostEvent: firstLost, resumedAtOffset: resume?.offset, resumedAtEvent: resume?.event))
                }
                guard let resume else { break }
                lastResume = resume.offset
            }
        }
        return Survey(
            catalog: reader.catalog, layout: reader.layout, readableEvents: readable, damage: damage,
            footer: reader.footer, tail: reader.tail
        )
    }
}
