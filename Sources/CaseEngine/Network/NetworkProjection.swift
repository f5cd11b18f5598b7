import Histogram
public import SimCore

/// The service network beyond the front desk, folded from case events: channels, back-office
/// departments and their deadlines, bundles, the escalation desk, the hotline, ratings, and the
/// conservation of cases, exactly as docs/network.md says each path writes its events.
///
/// ``KPIProjection`` holds one and folds it only when its catalog ``Catalog/hasNetwork``.
/// Memory follows the cases open (one ``NetworkTrack`` each, in a slab), plus fixed figures per
/// channel and department; nothing grows with history. ``NetworkFigures`` turns it into figures.
public struct NetworkProjection: CaseEventSink, Sendable {
    /// One channel's counts and lead times.
    public struct ChannelCounts: Sendable {
        public var channel: CaseEvent.Channel
        /// Cases submitted.
        public var arrived = 0
        /// `serviceCompleted` and `closed`.
        public var closed = 0
        /// `abandoned` and `noShow`.
        public var abandoned = 0
        public var transferred = 0
        /// `escalated` events.
        public var escalated = 0
        /// Submitted → closed or transferred, in ticks; percentiles to two significant digits.
        public var leadTimes = WaitStatistics(significantDigits: .two)

        init(_ channel: CaseEvent.Channel) { self.channel = channel }
    }

    /// One back-office department's counts, deadlines and backlog.
    public struct DepartmentCounts: Sendable {
        /// The department, as an index into ``Catalog/groups``.
        public var group: Int
        /// Cases forwarded into it.
        public var received = 0
        /// `approved` or `rejected` by it.
        public var decided = 0
        public var approved = 0
        public var rejected = 0
        /// Decisions of services with a promised limit (and a started clock), and those on time.
        public var withPromised = 0
        public var onTimePromised = 0
        /// Decisions of services with a statutory limit (and a started clock), and those on time.
        public var withStatutory = 0
        public var onTimeStatutory = 0
        /// Decisions with a promised limit by working days late (index 0: on time); grows to the largest lateness.
        public var lateness: [Int] = []
        /// Cases in its work list or being worked.
        public var backlog = BacklogSeries()

        init(group: Int) { self.group = group }

        mutating func countLateness(_ days: Int) {
            if days >= lateness.count { lateness.append(contentsOf: repeatElement(0, count: days + 1 - lateness.count)) }
            lateness[days] &+= 1
        }
    }

    /// Bundles ("one thing, one visit"): parent cases of services with parts.
    public struct BundleCounts: Sendable, Equatable {
        /// Parent cases submitted.
        public var parents = 0
        /// Parents whose combined result is ready.
        public var completed = 0
        /// Parents submitted, not yet complete and not ended otherwise.
        public var open = 0
        /// Sum over completed parents of parent submitted → parent result ready, in ticks.
        public var leadTotal: Int64 = 0
        /// Sum over completed parents of their parts' submitted → result ready, in ticks.
        public var oneByOneTotal: Int64 = 0
    }

    /// Why cases reached the escalation desk, from the phase they left.
    public struct EscalationCounts: Sendable, Equatable {
        /// `escalated` events.
        public var received = 0
        /// `transferred` from the desk.
        public var transferred = 0
        /// `closed` from the desk (resolved).
        public var closed = 0
        /// Sent back to a department from the desk (`forwarded` from `escalated`).
        public var returned = 0
        /// At the desk now.
        public var pending = 0
        /// A rejection contested (left `rejected`).
        public var contested = 0
        /// More visits than allowed (left `materialsRequested`).
        public var visits = 0
        /// Gave up a second time (left `queued` or `submitted`).
        public var abandonedTwice = 0
        /// A complaint from a bad rating (left `accepted`, channel `feedback`).
        public var complaint = 0
        /// Any other phase left.
        public var other = 0
    }

    /// The 12345 hotline: every hall of kind `hotline`.
    public struct HotlineCounts: Sendable, Equatable {
        /// Calls (cases submitted at a hotline hall, but for complaints from ratings).
        public var calls = 0
        /// Calls answered (`called`).
        public var answered = 0
        /// Callers who hung up while waiting.
        public var abandoned = 0
        /// Answered calls whose wait was within their hall's wait target (15 s without one).
        public var withinTarget = 0
        /// Sum of the waits of answered calls, in ticks.
        public var waitTotal: Int64 = 0
        /// Talks that ended (answered by the agent, or dispatched) and their total length in ticks.
        public var talks = 0
        public var talkTotal: Int64 = 0
        /// Calls the agent answered itself (`serviceCompleted`).
        public var closedByAgent = 0
        /// Calls dispatched to a member unit (`accepted` at a hotline hall).
        public var dispatched = 0
        /// Replies of member units to dispatched calls (`approved`/`rejected` of hotline cases).
        public var repliesDecided = 0
        /// Replies with a promised limit, on time and late against it.
        public var repliesOnTime = 0
        public var repliesLate = 0
        /// Late replies per department (index into ``NetworkProjection/departments``).
        public var lateByDepartment: [Int] = []
    }

    /// Ratings (好差评) and what they lead to.
    public struct RatingCounts: Sendable, Equatable {
        public var rated = 0
        public var good = 0
        public var bad = 0
        /// Callback tasks done (`callbackDone`) and the ticks from rating to callback, summed.
        public var callbacks = 0
        public var callbackTotal: Int64 = 0
        /// Complaint cases (submitted with channel `feedback`).
        public var complaints = 0
    }

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
    public init(catalog: Catalog) { self.init(catalog: catalog, days: DayTypeTable(catalog.calendar)) }

    /// A projection of `catalog`'s network, dating deadlines by `days` (the catalog's calendar).
    init(catalog: Catalog, days: DayTypeTable) {
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
        self.days = days
    }

    /// The cases open now.
    public var open: Int { cases.openCount }

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
                    departments[Int(track.department)].backlog.change(by: 1, at: t)
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
        case .ticketIssued, .serviceStarted, .delivered, .pickedUp, .uncollected, .staffingChanged, .runEnded:
            break
        }
    }

    mutating func submit(_ e: CaseEvent, at t: Int64) {
        arrived &+= 1
        channels[channel(e.channel.rawValue)].arrived &+= 1
        var track = NetworkTrack()
        track.submitted = t
        track.channel = e.channel.rawValue
        if e.channel == .feedback { ratings.complaints &+= 1 }
        if isHotline(e.hall), e.channel != .feedback { hotline.calls &+= 1 }
        if Int(e.service) < isBundle.count, isBundle[Int(e.service)] {
            track.set(NetworkTrack.bundleParent)
            bundles.parents &+= 1
            bundles.open &+= 1
        } else if e.value > 0, e.channel != .feedback, e.value <= Int64(UInt32.max),
                  let parent = cases[UInt32(e.value - 1)], parent.has(NetworkTrack.bundleParent) {
            track.parent = UInt32(e.value)
        }
        cases.open(e.caseID, track)
    }

    mutating func accept(_ e: CaseEvent, at t: Int64) {
        guard var track = cases[e.caseID] else {
            if isHotline(e.hall) { hotline.dispatched &+= 1 }
            return
        }
        track.clockStart = t
        if isHotline(e.hall) {
            hotline.dispatched &+= 1
            if track.called >= 0 {
                hotline.talks &+= 1
                hotline.talkTotal &+= t &- track.called
            }
        }
        cases.update(e.caseID, track)
    }

    mutating func forward(_ e: CaseEvent, at t: Int64) {
        if Self.left(e, .escalated) {
            escalation.returned &+= 1
            leaveDesk()
        }
        let d = department(e.group)
        if d >= 0 { departments[d].received &+= 1 }
        guard var track = cases[e.caseID] else { return }
        if track.has(NetworkTrack.inBacklog) { leaveBacklog(&track, at: t) }
        track.department = Int32(d)
        if d >= 0 {
            departments[d].backlog.change(by: 1, at: t)
            track.set(NetworkTrack.inBacklog)
        }
        cases.update(e.caseID, track)
    }

    /// Takes the case out of its department's backlog.
    @inline(__always)
    mutating func leaveBacklog(_ track: inout NetworkTrack, at t: Int64) {
        track.clear(NetworkTrack.inBacklog)
        if track.department >= 0 { departments[Int(track.department)].backlog.change(by: -1, at: t) }
    }

    /// A case left the escalation desk.
    @inline(__always)
    mutating func leaveDesk() { escalation.pending &-= 1 }

    /// A decision (`approved` or `rejected`). Only a decision from `inBackOffice` is a department's
    /// (one from `accepted` is an online case decided at once, or a bundle's combined decision).
    mutating func decide(_ e: CaseEvent, at t: Int64) {
        guard Self.left(e, .inBackOffice) else { return }
        var track = cases[e.caseID]
        if track != nil, track!.has(NetworkTrack.inBacklog) {
            leaveBacklog(&track!, at: t)
            cases.update(e.caseID, track!)
        }
        var d = department(e.group)
        if d < 0, let known = track?.department, known >= 0 { d = Int(known) }
        guard d >= 0 else { return }
        let s = Int(e.service)
        let clock = track?.clockStart ?? -1
        let promisedDays = s < promised.count ? Int(promised[s]) : -1
        let statutoryDays = s < statutory.count ? Int(statutory[s]) : -1
        departments[d].decided &+= 1
        if e.kind == .approved { departments[d].approved &+= 1 } else { departments[d].rejected &+= 1 }
        var lateDays = -1
        if clock >= 0, promisedDays >= 0 {
            let deadline = days.deadline(workingDays: promisedDays, from: SimTime(ticks: clock))
            lateDays = days.workingDaysLate(decidedAt: SimTime(ticks: t), deadline: deadline)
            departments[d].withPromised &+= 1
            if lateDays == 0 { departments[d].onTimePromised &+= 1 }
            departments[d].countLateness(lateDays)
        }
        if clock >= 0, statutoryDays >= 0 {
            departments[d].withStatutory &+= 1
            if t < days.deadline(workingDays: statutoryDays, from: SimTime(ticks: clock)).ticks {
                departments[d].onTimeStatutory &+= 1
            }
        }
        if track?.channel == CaseEvent.Channel.hotline.rawValue {
            hotline.repliesDecided &+= 1
            if lateDays == 0 {
                hotline.repliesOnTime &+= 1
            } else if lateDays > 0 {
                hotline.repliesLate &+= 1
                hotline.lateByDepartment[d] &+= 1
            }
        }
    }

    mutating func resultReady(_ e: CaseEvent, at t: Int64) {
        guard var track = cases[e.caseID] else { return }
        if track.parent > 0, var parent = cases[track.parent &- 1] {
            parent.partsTotal &+= t &- track.submitted
            cases.update(track.parent &- 1, parent)
        }
        if track.has(NetworkTrack.bundleParent), !track.has(NetworkTrack.bundleDone) {
            track.set(NetworkTrack.bundleDone)
            bundles.completed &+= 1
            bundles.open &-= 1
            bundles.leadTotal &+= t &- track.submitted
            bundles.oneByOneTotal &+= track.partsTotal
            cases.update(e.caseID, track)
        }
    }

    mutating func escalate(_ e: CaseEvent, at t: Int64) {
        escalation.received &+= 1
        escalation.pending &+= 1
        var track = cases[e.caseID]
        let channel = track.map { $0.channel } ?? e.channel.rawValue
        channels[self.channel(channel)].escalated &+= 1
        switch CaseState.Phase(rawValue: UInt8(truncatingIfNeeded: e.value)) {
        case .rejected: escalation.contested &+= 1
        case .materialsRequested: escalation.visits &+= 1
        case .queued, .submitted: escalation.abandonedTwice &+= 1
        case .accepted where channel == CaseEvent.Channel.feedback.rawValue: escalation.complaint &+= 1
        default: escalation.other &+= 1
        }
        if track != nil, track!.has(NetworkTrack.inBacklog) {
            leaveBacklog(&track!, at: t)
            cases.update(e.caseID, track!)
        }
    }

    /// A case reached a terminal phase: `serviceCompleted`, `closed`, `transferred`, `abandoned` or `noShow`.
    mutating func end(_ e: CaseEvent, at t: Int64) {
        let track = cases[e.caseID]
        let c = channel(track?.channel ?? e.channel.rawValue)
        switch e.kind {
        case .abandoned, .noShow:
            abandoned &+= 1
            channels[c].abandoned &+= 1
        case .transferred:
            transferred &+= 1
            channels[c].transferred &+= 1
        default:
            closed &+= 1
            channels[c].closed &+= 1
        }
        guard var track else { return }
        if e.kind != .abandoned && e.kind != .noShow { channels[c].leadTimes.add(t &- track.submitted) }
        if track.has(NetworkTrack.inBacklog) { leaveBacklog(&track, at: t) }
        if track.has(NetworkTrack.bundleParent), !track.has(NetworkTrack.bundleDone) { bundles.open &-= 1 }
        cases.close(e.caseID)
    }
}
