/// A seeded stream of pseudo-random numbers (xoshiro256++), one per stochastic source.
///
/// Streams are derived from a run's seed and a label (`"arrivals/hall/generic"`),
/// so every source draws from its own sequence: adding a source to a scenario, or
/// changing how often another is sampled, leaves this one's numbers unchanged.
/// That is what lets two variants of a scenario share random numbers.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A stream whose state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        s0 = Self.splitMix(&x)
        s1 = Self.splitMix(&x)
        s2 = Self.splitMix(&x)
        s3 = Self.splitMix(&x)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The stream for the source named `label` in a run seeded with `seed`.
    public init(seed: UInt64, label: String) {
        self.init(seed: Self.mix(seed, Self.fnv1a(label)))
    }

    /// A new stream derived from this one's seed material and `label`, leaving this stream unchanged.
    public func derived(_ label: String) -> RandomStream {
        RandomStream(seed: Self.mix(s0 ^ s2, Self.fnv1a(label)))
    }

    /// Splits off an independent stream, advancing this one by one draw.
    public mutating func split() -> RandomStream {
        RandomStream(seed: next() ^ 0x6A09_E667_F3BC_C909)
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s0 &+ s3).rotl(23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotl(45)
        return result
    }

    /// A uniform double in the open interval (0, 1): never exactly 0 or 1.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a ^ b.rotl(32)
        return splitMix(&x) ^ b
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01B3
        }
        return h
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotl(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
