/// The compact wait histogram of a KPI cell: 145 fixed, log-spaced buckets of 32-bit counts (580 bytes).
///
/// Bucket 0 holds waits of exactly zero. Below 1.048576 s the buckets are linear,
/// 131.072 ms wide (2^17 ticks); from there each doubling of the wait is cut into 8
/// equal buckets, up to 2^37 ticks (38.2 h); longer waits fall in the last bucket. A
/// percentile is reported as the middle of its bucket, never above the cell's exact
/// longest wait: within 65.5 ms below 1 s and within 6.25% above.
enum WaitBuckets {
    /// Buckets per histogram.
    static let count = 145
    /// log2 of the linear buckets' width in ticks.
    static let unitShift: UInt64 = 17
    /// Sub-buckets per doubling.
    static let perOctave = 8

    /// The bucket of a wait in ticks.
    @inline(__always)
    static func index(_ wait: Int64) -> Int {
        guard wait > 0 else { return 0 }
        let u = UInt64(wait) >> unitShift
        if u < 8 { return Int(u) + 1 }
        let k = 63 - u.leadingZeroBitCount
        let sub = Int(truncatingIfNeeded: (u >> UInt64(k - 3)) & 7)
        return Swift.min(9 + (k - 3) * perOctave + sub, count - 1)
    }

    /// The waits bucket `i` holds, in ticks: `lower ..< upper` (the last bucket is open above).
    static func bounds(_ i: Int) -> (lower: Int64, upper: Int64) {
        if i == 0 { return (0, 1) }
        if i <= 8 { return (Int64(i - 1) << unitShift, Int64(i) << unitShift) }
        let j = i - 9
        let k = j / perOctave + 3
        let sub = Int64(j % perOctave)
        let step = Int64(1) << (UInt64(k - 3) + unitShift)
        return ((8 + sub) * step, (9 + sub) * step)
    }

    /// The wait at `percentile` (0–100) in ticks of the `total` waits counted in `buckets`, at most `longest`.
    ///
    /// The percentile is the smallest wait with at least `percentile`% of the waits at or below
    /// it, as HdrHistogram ranks them; reported as the middle of its bucket.
    static func percentile(_ percentile: Double, of buckets: UnsafeBufferPointer<UInt64>, total: Int, longest: Int64) -> Int64 {
        percentiles(percentile, percentile, percentile, of: buckets, total: total, longest: longest).0
    }

    /// The waits at three percentiles (0–100, ascending) in ticks of the `total` waits counted in
    /// `buckets`, each as ``percentile(_:of:total:longest:)`` answers it, in one scan.
    static func percentiles<Count: FixedWidthInteger>(
        _ a: Double, _ b: Double, _ c: Double, of buckets: UnsafeBufferPointer<Count>, total: Int, longest: Int64
    ) -> (Int64, Int64, Int64) {
        guard total > 0 else { return (0, 0, 0) }
        func rank(_ p: Double) -> UInt64 { Swift.max(1, UInt64((Swift.min(Swift.max(p, 0), 100) / 100 * Double(total)).rounded(.up))) }
        let ranks = SIMD3(rank(a), rank(b), rank(c))
        precondition(ranks[0] <= ranks[1] && ranks[1] <= ranks[2], "percentiles in ascending order")
        var out = SIMD3<Int64>(repeating: longest)
        var next = 0
        var seen: UInt64 = 0
        for i in 0..<buckets.count where buckets[i] != 0 {
            seen &+= UInt64(buckets[i])
            guard seen >= ranks[next] else { continue }
            let value: Int64
            if i == 0 {
                value = 0
            } else {
                let (lower, upper) = bounds(i)
                value = Swift.min(lower + (upper - lower) / 2, longest)
            }
            while next < 3, seen >= ranks[next] {
                out[next] = value
                next += 1
            }
            if next == 3 { break }
        }
        return (out[0], out[1], out[2])
    }
}
