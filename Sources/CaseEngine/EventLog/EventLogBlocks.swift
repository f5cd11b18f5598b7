/// Building and checking the fixed headers shared by writer and reader.
extension EventLog {
    /// Fills a 40-byte segment header at `p`, checksum included.
    static func writeSegmentHeader(into p: UnsafeMutableRawPointer, segment: Int, layout: EventLogLayout, catalogHash: UInt64, version: UInt16 = formatVersion) {
        p.copyMemory(from: segmentMagic, byteCount: 8)
        p.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt16.self)
        p.storeBytes(of: UInt16(segmentHeaderSize).littleEndian, toByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: UInt32(segment).littleEndian, toByteOffset: 12, as: UInt32.self)
        p.storeBytes(of: UInt32(layout.recordsPerBlock).littleEndian, toByteOffset: 16, as: UInt32.self)
        p.storeBytes(of: UInt32(layout.blocksPerSegment).littleEndian, toByteOffset: 20, as: UInt32.self)
        p.storeBytes(of: catalogHash.littleEndian, toByteOffset: 24, as: UInt64.self)
        let sum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
        p.storeBytes(of: sum.littleEndian, toByteOffset: 32, as: UInt64.self)
    }

    /// The fields of a segment header.
    struct SegmentHeader {
        var version: UInt16
        var headerSize: UInt16
        var segment: Int
        var layout: EventLogLayout
        var catalogHash: UInt64
        var storedChecksum: UInt64
        var computedChecksum: UInt64

        init(_ p: UnsafeRawPointer) {
            version = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
            headerSize = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 10, as: UInt16.self))
            segment = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            layout = EventLogLayout(
                recordsPerBlock: Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))),
                blocksPerSegment: Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
            )
            catalogHash = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            storedChecksum = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
            computedChecksum = XXHash64.hash(UnsafeRawBufferPointer(start: p, count: 32))
        }
    }

    /// Whether the bytes at `p` start with (as much as `count` allows of) the segment magic.
    static func startsWithSegmentMagic(_ p: UnsafeRawPointer, count: Int) -> Bool {
        for i in 0..<min(count, 8) where p.load(fromByteOffset: i, as: UInt8.self) != segmentMagic[i] {
            return false
        }
        return true
    }

    /// The checksum of a block: XXH64 over its first 16 header bytes followed by its payload, seeded
    /// with the run id (format 4: segment 0's header checksum; 0 before), so a block of another run fails it.
    static func blockChecksum(header: UnsafeRawPointer, payload: UnsafeRawPointer, count: Int, seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed)
        h.update(UnsafeRawBufferPointer(start: header, count: 16))
        h.update(UnsafeRawBufferPointer(start: payload, count: count))
        return h.finalize()
    }

    /// Fills the 24-byte header of a block whose payload of `count` bytes follows it at `p + 24`.
    static func sealBlock(_ p: UnsafeMutableRawPointer, magic: UInt32, count: Int, firstEvent: Int, seed: UInt64 = 0) {
        p.storeBytes(of: magic.littleEndian, toByteOffset: 0, as: UInt32.self)
        p.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 4, as: UInt32.self)
        p.storeBytes(of: UInt64(firstEvent).littleEndian, toByteOffset: 8, as: UInt64.self)
        let sum = blockChecksum(header: p, payload: p + blockHeaderSize, count: count, seed: seed)
        p.storeBytes(of: sum.littleEndian, toByteOffset: 16, as: UInt64.self)
    }

    /// The fields of a block header.
    struct BlockHeader {
        var magic: UInt32
        var length: Int
        var firstEvent: UInt64
        var checksum: UInt64

        init(_ p: UnsafeRawPointer) {
            magic = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            length = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            firstEvent = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            checksum = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        }
    }

    static func magicText(_ magic: UInt32) -> String {
        let bytes = withUnsafeBytes(of: magic.littleEndian) { Array($0) }
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) { return "\"" + String(decoding: bytes, as: UTF8.self) + "\"" }
        return "0x" + bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }
}
