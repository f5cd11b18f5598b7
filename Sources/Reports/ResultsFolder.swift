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
        let realParent = URL(fileURLWithPath: FileCalls.realPath(parent.path) ?? parent.path)
        var target = realParent.appendingPathComponent(given.lastPathComponent)
        if let resolved = FileCalls.realPath(target.path) { target = URL(fileURLWithPath: resolved) }
        url = target

        for input in inputs {
            let real = FileCalls.realPath(input) ?? URL(fileURLWithPath: input).standardizedFileURL.path
            if FolderContents.contains(target.path, real) {
                throw refuse("\(target.path) holds \(input), which this command reads; write the results elsewhere")
            }
        }
        var info = stat()
        if lstat(target.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw refuse("\(target.path) exists and is not a folder; results go only into a new folder, an empty one or an earlier results folder")
            }
            let cwd = FileCalls.realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
            if FolderContents.contains(target.path, cwd) {
                throw refuse("\(target.path) holds the current folder; name a folder of its own")
            }
            if let foreign = FolderContents.foreignEntries(target.path) {
                throw refuse("\(target.path) holds files hallsim did not write (\(foreign)); results go only into a new folder, an empty one or an earlier results folder")
            }
        }

        FolderContents.removeLeftovers(of: target, warn: warn)
        let token = "\(getpid())-\(UInt32.random(in: 0 ... .max))"
        staging = realParent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(token)")
        guard mkdir(staging.path, 0o755) == 0 else {
            throw Failure(description: "cannot create the staging folder \(staging.path): \(FileCalls.systemError())")
        }
        StagingRegistry.shared.add(staging.path)
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { staging.appendingPathComponent(name).path }

    /// Writes `data` as the file `name` in the staging folder and flushes it to disk.
    /// - Throws: ``Failure`` naming the file and the system's reason (a full disk, say).
    public func write(_ name: String, _ data: Data) throws(Failure) {
        if let failure = FileCalls.writeDurably(path(name), data) { throw Failure(description: "cannot write \(name) into \(url.path): \(failure)") }
    }

    /// Writes the file `name` in the staging folder from what `body` writes to its stream, in
    /// chunks, and flushes it to disk (a large table need not be held whole).
    /// - Throws: ``Failure`` naming the file and the system's reason (a full disk, say).
    public func write(_ name: String, streaming body: (inout FileStream) -> Void) throws(Failure) {
        let failure: String?
        switch FileStream.create(path(name)) {
        case .success(var stream):
            body(&stream)
            failure = stream.finish()
        case .failure(let error):
            failure = error.reason
        }
        if let failure { throw Failure(description: "cannot write \(name) into \(url.path): \(failure)") }
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
        FileCalls.syncFolder(staging.path)
        var info = stat()
        if lstat(url.path, &info) == 0 {
            if let foreign = FolderContents.foreignEntries(url.path) {
                throw Failure(description: "\(url.path) now holds files hallsim did not write (\(foreign)); the new results are left unwritten")
            }
            switch FileCalls.exchange(staging.path, url.path) {
            case .done:
                break
            case .unsupported:
                let aside = staging.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).old-\(staging.lastPathComponent.split(separator: "-").suffix(2).joined(separator: "-"))")
                guard rename(url.path, aside.path) == 0 else {
                    throw Failure(description: "cannot move the previous results \(url.path) aside: \(FileCalls.systemError())")
                }
                guard rename(staging.path, url.path) == 0 else {
                    let reason = FileCalls.systemError()
                    _ = rename(aside.path, url.path)
                    throw Failure(description: "cannot move the results into \(url.path): \(reason)")
                }
                _ = rename(aside.path, staging.path)
            case .failed(let reason):
                throw Failure(description: "cannot move the results into \(url.path): \(reason)")
            }
            FileCalls.syncFolder(url.deletingLastPathComponent().path)
            try? FileManager.default.removeItem(at: staging)
        } else {
            guard rename(staging.path, url.path) == 0 else {
                throw Failure(description: "cannot move the results into \(url.path): \(FileCalls.systemError())")
            }
            FileCalls.syncFolder(url.deletingLastPathComponent().path)
        }
        StagingRegistry.shared.remove(staging.path)
    }

    /// Deletes the staging folder, leaving the previous results untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        StagingRegistry.shared.remove(staging.path)
    }

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
        if let foreign = FolderContents.foreignEntries(folder.path) {
            throw Refusal(path: path, reason: "\(path) holds files hallsim did not write (\(foreign)); it is not a results folder")
        }
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        if let failure = FileCalls.writeDurably(temporary.path, data) ?? (rename(temporary.path, target.path) == 0 ? nil : FileCalls.systemError()) {
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
        FileCalls.syncFolder(folder.path)
        return target
    }

    /// Makes SIGINT and SIGTERM remove every staging folder still open before the process
    /// ends (by the same signal, so its parent sees how it ended). Call once, early.
    public static func removeStagingOnSignals() {
        StagingRegistry.shared.installHandlers()
    }

    /// The system's reason for a Foundation file error, in one line.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
