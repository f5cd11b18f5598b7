/// A fixed-size table of the floor, in one buffer it owns alone: read and written in place, with
/// no copy-on-write check (the table cannot be copied) and its index checked in debug builds only.
///
/// Invariants: `base` points to `count` initialised elements for the table's whole life; the
/// table frees them when it goes. Indices come from the compiled network (sources, windows,
/// groups), so an index out of range is a bug of the floor, not of the input.
struct FloorTable<Element>: ~Copyable {
    private let base: UnsafeMutablePointer<Element>
    /// The number of elements, fixed at creation.
    let count: Int

    /// A table of `elements`.
    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: Swift.max(1, count))
        _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
    }

    /// A table of `count` copies of `element`.
    init(repeating element: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(1, count))
        base.initialize(repeating: element, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The element at `i`, read and written in place.
    subscript(i: Int) -> Element {
        @inline(__always)
        unsafeAddress {
            assert(i >= 0 && i < count, "floor table index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always)
        unsafeMutableAddress {
            assert(i >= 0 && i < count, "floor table index out of range")
            return base + i
        }
    }

    /// The indices, `0 ..< count`.
    var indices: Range<Int> { 0 ..< count }
}
