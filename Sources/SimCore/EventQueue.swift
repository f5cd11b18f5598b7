/// A priority queue of events ordered by time, then by the order they were scheduled.
///
/// Two events at the same time always come out in the order they went in: each
/// entry carries a sequence number, so the order never depends on the heap's
/// shape. The queue is a binary min-heap over one flat buffer it owns alone
/// (the type is non-copyable), so pushing and popping need no copy-on-write
/// check and allocate nothing once the buffer has grown to the model's size.
///
/// The scheduler's pop (``pop(notAfter:)``) leaves the root empty (a hole) until the next
/// operation: a simulation handling the event it popped usually schedules another, and a push
/// into the hole sinks from the root once, where a pop that refilled the root at once and a push
/// that rose from the bottom would each move entries. Any other operation fills the hole first
/// with the last entry, as a plain pop does at once. The order events come out in does not
/// depend on it (only on time and sequence).
///
/// Invariants: `heap` holds `capacity` entries; without the hole, `heap[0 ..< size]` are
/// initialised and heap-ordered (no entry precedes its parent); with it (`rootTaken`),
/// `size >= 1`, `heap[0]` is not initialised and `heap[1 ..< size]` are, heap-ordered below the root.
public struct EventQueue<Event>: ~Copyable {
    /// One scheduled event.
    public struct Entry {
        public var time: SimTime
        public var sequence: UInt64
        public var event: Event

        @inlinable
        init(time: SimTime, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time.ticks < other.time.ticks
                || (time.ticks == other.time.ticks && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: UnsafeMutablePointer<Entry>
    @usableFromInline var capacity: Int
    @usableFromInline var size: Int
    @usableFromInline var nextSequence: UInt64
    /// Whether the root is a hole left by the last pop (see the type's invariants).
    @usableFromInline var rootTaken: Bool

    /// An empty queue with room for `capacity` events before it grows.
    public init(capacity: Int = 64) {
        self.capacity = Swift.max(capacity, 4)
        heap = .allocate(capacity: self.capacity)
        size = 0
        nextSequence = 0
        rootTaken = false
    }

    deinit {
        if rootTaken {
            (heap + 1).deinitialize(count: size - 1)
        } else {
            heap.deinitialize(count: size)
        }
        heap.deallocate()
    }

    /// The number of scheduled events, cancelled ones included until they are popped.
    @inlinable public var count: Int { rootTaken ? size &- 1 : size }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The earliest entry, without removing it (with the hole, the earlier of the root's children).
    @inlinable public var first: Entry? {
        guard rootTaken else { return size == 0 ? nil : heap[0] }
        guard size > 1 else { return nil }
        return size > 2 && heap[2].precedes(heap[1]) ? heap[2] : heap[1]
    }

    /// Whether an event with this sequence number is queued.
    /// - Complexity: O(n).
    public func contains(sequence: UInt64) -> Bool {
        ((rootTaken ? 1 : 0) ..< size).contains { heap[$0].sequence == sequence }
    }

    /// Adds `event` at `time` and returns its sequence number.
    /// - Complexity: O(log n), amortised over the buffer's growth.
    @inlinable
    @discardableResult
    public mutating func push(_ event: Event, at time: SimTime) -> UInt64 {
        let sequence = nextSequence
        nextSequence &+= 1
        let moving = Entry(time: time, sequence: sequence, event: event)
        if rootTaken {
            // The new entry fills the hole the last pop left.
            rootTaken = false
            siftDown(moving)
            return sequence
        }
        if size == capacity { grow() }
        var child = size
        size &+= 1
        while child > 0 {
            let parent = (child &- 1) >> 1
            guard moving.precedes(heap[parent]) else { break }
            (heap + child).initialize(to: (heap + parent).move())
            child = parent
        }
        (heap + child).initialize(to: moving)
        return sequence
    }

    /// Removes and returns the earliest entry (and fills the root at once: no hole).
    /// - Complexity: O(log n).
    @inlinable
    public mutating func pop() -> Entry? {
        fillHole()
        guard size > 0 else { return nil }
        let top = heap.move()
        size &-= 1
        if size > 0 {
            let moving = (heap + size).move()
            siftDown(moving)
        }
        return top
    }

    /// Removes and returns the earliest entry if it is due no later than `limit`, leaving a hole at the root.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func pop(notAfter limit: SimTime) -> Entry? {
        fillHole()
        guard size > 0, heap[0].time <= limit else { return nil }
        rootTaken = true
        return heap.move()
    }

    /// Fills the hole at the root, if any, with the last entry: the rest of a plain pop.
    @inlinable @inline(__always)
    mutating func fillHole() {
        guard rootTaken else { return }
        rootTaken = false
        size &-= 1
        if size > 0 {
            let moving = (heap + size).move()
            siftDown(moving)
        }
    }

    /// Places `moving` into the hole at the root (`heap[1 ..< size]` in place): the hole first sinks to a leaf along the
    /// earlier child of each pair (one comparison per level), then `moving` rises from there to
    /// its place. `moving` comes from the bottom of the heap, so it seldom rises far: fewer
    /// comparisons than comparing it with the children at every level on the way down.
    @inlinable
    mutating func siftDown(_ moving: Entry) {
        let n = size
        var hole = 0
        var child = 1
        while child < n {
            let right = child &+ 1
            if right < n, heap[right].precedes(heap[child]) { child = right }
            (heap + hole).initialize(to: (heap + child).move())
            hole = child
            child = 2 &* hole &+ 1
        }
        while hole > 0 {
            let parent = (hole &- 1) >> 1
            guard moving.precedes(heap[parent]) else { break }
            (heap + hole).initialize(to: (heap + parent).move())
            hole = parent
        }
        (heap + hole).initialize(to: moving)
    }

    /// Doubles the buffer (never with the hole: a push fills it instead).
    @usableFromInline
    mutating func grow() {
        let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: heap, count: size)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }

    /// Removes every entry; sequence numbers keep counting.
    public mutating func removeAll() {
        if rootTaken {
            (heap + 1).deinitialize(count: size - 1)
        } else {
            heap.deinitialize(count: size)
        }
        size = 0
        rootTaken = false
    }
}

extension EventQueue {
    /// Whether every entry comes no earlier than its parent (the hole at the root has no entry to
    /// compare with): the heap property.
    /// - Complexity: O(n); meant for tests.
    public func isHeapOrdered() -> Bool {
        for i in 1 ..< Swift.max(size, 1) {
            let parent = (i - 1) >> 1
            if parent == 0, rootTaken { continue }
            if heap[i].precedes(heap[parent]) { return false }
        }
        return true
    }
}
