public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's output folder, written all at once: files go into a hidden staging
/// folder beside it, which is exchanged with the folder when everything is written.
///
/// A reader never sees a half-written folder: under the folder's own name there is,
/// at every instant, either the previous results or the new ones (see ``commit()``).
/// A failed, interrupted or killed run leaves the previous results as they were; its
/// staging folder is removed on SIGINT and SIGTERM (``removeStagingOnSignals()``) and,
/// after a `kill -9` or a crash, by the next run into the same place.
///
/// Only a folder that is new, empty, or an earlier results folder is ever replaced
/// (``init(path:inputs:warn:)`` refuses anything else): an earlier results folder holds
/// the marker ``markerName`` listing what the run wrote, or — written before the marker
/// existed — only files hallsim writes.
public struct ResultsFolder {
    /// Where the results will be (symbolic links resolved).
    public let url: URL
    /// Where files are written until ``commit()``.
    public let staging: URL

    /// The marker file every results folder holds: its first line says what the folder is,
    /// the others name the files the run wrote.
    public static let markerName = ".hallsim-results"
    static let markerTitle = "hallsim results folder"

    /// Why a folder cannot be written: bad input (the CLI exits with 2).
    public struct Refusal: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "--out \(path.isEmpty ? "''" : path): \(reason)" }
    }

    /// A failure while writing (the CLI exits with 1): one line, naming the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks that `path` may receive results, removes what killed runs left beside it,
    /// and creates the staging folder.
    /// - Parameters:
    ///   - path: the results folder as the user gave it.
    ///   - inputs: files the command reads; none may lie inside the folder.
    ///   - warn: receives a line for each leftover that is reported rather than removed.
    /// - Throws: ``Refusal`` for a path that is not new, empty or an earlier results folder
    ///   (an existing file, `.`, `..`, `''`, a folder with other content, a folder holding an
    ///   input); ``Failure`` when the file system says no.
    public init(path: String, inputs: [String] = [], warn: (String) -> Void = { _ in }) throws {
        func refuse(_ reason: String) -> Refusal { Refusal(path: path, reason: reason) }
        let lastComponent = path.split(separator: "/").last.map(String.init) ?? ""
        guard !path.isEmpty else { throw refuse("an empty path is not a folder name") }
        guard lastComponent != ".", lastComponent != "..", !lastComponent.isEmpty else {
            throw refuse("name a folder of its own (results are never written into '.', '..' or '/', which would replace them)")
        }
        let given = URL(fileURLWithPath: path).standardizedFileURL
        let parent = given.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw refuse("cannot create its parent folder \(parent.path): \(Self.reason(error))")
        }
        let realParent = URL(fileURLWithPath: Self.realPath(parent.path) ?? parent.path)
        var target = realParent.appendingPathComponent(given.lastPathComponent)
        if let resolved = Self.realPath(target.path) { target = URL(fileURLWithPath: resolved) }
        url = target

        for input in inputs {
            let real = Self.realPath(input) ?? URL(fileURLWithPath: input).standardizedFileURL.path
            if Self.contains(target.path, real) {
                throw refuse("\(target.path) holds \(input), which this command reads; write the results elsewhere")
            }
        }
        var info = stat()
        if lstat(target.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw refuse("\(target.path) exists and is not a folder; results go only into a new folder, an empty one or an earlier results folder")
            }
            let cwd = Self.realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
            if Self.contains(target.path, cwd) {
                throw refuse("\(target.path) holds the current folder; name a folder of its own")
            }
            if let foreign = Self.foreignEntries(target.path) {
                throw refuse("\(target.path) holds files hallsim did not write (\(foreign)); results go only into a new folder, an empty one or an earlier results folder")
            }
        }

        Self.removeLeftovers(of: target, warn: warn)
        let token = "\(getpid())-\(UInt32.random(in: 0 ... .max))"
        staging = realParent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(token)")
        guard mkdir(staging.path, 0o755) == 0 else {
            throw Failure(description: "cannot create the staging folder \(staging.path): \(Self.systemError())")
        }
        StagingRegistry.shared.add(staging.path)
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { staging.appendingPathComponent(name).path }

    /// Writes `data` as the file `name` in the staging folder and flushes it to disk.
    /// - Throws: ``Failure`` naming the file and the system's reason (a full disk, say).
    public func write(_ name: String, _ data: Data) throws(Failure) {
        if let failure = Self.writeDurably(path(name), data) { throw Failure(description: "cannot write \(name) into \(url.path): \(failure)") }
    }

    /// Writes `data` to a new file at `path` and flushes it to disk; the system's reason when it cannot.
    static func writeDurably(_ path: String, _ data: Data) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return systemError() }
        defer { close(fd) }
        var failure: String?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var done = 0
            while done < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = systemError()
                    return
                }
                done += n
            }
            if fsync(fd) != 0 { failure = systemError() }
        }
        return failure
    }

    /// Puts the new results under the folder's name and removes the previous ones.
    ///
    /// The staging folder gets the marker, is flushed, and is exchanged with the folder in
    /// one step (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), so
    /// the folder's name always holds the old or the new results; then the parent folder is
    /// flushed (`fsync`) and the old results, now in the staging folder, are removed. Where
    /// the file system cannot exchange, the old folder is first renamed aside and the new one
    /// renamed into place: a kill between the two leaves no folder under the name for that
    /// instant, and the next run into the same place puts the old results back.
    /// - Throws: ``Failure``; the previous results are then still in place.
    public func commit() throws(Failure) {
        var names = ((try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []).filter { $0 != Self.markerName }
        names.sort()
        try write(Self.markerName, Data(([Self.markerTitle] + names).map { $0 + "\n" }.joined().utf8))
        Self.syncFolder(staging.path)
        var info = stat()
        if lstat(url.path, &info) == 0 {
            if let foreign = Self.foreignEntries(url.path) {
                throw Failure(description: "\(url.path) now holds files hallsim did not write (\(foreign)); the new results are left unwritten")
            }
            switch Self.exchange(staging.path, url.path) {
            case .done:
                break
            case .unsupported:
                let aside = staging.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).old-\(staging.lastPathComponent.split(separator: "-").suffix(2).joined(separator: "-"))")
                guard rename(url.path, aside.path) == 0 else {
                    throw Failure(description: "cannot move the previous results \(url.path) aside: \(Self.systemError())")
                }
                guard rename(staging.path, url.path) == 0 else {
                    let reason = Self.systemError()
                    _ = rename(aside.path, url.path)
                    throw Failure(description: "cannot move the results into \(url.path): \(reason)")
                }
                _ = rename(aside.path, staging.path)
            case .failed(let reason):
                throw Failure(description: "cannot move the results into \(url.path): \(reason)")
            }
            Self.syncFolder(url.deletingLastPathComponent().path)
            try? FileManager.default.removeItem(at: staging)
        } else {
            guard rename(staging.path, url.path) == 0 else {
                throw Failure(description: "cannot move the results into \(url.path): \(Self.systemError())")
            }
            Self.syncFolder(url.deletingLastPathComponent().path)
        }
        StagingRegistry.shared.remove(staging.path)
    }

    /// Deletes the staging folder, leaving the previous results untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        StagingRegistry.shared.remove(staging.path)
    }
}

// MARK: What a folder holds

extension ResultsFolder {
    /// Whether `name` is a file hallsim writes into a results folder.
    static func isResultFile(_ name: String) -> Bool {
        if ["summary.json", "kpis.csv", "events.log", "report.html", "report-data.json", markerName].contains(name) { return true }
        guard name.hasPrefix("events.r"), name.hasSuffix(".log") else { return false }
        let digits = name.dropFirst("events.r".count).dropLast(".log".count)
        return digits.count >= 3 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The entries of the folder at `path` that make it something other than an empty or an
    /// earlier results folder (up to three names, quoted), or `nil` when it may be replaced.
    static func foreignEntries(_ path: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return "entries that cannot be listed" }
        let marker = URL(fileURLWithPath: path).appendingPathComponent(markerName).path
        var allowed: (String) -> Bool = isResultFile
        if let text = try? String(contentsOfFile: marker, encoding: .utf8), text.hasPrefix(markerTitle + "\n") {
            let listed = Set(text.split(separator: "\n").dropFirst().map(String.init))
            allowed = { $0 == markerName || listed.contains($0) }
        }
        let foreign = entries.filter { name in
            var info = stat()
            let full = URL(fileURLWithPath: path).appendingPathComponent(name).path
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return true }
            return !allowed(name)
        }.sorted()
        guard !foreign.isEmpty else { return nil }
        let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return foreign.count > 3 ? shown + " and \(foreign.count - 3) more" : shown
    }

    /// Whether `inner` is `outer` or lies inside it (both real paths).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// Removes staging folders and set-aside results left beside `target` by runs that were
    /// killed (their process is gone); puts set-aside results back when the folder itself is missing.
    /// Leftovers of a process still running, or holding files hallsim does not write, are reported to `warn`.
    static func removeLeftovers(of target: URL, warn: (String) -> Void) {
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() {
            let kind: String
            if entry.hasPrefix(".\(name).tmp-") { kind = "tmp" } else if entry.hasPrefix(".\(name).old-") { kind = "old" } else { continue }
            let leftover = parent.appendingPathComponent(entry)
            let token = entry.dropFirst(".\(name).\(kind)-".count)
            let pidText = token.range(of: ".tmp-").map { token[$0.upperBound...] } ?? token
            guard let pid = pidText.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) == 0 || errno == EPERM {
                warn("leaving \(leftover.path): it may belong to a run still going (process \(pid))")
                continue
            }
            guard foreignEntries(leftover.path) == nil else {
                warn("leaving \(leftover.path): left by a run that was killed, but it holds files hallsim does not write")
                continue
            }
            var info = stat()
            if kind == "old", lstat(target.path, &info) != 0, rename(leftover.path, target.path) == 0 {
                warn("put back \(target.path): a killed run had set the previous results aside")
                continue
            }
            try? FileManager.default.removeItem(at: leftover)
        }
    }
}

// MARK: Adding a file to a finished folder

extension ResultsFolder {
    /// Writes (or replaces) the file `name` in the finished results folder at `path` — how
    /// `hallsim report DIR` adds report.html — and lists it in the folder's marker. The file is
    /// written beside its place, flushed and renamed over it, so a reader sees the old file or the new.
    /// - Throws: ``Refusal`` when `path` is not a results folder (bad input); ``Failure`` when the file system says no.
    @discardableResult
    public static func add(_ name: String, _ data: Data, toFolder path: String) throws -> URL {
        let folder = URL(fileURLWithPath: path)
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw Refusal(path: path, reason: "\(path) is not a folder")
        }
        // A file an earlier add left when it was killed before its rename (its process is gone).
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where entry.hasPrefix(".") {
            guard let dash = entry.range(of: ".tmp-", options: .backwards), let pid = Int32(entry[dash.upperBound...]),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
        if let foreign = foreignEntries(folder.path) {
            throw Refusal(path: path, reason: "\(path) holds files hallsim did not write (\(foreign)); it is not a results folder")
        }
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        if let failure = writeDurably(temporary.path, data) ?? (rename(temporary.path, target.path) == 0 ? nil : systemError()) {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(target.path): \(failure)")
        }
        let marker = folder.appendingPathComponent(markerName)
        if let text = try? String(contentsOf: marker, encoding: .utf8), text.hasPrefix(markerTitle + "\n"),
           !text.split(separator: "\n").contains(Substring(name)) {
            var lines = text.split(separator: "\n").dropFirst().map(String.init)
            lines.append(name)
            lines.sort()
            do { try Data(([markerTitle] + lines).map { $0 + "\n" }.joined().utf8).write(to: marker, options: .atomic) } catch {
                throw Failure(description: "cannot list \(name) in \(marker.path): \(reason(error))")
            }
        }
        syncFolder(folder.path)
        return target
    }
}

// MARK: System calls

extension ResultsFolder {
    static func systemError() -> String { String(cString: strerror(errno)) }

    static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, count)
        #elseif canImport(Musl)
        Musl.write(fd, p, count)
        #else
        Darwin.write(fd, p, count)
        #endif
    }

    /// The system's reason for a Foundation file error, in one line.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Flushes a folder's entries to disk (after renames in it).
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    enum Exchange { case done, unsupported, failed(String) }

    /// Swaps the folders at `a` and `b` in one step.
    static func exchange(_ a: String, _ b: String) -> Exchange {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return .unsupported }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0 { return .done }
        #elseif canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return .done }
        #else
        return .unsupported
        #endif
        #if os(Linux) || canImport(Darwin)
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return .unsupported }
        return .failed(systemError())
        #endif
    }
}

// MARK: Interrupted runs

extension ResultsFolder {
    /// Makes SIGINT and SIGTERM remove every staging folder still open before the process
    /// ends (by the same signal, so its parent sees how it ended). Call once, early.
    public static func removeStagingOnSignals() {
        StagingRegistry.shared.installHandlers()
    }
}

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
