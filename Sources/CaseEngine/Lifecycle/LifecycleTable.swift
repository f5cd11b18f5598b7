import SimCore

/// The case lifecycle (``CaseState/phase(after:)``) as a flat table by event kind and phase, so that
/// folding an event costs one load rather than a switch over both.
///
/// Built from `phase(after:)` itself, never written by hand: an entry holds the raw value of the
/// phase an event of that kind moves a case in that phase to, 0 when the lifecycle forbids it, or
/// ``conditional`` when the answer depends on more than the phase (the channel, the decision, where
/// a resubmission resumes); those few take `phase(after:)`. `LifecycleStorageTests` checks the
/// table against `phase(after:)` for every channel, decision and resumption together.
struct LifecycleTable: Sendable {
    /// The entry of a kind and phase whose target depends on more than the phase.
    static let conditional: UInt8 = 0xFF
    /// Entries per kind: one per phase raw value, 0 ... 17.
    static let width = 18
    /// The table every book shares (built once per process).
    static let shared = LifecycleTable()

    /// Entries by `kind.rawValue * width + phase.rawValue`.
    let entries: [UInt8]

    /// Probes `phase(after:)` for every kind and phase, from a base state and with each of the
    /// channel, the decision and the resumption varied in turn (the lifecycle reads at most one
    /// of them for any kind and phase).
    init() {
        var entries = [UInt8](repeating: 0, count: 256 * Self.width)
        let base = CaseState(submitted: CaseEvent(.submitted, at: .zero))
        var probes: [CaseState] = []
        for channel in CaseEvent.Channel.allCases {
            var s = base
            s.channel = channel
            probes.append(s)
        }
        for decision in [CaseState.Decision.pending, .approved, .rejected] {
            var s = base
            s.decision = decision
            probes.append(s)
        }
        for resumes in CaseState.Phase.allCases {
            var s = base
            s.resumes = resumes
            probes.append(s)
        }
        for kind in CaseEvent.Kind.allCases {
            for phase in CaseState.Phase.allCases {
                var first: UInt8?
                var same = true
                for var probe in probes {
                    probe.phase = phase
                    let target = probe.phase(after: kind)?.rawValue ?? 0
                    if first == nil { first = target } else if first != target { same = false }
                }
                entries[Int(kind.rawValue) * Self.width + Int(phase.rawValue)] = same ? first! : Self.conditional
            }
        }
        self.entries = entries
    }

    /// The phase an event of `kind` moves `state` to, or `nil` when the lifecycle does not allow it:
    /// `state.phase(after: kind)`, mostly by one load.
    @inline(__always)
    func target(of state: CaseState, after kind: CaseEvent.Kind) -> CaseState.Phase? {
        let entry = entries[Int(kind.rawValue) &* Self.width &+ Int(state.phase.rawValue)]
        if _slowPath(entry == Self.conditional) { return state.phase(after: kind) }
        return CaseState.Phase(rawValue: entry)
    }
}
