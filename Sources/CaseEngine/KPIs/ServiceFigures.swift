import SimCore

extension KPIProjection {
    /// Figures of one service at one window group, over the whole run.
    public struct ServiceFigures: Sendable {
        public var group: Int
        public var service: Int
        public var ticketed = 0
        public var served = 0
        public var called = 0
        /// Sum of waits, in ticks.
        public var waitTotal: Int64 = 0
        /// Longest wait, in ticks.
        public var waitMax: Int64 = 0

        /// The mean wait in seconds (0 before anyone was called).
        public var waitMeanSeconds: Double { called == 0 ? 0 : Double(waitTotal) / Double(called) / Double(SimTime.ticksPerSecond) }
    }
}
