@testable import CaseEngine
import Foundation
import Histogram
import SimCore
import Testing

/// ``WaitHistogram``: HdrHistogram's layout at two significant digits in pages, giving the same
/// answers as the HdrHistogram package for the same values.
@Suite struct WaitHistogramTests {
    /// The package's histogram as the fold used it: waits in ticks up to 400 days, two significant digits.
    static func reference() -> Histogram<UInt64> {
        Histogram(highestTrackableValue: WaitHistogram.highestTrackable, numberOfSignificantValueDigits: .two)
    }

    static let percentiles: [Double] = [0, 0.1, 1, 25, 50, 90, 99, 99.9, 100, 120]

    /// Values of many magnitudes: zeros, small, waits of minutes and hours, beyond the trackable range.
    static func values(seed: UInt64, count: Int) -> [UInt64] {
        var rng = RandomStream(seed: seed, label: "wait-histogram")
        return (0..<count).map { _ in
            switch rng.nextOpenUnit() {
            case ..<0.2: 0
            case ..<0.3: UInt64(rng.nextOpenUnit() * 300)
            case ..<0.95: UInt64(-log(rng.nextOpenUnit()) * 600e6)
            case ..<0.999: UInt64(rng.nextOpenUnit() * 1e12)
            default: WaitHistogram.highestTrackable + UInt64(rng.nextOpenUnit() * 1e9)
            }
        }
    }

    @Test(arguments: [(1, 1), (2, 7), (3, 150), (4, 20_000)])
    func percentilesMinimumAndMaximumAreTheReferencePackages(seed: UInt64, count: Int) {
        var mine = WaitHistogram()
        var theirs = Self.reference()
        for v in Self.values(seed: seed, count: count) {
            mine.record(v)
            _ = theirs.record(min(v, WaitHistogram.highestTrackable))
        }
        #expect(mine.totalCount == theirs.totalCount)
        #expect(mine.min == theirs.min)
        #expect(mine.maxRecorded == theirs.maxRecorded)
        for p in Self.percentiles {
            #expect(mine.value(atPercentile: p) == theirs.valueAtPercentile(p), "percentile \(p)")
        }
        let three = mine.values(atPercentiles: 50, 90, 99)
        #expect([three.0, three.1, three.2] == [50, 90, 99].map { theirs.valueAtPercentile($0) })
        let unordered = mine.values(atPercentiles: 99, 0, 50)
        #expect([unordered.0, unordered.1, unordered.2] == [99, 0, 50].map { theirs.valueAtPercentile($0) })
    }

    @Test func everyIndexOfTheLayoutIsThePackagesAndTheLayoutHasItsLength() {
        let theirs = Self.reference()
        #expect(WaitHistogram.index(WaitHistogram.highestTrackable) < WaitHistogram.length)
        #expect(WaitHistogram.index(WaitHistogram.highestTrackable) >= WaitHistogram.length - 128)
        for index in 0..<WaitHistogram.length {
            let low = WaitHistogram.lowestValue(index)
            guard low <= WaitHistogram.highestTrackable else { break }
            #expect(WaitHistogram.index(low) == index)
            #expect(WaitHistogram.highestValue(index) == theirs.highestEquivalentForValue(low))
            #expect(theirs.lowestEquivalentForValue(low) == low)
        }
    }

    @Test func mergingAddsCountsAsThePackageDoes() {
        var a = WaitHistogram()
        var b = WaitHistogram()
        var theirs = Self.reference()
        for (i, v) in Self.values(seed: 9, count: 5_000).enumerated() {
            if i % 3 == 0 { a.record(v) } else { b.record(v) }
            _ = theirs.record(min(v, WaitHistogram.highestTrackable))
        }
        a.add(b)
        a.add(WaitHistogram())
        #expect(a.totalCount == theirs.totalCount && a.min == theirs.min && a.maxRecorded == theirs.maxRecorded)
        for p in Self.percentiles { #expect(a.value(atPercentile: p) == theirs.valueAtPercentile(p)) }
        var empty = WaitHistogram()
        empty.add(a)
        #expect(empty.totalCount == a.totalCount)
        for p in Self.percentiles { #expect(empty.value(atPercentile: p) == theirs.valueAtPercentile(p)) }
    }

    @Test func anEmptyHistogramAllocatesNothingAndAnswersZero() {
        let h = WaitHistogram()
        #expect(h.pageBytes == 0 && h.totalCount == 0 && h.min == 0)
        #expect(h.values(atPercentiles: 50, 90, 99) == (0, 0, 0))
    }

    @Test func aFewWaitsTakeAFewPagesNotTheWholeLayout() {
        var h = WaitHistogram()
        for v in Self.values(seed: 5, count: 100) { h.record(v) }
        let whole = WaitHistogram.length * MemoryLayout<UInt64>.stride
        #expect(h.pageBytes > 0 && h.pageBytes < whole / 2)
    }
}
