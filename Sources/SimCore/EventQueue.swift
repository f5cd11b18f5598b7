/// A priority queue of events ordered by time, then by the order they were scheduled.
///
/// Two events at the same time always come out in the order they went in: each
/// entry carries a sequence number, so the order never depends on the heap's
/// shape. The queue is a 4-ary min-heap over a flat array: no allocation per
/// event once the array has grown to the model's working size.
public struct EventQueue<Event> {
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

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            time.ticks < other.time.ticks
                || (time.ticks == other.time.ticks && sequence < other.sequence)
        }
    }

    @usableFromInline var storage: ContiguousArray<Entry>
    @usableFromInline var nextSequence: UInt64

    /// An empty queue with room for `capacity` events before it grows.
    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
        nextSequence = 0
    }

    /// The number of scheduled events, cancelled ones included until they are popped.
    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// The earliest entry, without removing it.
    @inlinable public var first: Entry? { storage.first }

    /// Adds `event` at `time` and returns its sequence number.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func push(_ event: Event, at time: SimTime) -> UInt64 {
        let sequence = nextSequence
        nextSequence &+= 1
        storage.append(Entry(time: time, sequence: sequence, event: event))
        siftUp(storage.count - 1)
        return sequence
    }

    /// Removes and returns the earliest entry.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func pop() -> Entry? {
        guard let last = storage.popLast() else { return nil }
        if storage.isEmpty { return last }
        let top = storage[0]
        storage[0] = last
        siftDown(0)
        return top
    }

    /// Removes every entry; sequence numbers keep counting.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            var child = start
            let moving = heap[child]
            while child > 0 {
                let parent = (child - 1) >> 2
                guard moving.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = start
            let moving = heap[parent]
            while true {
                let first = 4 &* parent &+ 1
                if first >= n { break }
                var best = first
                let end = Swift.min(first &+ 4, n)
                var c = first &+ 1
                while c < end {
                    if heap[c].precedes(heap[best]) { best = c }
                    c &+= 1
                }
                guard heap[best].precedes(moving) else { break }
                heap[parent] = heap[best]
                parent = best
            }
            heap[parent] = moving
        }
    }
}
