/// A table whose vacated slots are reused: indices stay valid while an element lives, so events
/// and queue entries can point to it by a 32-bit index.
///
/// Used for the people waiting in queues, the cases past a window and the booked appointments.
struct SlotList<Element>: ~Copyable {
    /// Every slot, live or vacant.
    var items = FloorTable<Element>()
    /// Vacant slots, reused last in, first out.
    var vacant = FloorTable<Int32>()

    /// The number of slots, live or vacant.
    var capacity: Int { items.count }

    /// The element in slot `i`.
    @inline(__always)
    subscript(i: Int) -> Element {
        _read { yield items[i] }
        _modify { yield &items[i] }
    }

    /// Puts `element` in the last vacated slot, or a new one.
    /// - Returns: its slot.
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func insert(_ element: Element) -> Int {
        if let i = vacant.popLast() {
            items[Int(i)] = element
            return Int(i)
        }
        items.append(element)
        return items.count - 1
    }

    /// Vacates slot `i`; its element stays in place until the slot is reused.
    @inline(__always)
    mutating func release(_ i: Int) { vacant.append(Int32(i)) }

    /// Takes a vacant slot for the caller to fill, or `nil` when none is vacant.
    @inline(__always)
    mutating func reuse() -> Int? { vacant.popLast().map(Int.init) }
}
