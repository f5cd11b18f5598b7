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
    /// Arrived outside the span the figures cover (``KPIWindow``): its events move backlogs only.
    static let outside: UInt8 = 64

    @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
    @inline(__always) mutating func set(_ flag: UInt8) { flags |= flag }
    @inline(__always) mutating func clear(_ flag: UInt8) { flags &= ~flag }
}

extension NetworkTrack: CaseSlabEntry {
    static var vacant: NetworkTrack { NetworkTrack() }
    var isOpen: Bool { has(Self.open) }
}

/// The open cases of the network fold by id, in a ``CaseSlab`` (as ``CaseBook`` keeps its states),
/// so memory follows the cases open, not history.
struct NetworkCases: Sendable {
    var table = CaseSlab<NetworkTrack>()

    /// The slab's slots and its first live index (for tests of its size).
    var slots: [NetworkTrack] { table.slots }
    var head: Int { table.head }
    /// The number of open cases.
    var openCount: Int { table.openCount }

    /// The open case `id`, if any.
    @inline(__always)
    subscript(id: UInt32) -> NetworkTrack? { table[id] }

    /// Opens case `id` (normally the next id) with `track`.
    mutating func open(_ id: UInt32, _ track: NetworkTrack) {
        var t = track
        t.set(NetworkTrack.open)
        table.open(id, t)
    }

    /// Replaces the state of open case `id`.
    @inline(__always)
    mutating func update(_ id: UInt32, _ track: NetworkTrack) { table.update(id, track) }

    /// Drops open case `id`.
    mutating func close(_ id: UInt32) { table.close(id) }

    /// Calls `body` with every open case.
    func forEachOpen(_ body: (NetworkTrack) -> Void) { table.forEachOpen { body($1) } }
}
