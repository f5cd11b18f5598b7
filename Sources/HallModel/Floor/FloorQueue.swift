/// A first-in, first-out queue of the floor (a window group's tickets), in one ring buffer it owns
/// alone: appending and taking the first element need no copy-on-write check (the queue cannot be
/// copied) and allocate nothing once the buffer has grown to the queue's longest.
///
/// Invariants: `base` points to `capacity` elements, `capacity` a power of two (or zero before the
/// first append: nothing allocated); the `count` elements from `head` on, wrapping around at
/// `capacity`, are initialised and in order, first to last; `head < capacity` once allocated.
/// The queue frees them when it goes.
struct FloorQueue<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private var capacity: Int
    private var head = 0
    /// The number of elements.
    private(set) var count = 0

    /// An empty queue with room for `minimumCapacity` elements (rounded up to a power of two;
    /// none allocated when zero) before it grows.
    init(minimumCapacity: Int = 0) {
        guard minimumCapacity > 0 else {
            capacity = 0
            base = nil
            return
        }
        var size = 1
        while size < minimumCapacity { size &*= 2 }
        capacity = size
        base = .allocate(capacity: size)
    }

    deinit {
        guard let base else { return }
        let first = Swift.min(count, capacity - head)
        (base + head).deinitialize(count: first)
        base.deinitialize(count: count - first)
        base.deallocate()
    }

    /// Whether the queue holds no element.
    var isEmpty: Bool {
        @inline(__always) get { count == 0 }
    }

    /// Adds `element` at the end, doubling the buffer when it is full.
    /// - Complexity: O(1) amortised.
    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        let buffer = base.unsafelyUnwrapped
        (buffer + ((head &+ count) & (capacity &- 1))).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the first element, or `nil` when the queue is empty.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = (base.unsafelyUnwrapped + head).move()
        head = (head &+ 1) & (capacity &- 1)
        count &-= 1
        return element
    }

    /// The elements in order, first to last (for tests; O(count)).
    var elements: [Element] {
        guard let base else { return [] }
        return (0 ..< count).map { base[(head + $0) & (capacity - 1)] }
    }

    /// Moves the elements, in order, to the start of a buffer twice as large (or of 16 at first).
    @inline(never)
    private mutating func grow() {
        let size = capacity == 0 ? 16 : capacity * 2
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: size)
        if let base {
            let first = Swift.min(count, capacity - head)
            bigger.moveInitialize(from: base + head, count: first)
            (bigger + first).moveInitialize(from: base, count: count - first)
            base.deallocate()
        }
        base = bigger
        capacity = size
        head = 0
    }
}
