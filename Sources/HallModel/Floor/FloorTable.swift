/// A table of the floor, in one buffer it owns alone: read and written in place, with no
/// copy-on-write check (the table cannot be copied) and its index checked in debug builds and the tests' build only.
/// It may grow at its end and shrink from it (``append(_:)``, ``popLast()``). Its elements may be
/// non-copyable themselves (a window group owns its queues).
///
/// Invariants: `base` points to `capacity >= 1` elements, the first `count` of them initialised;
/// the table frees them when it goes. Indices come from the compiled network (sources, windows,
/// groups) or from the floor's own slots, so an index out of range is a bug of the floor, not of
/// the input.
struct FloorTable<Element: ~Copyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    /// The number of elements.
    private(set) var count: Int
    private var capacity: Int

    /// An empty table with room for `capacity` elements (at least one) before it grows.
    init(capacity: Int = 4) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(capacity: self.capacity)
        count = 0
    }

    /// A table of `count` elements, element `i` made by `make(i)`.
    init(count: Int, _ make: (Int) -> Element) {
        self.count = count
        capacity = Swift.max(1, count)
        base = .allocate(capacity: capacity)
        for i in 0 ..< count { (base + i).initialize(to: make(i)) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The element at `i`, read and written in place.
    subscript(i: Int) -> Element {
        @inline(__always)
        unsafeAddress {
            #if DEBUG || HALLSIM_CHECKS
            precondition(i >= 0 && i < count, "floor table index out of range")
            #endif
            return UnsafePointer(base + i)
        }
        @inline(__always)
        unsafeMutableAddress {
            #if DEBUG || HALLSIM_CHECKS
            precondition(i >= 0 && i < count, "floor table index out of range")
            #endif
            return base + i
        }
    }

    /// The indices, `0 ..< count`.
    var indices: Range<Int> { 0 ..< count }

    /// Whether the table holds no element.
    var isEmpty: Bool {
        @inline(__always) get { count == 0 }
    }

    /// Adds `element` at the end, doubling the buffer when it is full.
    /// - Complexity: O(1) amortised.
    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the last element, or `nil` when the table is empty.
    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count &-= 1
        return (base + count).move()
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

extension FloorTable where Element: Copyable {
    /// A table of `elements`.
    init(_ elements: [Element]) {
        self.init(capacity: elements.count)
        _ = UnsafeMutableBufferPointer(start: base, count: elements.count).initialize(from: elements)
        count = elements.count
    }

    /// A table of `count` copies of `element`.
    init(repeating element: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: element, count: count)
        self.count = count
    }

    /// The elements in order, as an array (for tests and reports; O(count)).
    var elements: [Element] { indices.map { self[$0] } }
}
