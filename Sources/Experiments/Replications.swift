import Foundation
import SimCore

/// Independent replications: their seeds, and running them in parallel with results in
/// replication order, so that nothing depends on the number of threads.
public enum Replications {
    /// The seed of replication `r` (from 1): the run's own seed for the first, derived ones after
    /// it. Every variant of an experiment runs replication r on this seed, so variants share
    /// their random numbers (common random numbers) replication by replication.
    public static func seed(_ r: Int, of seed: UInt64) -> UInt64 {
        guard r > 1 else { return seed }
        var stream = RandomStream(seed: seed, label: "replication/\(r)")
        return stream.next()
    }

    /// Runs `body` for replications 1…`count` on up to `threads` threads; results come back in
    /// replication order, whatever the number of threads. The first error (in replication
    /// order) is rethrown after every started replication has finished.
    public static func run<T: Sendable>(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        try runUntil(count, threads: threads, body) { _ in false }
    }

    /// Like ``run(_:threads:_:)``, but stops early: after each replication completes, `done`
    /// is asked about the unbroken prefix of finished results (in replication order); once it
    /// says yes, no further replication starts and the results beyond that prefix are dropped.
    /// The answer is therefore the same on any number of threads.
    public static func runUntil<T: Sendable>(
        _ count: Int, threads: Int, _ body: @escaping @Sendable (Int) throws -> T, done: @escaping @Sendable ([T]) -> Bool
    ) throws -> [T] {
        let state = Locked(RunState<T>(count: count))
        let group = DispatchGroup()
        for _ in 0 ..< max(1, min(threads, count)) {
            DispatchQueue.global().async(group: group) {
                while let r = state.withLock({ $0.take() }) {
                    let outcome = Result { try body(r + 1) }
                    state.withLock { $0.finish(r, outcome, done: done) }
                }
            }
        }
        group.wait()
        return try state.withLock { try $0.answer() }
    }

    /// What the workers share: the next replication to start, the outcomes, and where the rule stopped.
    struct RunState<T> {
        var outcomes: [Result<T, any Error>?]
        var next = 0
        /// Replications in the unbroken finished prefix already shown to the stopping rule.
        var prefix = 0
        /// The replication count the rule stopped at, if it did.
        var stoppedAt: Int?

        init(count: Int) { outcomes = Array(repeating: nil, count: count) }

        mutating func take() -> Int? {
            guard next < outcomes.count, stoppedAt == nil else { return nil }
            defer { next += 1 }
            return next
        }

        mutating func finish(_ r: Int, _ outcome: Result<T, any Error>, done: ([T]) -> Bool) {
            outcomes[r] = outcome
            while stoppedAt == nil, prefix < outcomes.count, let o = outcomes[prefix] {
                prefix += 1
                guard case .success = o else { continue }
                let values = outcomes[..<prefix].compactMap { try? $0?.get() }
                if values.count == prefix, done(values) { stoppedAt = prefix }
            }
        }

        func answer() throws -> [T] {
            let kept = outcomes[..<(stoppedAt ?? outcomes.count)]
            return try kept.map { try $0!.get() }
        }
    }

    /// A value shared between threads behind a lock.
    final class Locked<Value>: @unchecked Sendable {
        private var value: Value
        private let lock = NSLock()

        init(_ value: Value) { self.value = value }

        func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
            lock.lock()
            defer { lock.unlock() }
            return try body(&value)
        }
    }
}
