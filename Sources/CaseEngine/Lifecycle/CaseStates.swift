/// The case-state projection as a sink: folds events into a ``CaseBook`` and
/// keeps the first event that does not fit its case's state.
///
/// After a misfit the book stops folding (it stays as it was before that
/// event), so the error points at the first inconsistency, not its echoes.
public struct CaseStates: CaseEventSink {
    /// The state of every open case.
    public private(set) var book = CaseBook()
    /// The first event that did not fit, with its position in the stream (from 0).
    public private(set) var misfit: (index: Int, error: TransitionError)?
    /// The number of events offered.
    public private(set) var events = 0

    public init() {}

    /// Folds `event` into the book, unless an earlier event did not fit.
    /// Always inlined where the engine folds a stream (a replay's checks, a tee): the call would cost
    /// more than the fold of most events.
    @inline(__always)
    public mutating func record(_ event: CaseEvent) {
        defer { events &+= 1 }
        guard misfit == nil else { return }
        do {
            try book.apply(event)
        } catch {
            misfit = (events, error)
        }
    }
}
