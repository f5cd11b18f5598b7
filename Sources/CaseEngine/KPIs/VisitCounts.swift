import SimCore

/// A window group's queue visits split by kind (``CaseEvent/Visit``): first visits, return visits
/// and pick-ups, so that a group's walk-in wait is not mixed with people coming back.
///
/// Folded from queue events that carry their visit (log format 5): `ticketIssued` (a visit),
/// `called` (served, with its wait), and leaving the queue unserved: `abandoned` or `escalated`
/// from the queue, or `uncollected`. Conservation: `visits = served + gaveUp + waiting`.
public struct VisitCounts: Sendable, Equatable {
    /// One kind of visit.
    public struct Figures: Sendable, Equatable {
        /// Tickets taken.
        public var visits = 0
        /// Called to a window.
        public var served = 0
        /// Left the queue without being called: gave up, or sent home.
        public var gaveUp = 0
        /// Sum of the waits of those called, in ticks.
        public var waitTotal: Int64 = 0
        /// The longest wait of those called, in ticks.
        public var waitMax: Int64 = 0

        /// Still in the queue.
        public var waiting: Int { visits - served - gaveUp }
        /// The mean wait of those called, in seconds (0 before anyone was called).
        public var waitMeanSeconds: Double { served == 0 ? 0 : Double(waitTotal) / Double(served) / Double(SimTime.ticksPerSecond) }
    }

    /// First visits.
    public var first = Figures()
    /// Return visits: after giving up, or with missing materials.
    public var returning = Figures()
    /// People coming for a result.
    public var pickup = Figures()

    public init() {}

    /// The figures of one kind (stored inline: no allocation per group).
    public subscript(_ visit: CaseEvent.Visit) -> Figures {
        get {
            switch visit {
            case .first: first
            case .returning: returning
            case .pickup: pickup
            }
        }
        _modify {
            switch visit {
            case .first: yield &first
            case .returning: yield &returning
            case .pickup: yield &pickup
            }
        }
    }

    /// Applies `change` to the figures of `visit`; switching here rather than through the
    /// subscript's accessor lets each fold inline to one branch and an increment.
    @inline(__always)
    mutating func update(_ visit: CaseEvent.Visit, _ change: (inout Figures) -> Void) {
        switch visit {
        case .first: change(&first)
        case .returning: change(&returning)
        case .pickup: change(&pickup)
        }
    }

    @inline(__always)
    mutating func join(_ visit: CaseEvent.Visit) { update(visit) { $0.visits &+= 1 } }

    @inline(__always)
    mutating func call(_ visit: CaseEvent.Visit, wait: Int64) { update(visit) { $0.call(wait: wait) } }

    @inline(__always)
    mutating func leave(_ visit: CaseEvent.Visit) { update(visit) { $0.gaveUp &+= 1 } }
}

extension VisitCounts.Figures {
    /// One called after waiting `wait` ticks.
    @inline(__always)
    mutating func call(wait: Int64) {
        served &+= 1
        waitTotal &+= wait
        if wait > waitMax { waitMax = wait }
    }
}
