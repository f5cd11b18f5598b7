@testable import HallModel
import Testing

/// The floor's first-in, first-out queues: order kept across the ring's wrap and growth, nothing
/// allocated before the first element, elements released when the queue goes.
@Suite struct FloorQueueTests {
    @Test func takesElementsInTheOrderTheyCame() {
        var queue = FloorQueue<Int>()
        #expect(queue.isEmpty && queue.popFirst() == nil)
        for i in 0 ..< 5 { queue.append(i) }
        #expect(queue.count == 5 && queue.elements == [0, 1, 2, 3, 4])
        #expect(queue.popFirst() == 0 && queue.popFirst() == 1)
        #expect(queue.elements == [2, 3, 4])
    }

    @Test func keepsTheOrderAcrossTheWrapAndEveryGrowth() {
        var queue = FloorQueue<Int>(minimumCapacity: 3)
        var expected: [Int] = []
        var next = 0
        // Appends two for every one taken, so the ring wraps around before each growth.
        for _ in 0 ..< 200 {
            for _ in 0 ..< 2 {
                queue.append(next)
                expected.append(next)
                next += 1
            }
            #expect(queue.popFirst() == expected.removeFirst())
        }
        #expect(queue.elements == expected && queue.count == expected.count)
        while let first = queue.popFirst() { #expect(first == expected.removeFirst()) }
        #expect(expected.isEmpty && queue.isEmpty)
    }

    @Test func releasesWhatItHoldsWhenItGoes() {
        let census = Census()
        do {
            var queue = FloorQueue<Tracked>(minimumCapacity: 4)
            for _ in 0 ..< 6 { queue.append(Tracked(0, census)) }
            _ = queue.popFirst()
            for _ in 0 ..< 3 { queue.append(Tracked(0, census)) }
            #expect(census.alive == 8)
        }
        #expect(census.alive == 0)
    }
}
