@testable import CaseEngine
import SimCore
import Testing

/// The fold's tables: unsafe buffers behind ``FoldTable`` and ``FoldStorage``, and the one
/// copy-on-write check per event that keeps ``KPIProjection`` a value.
@Suite struct FoldTableTests {
    /// Counts its live instances, to see that a storage releases what its tables hold.
    final class Token {
        nonisolated(unsafe) static var live = 0
        init() { Token.live += 1 }
        deinit { Token.live -= 1 }
    }

    @Test func appendingKeepsEveryElementInOrderAcrossGrowth() {
        let storage = FoldStorage()
        var table = FoldTable(repeating: 0, count: 0, in: storage)
        #expect(table.capacity >= 1 && table.isEmpty)
        for i in 0 ..< 1_000 { table.append(i, in: storage) }
        table.append(-1, times: 300, in: storage)
        #expect(table.count == 1_300 && table.capacity >= table.count)
        #expect(Array(table.prefix(1_000)) == Array(0 ..< 1_000))
        #expect(table.suffix(300).allSatisfy { $0 == -1 })
    }

    @Test func writesGoInPlaceAndCopiesAreIndependent() {
        let storage = FoldStorage()
        let table = FoldTable([1, 2, 3], in: storage)
        table[1] += 40
        #expect(Array(table) == [1, 42, 3])
        let other = FoldStorage()
        let copy = FoldTable(copying: table, in: other)
        copy[0] = 7
        #expect(Array(table) == [1, 42, 3])
        #expect(Array(copy) == [7, 42, 3])
    }

    @Test func storageReleasesTheElementsOfItsTablesWhenItGoes() {
        let before = Token.live
        var copyStorage: FoldStorage? = FoldStorage()
        do {
            let storage = FoldStorage()
            var table = FoldTable([Token(), Token()], in: storage)
            for _ in 0 ..< 40 { table.append(Token(), in: storage) }
            _ = FoldTable(copying: table, in: copyStorage!)
            #expect(Token.live == before + 42)
        }
        // The copy still holds every element after the first storage went, and releases them in turn.
        #expect(Token.live == before + 42)
        copyStorage = nil
        #expect(Token.live == before)
    }

    @Test func aCopyOfAProjectionFoldsOnWithoutChangingTheOriginal() {
        let events = twoDayStream()
        let half = events.count / 2
        var original = fold(Array(events.prefix(half)), twoHallCatalog)
        let snapshot = KPIReport(original).rows()
        var copy = original
        for e in events.dropFirst(half) { copy.record(e) }
        #expect(KPIReport(original).rows() == snapshot)
        #expect(KPIReport(copy).rows() == KPIReport(fold(events, twoHallCatalog)).rows())
        // The original, folding on by itself, ends where the copy did.
        for e in events.dropFirst(half) { original.record(e) }
        #expect(KPIReport(original).rows() == KPIReport(copy).rows())
        #expect(original.groups.map(\.served) == copy.groups.map(\.served))
    }

    @Test func settlingACopyLeavesTheProjectionAsItWas() {
        // Cut while windows are busy, so that settling has levels to integrate.
        let events = twoDayStream()
        let unfinished = fold(Array(events.prefix(events.count / 2)), twoHallCatalog)
        let areas = { (p: KPIProjection) in p.cells.map { [$0.queueArea, $0.busyArea] } }
        let before = areas(unfinished)
        let settled = unfinished.settled()
        #expect(areas(settled) != before)
        #expect(areas(unfinished) == before)
    }
}
