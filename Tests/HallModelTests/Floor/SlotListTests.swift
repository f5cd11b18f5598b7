@testable import HallModel
import Testing

@Test func slotListReusesTheLastVacatedSlotFirst() {
    var list = SlotList<String>()
    let a = list.insert("a"), b = list.insert("b"), c = list.insert("c")
    #expect((a, b, c) == (0, 1, 2))
    list.release(a)
    list.release(c)
    let d = list.insert("d"), e = list.insert("e"), f = list.insert("f")
    #expect((d, e, f) == (c, a, 3))
    let kept = list[b], capacity = list.capacity
    #expect(kept == "b" && capacity == 4)
}

@Test func slotListKeepsAVacatedElementUntilItsSlotIsReused() {
    var list = SlotList<Int>()
    let i = list.insert(7)
    list.release(i)
    let kept = list[i]
    #expect(kept == 7)
    let first = list.reuse(), second = list.reuse()
    #expect(first == i && second == nil)
}
