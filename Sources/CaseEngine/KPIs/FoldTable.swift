/// A table of the KPI fold: elements in one flat buffer that its ``FoldStorage`` owns, read and
/// written in place through a pointer, with no copy-on-write check and no bounds check per access.
///
/// Invariants: `base` points to `capacity` elements, the first `count` of them initialised;
/// `capacity >= 1`; the buffer is registered with (and freed by) the storage the table belongs
/// to. A table is a view: it writes through its pointer even where it is held as a `let`, so only
/// code that owns its storage alone may write (``KPIProjection`` makes sure of that once per event,
/// see ``KPIProjection/takeOwnership()``). Indices are checked in debug builds and the tests' build only.
struct FoldTable<Element>: RandomAccessCollection, @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count: Int
    private(set) var capacity: Int

    /// A table of `count` copies of `element`, with room for at least one.
    init(repeating element: Element, count: Int, in storage: FoldStorage) {
        capacity = Swift.max(1, count)
        base = .allocate(capacity: capacity)
        base.initialize(repeating: element, count: count)
        self.count = count
        storage.adopt(base, count: count)
    }

    /// A table of `elements`, with room for at least one.
    init(_ elements: [Element], in storage: FoldStorage) {
        capacity = Swift.max(1, elements.count)
        base = .allocate(capacity: capacity)
        count = elements.count
        _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
        storage.adopt(base, count: count)
    }

    /// An independent copy of `other`'s elements, owned by `storage`.
    init(copying other: FoldTable, in storage: FoldStorage) {
        capacity = other.capacity
        count = other.count
        base = .allocate(capacity: capacity)
        base.initialize(from: other.base, count: count)
        storage.adopt(base, count: count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The element at `i`, read and written in place.
    subscript(i: Int) -> Element {
        @inline(__always)
        unsafeAddress {
            #if DEBUG || HALLSIM_CHECKS
            precondition(i >= 0 && i < count, "fold table index out of range")
            #endif
            return UnsafePointer(base + i)
        }
        @inline(__always)
        nonmutating unsafeMutableAddress {
            #if DEBUG || HALLSIM_CHECKS
            precondition(i >= 0 && i < count, "fold table index out of range")
            #endif
            return base + i
        }
    }

    /// Adds `element` at the end, doubling the buffer when it is full.
    /// - Complexity: O(1) amortised.
    mutating func append(_ element: Element, in storage: FoldStorage) {
        if count == capacity { grow(to: capacity * 2, in: storage) }
        (base + count).initialize(to: element)
        count += 1
        storage.resize(base, count: count)
    }

    /// Adds `n` copies of `element` at the end.
    /// - Complexity: O(n) amortised.
    mutating func append(_ element: Element, times n: Int, in storage: FoldStorage) {
        if count + n > capacity { grow(to: Swift.max(capacity * 2, count + n), in: storage) }
        (base + count).initialize(repeating: element, count: n)
        count += n
        storage.resize(base, count: count)
    }

    private mutating func grow(to newCapacity: Int, in storage: FoldStorage) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: base, count: count)
        storage.replace(base, with: bigger, count: count)
        base = bigger
        capacity = newCapacity
    }
}

/// The owner of the KPI fold's ``FoldTable`` buffers: it frees them when the last projection
/// holding it goes, and tells by its reference count whether a projection holds it alone.
///
/// Each buffer is registered with how many of its elements are initialised and how to
/// deinitialise them, so elements that hold references (a group's histograms) are released.
@usableFromInline
final class FoldStorage: @unchecked Sendable {
    /// One buffer: its start, its initialised elements, and how to deinitialise and free it.
    private struct Buffer {
        var start: UnsafeMutableRawPointer
        var count: Int
        var free: (UnsafeMutableRawPointer, Int) -> Void
    }

    private var buffers: [Buffer] = []

    init() {}

    deinit {
        for b in buffers { b.free(b.start, b.count) }
    }

    /// Takes `base`, holding `count` initialised elements, into this storage.
    func adopt<Element>(_ base: UnsafeMutablePointer<Element>, count: Int) {
        buffers.append(Buffer(start: UnsafeMutableRawPointer(base), count: count) { raw, n in
            let typed = raw.assumingMemoryBound(to: Element.self)
            typed.deinitialize(count: n)
            typed.deallocate()
        })
    }

    /// Records that `base` now holds `count` initialised elements.
    func resize<Element>(_ base: UnsafeMutablePointer<Element>, count: Int) {
        let raw = UnsafeMutableRawPointer(base)
        if let i = buffers.firstIndex(where: { $0.start == raw }) { buffers[i].count = count }
    }

    /// Frees `old`, whose elements were moved to `new`, and takes `new` with `count` elements in its place.
    func replace<Element>(_ old: UnsafeMutablePointer<Element>, with new: UnsafeMutablePointer<Element>, count: Int) {
        let raw = UnsafeMutableRawPointer(old)
        guard let i = buffers.firstIndex(where: { $0.start == raw }) else { preconditionFailure("buffer not owned by this storage") }
        old.deallocate()
        buffers[i].start = UnsafeMutableRawPointer(new)
        buffers[i].count = count
    }
}
