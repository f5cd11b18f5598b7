public import SimCore

/// The figures of the service network at the end of a fold: what `summary.json` reports in
/// `channels[]`, `departments[]`, `bundles`, `escalation`, `hotline`, `ratings` and the
/// conservation counts under `cases`. docs/kpis.md defines each figure.
///
/// A section is `nil` when the catalog has no such part (see ``init(_:catalog:until:folded:)``).
/// Shares are `nil` without anything to share; means of nothing are 0.
public struct NetworkFigures: Sendable, Equatable {
    /// Every case ends in exactly one way or is still open: `arrived == closed + abandoned + transferred + open`.
    public struct Conservation: Sendable, Equatable {
        public var arrived = 0
        public var closed = 0
        public var abandoned = 0
        public var transferred = 0
        /// Cases still open, counted from the open cases themselves (not by difference).
        public var open = 0

        /// Whether the counts add up.
        public var holds: Bool { arrived == closed + abandoned + transferred + open }
    }

    public struct Channel: Sendable, Equatable {
        public var channel: CaseEvent.Channel
        public var arrived = 0
        public var closed = 0
        public var abandoned = 0
        public var transferred = 0
        public var open = 0
        public var escalated = 0
        /// Cases that reached `closed`/`serviceCompleted` or `transferred`, with a lead time.
        public var leadTimes = 0
        /// Submitted → closed or transferred, in hours: exact mean, p90 within 1%.
        public var leadTimeMeanHours = 0.0
        public var leadTimeP90Hours = 0.0
    }

    public struct Department: Sendable, Equatable {
        /// Ids of the department's hall and of the department.
        public var hall: String
        public var department: String
        /// Its staff (the group's servers).
        public var staff: Int
        /// Its desks' busy time over their staffed time (``KPIReport/group(_:)``'s utilisation of the department).
        public var utilisation = 0.0
        public var received = 0
        public var decided = 0
        public var approved = 0
        public var rejected = 0
        /// Decisions with a promised limit, and the share of them on time; likewise statutory.
        public var withPromised = 0
        public var onTimePromised: Double?
        public var withStatutory = 0
        public var onTimeStatutory: Double?
        /// Working days past the promised due date over decisions with a promised limit (0 when on time).
        public var latenessP50: Int?
        public var latenessP90: Int?
        public var latenessMax: Int?
        /// Cases in the work list or being worked: time-weighted mean, peak, level at the end.
        public var backlogMean = 0.0
        public var backlogMax = 0
        public var backlogEnd = 0
        /// The backlog at the end of each period of ``backlogPeriodDays`` days from time zero, and at
        /// the end of the run when it ends inside a period.
        public var backlogPeriodDays = 7
        public var backlogSeries: [Int] = []
    }

    public struct Bundles: Sendable, Equatable {
        public var parents = 0
        public var completed = 0
        public var open = 0
        /// Mean over completed bundles of parent submitted → parent result ready, in hours.
        public var leadTimeMeanHours = 0.0
        /// Mean over completed bundles of the sum of their parts' submitted → result ready, in hours.
        public var oneByOneMeanHours = 0.0
        /// Lead time over one by one (below 1: the bundle is faster than its parts done one after another).
        public var leadToOneByOne: Double?
    }

    public struct Hotline: Sendable, Equatable {
        public var calls = 0
        public var answered = 0
        public var abandoned = 0
        /// Answered over calls.
        public var answerRate: Double?
        /// Share of answered calls whose wait was within the hall's wait target.
        public var answeredWithinTarget: Double?
        /// The wait target, when every hotline hall has the same one (15 s unless set).
        public var waitTargetSeconds: Double?
        public var waitMeanSeconds = 0.0
        public var talkMeanSeconds = 0.0
        public var closedByAgent = 0
        public var dispatched = 0
        public var repliesDecided = 0
        public var repliesOnTime = 0
        public var repliesLate = 0
        /// On time over replies with a promised limit.
        public var repliesOnTimeShare: Double?
        /// Member units (departments) with at least one late reply, and their late replies, in catalog order.
        public var unitsLate = 0
        public var lateByUnit: [(hall: String, department: String, late: Int)] = []

        public static func == (a: Hotline, b: Hotline) -> Bool {
            a.calls == b.calls && a.answered == b.answered && a.abandoned == b.abandoned && a.answerRate == b.answerRate
                && a.answeredWithinTarget == b.answeredWithinTarget && a.waitTargetSeconds == b.waitTargetSeconds
                && a.waitMeanSeconds == b.waitMeanSeconds && a.talkMeanSeconds == b.talkMeanSeconds
                && a.closedByAgent == b.closedByAgent && a.dispatched == b.dispatched && a.repliesDecided == b.repliesDecided
                && a.repliesOnTime == b.repliesOnTime && a.repliesLate == b.repliesLate && a.repliesOnTimeShare == b.repliesOnTimeShare
                && a.unitsLate == b.unitsLate
                && a.lateByUnit.elementsEqual(b.lateByUnit) { $0.hall == $1.hall && $0.department == $1.department && $0.late == $1.late }
        }
    }

    public struct Ratings: Sendable, Equatable {
        public var rated = 0
        public var good = 0
        public var bad = 0
        /// Good over rated.
        public var satisfied: Double?
        public var callbacks = 0
        /// Mean time from a bad rating to its callback, in hours.
        public var callbackMeanHours = 0.0
        public var complaints = 0
    }

    /// The conservation counts; `nil` when the network was not folded.
    public var cases: Conservation?
    /// Channels seen, by channel raw value; `nil` when the network was not folded.
    public var channels: [Channel]?
    /// Every department of the catalog, in catalog order; `nil` when it has none.
    public var departments: [Department]?
    /// `nil` when no service of the catalog has parts.
    public var bundles: Bundles?
    /// `nil` when the catalog has no escalation desk and nothing was escalated.
    public var escalation: NetworkCounts.EscalationCounts?
    /// `nil` when the catalog has no hall of kind `hotline`.
    public var hotline: Hotline?
    /// `nil` when nothing was rated, no callback was done and no complaint came in.
    public var ratings: Ratings?

    /// Whether any section is present.
    public var isEmpty: Bool {
        cases == nil && channels == nil && departments == nil && bundles == nil && escalation == nil && hotline == nil && ratings == nil
    }

    static func hours(_ ticks: Double) -> Double { ticks / Double(SimTime.ticksPerSecond) / 3600 }
    static func seconds(_ ticks: Double) -> Double { ticks / Double(SimTime.ticksPerSecond) }
    static func share(_ part: Int, of whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
    static func mean(_ total: Int64, over n: Int) -> Double { n > 0 ? Double(total) / Double(n) : 0 }

    /// The smallest value with at least `percentile`% of the counted values at or below it
    /// (HdrHistogram's rule), from counts per value; `nil` when nothing is counted.
    static func percentile(_ percentile: Double, of counts: [Int]) -> Int? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = Swift.max(1, Int((percentile / 100 * Double(total)).rounded(.up)))
        var seen = 0
        for (value, n) in counts.enumerated() {
            seen += n
            if seen >= rank { return value }
        }
        return counts.count - 1
    }

    /// The figures of `network`, folded from the events of a run of `catalog`, at `end` (the last event's time).
    /// - Parameter folded: whether every event was folded (``KPIProjection/foldsNetwork``); when not, only ratings are reported.
    public init(_ network: NetworkProjection, catalog: Catalog, until end: SimTime, folded: Bool) {
        let r = network.ratings
        if r.rated > 0 || r.callbacks > 0 || r.complaints > 0 {
            ratings = Ratings(
                rated: r.rated, good: r.good, bad: r.bad, satisfied: Self.share(r.good, of: r.rated), callbacks: r.callbacks,
                callbackMeanHours: Self.hours(Self.mean(r.callbackTotal, over: r.callbacks)), complaints: r.complaints
            )
        }
        guard folded else { return }
        cases = Conservation(
            arrived: network.arrived, closed: network.closed, abandoned: network.abandoned, transferred: network.transferred,
            open: network.open
        )
        var openByChannel = [Int](repeating: 0, count: 256)
        network.cases.forEachOpen { if !$0.has(NetworkTrack.outside) { openByChannel[Int($0.channel)] += 1 } }
        channels = network.channels.sorted { $0.channel.rawValue < $1.channel.rawValue }.map { c in
            Channel(
                channel: c.channel, arrived: c.arrived, closed: c.closed, abandoned: c.abandoned, transferred: c.transferred,
                open: openByChannel[Int(c.channel.rawValue)], escalated: c.escalated, leadTimes: c.leadTimes.count,
                leadTimeMeanHours: c.leadTimes.count > 0 ? c.leadTimes.meanSeconds / 3600 : 0,
                leadTimeP90Hours: c.leadTimes.percentileSeconds(90) / 3600
            )
        }
        departments = Self.departments(network, catalog: catalog, until: Swift.min(Swift.max(0, end.ticks), network.window.end))
        if network.isBundle.contains(true) {
            let b = network.bundles
            let lead = Self.hours(Self.mean(b.leadTotal, over: b.completed))
            let oneByOne = Self.hours(Self.mean(b.oneByOneTotal, over: b.completed))
            bundles = Bundles(
                parents: b.parents, completed: b.completed, open: b.open, leadTimeMeanHours: lead, oneByOneMeanHours: oneByOne,
                leadToOneByOne: b.completed > 0 && b.oneByOneTotal > 0 ? Double(b.leadTotal) / Double(b.oneByOneTotal) : nil
            )
        }
        if catalog.groups.contains(where: { $0.kind == .escalation }) || network.escalation.received > 0 {
            escalation = network.escalation
        }
        if network.hotlineTarget.contains(where: { $0 >= 0 }) {
            hotline = Self.hotline(network, catalog: catalog)
        }
    }

    static func departments(_ network: NetworkProjection, catalog: Catalog, until end: Int64) -> [Department]? {
        guard !network.departments.isEmpty else { return nil }
        let advanced = network.reportedBacklogs.map { backlog in
            var series = backlog
            series.advance(to: end)
            return series
        }
        let period = advanced.map(\.period).max() ?? BacklogSeries.week
        return zip(network.departments, advanced).map { d, series in
            let group = catalog.groups[d.group]
            let lateness = d.lateness
            return Department(
                hall: catalog.halls.indices.contains(group.hall) ? catalog.halls[group.hall].id : "\(group.hall)",
                department: group.id, staff: group.servers, received: d.received, decided: d.decided, approved: d.approved,
                rejected: d.rejected, withPromised: d.withPromised, onTimePromised: share(d.onTimePromised, of: d.withPromised),
                withStatutory: d.withStatutory, onTimeStatutory: share(d.onTimeStatutory, of: d.withStatutory),
                latenessP50: percentile(50, of: lateness), latenessP90: percentile(90, of: lateness),
                latenessMax: lateness.isEmpty ? nil : lateness.count - 1,
                backlogMean: series.level.average(until: SimTime(ticks: end)), backlogMax: Int(series.level.maximum),
                backlogEnd: Int(series.level.level), backlogPeriodDays: Int(period / ServiceCalendar.dayTicks),
                backlogSeries: series.ends(until: end, period: period).map { Int($0) }
            )
        }
    }

    static func hotline(_ network: NetworkProjection, catalog: Catalog) -> Hotline {
        let h = network.hotline
        let targets = Set(network.hotlineTarget.filter { $0 >= 0 })
        var out = Hotline(
            calls: h.calls, answered: h.answered, abandoned: h.abandoned, answerRate: share(h.answered, of: h.calls),
            answeredWithinTarget: share(h.withinTarget, of: h.answered),
            waitTargetSeconds: targets.count == 1 ? seconds(Double(targets.first!)) : nil,
            waitMeanSeconds: seconds(mean(h.waitTotal, over: h.answered)), talkMeanSeconds: seconds(mean(h.talkTotal, over: h.talks)),
            closedByAgent: h.closedByAgent, dispatched: h.dispatched, repliesDecided: h.repliesDecided,
            repliesOnTime: h.repliesOnTime, repliesLate: h.repliesLate,
            repliesOnTimeShare: share(h.repliesOnTime, of: h.repliesOnTime + h.repliesLate)
        )
        for (d, late) in h.lateByDepartment.enumerated() where late > 0 {
            let group = catalog.groups[network.departments[d].group]
            let hall = catalog.halls.indices.contains(group.hall) ? catalog.halls[group.hall].id : "\(group.hall)"
            out.lateByUnit.append((hall, group.id, late))
        }
        out.unitsLate = out.lateByUnit.count
        return out
    }
}
