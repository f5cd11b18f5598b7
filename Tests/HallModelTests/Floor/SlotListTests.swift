@testable import HallModel
import Testing

@Test func slotListReusesTheLastVacatedSlotFirst() {
    var list = SlotList<String>()
    let a = list.insert("a"), b = list.insert("b"), c = list.insert("c")
    #expect((a, b, c) == (0, 1, 2))
    list.release(a)
    list.release(c)
    #expect(list.insert("d") == c)
    #expect(list.insert("e") == a)
    #expect(list.insert("f") == 3)
    #expect(list[b] == "b" && list.capacity == 4)
}

@Test func slotListKeepsAVacatedElementUntilItsSlotIsReused() {
    var list = SlotList<Int>()
    let i = list.insert(7)
    list.release(i)
    #expect(list[i] == 7)
    #expect(list.reuse() == i)
    #expect(list.reuse() == nil)
}
