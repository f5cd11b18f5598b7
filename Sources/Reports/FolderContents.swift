import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a results folder holds: which files hallsim writes into one, whether a folder may be
/// replaced, and what killed runs left beside it (``ResultsFolder`` asks before it writes).
enum FolderContents {
    /// Whether `name` is a file hallsim writes into a results folder.
    static func isResultFile(_ name: String) -> Bool {
        if ["summary.json", "kpis.csv", "events.log", "report.html", "report-data.json", ResultsFolder.markerName].contains(name) { return true }
        guard name.hasPrefix("events.r"), name.hasSuffix(".log") else { return false }
        let digits = name.dropFirst("events.r".count).dropLast(".log".count)
        return digits.count >= 3 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The entries of the folder at `path` that make it something other than an empty or an
    /// earlier results folder (up to three names, quoted), or `nil` when it may be replaced.
    static func foreignEntries(_ path: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return "entries that cannot be listed" }
        let marker = URL(fileURLWithPath: path).appendingPathComponent(ResultsFolder.markerName).path
        var allowed: (String) -> Bool = isResultFile
        if let text = try? String(contentsOfFile: marker, encoding: .utf8), text.hasPrefix(ResultsFolder.markerTitle + "\n") {
            let listed = Set(text.split(separator: "\n").dropFirst().map(String.init))
            allowed = { $0 == ResultsFolder.markerName || listed.contains($0) }
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
