extension EventQueue {
    /// Whether every entry comes no earlier than its parent: the heap property.
    /// - Complexity: O(n); meant for tests.
    public func isHeapOrdered() -> Bool {
        for i in storage.indices.dropFirst() where storage[i].precedes(storage[(i - 1) >> 2]) {
            return false
        }
        return true
    }
}
