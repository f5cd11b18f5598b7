import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The staging folders this process has open, for the signal handlers.
final class StagingRegistry: @unchecked Sendable {
    static let shared = StagingRegistry()
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var sources: [any DispatchSourceSignal] = []

    func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    func installHandlers() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for sig in [SIGINT, SIGTERM] {
                // A signal the process was started with ignored (a background job's SIGINT) stays ignored.
                let previous = signal(sig, SIG_IGN)
                guard unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { [self] in self.removeAllAndDie(sig) }
                // The source takes the signal over only once it is registered, which happens on
                // another thread after `resume()`; until then the signal is ignored (above). Wait
                // for it, so that a signal sent as soon as a staging folder exists is never lost.
                let registered = DispatchSemaphore(value: 0)
                source.setRegistrationHandler { registered.signal() }
                source.resume()
                registered.wait()
                sources.append(source)
            }
        }
    }

    /// Removes every open staging folder (retrying while writers still add files), then ends
    /// the process by `sig` with its default action.
    private func removeAllAndDie(_ sig: Int32) {
        let open = lock.withLock { paths }
        for path in open {
            for _ in 0 ..< 20 {
                try? FileManager.default.removeItem(atPath: path)
                if access(path, F_OK) != 0 { break }
            }
        }
        // End by the signal itself; it may be blocked in this thread (the dispatch source reads it
        // without delivery), so unblock it here first, and exit with 128 + sig if it still returns.
        signal(sig, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(sig)
        _exit(128 + sig)
    }
}
