/// What one run (or one slice of a run) of a workload did.
public struct Work: Sendable {
    public var events: Int
    public var cases: Int?
    public init(events: Int, cases: Int? = nil) {
        self.events = events
        self.cases = cases
    }
}

/// A benchmark workload.
///
/// ``run()`` is one complete run, measured as a whole (wall clock, allocations, memory).
/// The calibrated pass cuts one run into ``slices`` slices of a few milliseconds each, run
/// between ``beginPass()`` and ``endPass()``, so that each slice can be timed right next
/// to a slice of the calibration loop: both then see the machine in the same state.
public protocol Workload: AnyObject {
    func run() -> Work
    var slices: Int { get }
    func beginPass()
    func slice(_ index: Int) -> Work
    func endPass()
}

extension Workload {
    public func beginPass() {}
    public func endPass() {}
}

/// Keeps results alive so the optimiser cannot drop the work that made them.
public enum Sink {
    nonisolated(unsafe) static var value: UInt64 = 0
    @inline(never)
    public static func keep(_ x: UInt64) { value ^= x }
}

/// The bounds of slice `index` of `count` slices of `0 ..< total`.
@inlinable
public func sliceRange(_ index: Int, of count: Int, total: Int) -> Range<Int> {
    (total * index / count) ..< (total * (index + 1) / count)
}
