/// What the network fold remembers of one open case: when it came and by which channel,
/// where its deadline clock stands, which department has it, and bundle bookkeeping.
struct NetworkTrack: Sendable, Equatable {
    /// When the case was submitted, in ticks.
    var submitted: Int64 = 0
    /// When the case was answered (called), in ticks; -1 before. Kept for hotline talk times.
    var called: Int64 = -1
    /// When its deadline clock started (acceptance, or complete materials after a deficiency), in ticks; -1 before.
    var clockStart: Int64 = -1
    /// For a bundle parent: the sum of its parts' lead times (submitted → result ready) so far, in ticks.
    var partsTotal: Int64 = 0
    /// For a bundle part: its parent's case id + 1; 0 for any other case.
    var parent: UInt32 = 0
    /// The department (index into ``NetworkProjection/departments``) that last had the case, -1 for none.
    var department: Int32 = -1
    /// The channel it came in by (raw value).
    var channel: UInt8 = 0
    var flags: UInt8 = 0

    /// Open (a slot of the table in use).
    static let open: UInt8 = 1
    /// In a department's work list or being worked: counted in its backlog.
    static let inBacklog: UInt8 = 2
    /// Materials were asked for on acceptance (a deficiency): the clock restarts at the resubmission.
    static let deficiency: UInt8 = 4
    /// Materials were asked for by the back office: the resubmission returns the case to its department.
    static let resumesBackOffice: UInt8 = 8
    /// A bundle parent.
    static let bundleParent: UInt8 = 16
    /// A bundle parent whose result is ready (its lead time is counted).
    static let bundleDone: UInt8 = 32

    @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
    @inline(__always) mutating func set(_ flag: UInt8) { flags |= flag }
    @inline(__always) mutating func clear(_ flag: UInt8) { flags &= ~flag }
}

/// The open cases of the network fold by id: a slab indexed by `id - base` whose finished front is
/// cut off as it empties, with the few cases that stay open far longer than their neighbours
/// parked in a dictionary (as ``CaseBook`` does), so memory follows the cases open, not history.
struct NetworkCases: Sendable {
    /// Cases by id from `base`; a slot without ``NetworkTrack/open`` is finished (or never seen).
    var slots: [NetworkTrack] = []
    /// Slots before this index are all finished (or parked).
    var head = 0
    /// The id of `slots[0]`.
    var base: UInt32 = 0
    /// Open cases with ids before `base + head`.
    var parked: [UInt32: NetworkTrack] = [:]
    /// The number of open cases.
    private(set) var openCount = 0

    static let compactionFloor = 1024
    static let parkingSpan = 4096

    /// Where case `id` lives: a slab index (`>= 0`), or -1 when it is parked or unknown.
    @inline(__always)
    func slot(_ id: UInt32) -> Int {
        let offset = Int(id) &- Int(base)
        return offset >= head && offset < slots.count && slots[offset].has(NetworkTrack.open) ? offset : -1
    }

    /// The open case `id`, if any.
    subscript(id: UInt32) -> NetworkTrack? {
        let s = slot(id)
        if s >= 0 { return slots[s] }
        return parked.isEmpty ? nil : parked[id]
    }

    /// Opens case `id` (normally the next id) with `track`.
    mutating func open(_ id: UInt32, _ track: NetworkTrack) {
        var t = track
        t.set(NetworkTrack.open)
        let offset = Int(id) - Int(base)
        if offset >= slots.count {
            parkIfSparse()
            let at = Int(id) - Int(base)
            while slots.count < at { slots.append(NetworkTrack()) }
            slots.append(t)
            openCount += 1
        } else if offset >= head {
            if !slots[offset].has(NetworkTrack.open) { openCount += 1 }
            slots[offset] = t
        } else {
            if parked.updateValue(t, forKey: id) == nil { openCount += 1 }
        }
    }

    /// Replaces the state of open case `id`.
    @inline(__always)
    mutating func update(_ id: UInt32, _ track: NetworkTrack) {
        let s = slot(id)
        if s >= 0 {
            slots[s] = track
        } else if parked[id] != nil {
            parked[id] = track
        }
    }

    /// Drops open case `id`.
    mutating func close(_ id: UInt32) {
        let s = slot(id)
        if s >= 0 {
            slots[s].flags = 0
            openCount -= 1
            if s == head { trimFront() }
        } else if parked.removeValue(forKey: id) != nil {
            openCount -= 1
        }
    }

    /// Calls `body` with every open case.
    func forEachOpen(_ body: (NetworkTrack) -> Void) {
        for t in parked.values { body(t) }
        for i in head ..< slots.count where slots[i].has(NetworkTrack.open) { body(slots[i]) }
    }

    mutating func trimFront() {
        while head < slots.count, !slots[head].has(NetworkTrack.open) { head += 1 }
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
        for i in head ..< cut where slots[i].has(NetworkTrack.open) {
            parked[base &+ UInt32(truncatingIfNeeded: i)] = slots[i]
            slots[i].flags = 0
        }
        head = cut
        trimFront()
    }
}
