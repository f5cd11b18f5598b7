public import Foundation

/// Golden files: expected outputs kept under `Tests/Golden/`, compared line by line.
///
/// Run the tests with `HALLSIM_UPDATE_GOLDEN=1` to rewrite the files from the current
/// output (then review the diff before committing it).
public enum Golden {
    /// The folder holding golden files.
    public static var folder: URL { CommandRunner.repositoryRoot.appendingPathComponent("Tests/Golden") }

    /// Whether this run rewrites golden files instead of checking them.
    public static var updating: Bool { ProcessInfo.processInfo.environment["HALLSIM_UPDATE_GOLDEN"] == "1" }

    /// The first line where `actual` differs from the golden file `name`, or `nil` when they agree
    /// (or the file was just rewritten).
    public static func mismatch(_ name: String, _ actual: String) throws -> String? {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no golden file \(url.path); run the tests with HALLSIM_UPDATE_GOLDEN=1 to create it"
        }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0 ..< max(a.count, e.count) {
            let x = i < a.count ? String(a[i]) : "<missing>"
            let y = i < e.count ? String(e[i]) : "<missing>"
            if x != y { return "\(name) line \(i + 1):\n  expected \(y)\n  actual   \(x)" }
        }
        return nil
    }
}
