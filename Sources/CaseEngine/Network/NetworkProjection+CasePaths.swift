import SimCore

/// How each case path moves ``NetworkProjection``'s figures, one function per kind of step.
extension NetworkProjection {
    mutating func submit(_ e: CaseEvent, at t: Int64) {
        arrived &+= 1
        channels[channel(e.channel.rawValue)].arrived &+= 1
        var track = NetworkTrack()
        if windowed, !inside.contains(e.caseID) { track.set(NetworkTrack.outside) }
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
            changeBacklog(d, by: 1, at: t)
            track.set(NetworkTrack.inBacklog)
        }
        cases.update(e.caseID, track)
    }

    /// Takes the case out of its department's backlog.
    @inline(__always)
    mutating func leaveBacklog(_ track: inout NetworkTrack, at t: Int64) {
        track.clear(NetworkTrack.inBacklog)
        if track.department >= 0 { changeBacklog(Int(track.department), by: -1, at: t) }
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
