/// The current state of every open case: the case-state projection of the event log.
///
/// Cases are numbered from 0 in order of submission. Open cases sit in a slab
/// indexed by id; a case that ends is dropped at once, the slab's finished
/// front is cut off as it empties, and the few cases that stay open far longer
/// than the cases around them are parked in a dictionary so that one stuck case
/// does not pin the slab. Memory grows with the cases open, not with history.
///
/// Commands go through ``handle(_:at:)``, which validates them and returns the
/// event; ``apply(_:)`` folds events, so a book rebuilt from a log equals the
/// book that wrote it.
public struct CaseBook: Sendable {
    /// Open cases by id, from `base`; `nil` marks a finished case.
    var slots: [CaseState?] = []
    /// Slots before this index are all `nil` (or parked).
    var head = 0
    /// The id of `slots[0]`.
    var base: UInt32 = 0
    /// Open cases with ids before `base + head`, parked out of the slab.
    var parked: [UInt32: CaseState] = [:]
    /// Open cases per phase, and finished cases per terminal phase, by raw value.
    var counts = [Int](repeating: 0, count: Int(CaseState.Phase.transferred.rawValue) + 1)
    /// The number of open cases.
    public private(set) var openCount = 0

    /// The slab is cut down once this many leading slots are empty and they are half of it.
    static let compactionFloor = 1024
    /// Long-lived cases are parked once the slab spans this many ids and is at most an eighth full.
    static let parkingSpan = 4096

    /// An empty book.
    public init() {}

    /// The id the next submitted case gets.
    public var nextCaseID: UInt32 { base &+ UInt32(truncatingIfNeeded: slots.count) }

    /// The state of case `id`, or `nil` when it is finished or not yet submitted.
    /// - Complexity: O(1).
    public subscript(id: UInt32) -> CaseState? {
        let offset = Int(id) - Int(base)
        if offset >= head { return offset < slots.count ? slots[offset] : nil }
        return parked.isEmpty ? nil : parked[id]
    }

    /// The number of open cases in `phase`, or for a terminal phase the number of cases that ended there.
    public func count(in phase: CaseState.Phase) -> Int { counts[Int(phase.rawValue)] }

    /// Calls `body` with every open case, in no guaranteed order.
    public func forEachOpenCase(_ body: (UInt32, CaseState) throws -> Void) rethrows {
        for (id, state) in parked { try body(id, state) }
        for i in head ..< slots.count {
            if let state = slots[i] { try body(base &+ UInt32(truncatingIfNeeded: i), state) }
        }
    }

    /// Every open case, by id.
    public var openCases: [(id: UInt32, state: CaseState)] {
        var all: [(id: UInt32, state: CaseState)] = []
        all.reserveCapacity(openCount)
        forEachOpenCase { all.append(($0, $1)) }
        all.sort { $0.id < $1.id }
        return all
    }

    /// Adds a newly submitted case under ``nextCaseID``.
    mutating func open(_ state: CaseState) {
        precondition(nextCaseID < .max, "case ids exhausted")
        parkIfSparse()
        slots.append(state)
        openCount += 1
        counts[Int(CaseState.Phase.submitted.rawValue)] += 1
    }

    /// Moves open case `id` from `state` to `target` by `event`, dropping it if `target` is terminal.
    mutating func move(_ id: UInt32, from state: CaseState, to target: CaseState.Phase, by event: CaseEvent) {
        counts[Int(state.phase.rawValue)] -= 1
        counts[Int(target.rawValue)] += 1
        let offset = Int(id) - Int(base)
        if target.isTerminal {
            openCount -= 1
            if offset >= head {
                slots[offset] = nil
                if offset == head { trimFront() }
            } else {
                parked[id] = nil
            }
            return
        }
        var next = state
        next.advance(to: target, by: event)
        if offset >= head { slots[offset] = next } else { parked[id] = next }
    }

    /// Skips finished slots at the front and cuts them off once they are many.
    mutating func trimFront() {
        while head < slots.count, slots[head] == nil { head += 1 }
        guard head == slots.count || (head >= Self.compactionFloor && head * 2 >= slots.count) else { return }
        base &+= UInt32(truncatingIfNeeded: head)
        if head == slots.count { slots.removeAll(keepingCapacity: true) } else { slots.removeFirst(head) }
        head = 0
    }

    /// Parks the open cases of the slab's older half when the slab spans far more ids than it holds cases.
    mutating func parkIfSparse() {
        let span = slots.count - head
        guard span >= Self.parkingSpan, span > 8 * (openCount - parked.count) else { return }
        let cut = head + span / 2
        for i in head ..< cut {
            if let state = slots[i] {
                parked[base &+ UInt32(truncatingIfNeeded: i)] = state
                slots[i] = nil
            }
        }
        head = cut
        trimFront()
    }
}

extension CaseBook: Equatable {
    /// Whether both books hold the same open cases in the same states, with the same counts and next id.
    public static func == (a: CaseBook, b: CaseBook) -> Bool {
        guard a.nextCaseID == b.nextCaseID, a.openCount == b.openCount, a.counts == b.counts else { return false }
        var same = true
        a.forEachOpenCase { id, state in
            if same, b[id] != state { same = false }
        }
        return same
    }
}
