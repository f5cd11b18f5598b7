public import HallModel
import Foundation
import Yams

/// Turns YAML scenario files into checked ``ScenarioSpec`` values, reporting every problem at once.
public enum ScenarioLoader {
    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(ScenarioError) -> ScenarioSpec {
        switch readText(atPath: path) {
        case .success(let text):
            return try parse(yaml: text, file: path)
        case .failure(let failure):
            throw ScenarioError(diagnostics: [
                Diagnostic(file: path, line: 1, column: 1, message: "cannot read the file (\(failure.reason))",
                           expected: "a readable YAML scenario file"),
            ])
        }
    }

    /// Parses `yaml` as if read from `file` (the name used in messages).
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> ScenarioSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScenarioError(diagnostics: [syntaxDiagnostic(error, file: file)])
        }
        guard let root, !root.isNull else {
            throw ScenarioError(diagnostics: [
                Diagnostic(file: file, line: 1, column: 1, message: "the file is empty",
                           expected: "a mapping with keys name, services, halls, demand"),
            ])
        }
        var reader = NodeReader(file: file)
        let draft = reader.scenario(root)
        let network = reader.expand(draft)
        reader.checkReferences(draft, network)
        if reader.isClean, let spec = reader.spec(draft, network) {
            return spec
        }
        if reader.isClean {
            reader.report(at: .start, "the scenario could not be read for an unknown reason", expected: "a valid scenario")
        }
        throw ScenarioError(diagnostics: reader.diagnostics)
    }

    /// Why a file could not be read.
    struct ReadFailure: Error {
        var reason: String
    }

    /// The file's text, or why it could not be read.
    static func readText(atPath path: String) -> Result<String, ReadFailure> {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadFailure(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ReadFailure(reason: "it is a directory")) }
        guard files.isReadableFile(atPath: path), let data = files.contents(atPath: path) else {
            return .failure(ReadFailure(reason: "permission denied or read error"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ReadFailure(reason: "it is not UTF-8 text"))
        }
        return .success(text)
    }
}
