/// What opening a log verifies before any event: the first segment header and the
/// dictionary block, with the catalog they describe.
///
/// ``EventLogReader`` reads one when it opens a log; its ``EventBlockScanner`` then goes on unit
/// by unit from ``end``.
struct EventLogPrologue {
    /// Block and segment sizes.
    let layout: EventLogLayout
    /// The log's format version (one of ``EventLog/readableVersions``).
    let formatVersion: UInt16
    /// The catalog hash from the first segment header.
    let catalogHash: UInt64
    /// The seed of every block checksum: the run id (segment 0's header checksum) from format 4 on, 0 before.
    let checksumSeed: UInt64
    /// The catalog from the dictionary block.
    let catalog: Catalog
    /// The log digest's state after the dictionary.
    let digestState: XXHash64
    /// Where the dictionary block ends and the first event block starts.
    let end: Int64

    /// Reads and checks the first segment header and the dictionary of the open file `fd` of `size` bytes.
    /// - Throws: ``EventLogError`` if the file is not a log (or is empty), has an unsupported
    ///   version, ends inside its first header or dictionary, or these are corrupt.
    init(fd: Int32, size: Int64, path: String) throws(EventLogError) {
        func fail(_ reason: EventLogError.Reason, _ at: Int64, _ message: String) -> EventLogError {
            EventLogError(reason, path: path, segment: 0, offset: at, message)
        }
        // The first segment header.
        guard size > 0 else { throw EventLogError(.notALog, path: path, "not an event log: the file is empty") }
        let head = try POSIXFile.read(fd, count: EventLog.segmentHeaderSize, at: 0, path: path)
        let got = head.count
        guard head.withUnsafeBytes({ EventLog.startsWithSegmentMagic($0.baseAddress!, count: got) }) else {
            throw EventLogError(.notALog, path: path, offset: 0, "not an event log: the file does not start with the event-log magic")
        }
        guard got == EventLog.segmentHeaderSize else {
            throw fail(.truncatedPrologue, Int64(got), "the file ends inside the log's first header (\(got) of \(EventLog.segmentHeaderSize) bytes); no events can be recovered")
        }
        let header = head.withUnsafeBytes { EventLog.SegmentHeader($0.baseAddress!) }
        guard EventLog.readableVersions.contains(header.version) else {
            throw fail(.unsupportedVersion, 8, "format version \(header.version) is not supported (this build reads versions \(EventLog.readableVersions.lowerBound) to \(EventLog.readableVersions.upperBound))")
        }
        guard header.storedChecksum == header.computedChecksum else {
            throw fail(.corrupt, 0, "segment header checksum mismatch (stored \(EventLog.hex(header.storedChecksum)), computed \(EventLog.hex(header.computedChecksum)))")
        }
        guard header.headerSize == EventLog.segmentHeaderSize, header.segment == 0, header.layout.isValid else {
            throw fail(.corrupt, 0, "impossible first segment header (header size \(header.headerSize), segment \(header.segment), \(header.layout.recordsPerBlock) records per block, \(header.layout.blocksPerSegment) blocks per segment)")
        }
        layout = header.layout
        formatVersion = header.version
        catalogHash = header.catalogHash
        let seed = header.version >= EventLog.runBoundVersion ? header.storedChecksum : 0
        checksumSeed = seed

        // The dictionary block.
        let at = Int64(EventLog.segmentHeaderSize)
        let blockHead = try POSIXFile.read(fd, count: EventLog.blockHeaderSize, at: at, path: path)
        guard blockHead.count == EventLog.blockHeaderSize else {
            throw fail(.truncatedPrologue, at, "the file ends inside the dictionary block's header; no events can be recovered")
        }
        let dictHeader = blockHead.withUnsafeBytes { EventLog.BlockHeader($0.baseAddress!) }
        guard dictHeader.magic == EventLog.dictionaryMagic else {
            throw fail(.corrupt, at, "bad dictionary block magic \(EventLog.magicText(dictHeader.magic)) (expected \"DICT\")")
        }
        guard dictHeader.length <= EventLog.maxDictionarySize, dictHeader.firstEvent == 0 else {
            throw fail(.corrupt, at, "impossible dictionary block header (length \(dictHeader.length), first event \(dictHeader.firstEvent))")
        }
        let dictEnd = at + Int64(EventLog.blockHeaderSize + dictHeader.length)
        guard dictEnd <= size else {
            throw fail(.truncatedPrologue, at, "the file ends inside the dictionary block (\(size - at) of \(EventLog.blockHeaderSize + dictHeader.length) bytes); no events can be recovered")
        }
        let dictionary = try POSIXFile.read(fd, count: dictHeader.length, at: at + Int64(EventLog.blockHeaderSize), path: path)
        guard dictionary.count == dictHeader.length else {
            throw fail(.io, at, "the file shrank while it was being read")
        }
        let sum = blockHead.withUnsafeBytes { h in
            dictionary.withUnsafeBytes { d in EventLog.blockChecksum(header: h.baseAddress!, payload: d.baseAddress ?? h.baseAddress!, count: d.count, seed: seed) }
        }
        guard sum == dictHeader.checksum else {
            throw fail(.corrupt, at, "dictionary block checksum mismatch (stored \(EventLog.hex(dictHeader.checksum)), computed \(EventLog.hex(sum)))")
        }
        let dictHash = XXHash64.hash(dictionary)
        guard dictHash == header.catalogHash else {
            throw fail(.corrupt, at, "the dictionary does not match the catalog hash in the segment header")
        }
        do {
            catalog = try EventLogDictionary.decode(dictionary, version: header.version)
        } catch {
            throw fail(.corrupt, at, "malformed dictionary: \(error.message)")
        }
        var state = XXHash64()
        dictionary.withUnsafeBytes { state.update($0) }
        digestState = state

        end = dictEnd
    }
}
