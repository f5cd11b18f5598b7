/// Everything ``NetworkProjection`` counts, as opposed to its levels (``DepartmentBacklogs``)
/// and its open cases (``NetworkCases``): cases and how they ended, per channel in order of first
/// sight, per department, and for bundles, the escalation desk, the hotline and ratings.
///
/// With a span (``NetworkSpan``) the projection holds two: the reported counts and those of
/// cases that arrived outside the span, exchanged whole while such a case's event is folded.
public struct NetworkCounts: Sendable {
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

    /// Counts of the departments of `groups` (indices into ``Catalog/groups``), none yet; `channels`
    /// reserves room for 16 channel values (none when `channels` is false: a fold of ratings only).
    init(departments groups: [Int], channels: Bool = true) {
        departments = groups.map { DepartmentCounts(group: $0) }
        hotline.lateByDepartment = Array(repeating: 0, count: groups.count)
        if channels { channelSlot = [Int32](repeating: -1, count: 16) }
    }

    /// The index into ``channels`` of `raw`'s counts, created on first sight.
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
        public var leadTimes = WaitStatistics()

        init(_ channel: CaseEvent.Channel) { self.channel = channel }
    }

    /// One back-office department's counts and deadlines (its backlog is a level: ``DepartmentBacklogs``).
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
        /// Late replies per department (index into ``NetworkCounts/departments``).
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
}
