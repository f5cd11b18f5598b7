public import Foundation

/// A run's output folder, written all at once: files go into a hidden staging
/// folder beside it, which is renamed into place when everything is written.
///
/// A reader never sees a half-written folder: either the previous results or
/// the new ones. A failed or abandoned run leaves the previous results as they were.
public struct ResultsFolder {
    /// Where the results will be.
    public let url: URL
    /// Where files are written until ``commit()``.
    public let staging: URL

    /// Creates the staging folder for results that will land at `url`.
    public init(_ url: URL) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        self.url = url
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0 ... .max))"
        staging = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(token)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { staging.appendingPathComponent(name).path }

    /// Writes `data` as the file `name` in the staging folder.
    public func write(_ name: String, _ data: Data) throws {
        try data.write(to: staging.appendingPathComponent(name))
    }

    /// Moves the staging folder into place, replacing the previous results.
    public func commit() throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        guard fm.fileExists(atPath: url.path) else {
            try fm.moveItem(at: staging, to: url)
            return
        }
        let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(staging.lastPathComponent)")
        try fm.moveItem(at: url, to: old)
        do {
            try fm.moveItem(at: staging, to: url)
        } catch {
            try? fm.moveItem(at: old, to: url)
            throw error
        }
        try? fm.removeItem(at: old)
    }

    /// Deletes the staging folder, leaving the previous results untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}
