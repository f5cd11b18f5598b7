extension FuzzLog {
    static let segmentMagic: [UInt8] = [0x89, 0x48, 0x53, 0x4C, 0x4F, 0x47, 0x0D, 0x0A]
    static let events = Array("EVTS".utf8), end = Array("END!".utf8)

    /// `log` with what a forger would recompute (docs/event-log.md): the catalog hash and checksum
    /// of every segment header, every block's checksum, and the end block's digest. Everything
    /// else (lengths, event numbers, counts, records) is left as the mutation made it; the walk
    /// stops at the first block whose declared length runs past the end.
    public static func reseal(_ log: [UInt8]) -> [UInt8] {
        var b = log
        guard b.count >= 40 else { return b }
        var digested: [UInt8] = []
        var catalogHash: UInt64?
        var at = 40
        // The dictionary block: its payload is the catalog the headers' hash covers.
        var dictionaryLength: Int?
        if b.count >= 64 {
            let length = Int(u32(b, 44))
            if 64 + length <= b.count {
                let payload = Array(b[64 ..< 64 + length])
                catalogHash = XXH64.hash(payload)
                digested = payload
                dictionaryLength = length
                at = 64 + length
            } else {
                at = b.count
            }
        }
        sealSegmentHeader(&b, at: 0, catalogHash: catalogHash)
        // From format 4 on every block checksum is seeded with the run id, segment 0's header checksum.
        let version = UInt16(b[8]) | UInt16(b[9]) << 8
        let seed: UInt64 = version >= 4 ? (0 ..< 8).reduce(0) { $0 | UInt64(b[32 + $1]) << (8 * $1) } : 0
        if let dictionaryLength { sealBlock(&b, at: 40, length: dictionaryLength, seed: seed) }
        while at + 24 <= b.count {
            if at + 40 <= b.count, Array(b[at ..< at + 8]) == segmentMagic {
                sealSegmentHeader(&b, at: at, catalogHash: catalogHash)
                at += 40
                continue
            }
            let magic = Array(b[at ..< at + 4])
            let length = Int(u32(b, at + 4))
            guard at + 24 + length <= b.count else { break }
            if magic == events {
                digested += b[at + 24 ..< at + 24 + length]
            } else if magic == end, length == 24 {
                put(&b, at + 24 + 8, XXH64.hash(digested))
            }
            sealBlock(&b, at: at, length: length, seed: seed)
            at += 24 + length
        }
        return b
    }

    static func sealSegmentHeader(_ b: inout [UInt8], at: Int, catalogHash: UInt64?) {
        if let catalogHash { put(&b, at + 24, catalogHash) }
        put(&b, at + 32, XXH64.hash(Array(b[at ..< at + 32])))
    }

    static func sealBlock(_ b: inout [UInt8], at: Int, length: Int, seed: UInt64) {
        put(&b, at + 16, XXH64.hash(Array(b[at ..< at + 16] + b[at + 24 ..< at + 24 + length]), seed: seed))
    }

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0 ..< 4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * $1) }
    }

    static func put(_ b: inout [UInt8], _ at: Int, _ value: UInt64) {
        for i in 0 ..< 8 { b[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }
}
