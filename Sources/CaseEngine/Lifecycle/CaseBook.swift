/// The current state of every open case: the case-state projection of the event log.
///
/// Cases are numbered from 0 in order of submission. Open cases sit in a
/// ``CaseSlab`` indexed by id; a case that ends is dropped at once, and memory
/// grows with the cases open, not with history.
///
/// Commands go through ``handle(_:at:)``, which validates them and returns the
/// event; ``apply(_:)`` folds events, so a book rebuilt from a log equals the
/// book that wrote it.
public struct CaseBook: Sendable {
    /// Open cases by id; a vacant (`nil`) slot is a finished case.
    var cases = CaseSlab<CaseState?>()
    /// Open cases per phase, and finished cases per terminal phase, by raw value.
    var counts = [Int](repeating: 0, count: Int(CaseState.Phase.transferred.rawValue) + 1)

    /// The slab's slots, first live index and parked cases (for tests of its size).
    var slots: [CaseState?] { cases.slots }
    var head: Int { cases.head }
    var parked: [UInt32: CaseState?] { cases.parked }
    /// Long-lived cases are parked once the slab spans this many ids and is at most an eighth full.
    static var parkingSpan: Int { CaseSlab<CaseState?>.parkingSpan }

    /// An empty book.
    public init() {}

    /// The number of open cases.
    public var openCount: Int { cases.openCount }

    /// The id the next submitted case gets.
    public var nextCaseID: UInt32 { cases.nextID }

    /// The state of case `id`, or `nil` when it is finished or not yet submitted.
    /// - Complexity: O(1).
    public subscript(id: UInt32) -> CaseState? { cases[id] ?? nil }

    /// The number of open cases in `phase`, or for a terminal phase the number of cases that ended there.
    public func count(in phase: CaseState.Phase) -> Int { counts[Int(phase.rawValue)] }

    /// Calls `body` with every open case, in no guaranteed order.
    public func forEachOpenCase(_ body: (UInt32, CaseState) throws -> Void) rethrows {
        try cases.forEachOpen { id, state in
            if let state { try body(id, state) }
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
        cases.open(nextCaseID, state)
        counts[Int(CaseState.Phase.submitted.rawValue)] += 1
    }

    /// Moves open case `id` from `state` to `target` by `event`, dropping it if `target` is terminal.
    mutating func move(_ id: UInt32, from state: CaseState, to target: CaseState.Phase, by event: CaseEvent) {
        counts[Int(state.phase.rawValue)] -= 1
        counts[Int(target.rawValue)] += 1
        if target.isTerminal {
            cases.close(id)
            return
        }
        var next = state
        next.advance(to: target, by: event)
        cases.update(id, next)
    }
}

extension Optional: CaseSlabEntry where Wrapped == CaseState {
    static var vacant: CaseState? { nil }
    var isOpen: Bool { if case .some = self { true } else { false } }
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
