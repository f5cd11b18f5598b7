public import Foundation

/// Writes a run's output folder all at once: into a temporary sibling folder, then renamed into place.
///
/// A reader never sees a half-written folder: either the previous results or
/// the new ones. A failed write leaves the previous results as they were.
public struct ResultsFolder {
    public let url: URL
    public init(_ url: URL) { self.url = url }

    /// Writes `files` (name → contents) as the folder's whole content, replacing what was there.
    public func write(_ files: [(name: String, data: Data)]) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0 ... .max))"
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(token)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.name), options: .atomic)
            }
            if fm.fileExists(atPath: url.path) {
                let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(token)")
                try fm.moveItem(at: url, to: old)
                do {
                    try fm.moveItem(at: staging, to: url)
                } catch {
                    try? fm.moveItem(at: old, to: url)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: url)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
