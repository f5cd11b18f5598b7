import SimCore

/// The case lifecycle (``CaseState/phase(after:)``) as a flat table by event kind, phase and channel,
/// so that folding an event costs one load rather than a switch over the kind and the phase.
///
/// Built from `phase(after:)` itself, never written by hand: an entry holds the phase an event of
/// that kind moves a case in that phase from that channel to, ``Entry/forbidden`` when the
/// lifecycle forbids it, or ``Entry/conditional`` when the answer depends on more than the phase
/// and the channel (the decision, where a resubmission resumes); those few take `phase(after:)`.
/// The channel is part of the key because the most common move of all, a walk-in taking a ticket,
/// depends on it. `LifecycleStorageTests` checks the table against `phase(after:)` for every
/// channel, decision and resumption together.
struct LifecycleTable: Sendable {
    /// What the lifecycle says of one kind of event in one phase, from one channel.
    enum Entry: Sendable, Equatable {
        /// The case moves to this phase.
        case to(CaseState.Phase)
        /// The lifecycle does not allow the event here.
        case forbidden
        /// The answer depends on the decision or the resumption: ask `phase(after:)`.
        case conditional
    }

    /// Entries per kind and phase: one per channel raw value, 0 ... 9.
    static let channels = 10
    /// Entries per kind: one per phase raw value, 0 ... 17, each of ``channels`` entries.
    static let width = 18 * channels
    /// The table every book shares (built once per process).
    static let shared = LifecycleTable()

    /// Entries by `kind.rawValue * width + phase.rawValue * channels + channel.rawValue`
    /// (256 × 18 × 10 one-byte entries; the few a run uses stay in cache).
    let entries: [Entry]

    /// Probes `phase(after:)` for every kind, phase and channel, from a base state and with each of
    /// the decision and the resumption varied in turn (the lifecycle reads at most one of them for
    /// any kind and phase).
    init() {
        precondition(CaseEvent.Channel.allCases.allSatisfy { Int($0.rawValue) < Self.channels }, "a channel's raw value is outside the table")
        precondition(CaseState.Phase.allCases.allSatisfy { Int($0.rawValue) < Self.width / Self.channels }, "a phase's raw value is outside the table")
        var entries = [Entry](repeating: .forbidden, count: 256 * Self.width)
        for channel in CaseEvent.Channel.allCases {
            let base = CaseState(submitted: CaseEvent(.submitted, at: .zero, channel: channel))
            var probes = [base]
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
                    var first: CaseState.Phase??
                    var same = true
                    for var probe in probes {
                        probe.phase = phase
                        let target = probe.phase(after: kind)
                        if let first { same = same && first == target } else { first = target }
                    }
                    let entry: Entry = same ? first!.map { .to($0) } ?? .forbidden : .conditional
                    entries[Self.index(kind, phase, channel)] = entry
                }
            }
        }
        self.entries = entries
    }

    /// Where the entry of `kind` in `phase` from `channel` sits.
    @inline(__always)
    static func index(_ kind: CaseEvent.Kind, _ phase: CaseState.Phase, _ channel: CaseEvent.Channel) -> Int {
        Int(kind.rawValue) &* width &+ Int(phase.rawValue) &* channels &+ Int(channel.rawValue)
    }

    /// The entry of `kind` in `phase` from `channel`.
    func entry(_ kind: CaseEvent.Kind, _ phase: CaseState.Phase, _ channel: CaseEvent.Channel) -> Entry {
        entries[Self.index(kind, phase, channel)]
    }

    /// The phase an event of `kind` moves `state` to, or `nil` when the lifecycle does not allow it:
    /// `state.phase(after: kind)`, mostly by one load.
    @inline(__always)
    func target(of state: CaseState, after kind: CaseEvent.Kind) -> CaseState.Phase? {
        switch entries[Self.index(kind, state.phase, state.channel)] {
        case .to(let phase): phase
        case .forbidden: nil
        case .conditional: state.phase(after: kind)
        }
    }
}
