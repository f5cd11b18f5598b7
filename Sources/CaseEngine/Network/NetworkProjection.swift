public import SimCore

/// The service network beyond the front desk, folded from case events: channels, back-office
/// departments and their deadlines, bundles, the escalation desk, the hotline, ratings, and the
/// conservation of cases, exactly as docs/network.md says each path writes its events.
///
/// ``KPIProjection`` holds one and folds it only when its catalog ``Catalog/hasNetwork``.
/// Memory follows the cases open (one ``NetworkTrack`` each, in a slab), plus fixed figures per
/// channel and department; nothing grows with history. ``NetworkFigures`` turns it into figures.
///
/// With a ``KPIWindow`` (ranges, warm-up) counts go by the arrival of the case's visit, as the
/// front desk's do: every event of a visit submitted inside the span counts, and none of one
/// submitted outside it (its events are folded into counts that are never reported,
/// ``outsideCounts``); backlogs are levels, moved by every case and integrated over the span
/// only, as the front desk's levels.
///
/// Its parts: the figures it keeps are in `NetworkCounts.swift`; `record(_:)` here dispatches
/// each event kind; how each case path moves those figures (submission, acceptance, forwarding
/// and decisions with their deadlines, results, escalation, the end of a case) is in
/// `NetworkProjection+CasePaths.swift`; open cases are tracked by ``NetworkCases``.
public struct NetworkProjection: CaseEventSink, Sendable {
    /// Cases submitted, and how many ended each way.
    public internal(set) var arrived = 0
    /// `serviceCompleted` and `closed`.
    public internal(set) var closed = 0
    /// `abandoned` and `noShow`.
    public internal(set) var abandoned = 0
    public internal(set) var transferred = 0

    /// Per channel seen, in order of first sight (reports sort them).
    public internal(set) var channels: [ChannelCounts] = []
    /// Index into `channels` by channel raw value, -1 until seen.
    var channelSlot: [Int32] = []
    /// Every department of the catalog (groups of kind `department`), in catalog order.
    public internal(set) var departments: [DepartmentCounts]
    public internal(set) var bundles = BundleCounts()
    public internal(set) var escalation = EscalationCounts()
    public internal(set) var hotline = HotlineCounts()
    public internal(set) var ratings = RatingCounts()
    /// Per department (as ``departments``): cases in its work list or being worked.
    public internal(set) var backlogs: [BacklogSeries]

    /// The span the figures cover (the whole run unless ranges or a warm-up say otherwise).
    public let window: KPIWindow
    /// Whether `window` is less than the whole run.
    let windowed: Bool
    /// The cases whose latest visit arrived inside `window` (kept only when `windowed`).
    var inside = ArrivalBits()
    /// The counts of cases that arrived outside `window`: swapped in while their events are
    /// folded, never reported (`nil` unless `windowed`).
    var outsideCounts: Counts?
    /// Where time stands against the window: 0 before its start, 1 inside, 2 past its end.
    var spanPhase: UInt8 = 0
    /// The backlogs as they stood at the window's end, once time has passed it.
    var backlogsAtEnd: [BacklogSeries] = []

    /// Open cases.
    var cases = NetworkCases()
    /// Per group: its index into `departments`, -1 for other kinds.
    let departmentOf: [Int32]
    /// Per hall: the hotline wait target in ticks, or -1 for a hall that is not a hotline.
    let hotlineTarget: [Int64]
    /// Per service: promised and statutory limits in working days (-1: none); whether it is a bundle.
    let promised: [Int32]
    let statutory: [Int32]
    let isBundle: [Bool]
    let days: DayTypeTable

    /// The hotline's wait target when a hotline hall sets none.
    public static let defaultHotlineTarget = SimTime.seconds(15)

    /// A projection of `catalog`'s network, dating deadlines by its calendar.
    public init(catalog: Catalog, window: KPIWindow = .whole) {
        self.init(catalog: catalog, days: DayTypeTable(catalog.calendar), window: window)
    }

    /// A projection of `catalog`'s network, dating deadlines by `days` (the catalog's calendar),
    /// with figures over `window`.
    init(catalog: Catalog, days: DayTypeTable, window: KPIWindow = .whole) {
        var slot = [Int32](repeating: -1, count: catalog.groups.count)
        var departments: [DepartmentCounts] = []
        for (g, group) in catalog.groups.enumerated() where group.kind == .department {
            slot[g] = Int32(departments.count)
            departments.append(DepartmentCounts(group: g))
        }
        departmentOf = slot
        self.departments = departments
        hotline.lateByDepartment = Array(repeating: 0, count: departments.count)
        hotlineTarget = catalog.halls.map { h in
            h.kind == "hotline" ? (h.waitTarget ?? Self.defaultHotlineTarget).ticks : -1
        }
        let terms = catalog.services.indices.map { catalog.terms(of: $0) }
        promised = terms.map { Int32(clamping: $0.promised ?? -1) }
        statutory = terms.map { Int32(clamping: $0.statutory ?? -1) }
        isBundle = terms.map { !$0.parts.isEmpty }
        self.days = days
        channelSlot = [Int32](repeating: -1, count: 16)
        backlogs = Array(repeating: BacklogSeries(), count: departments.count)
        self.window = window
        windowed = !window.isWhole
        if windowed { outsideCounts = counts }
    }

    /// A projection that knows no halls, groups or services and allocates nothing: what a catalog
    /// without a network gets, to count ratings.
    init(ratingsOnlyWith days: DayTypeTable) {
        departments = []
        departmentOf = []
        hotlineTarget = []
        promised = []
        statutory = []
        isBundle = []
        backlogs = []
        self.days = days
        window = .whole
        windowed = false
    }

    /// The cases open now (of those counted: see ``window``).
    public var open: Int {
        guard windowed else { return cases.openCount }
        var n = 0
        cases.forEachOpen { if !$0.has(NetworkTrack.outside) { n += 1 } }
        return n
    }

    /// The counts of `channel`, created on first sight.
    @inline(__always)
    mutating func channel(_ raw: UInt8) -> Int {
        if Int(raw) < channelSlot.count {
            let s = channelSlot[Int(raw)]
            if s >= 0 { return Int(s) }
        } else {
            channelSlot.append(contentsOf: repeatElement(-1, count: Int(raw) + 1 - channelSlot.count))
        }
        channelSlot[Int(raw)] = Int32(channels.count)
        channels.append(ChannelCounts(CaseEvent.Channel(rawValue: raw) ?? .none))
        return channels.count - 1
    }

    @inline(__always)
    func isHotline(_ hall: UInt16) -> Bool { Int(hall) < hotlineTarget.count && hotlineTarget[Int(hall)] >= 0 }

    @inline(__always)
    func department(_ group: UInt16) -> Int { Int(group) < departmentOf.count ? Int(departmentOf[Int(group)]) : -1 }

    static func left(_ e: CaseEvent, _ phase: CaseState.Phase) -> Bool { e.value == Int64(phase.rawValue) }

    /// Folds one event.
    /// - Complexity: O(1) amortised, plus O(log h) in the calendar's exceptions for a decision
    ///   with a deadline and O(weeks) for a department's first change in a new week.
    @inline(never)
    public mutating func record(_ e: CaseEvent) {
        let t = Swift.max(0, e.time.ticks)
        guard windowed else { return fold(e, at: t) }
        if spanPhase < 2, t >= window.edge(after: spanPhase) { passSpanEdges(t) }
        if e.kind == .submitted { inside.set(e.caseID, window.contains(t)) }
        if inside.contains(e.caseID) { return fold(e, at: t) }
        swapCounts()
        fold(e, at: t)
        swapCounts()
    }

    /// Folds event `e` at `t` ticks into the counts in place.
    mutating func fold(_ e: CaseEvent, at t: Int64) {
        switch e.kind {
        case .submitted: submit(e, at: t)
        case .called:
            guard isHotline(e.hall) else { return }
            hotline.answered &+= 1
            hotline.waitTotal &+= e.value
            if e.value <= hotlineTarget[Int(e.hall)] { hotline.withinTarget &+= 1 }
            if var track = cases[e.caseID] {
                track.called = t
                cases.update(e.caseID, track)
            }
        case .serviceCompleted:
            if isHotline(e.hall) {
                hotline.closedByAgent &+= 1
                hotline.talks &+= 1
                hotline.talkTotal &+= e.value
            }
            end(e, at: t)
        case .accepted: accept(e, at: t)
        case .forwarded: forward(e, at: t)
        case .materialsRequested:
            guard var track = cases[e.caseID] else { return }
            if Self.left(e, .accepted) { track.set(NetworkTrack.deficiency) }
            if track.has(NetworkTrack.inBacklog) {
                leaveBacklog(&track, at: t)
                track.set(NetworkTrack.resumesBackOffice)
            }
            cases.update(e.caseID, track)
        case .resubmitted:
            guard var track = cases[e.caseID] else { return }
            if track.has(NetworkTrack.deficiency) {
                track.clockStart = t
                track.clear(NetworkTrack.deficiency)
            }
            if track.has(NetworkTrack.resumesBackOffice) {
                track.clear(NetworkTrack.resumesBackOffice)
                if track.department >= 0 {
                    changeBacklog(Int(track.department), by: 1, at: t)
                    track.set(NetworkTrack.inBacklog)
                }
            }
            cases.update(e.caseID, track)
        case .approved, .rejected: decide(e, at: t)
        case .resultReady: resultReady(e, at: t)
        case .escalated: escalate(e, at: t)
        case .transferred:
            if Self.left(e, .escalated) {
                escalation.transferred &+= 1
                leaveDesk()
            }
            end(e, at: t)
        case .closed:
            if Self.left(e, .escalated) {
                escalation.closed &+= 1
                leaveDesk()
            }
            end(e, at: t)
        case .abandoned, .noShow:
            if isHotline(e.hall) && e.kind == .abandoned { hotline.abandoned &+= 1 }
            end(e, at: t)
        case .rated:
            ratings.rated &+= 1
            if e.window == 0 { ratings.good &+= 1 } else if e.window == 1 { ratings.bad &+= 1 }
        case .callbackDone:
            ratings.callbacks &+= 1
            ratings.callbackTotal &+= e.value
        case .ticketIssued, .serviceStarted, .delivered, .pickedUp, .uncollected, .staffingChanged, .runEnded, .workStarted:
            break
        }
    }
}
