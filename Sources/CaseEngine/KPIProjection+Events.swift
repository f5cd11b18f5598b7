import SimCore

/// How ``KPIProjection`` folds each kind of event.
///
/// The four events every walk-in's case goes through (`submitted`, `ticketIssued`, `called`,
/// `serviceCompleted`) have entry points of their own: ``record(_:)`` is inlined where an event is
/// built, so a sink that knows the kind it records (the hall floor does) calls that kind's fold
/// directly, with no dispatch on the kind. Every other kind, and any event whose kind is not known
/// where it is recorded (a replayed log), goes through ``apply(_:)``, which reaches the same folds.
///
/// The folds write the tables in place: ``record(_:)`` first takes the tables alone
/// (``takeOwnership()``, the one copy-on-write check per event); ``recordOwned(_:)`` leaves that
/// to its caller, which checks once for a run of events (the hall floor, once per kernel event).
extension KPIProjection {
    /// Folds one event.
    /// - Complexity: O(1), plus O(hours) for a level that stayed unchanged over that many hours.
    @inlinable
    public mutating func record(_ e: CaseEvent) {
        takeOwnership()
        recordOwned(e)
    }

    /// Folds one event into tables this projection holds alone (``takeOwnership()`` was called, and
    /// no copy of the projection made since).
    /// - Complexity: as ``record(_:)``.
    @inlinable
    public mutating func recordOwned(_ e: CaseEvent) {
        switch e.kind {
        case .submitted: foldSubmitted(e)
        case .ticketIssued: foldTicketIssued(e)
        case .called: foldCalled(e)
        case .serviceCompleted: foldServiceCompleted(e)
        default: apply(e)
        }
        if foldsNetwork { foldNetwork(e) }
    }

    /// Folds `e` into ``network`` (only when the catalog has a network).
    @usableFromInline
    mutating func foldNetwork(_ e: CaseEvent) { network.record(e) }

    /// Folds a `submitted` event.
    @usableFromInline
    mutating func foldSubmitted(_ e: CaseEvent) {
        let (_, _, counts) = begin(e)
        submit(e, counts: counts)
    }

    /// Folds a `ticketIssued` event.
    @usableFromInline
    mutating func foldTicketIssued(_ e: CaseEvent) {
        let (t, _, counts) = begin(e)
        issueTicket(e, at: t, counts: counts)
    }

    /// Folds a `called` event.
    @usableFromInline
    mutating func foldCalled(_ e: CaseEvent) {
        let (t, _, counts) = begin(e)
        call(e, at: t, counts: counts)
    }

    /// Folds a `serviceCompleted` event.
    @usableFromInline
    mutating func foldServiceCompleted(_ e: CaseEvent) {
        let (t, _, counts) = begin(e)
        completeService(e, at: t, counts: counts)
    }

    /// What every event does first (the tables held alone already): counts the event and moves the clock.
    /// - Returns: the time the levels integrate to (`raw` clamped to the span), the event's time in
    ///   ticks (never negative), and whether its case counts in the figures (its visit arrived in the span).
    @inline(__always)
    mutating func begin(_ e: CaseEvent) -> (t: Int64, raw: Int64, counts: Bool) {
        events &+= 1
        clock = e.time
        // Levels integrate over the figures' span only; counts go by the arrival of the case's visit.
        let raw = Swift.max(0, e.time.ticks)
        guard windowed else { return (raw, raw, true) }
        if spanPhase < 2, raw >= window.edge(after: spanPhase) { passSpanEdges(raw) }
        if e.kind == .submitted { arrivals.set(e.caseID, window.contains(raw)) }
        return (window.clamp(raw), raw, arrivals.contains(e.caseID))
    }

    /// A case was submitted: counted in the run's and its hall's arrivals.
    @inline(__always)
    mutating func submit(_ e: CaseEvent, counts: Bool) {
        guard counts else { return }
        submitted &+= 1
        guard Int(e.hall) < halls.count else {
            misplaced &+= 1
            return
        }
        halls[Int(e.hall)].arrive(visit: e.window)
    }

    /// A case joined a group's queue.
    @inline(__always)
    mutating func issueTicket(_ e: CaseEvent, at t: Int64, counts: Bool) {
        guard let p = pair(e) else { return }
        groupTable[Int(e.group)].join(e.visit, counts: counts)
        let (c, elapsed) = levels.touch(p, at: t, queue: 1, busy: 0, in: storage)
        guard counts else { return levels.cells[c].add(elapsed) }
        levels.cells[c].join(after: elapsed)
    }

    /// A window called a case: its wait is counted, and the window is busy.
    @inline(__always)
    mutating func call(_ e: CaseEvent, at t: Int64, counts: Bool) {
        if counts, !waitsAreGroupZero {
            waits.batches.add(Double(e.value))
            if e.value > waits.longest { waits.longest = e.value }
        }
        guard let p = pair(e) else {
            if counts, waitsAreGroupZero { addMisplacedWait(e.value) }
            return
        }
        let g = Int(e.group)
        let within = e.value <= targetTicks
        if groupTable[g].busy.level >= groupTable[g].onShift { levels.integrateStaffed(&groupTable[g], g, to: t) }
        groupTable[g].call(e.visit, wait: e.value, within: within, counts: counts)
        let (c, elapsed) = levels.touch(p, at: t, queue: -1, busy: 1, in: storage)
        guard counts else { return levels.cells[c].add(elapsed) }
        if levels.cells[c].histogram < 0 { addHistogram(c) }
        levels.cells[c].recordWait(e.value, within: within, after: elapsed, into: cellWaits)
    }

    /// A window finished serving a case, which closes it.
    @inline(__always)
    mutating func completeService(_ e: CaseEvent, at t: Int64, counts: Bool) {
        if counts { completed &+= 1 }
        guard let p = pair(e) else { return }
        endService(p, group: Int(e.group), at: t, counts: counts)
    }

    /// Folds an event of any kind.
    @usableFromInline
    mutating func apply(_ e: CaseEvent) {
        let (t, raw, counts) = begin(e)
        switch e.kind {
        case .submitted:
            submit(e, counts: counts)
        case .ticketIssued:
            issueTicket(e, at: t, counts: counts)
        case .called:
            call(e, at: t, counts: counts)
        case .serviceCompleted:
            completeService(e, at: t, counts: counts)
        case .accepted, .materialsRequested, .pickedUp:
            guard e.value == Int64(CaseState.Phase.called.rawValue) || e.value == Int64(CaseState.Phase.inService.rawValue) else { return }
            guard let p = pair(e) else { return }
            endService(p, group: Int(e.group), at: t, counts: counts)
        case .abandoned:
            abandon(e, at: t, counts: counts)
        case .noShow:
            noShow(e, at: t, counts: counts)
        case .closed, .transferred:
            if counts { completed &+= 1 }
        case .escalated:
            // A person giving up for the second time is escalated instead: their ticket leaves the queue.
            leftQueue(e, at: t, counts: counts, visit: .returning)
        case .uncollected:
            // A person coming for a result left the queue without it; the case stays open.
            leftQueue(e, at: t, counts: counts, visit: .pickup)
        case .serviceStarted, .forwarded, .resubmitted, .approved, .rejected, .resultReady, .delivered:
            break
        case .rated, .callbackDone:
            // Ratings need no network: count them even when the network is not folded (those of
            // cases that arrived inside the span: the network's own fold counts by arrival too).
            if !foldsNetwork, counts { network.record(e) }
        case .staffingChanged:
            guard Int(e.group) < groupTable.count else {
                misplaced &+= 1
                return
            }
            levels.changeShift(&groupTable[Int(e.group)], Int(e.group), to: Swift.max(0, e.value), at: t)
            // Desks keep their own times and count only what lies inside the span.
            if desks.isDesk(Int(e.group)) { desks.changeDuty(group: Int(e.group), to: Swift.max(0, e.value), at: raw, hours: &levels.hours) }
        case .workStarted:
            desks.start(group: Int(e.group), window: Int(e.window), work: e.value, at: raw, hours: &levels.hours)
        case .runEnded:
            ended = true
            kernelEvents = Int(e.value)
            settle(at: t)
        }
    }

    /// A person gave up: from the queue, or before joining one (balked, sent home).
    mutating func abandon(_ e: CaseEvent, at t: Int64, counts: Bool) {
        if counts {
            abandoned &+= 1
            abandonedByReason.add(reason: e.window)
        }
        guard Int(e.hall) < halls.count else {
            misplaced &+= 1
            return
        }
        if counts { halls[Int(e.hall)].abandoned.add(reason: e.window) }
        let fromQueue = e.value == Int64(CaseState.Phase.queued.rawValue)
        guard fromQueue || e.value == Int64(CaseState.Phase.submitted.rawValue), let p = pair(e) else { return }
        let g = Int(e.group)
        let (c, elapsed) = levels.touch(p, at: t, queue: fromQueue ? -1 : 0, busy: 0, in: storage)
        if fromQueue { groupTable[g].queue.change(by: -1) }
        guard counts else { return levels.cells[c].add(elapsed) }
        groupTable[g].abandoned.add(reason: e.window)
        levels.cells[c].abandon(reason: e.window, balked: !fromQueue, after: elapsed)
        if fromQueue {
            groupTable[g].byVisit.leave(e.visit)
        } else {
            groupTable[g].arrived &+= 1
        }
    }

    /// A person called, or with an appointment, did not come.
    mutating func noShow(_ e: CaseEvent, at t: Int64, counts: Bool) {
        if counts {
            abandoned &+= 1
            abandonedByReason.noShow &+= 1
        }
        guard Int(e.hall) < halls.count else {
            misplaced &+= 1
            return
        }
        if counts { halls[Int(e.hall)].abandoned.noShow &+= 1 }
        guard e.value == Int64(CaseState.Phase.called.rawValue), let p = pair(e) else { return }
        let g = Int(e.group)
        if groupTable[g].busy.level > groupTable[g].onShift { levels.integrateStaffed(&groupTable[g], g, to: t) }
        groupTable[g].busy.change(by: -1)
        let (c, elapsed) = levels.touch(p, at: t, queue: 0, busy: -1, in: storage)
        guard counts else { return levels.cells[c].add(elapsed) }
        groupTable[g].abandoned.noShow &+= 1
        levels.cells[c].noShow(after: elapsed)
    }

    /// A ticket of `visit` left the queue unserved without giving up the case (escalated, or a
    /// result left uncollected): only while the case was queued.
    mutating func leftQueue(_ e: CaseEvent, at t: Int64, counts: Bool, visit: CaseEvent.Visit) {
        guard e.value == Int64(CaseState.Phase.queued.rawValue), let p = pair(e) else { return }
        let g = Int(e.group)
        let (c, elapsed) = levels.touch(p, at: t, queue: -1, busy: 0, in: storage)
        levels.cells[c].add(elapsed)
        groupTable[g].queue.change(by: -1)
        if counts { groupTable[g].byVisit.leave(visit) }
    }
}
