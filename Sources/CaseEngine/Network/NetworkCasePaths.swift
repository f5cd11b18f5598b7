import SimCore

/// How each case path moves the network's figures (docs/network.md says which events each path
/// writes): submission, acceptance, forwarding to a department and its decision against the
/// deadlines, results, escalation, and the end of a case — one function per kind of step, over
/// the counts (``NetworkCounts``), the open cases (``NetworkCases``) and the departments'
/// backlogs (``DepartmentBacklogs``), reading the catalog's ``NetworkTerms``.
struct NetworkCasePaths: Sendable {
    /// What is counted (the reported counts, or a span's outside counts while exchanged).
    var counts: NetworkCounts
    /// Open cases.
    var cases = NetworkCases()
    /// Per department: cases in its work list or being worked.
    var backlogs: DepartmentBacklogs
    /// The catalog's terms.
    let terms: NetworkTerms

    /// Paths over `terms`, nothing counted, backlogs integrated over `window`.
    init(terms: NetworkTerms, window: KPIWindow, channels: Bool = true) {
        self.terms = terms
        counts = NetworkCounts(departments: terms.departments, channels: channels)
        backlogs = DepartmentBacklogs(count: terms.departments.count, window: window)
    }

    static func left(_ e: CaseEvent, _ phase: CaseState.Phase) -> Bool { e.value == Int64(phase.rawValue) }

    /// Folds event `e` at `t` ticks into the counts in place; `outside` when its case arrived outside the span.
    mutating func fold(_ e: CaseEvent, at t: Int64, outside: Bool = false) {
        switch e.kind {
        case .submitted: submit(e, at: t, outside: outside)
        case .called:
            guard terms.isHotline(e.hall) else { return }
            counts.hotline.answered &+= 1
            counts.hotline.waitTotal &+= e.value
            if e.value <= terms.hotlineTarget[Int(e.hall)] { counts.hotline.withinTarget &+= 1 }
            if var track = cases[e.caseID] {
                track.called = t
                cases.update(e.caseID, track)
            }
        case .serviceCompleted:
            if terms.isHotline(e.hall) {
                counts.hotline.closedByAgent &+= 1
                counts.hotline.talks &+= 1
                counts.hotline.talkTotal &+= e.value
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
                    backlogs.change(Int(track.department), by: 1, at: t)
                    track.set(NetworkTrack.inBacklog)
                }
            }
            cases.update(e.caseID, track)
        case .approved, .rejected: decide(e, at: t)
        case .resultReady: resultReady(e, at: t)
        case .escalated: escalate(e, at: t)
        case .transferred:
            if Self.left(e, .escalated) {
                counts.escalation.transferred &+= 1
                leaveDesk()
            }
            end(e, at: t)
        case .closed:
            if Self.left(e, .escalated) {
                counts.escalation.closed &+= 1
                leaveDesk()
            }
            end(e, at: t)
        case .abandoned, .noShow:
            if terms.isHotline(e.hall) && e.kind == .abandoned { counts.hotline.abandoned &+= 1 }
            end(e, at: t)
        case .rated:
            counts.ratings.rated &+= 1
            if e.window == 0 { counts.ratings.good &+= 1 } else if e.window == 1 { counts.ratings.bad &+= 1 }
        case .callbackDone:
            counts.ratings.callbacks &+= 1
            counts.ratings.callbackTotal &+= e.value
        case .ticketIssued, .serviceStarted, .delivered, .pickedUp, .uncollected, .staffingChanged, .runEnded, .workStarted:
            break
        }
    }

    mutating func submit(_ e: CaseEvent, at t: Int64, outside: Bool) {
        counts.arrived &+= 1
        counts.channels[counts.channel(e.channel.rawValue)].arrived &+= 1
        var track = NetworkTrack()
        if outside { track.set(NetworkTrack.outside) }
        track.submitted = t
        track.channel = e.channel.rawValue
        if e.channel == .feedback { counts.ratings.complaints &+= 1 }
        if terms.isHotline(e.hall), e.channel != .feedback { counts.hotline.calls &+= 1 }
        if terms.bundles(e.service) {
            track.set(NetworkTrack.bundleParent)
            counts.bundles.parents &+= 1
            counts.bundles.open &+= 1
        } else if e.value > 0, e.channel != .feedback, e.value <= Int64(UInt32.max),
                  let parent = cases[UInt32(e.value - 1)], parent.has(NetworkTrack.bundleParent) {
            track.parent = UInt32(e.value)
        }
        cases.open(e.caseID, track)
    }

    mutating func accept(_ e: CaseEvent, at t: Int64) {
        guard var track = cases[e.caseID] else {
            if terms.isHotline(e.hall) { counts.hotline.dispatched &+= 1 }
            return
        }
        track.clockStart = t
        if terms.isHotline(e.hall) {
            counts.hotline.dispatched &+= 1
            if track.called >= 0 {
                counts.hotline.talks &+= 1
                counts.hotline.talkTotal &+= t &- track.called
            }
        }
        cases.update(e.caseID, track)
    }

    mutating func forward(_ e: CaseEvent, at t: Int64) {
        if Self.left(e, .escalated) {
            counts.escalation.returned &+= 1
            leaveDesk()
        }
        let d = terms.department(e.group)
        if d >= 0 { counts.departments[d].received &+= 1 }
        guard var track = cases[e.caseID] else { return }
        if track.has(NetworkTrack.inBacklog) { leaveBacklog(&track, at: t) }
        track.department = Int32(d)
        if d >= 0 {
            backlogs.change(d, by: 1, at: t)
            track.set(NetworkTrack.inBacklog)
        }
        cases.update(e.caseID, track)
    }

    /// Takes the case out of its department's backlog.
    @inline(__always)
    mutating func leaveBacklog(_ track: inout NetworkTrack, at t: Int64) {
        track.clear(NetworkTrack.inBacklog)
        if track.department >= 0 { backlogs.change(Int(track.department), by: -1, at: t) }
    }

    /// A case left the escalation desk.
    @inline(__always)
    mutating func leaveDesk() { counts.escalation.pending &-= 1 }

    /// A decision (`approved` or `rejected`). Only a decision from `inBackOffice` is a department's
    /// (one from `accepted` is an online case decided at once, or a bundle's combined decision).
    mutating func decide(_ e: CaseEvent, at t: Int64) {
        guard Self.left(e, .inBackOffice) else { return }
        var track = cases[e.caseID]
        if track != nil, track!.has(NetworkTrack.inBacklog) {
            leaveBacklog(&track!, at: t)
            cases.update(e.caseID, track!)
        }
        var d = terms.department(e.group)
        if d < 0, let known = track?.department, known >= 0 { d = Int(known) }
        guard d >= 0 else { return }
        let s = Int(e.service)
        let clock = track?.clockStart ?? -1
        let (promisedDays, statutoryDays) = terms.limits(s)
        counts.departments[d].decided &+= 1
        if e.kind == .approved { counts.departments[d].approved &+= 1 } else { counts.departments[d].rejected &+= 1 }
        var lateDays = -1
        if clock >= 0, promisedDays >= 0 {
            let deadline = terms.days.deadline(workingDays: promisedDays, from: SimTime(ticks: clock))
            lateDays = terms.days.workingDaysLate(decidedAt: SimTime(ticks: t), deadline: deadline)
            counts.departments[d].withPromised &+= 1
            if lateDays == 0 { counts.departments[d].onTimePromised &+= 1 }
            counts.departments[d].countLateness(lateDays)
        }
        if clock >= 0, statutoryDays >= 0 {
            counts.departments[d].withStatutory &+= 1
            if t < terms.days.deadline(workingDays: statutoryDays, from: SimTime(ticks: clock)).ticks {
                counts.departments[d].onTimeStatutory &+= 1
            }
        }
        if track?.channel == CaseEvent.Channel.hotline.rawValue {
            counts.hotline.repliesDecided &+= 1
            if lateDays == 0 {
                counts.hotline.repliesOnTime &+= 1
            } else if lateDays > 0 {
                counts.hotline.repliesLate &+= 1
                counts.hotline.lateByDepartment[d] &+= 1
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
            counts.bundles.completed &+= 1
            counts.bundles.open &-= 1
            counts.bundles.leadTotal &+= t &- track.submitted
            counts.bundles.oneByOneTotal &+= track.partsTotal
            cases.update(e.caseID, track)
        }
    }

    mutating func escalate(_ e: CaseEvent, at t: Int64) {
        counts.escalation.received &+= 1
        counts.escalation.pending &+= 1
        var track = cases[e.caseID]
        let channel = track.map { $0.channel } ?? e.channel.rawValue
        counts.channels[counts.channel(channel)].escalated &+= 1
        switch CaseState.Phase(rawValue: UInt8(truncatingIfNeeded: e.value)) {
        case .rejected: counts.escalation.contested &+= 1
        case .materialsRequested: counts.escalation.visits &+= 1
        case .queued, .submitted: counts.escalation.abandonedTwice &+= 1
        case .accepted where channel == CaseEvent.Channel.feedback.rawValue: counts.escalation.complaint &+= 1
        default: counts.escalation.other &+= 1
        }
        if track != nil, track!.has(NetworkTrack.inBacklog) {
            leaveBacklog(&track!, at: t)
            cases.update(e.caseID, track!)
        }
    }

    /// A case reached a terminal phase: `serviceCompleted`, `closed`, `transferred`, `abandoned` or `noShow`.
    mutating func end(_ e: CaseEvent, at t: Int64) {
        let track = cases[e.caseID]
        let c = counts.channel(track?.channel ?? e.channel.rawValue)
        switch e.kind {
        case .abandoned, .noShow:
            counts.abandoned &+= 1
            counts.channels[c].abandoned &+= 1
        case .transferred:
            counts.transferred &+= 1
            counts.channels[c].transferred &+= 1
        default:
            counts.closed &+= 1
            counts.channels[c].closed &+= 1
        }
        guard var track else { return }
        if e.kind != .abandoned && e.kind != .noShow { counts.channels[c].leadTimes.add(t &- track.submitted) }
        if track.has(NetworkTrack.inBacklog) { leaveBacklog(&track, at: t) }
        if track.has(NetworkTrack.bundleParent), !track.has(NetworkTrack.bundleDone) { counts.bundles.open &-= 1 }
        cases.close(e.caseID)
    }
}
