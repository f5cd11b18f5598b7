/// What a case table holds for one case id: a value, or a vacant slot.
protocol CaseSlabEntry: Sendable {
    /// The value of a slot whose case is finished, parked or not yet seen.
    static var vacant: Self { get }
    /// Whether the value is an open case.
    var isOpen: Bool { get }
}

/// Open cases by id: a slab indexed by `id - base` whose finished front is cut off as it empties,
/// with the few cases that stay open far longer than the cases around them parked in a
/// dictionary, so that one stuck case does not pin the slab. Memory grows with the cases open,
/// not with history. Used by ``CaseBook`` (case states) and the network fold (``NetworkCases``).
struct CaseSlab<Entry: CaseSlabEntry>: Sendable {
    /// Cases by id from `base`; a vacant slot is a finished case (or one never seen).
    var slots: [Entry] = []
    /// Slots before this index are all vacant (or parked).
    var head = 0
    /// The id of `slots[0]`.
    var base: UInt32 = 0
    /// Open cases with ids before `base + head`, parked out of the slab.
    var parked: [UInt32: Entry] = [:]
    /// The number of open cases.
    private(set) var openCount = 0

    /// The slab is cut down once this many leading slots are vacant and they are half of it.
    static var compactionFloor: Int { 1024 }
    /// Long-lived cases are parked once the slab spans this many ids and is at most an eighth full.
    static var parkingSpan: Int { 4096 }

    /// The id after the last slot.
    var nextID: UInt32 { base &+ UInt32(truncatingIfNeeded: slots.count) }

    /// Where open case `id` lives: a slab index (`>= 0`), or -1 when it is parked or unknown.
    /// - Complexity: O(1).
    @inline(__always)
    func slot(_ id: UInt32) -> Int {
        let offset = Int(id) &- Int(base)
        return offset >= head && offset < slots.count && slots[offset].isOpen ? offset : -1
    }

    /// Open case `id`, if any.
    /// - Complexity: O(1).
    @inline(__always)
    subscript(id: UInt32) -> Entry? {
        let s = slot(id)
        if s >= 0 { return slots[s] }
        return parked.isEmpty ? nil : parked[id]
    }

    /// Opens case `id` (normally ``nextID``) with `entry`, or replaces it if open.
    /// - Complexity: amortised O(1).
    mutating func open(_ id: UInt32, _ entry: Entry) {
        let offset = Int(id) - Int(base)
        if offset >= slots.count {
            if slots.count - head >= Self.parkingSpan { parkIfSparse() }
            let at = Int(id) - Int(base)
            while slots.count < at { slots.append(.vacant) }
            slots.append(entry)
            openCount += 1
        } else if offset >= head {
            if !slots[offset].isOpen { openCount += 1 }
            slots[offset] = entry
        } else {
            if parked.updateValue(entry, forKey: id) == nil { openCount += 1 }
        }
    }

    /// Opens case ``nextID`` with `entry`: ``open(_:_:)`` of the id after the last slot, which needs
    /// no search for its slot (inlined where a case is submitted, once per case).
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func openNext(_ entry: Entry) {
        // Parking keeps ``nextID`` (it moves `base` up by the slots it cuts off), so the new slot is
        // still the one after the last.
        if slots.count - head >= Self.parkingSpan { parkIfSparse() }
        slots.append(entry)
        openCount += 1
    }

    /// Replaces the value of open case `id`.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func update(_ id: UInt32, _ entry: Entry) {
        let s = slot(id)
        if s >= 0 {
            slots[s] = entry
        } else if parked[id] != nil {
            parked[id] = entry
        }
    }

    /// Drops open case `id`.
    /// - Complexity: amortised O(1).
    mutating func close(_ id: UInt32) {
        let s = slot(id)
        if s >= 0 {
            close(slot: s)
        } else if parked.removeValue(forKey: id) != nil {
            openCount -= 1
        }
    }

    /// Drops the open case at slab index `s` (a ``slot(_:)`` that is not -1).
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func close(slot s: Int) {
        slots[s] = .vacant
        openCount -= 1
        if s == head { trimFront() }
    }

    /// Calls `body` with every open case, parked ones first, in no guaranteed order.
    func forEachOpen(_ body: (UInt32, Entry) throws -> Void) rethrows {
        for (id, entry) in parked { try body(id, entry) }
        for i in head ..< slots.count where slots[i].isOpen { try body(base &+ UInt32(truncatingIfNeeded: i), slots[i]) }
    }

    /// Skips finished slots at the front and cuts them off once they are many.
    mutating func trimFront() {
        while head < slots.count, !slots[head].isOpen { head += 1 }
        guard head == slots.count || (head >= Self.compactionFloor && head * 2 >= slots.count) else { return }
        base &+= UInt32(truncatingIfNeeded: head)
        if head == slots.count { slots.removeAll(keepingCapacity: true) } else { slots.removeFirst(head) }
        head = 0
    }

    /// Parks the open cases of the slab's older half when it spans far more ids than it holds cases.
    mutating func parkIfSparse() {
        let span = slots.count - head
        guard span >= Self.parkingSpan, span > 8 * (openCount - parked.count) else { return }
        let cut = head + span / 2
        for i in head ..< cut where slots[i].isOpen {
            parked[base &+ UInt32(truncatingIfNeeded: i)] = slots[i]
            slots[i] = .vacant
        }
        head = cut
        trimFront()
    }
}
