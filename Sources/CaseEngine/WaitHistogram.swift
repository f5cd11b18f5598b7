/// A histogram of waits in ticks with HdrHistogram's bucket layout at two significant digits
/// (1%), values from 0 to ``highestTrackable``, kept in pages allocated at their first value.
///
/// The layout is HdrHistogram's (lowest discernible value 1, 256 sub-buckets, 4,992 counts up
/// to ``highestTrackable``) and so are its answers: the same values give the same percentiles,
/// minimum and maximum. The counts live in pages of ``pageSize`` allocated when a value first
/// falls in them, so a group that saw a hundred waits holds a few pages, not 4,992 counts; a
/// percentile scans the pages present only, and ``values(atPercentiles:_:_:)`` answers three
/// percentiles in one scan.
public struct WaitHistogram: Sendable {
    /// The longest value the histogram resolves (values beyond it count at this value): 400 days in ticks.
    public static let highestTrackable: UInt64 = 34_560_000_000_000
    /// log2 of half the sub-buckets of a bucket (HdrHistogram's `subBucketHalfCountMagnitude` at two digits).
    @usableFromInline static let halfMagnitude = 7
    /// Leading zeros of the largest value of bucket 0 (HdrHistogram's `leadingZeroCountBase`).
    @usableFromInline static let leadingZeroBase = 56
    /// Counts in the whole layout: (38 buckets + 1) × 128.
    public static let length = 4_992
    /// log2 of the counts per page.
    @usableFromInline static let pageShift = 6
    /// Counts per page.
    public static let pageSize = 1 << pageShift

    /// Per page of the layout: 1 + its place among the pages of `counts`, 0 while absent; empty before the first value.
    @usableFromInline var pageSlot: [UInt8] = []
    /// The pages present, ``pageSize`` counts each, in order of their first value.
    @usableFromInline var counts: [UInt64] = []
    /// The number of values.
    @usableFromInline var total: UInt64 = 0
    /// The largest value recorded (0 before any).
    @usableFromInline var largest: UInt64 = 0
    /// The smallest value above 0 recorded (`UInt64.max` before any).
    @usableFromInline var minNonZero: UInt64 = .max

    /// An empty histogram; it allocates nothing until its first value.
    public init() {}

    /// The number of values.
    public var totalCount: UInt64 { total }
    /// The largest value recorded (0 before any).
    public var maxRecorded: UInt64 { largest }

    /// The index in the layout of `value` (at most ``highestTrackable``).
    @inlinable @inline(__always)
    static func index(_ value: UInt64) -> Int {
        let bucket = leadingZeroBase &- (value | 255).leadingZeroBitCount
        return ((bucket &+ 1) &<< halfMagnitude) &+ Int(truncatingIfNeeded: value &>> UInt64(bucket)) &- (1 &<< halfMagnitude)
    }

    /// The lowest value counted at `index` of the layout.
    static func lowestValue(_ index: Int) -> UInt64 {
        var bucket = (index >> halfMagnitude) - 1
        var sub = (index & ((1 << halfMagnitude) - 1)) + (1 << halfMagnitude)
        if bucket < 0 {
            sub -= 1 << halfMagnitude
            bucket = 0
        }
        return UInt64(sub) << UInt64(bucket)
    }

    /// The highest value counted at `index`: HdrHistogram's `highestEquivalentForValue` of its lowest.
    static func highestValue(_ index: Int) -> UInt64 {
        let low = lowestValue(index)
        let bucket = leadingZeroBase - (low | 255).leadingZeroBitCount
        return low + (UInt64(1) << UInt64(bucket)) - 1
    }

    /// Adds one value (clamped to ``highestTrackable``).
    /// - Complexity: O(1); a page's first value allocates it.
    @inlinable @inline(__always)
    public mutating func record(_ value: UInt64) {
        let v = Swift.min(value, Self.highestTrackable)
        let i = Self.index(v)
        let page = i &>> Self.pageShift
        if page < pageSlot.count, pageSlot[page] != 0 {
            counts[(Int(pageSlot[page]) &- 1) &<< Self.pageShift | (i & (Self.pageSize - 1))] &+= 1
        } else {
            addPage(page)
            counts[(Int(pageSlot[page]) &- 1) &<< Self.pageShift | (i & (Self.pageSize - 1))] &+= 1
        }
        total &+= 1
        if v > largest { largest = v }
        if v < minNonZero, v != 0 { minNonZero = v }
    }

    /// Gives page `page` of the layout its counts, at the end of `counts`.
    @usableFromInline @inline(never)
    mutating func addPage(_ page: Int) {
        if pageSlot.isEmpty { pageSlot = Array(repeating: 0, count: Self.length >> Self.pageShift) }
        pageSlot[page] = UInt8(counts.count >> Self.pageShift + 1)
        counts.append(contentsOf: repeatElement(0, count: Self.pageSize))
    }

    /// The count at `index` of the layout.
    func count(at index: Int) -> UInt64 {
        let page = index >> Self.pageShift
        guard page < pageSlot.count, pageSlot[page] != 0 else { return 0 }
        return counts[(Int(pageSlot[page]) - 1) << Self.pageShift | (index & (Self.pageSize - 1))]
    }

    /// Adds every value of `other`.
    public mutating func add(_ other: WaitHistogram) {
        guard other.totalCount > 0 else { return }
        for page in other.pageSlot.indices where other.pageSlot[page] != 0 {
            if pageSlot.isEmpty || pageSlot[page] == 0 { addPage(page) }
            let to = (Int(pageSlot[page]) - 1) << Self.pageShift
            let from = (Int(other.pageSlot[page]) - 1) << Self.pageShift
            for k in 0..<Self.pageSize { counts[to + k] &+= other.counts[from + k] }
        }
        total &+= other.total
        largest = Swift.max(largest, other.largest)
        minNonZero = Swift.min(minNonZero, other.minNonZero)
    }

    /// The smallest value recorded, 0 when a value of 0 was (or none was): HdrHistogram's `min`.
    public var min: UInt64 { count(at: 0) > 0 || totalCount == 0 ? 0 : minNonZero }

    /// The value at `percentile` (0–100), as HdrHistogram's `valueAtPercentile` answers it.
    public func value(atPercentile percentile: Double) -> UInt64 {
        values(atPercentiles: percentile, percentile, percentile).0
    }

    /// The values at three percentiles (0–100) in one scan, each as HdrHistogram's
    /// `valueAtPercentile` answers it: the minimum at 0, the maximum recorded at 100 and above,
    /// else the highest value equivalent to the first index where the running count reaches the
    /// percentile's rank, within the minimum and maximum recorded; 0 for each when empty.
    public func values(atPercentiles a: Double, _ b: Double, _ c: Double) -> (UInt64, UInt64, UInt64) {
        let percentiles = SIMD3(a, b, c)
        var out = SIMD3<UInt64>(repeating: 0)
        guard totalCount > 0 else { return (0, 0, 0) }
        let low = min
        // The percentiles to scan for, by rank (ascending), and which answer each gives.
        var ranks = SIMD3<UInt64>(repeating: 0)
        var answers = SIMD3<Int>(repeating: 0)
        var pending = 0
        for j in 0..<3 {
            let p = percentiles[j]
            if p == 0 {
                out[j] = low
            } else if p >= 100 {
                out[j] = maxRecorded
            } else {
                var at = pending
                let r = rank(p)
                while at > 0, ranks[at - 1] > r {
                    ranks[at] = ranks[at - 1]
                    answers[at] = answers[at - 1]
                    at -= 1
                }
                ranks[at] = r
                answers[at] = j
                pending += 1
            }
        }
        var next = 0
        var seen: UInt64 = 0
        scan: for page in pageSlot.indices where pageSlot[page] != 0 && next < pending {
            let base = (Int(pageSlot[page]) - 1) << Self.pageShift
            for k in 0..<Self.pageSize where counts[base + k] != 0 {
                seen &+= counts[base + k]
                guard seen >= ranks[next] else { continue }
                let value = Swift.max(Swift.min(Self.highestValue(page << Self.pageShift | k), maxRecorded), low)
                while next < pending, seen >= ranks[next] {
                    out[answers[next]] = value
                    next += 1
                }
                if next == pending { break scan }
            }
        }
        return (out[0], out[1], out[2])
    }

    /// The count a value must reach to be at `percentile`: HdrHistogram's rank, one ulp below the percentile, rounded up.
    func rank(_ percentile: Double) -> UInt64 {
        let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
        return Swift.max(1, UInt64((requested * Double(totalCount) / 100).rounded(.up)))
    }

    /// Heap bytes the pages take.
    public var pageBytes: Int { counts.count * MemoryLayout<UInt64>.stride + pageSlot.count }
}
