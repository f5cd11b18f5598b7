@testable import HallModel
import Testing

/// The floor's owned tables: elements in place, written in place, released when the table goes.
@Suite struct FloorTableTests {
    final class Tracked {
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive += 1
        }
        deinit { Self.alive -= 1 }
    }

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
        let before = Tracked.alive
        do {
            var table = FloorTable((0 ..< 4).map(Tracked.init))
            table[1] = Tracked(10)
            table.append(Tracked(11))
            _ = table.popLast()
            #expect(Tracked.alive == before + 4)
            #expect(table[1].value == 10)
        }
        #expect(Tracked.alive == before)
    }
}
