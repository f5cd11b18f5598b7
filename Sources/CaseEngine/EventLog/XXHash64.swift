/// XXH64 (Yann Collet's xxHash, 64-bit variant), one-shot and streaming.
///
/// The event log uses it twice: as the checksum of every block and as the log's
/// digest (a hash of the catalog and all records, in order). Written by hand so the
/// engine has no native dependency; the bulk loop consumes 32-byte stripes with
/// four independent lanes, so it runs at several GB/s in a release build.
/// Output matches the reference implementation (see the test vectors in the tests).
struct XXHash64: Sendable {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    var v1: UInt64
    var v2: UInt64
    var v3: UInt64
    var v4: UInt64
    var seed: UInt64
    var totalLength: UInt64 = 0
    /// Bytes not yet forming a whole 32-byte stripe.
    var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var pendingCount = 0

    /// A fresh streaming state.
    init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x &<< r) | (x &>> (64 &- r)) }

    @inline(__always)
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    static func mergeRound(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        (acc ^ round(0, val)) &* p1 &+ p4
    }

    @inline(__always)
    static func word(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Consumes whole stripes from `p`; returns how many bytes were consumed (a multiple of 32).
    /// Four stripes a turn (then two, then one for the rest): the loop's own instructions (the index,
    /// the bound) are paid once per 128 bytes. At two a turn they were 5 of every 45 instructions.
    mutating func consumeStripes(_ p: UnsafeRawPointer, _ count: Int) -> Int {
        var a = v1, b = v2, c = v3, d = v4
        var i = 0
        while i &+ 128 <= count {
            for stripe in 0 ..< 4 {
                let at = i &+ stripe &* 32
                a = Self.round(a, Self.word(p, at))
                b = Self.round(b, Self.word(p, at &+ 8))
                c = Self.round(c, Self.word(p, at &+ 16))
                d = Self.round(d, Self.word(p, at &+ 24))
            }
            i &+= 128
        }
        while i &+ 64 <= count {
            a = Self.round(a, Self.word(p, i))
            b = Self.round(b, Self.word(p, i &+ 8))
            c = Self.round(c, Self.word(p, i &+ 16))
            d = Self.round(d, Self.word(p, i &+ 24))
            a = Self.round(a, Self.word(p, i &+ 32))
            b = Self.round(b, Self.word(p, i &+ 40))
            c = Self.round(c, Self.word(p, i &+ 48))
            d = Self.round(d, Self.word(p, i &+ 56))
            i &+= 64
        }
        if i &+ 32 <= count {
            a = Self.round(a, Self.word(p, i))
            b = Self.round(b, Self.word(p, i &+ 8))
            c = Self.round(c, Self.word(p, i &+ 16))
            d = Self.round(d, Self.word(p, i &+ 24))
            i &+= 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
        return i
    }

    /// Adds `buffer` to the hashed stream.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var p = buffer.baseAddress, buffer.count > 0 else { return }
        var count = buffer.count
        totalLength &+= UInt64(count)
        if pendingCount > 0 {
            let take = min(32 - pendingCount, count)
            withUnsafeMutableBytes(of: &pending) { mem in
                mem.baseAddress!.advanced(by: pendingCount).copyMemory(from: p, byteCount: take)
            }
            pendingCount += take
            p += take
            count -= take
            guard pendingCount == 32 else { return }
            withUnsafeBytes(of: pending) { mem in _ = consumeStripes(mem.baseAddress!, 32) }
            pendingCount = 0
        }
        let used = consumeStripes(p, count)
        let rest = count - used
        if rest > 0 {
            withUnsafeMutableBytes(of: &pending) { mem in
                mem.baseAddress!.copyMemory(from: p + used, byteCount: rest)
            }
            pendingCount = rest
        }
    }

    /// Adds the bytes of `bytes` to the hashed stream.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The hash of everything added so far (the state is not consumed).
    func finalize() -> UInt64 {
        var h: UInt64
        if totalLength >= 32 {
            h = Self.rotl(v1, 1) &+ Self.rotl(v2, 7) &+ Self.rotl(v3, 12) &+ Self.rotl(v4, 18)
            h = Self.mergeRound(h, v1)
            h = Self.mergeRound(h, v2)
            h = Self.mergeRound(h, v3)
            h = Self.mergeRound(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h &+= totalLength
        return withUnsafeBytes(of: pending) { mem in
            Self.finish(h, mem.baseAddress!, pendingCount)
        }
    }

    /// The tail mixing and avalanche shared by one-shot and streaming hashing.
   
    static func finish(_ start: UInt64, _ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h = start
        var i = 0
        while i + 8 <= count {
            h ^= round(0, word(p, i))
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= count {
            h ^= UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < count {
            h ^= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }

    /// The hash of `buffer` in one call.
    static func hash(_ buffer: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var state = XXHash64(seed: seed)
        guard let p = buffer.baseAddress, buffer.count > 0 else { return state.finalize() }
        let used = state.consumeStripes(p, buffer.count)
        state.totalLength = UInt64(buffer.count)
        var h: UInt64
        if buffer.count >= 32 {
            h = rotl(state.v1, 1) &+ rotl(state.v2, 7) &+ rotl(state.v3, 12) &+ rotl(state.v4, 18)
            h = mergeRound(h, state.v1)
            h = mergeRound(h, state.v2)
            h = mergeRound(h, state.v3)
            h = mergeRound(h, state.v4)
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(buffer.count)
        return finish(h, p + used, buffer.count - used)
    }

    /// The hash of `bytes` in one call.
    static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0) -> UInt64 {
        Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }
}
