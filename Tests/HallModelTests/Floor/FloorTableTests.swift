@testable import HallModel
import Testing

/// The floor's owned tables: elements in place, written in place, released when the table goes.
@Suite struct FloorTableTests {
    @Test func holdsItsElementsInOrderAndWritesInPlace() {
        var table = FloorTable([3, 1, 4, 1, 5])
        #expect(table.count == 5 && table.indices == 0 ..< 5)
        #expect(table.indices.map { table[$0] } == [3, 1, 4, 1, 5])
        table[2] += 10
        table[4] = 9
        #expect(table.indices.map { table[$0] } == [3, 1, 14, 1, 9])
    }

    @Test func repeatsAnElementAndHoldsNoneWhenEmpty() {
        let table = FloorTable(repeating: 7, count: 3)
        #expect(table.indices.map { table[$0] } == [7, 7, 7])
        let empty = FloorTable<Int>([])
        #expect(empty.count == 0 && empty.indices.isEmpty)
    }

    @Test func growsAtItsEndAndShrinksFromIt() {
        var table = FloorTable<Int>()
        for i in 0 ..< 100 { table.append(i * i) }
        #expect(table.count == 100)
        #expect(table.indices.allSatisfy { table[$0] == $0 * $0 }, "every element kept, in order, across growth")
        let last = table.popLast()
        #expect(last == 99 * 99 && table.count == 99)
        while table.popLast() != nil {}
        let none = table.popLast()
        #expect(none == nil && table.count == 0)
        table.append(5)
        #expect(table.count == 1 && table[0] == 5)
    }

    @Test func releasesItsElementsWhenItGoes() {
        let census = Census()
        do {
            var table = FloorTable((0 ..< 4).map { Tracked($0, census) })
            table[1] = Tracked(10, census)
            table.append(Tracked(11, census))
            _ = table.popLast()
            #expect(census.alive == 4)
            #expect(table[1].value == 10)
        }
        #expect(census.alive == 0)
    }
}

/// A table of non-copyable elements (as a window group, which owns its queues): made in place,
/// written in place, released when the table goes.
@Test func floorTableHoldsNonCopyableElements() {
    struct Owned: ~Copyable {
        var queue = FloorQueue<Int>()
        var tag: Int
    }
    var table = FloorTable(count: 3) { Owned(tag: $0 * 10) }
    table[1].queue.append(7)
    table[1].tag += 1
    table.append(Owned(tag: 30))
    #expect(table.count == 4 && table[1].tag == 11 && table[3].tag == 30)
    #expect(table[1].queue.popFirst() == 7 && table[0].queue.isEmpty)
    guard let last = table.popLast() else {
        Issue.record("the last element is missing")
        return
    }
    #expect(last.tag == 30 && table.count == 3)
}
