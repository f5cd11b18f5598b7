public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        if let foreign = foreignEntries(folder.path) {
            throw Refusal(path: path, reason: "\(path) holds files hallsim did not write (\(foreign)); it is not a results folder")
        }
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(getpid())")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw Failure(description: "cannot write \(target.path): \(systemError())")
            }
        } catch let failure as Failure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(target.path): \(reason(error))")
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
