public import CaseEngine
import SimCore

extension Summary {
    /// One kind of queue visit at a group (docs/kpis.md, `by_visit`).
    public struct VisitFigures: Codable, Sendable, Equatable {
        /// Tickets taken.
        public var visits: Int
        /// Called to a window.
        public var served: Int
        /// Left the queue without being called (gave up, or sent home).
        public var gave_up: Int
        /// Still in the queue at the end: `visits - served - gave_up`.
        public var waiting: Int
        /// Mean and longest wait of those called, in seconds.
        public var wait_mean_s: Double
        public var wait_max_s: Double

        init(_ f: VisitCounts.Figures) {
            visits = f.visits
            served = f.served
            gave_up = f.gaveUp
            waiting = f.waiting
            wait_mean_s = f.waitMeanSeconds
            wait_max_s = Double(f.waitMax) / Double(SimTime.ticksPerSecond)
        }
    }

    /// A group's queue visits by kind: first visits, return visits (after giving up, or with missing
    /// materials) and pick-ups of results.
    public struct ByVisit: Codable, Sendable, Equatable {
        public var first: VisitFigures
        public var returning: VisitFigures
        public var pickup: VisitFigures

        public init(_ v: VisitCounts) {
            first = VisitFigures(v.first)
            returning = VisitFigures(v.returning)
            pickup = VisitFigures(v.pickup)
        }
    }
}
