extension EventQueue {
    /// Whether every entry comes no earlier than its parent: the heap property.
    /// - Complexity: O(n); meant for tests.
    public func isHeapOrdered() -> Bool {
        for i in 1 ..< Swift.max(size, 1) where heap[i].precedes(heap[(i - 1) >> 2]) {
            return false
        }
        return true
    }
}
