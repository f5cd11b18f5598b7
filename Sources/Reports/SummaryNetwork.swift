import CaseEngine

/// The service network's sections of `summary.json`: `channels[]`, `departments[]`, `bundles`,
/// `escalation`, `hotline` and `ratings` (the conservation counts under `cases` are
/// ``Summary/Cases``' own).
///
/// Each is present only when the run has that part (docs/kpis.md says when); keys are snake_case
/// with their units (`_h` hours, `_s` seconds, `_wd` working days, `_d` days).
///
/// ``Summary`` holds them as its own keys, so the JSON is one flat document.
public enum SummaryNetwork {
    /// Lead times from submission to the end (closed or transferred).
    public struct LeadTime: Codable, Sendable, Equatable {
        /// Cases with a lead time (closed or transferred).
        public var count: Int
        public var mean: Double
        public var p90: Double
    }

    public struct Channel: Codable, Sendable, Equatable {
        public var channel: String
        public var arrived: Int
        public var closed: Int
        public var abandoned: Int
        public var transferred: Int
        public var open: Int
        public var escalated: Int
        public var lead_time_h: LeadTime

        init(_ c: NetworkFigures.Channel) {
            channel = String(describing: c.channel)
            arrived = c.arrived
            closed = c.closed
            abandoned = c.abandoned
            transferred = c.transferred
            open = c.open
            escalated = c.escalated
            lead_time_h = LeadTime(count: c.leadTimes, mean: c.leadTimeMeanHours, p90: c.leadTimeP90Hours)
        }
    }

    /// Working days past the promised due date.
    public struct Lateness: Codable, Sendable, Equatable {
        public var p50: Int
        public var p90: Int
        public var max: Int
    }

    /// Cases in a department's work list or being worked.
    public struct Backlog: Codable, Sendable, Equatable {
        /// Time-weighted mean over the run.
        public var mean: Double
        public var max: Int
        /// At the end of the run.
        public var end: Int
        /// The length of one period of `series`, in days (7, or a multiple for runs over 128 weeks).
        public var series_period_d: Int
        /// The backlog at the end of each period from time zero, then at the run's end if it ends inside one.
        public var series: [Int]
    }

    public struct Department: Codable, Sendable, Equatable {
        public var hall: String
        public var department: String
        public var staff: Int
        /// Its desks' busy time over their staffed time.
        public var utilisation: Double
        public var received: Int
        public var decided: Int
        public var approved: Int
        public var rejected: Int
        /// Decisions of services with a promised limit, and the share of them on time (absent when none).
        public var with_promised: Int
        public var on_time_promised: Double?
        /// Decisions of services with a statutory limit, and the share of them on time (absent when none).
        public var with_statutory: Int
        public var on_time_statutory: Double?
        /// Absent when no decision had a promised limit.
        public var lateness_wd: Lateness?
        public var backlog: Backlog

        init(_ d: NetworkFigures.Department) {
            hall = d.hall
            department = d.department
            staff = d.staff
            utilisation = d.utilisation
            received = d.received
            decided = d.decided
            approved = d.approved
            rejected = d.rejected
            with_promised = d.withPromised
            on_time_promised = d.onTimePromised
            with_statutory = d.withStatutory
            on_time_statutory = d.onTimeStatutory
            if let p50 = d.latenessP50, let p90 = d.latenessP90, let max = d.latenessMax {
                lateness_wd = Lateness(p50: p50, p90: p90, max: max)
            }
            backlog = Backlog(
                mean: d.backlogMean, max: d.backlogMax, end: d.backlogEnd, series_period_d: d.backlogPeriodDays, series: d.backlogSeries
            )
        }
    }

    public struct Bundles: Codable, Sendable, Equatable {
        public var parents: Int
        public var completed: Int
        public var open: Int
        public var lead_time_mean_h: Double
        public var one_by_one_mean_h: Double
        /// Lead time over one by one; absent before the first bundle completes.
        public var lead_to_one_by_one: Double?

        init(_ b: NetworkFigures.Bundles) {
            parents = b.parents
            completed = b.completed
            open = b.open
            lead_time_mean_h = b.leadTimeMeanHours
            one_by_one_mean_h = b.oneByOneMeanHours
            lead_to_one_by_one = b.leadToOneByOne
        }
    }

    /// Escalations by trigger, from the phase each case left.
    public struct EscalationTriggers: Codable, Sendable, Equatable {
        public var contested: Int
        public var visits: Int
        public var abandoned_twice: Int
        public var complaint: Int
        public var other: Int
    }

    public struct Escalation: Codable, Sendable, Equatable {
        public var received: Int
        public var transferred: Int
        public var closed: Int
        /// Sent back to a department from the desk.
        public var returned: Int
        public var pending: Int
        public var by_trigger: EscalationTriggers

        init(_ e: NetworkCounts.EscalationCounts) {
            received = e.received
            transferred = e.transferred
            closed = e.closed
            returned = e.returned
            pending = e.pending
            by_trigger = EscalationTriggers(
                contested: e.contested, visits: e.visits, abandoned_twice: e.abandonedTwice, complaint: e.complaint, other: e.other
            )
        }
    }

    public struct LateUnit: Codable, Sendable, Equatable {
        public var hall: String
        public var department: String
        public var late: Int
    }

    public struct Replies: Codable, Sendable, Equatable {
        public var decided: Int
        public var on_time: Int
        public var late: Int
        /// On time over replies with a promised limit; absent when none.
        public var on_time_share: Double?
    }

    public struct Hotline: Codable, Sendable, Equatable {
        public var calls: Int
        public var answered: Int
        public var abandoned: Int
        public var answer_rate: Double?
        public var answered_within_target: Double?
        /// Absent when hotline halls have different targets.
        public var wait_target_s: Double?
        public var wait_mean_s: Double
        public var talk_mean_s: Double
        public var closed_by_agent: Int
        public var dispatched: Int
        public var replies: Replies
        public var units_late: Int
        public var late_by_unit: [LateUnit]

        init(_ h: NetworkFigures.Hotline) {
            calls = h.calls
            answered = h.answered
            abandoned = h.abandoned
            answer_rate = h.answerRate
            answered_within_target = h.answeredWithinTarget
            wait_target_s = h.waitTargetSeconds
            wait_mean_s = h.waitMeanSeconds
            talk_mean_s = h.talkMeanSeconds
            closed_by_agent = h.closedByAgent
            dispatched = h.dispatched
            replies = Replies(decided: h.repliesDecided, on_time: h.repliesOnTime, late: h.repliesLate, on_time_share: h.repliesOnTimeShare)
            units_late = h.unitsLate
            late_by_unit = h.lateByUnit.map { LateUnit(hall: $0.hall, department: $0.department, late: $0.late) }
        }
    }

    public struct Ratings: Codable, Sendable, Equatable {
        public var rated: Int
        public var good: Int
        public var bad: Int
        public var satisfied: Double?
        public var callbacks: Int
        public var callback_mean_h: Double
        public var complaints: Int

        init(_ r: NetworkFigures.Ratings) {
            rated = r.rated
            good = r.good
            bad = r.bad
            satisfied = r.satisfied
            callbacks = r.callbacks
            callback_mean_h = r.callbackMeanHours
            complaints = r.complaints
        }
    }
}
