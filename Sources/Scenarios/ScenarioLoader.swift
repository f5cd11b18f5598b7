public import HallModel
import Foundation
import Yams

/// Turns YAML scenario files into checked ``ScenarioSpec`` values, reporting every problem at once.
public enum ScenarioLoader {
    /// Reads and checks the file at `path`, with `overrides` applied to it first.
    public static func load(path: String, overrides: [Override] = []) throws(ScenarioError) -> ScenarioSpec {
        switch readText(atPath: path) {
        case .success(let text):
            return try parse(yaml: text, file: path, overrides: overrides)
        case .failure(let failure):
            throw ScenarioError(diagnostics: [
                Diagnostic(file: path, line: 1, column: 1, message: "cannot read the file (\(failure.reason))",
                           expected: "a readable YAML scenario file"),
            ])
        }
    }

    /// Reads and checks the file at `path` like ``load(path:overrides:)``, and finds what is legal
    /// but probably not meant (``ScenarioWarning``), in file order.
    public static func loadWithWarnings(path: String, overrides: [Override] = []) throws(ScenarioError) -> (spec: ScenarioSpec, warnings: [ScenarioWarning]) {
        switch readText(atPath: path) {
        case .success(let text):
            return try parseWithWarnings(yaml: text, file: path, overrides: overrides)
        case .failure:
            return (try load(path: path, overrides: overrides), [])
        }
    }

    /// Parses `yaml` like ``parse(yaml:file:overrides:)`` and finds its warnings.
    public static func parseWithWarnings(yaml: String, file: String, overrides: [Override] = []) throws(ScenarioError) -> (spec: ScenarioSpec, warnings: [ScenarioWarning]) {
        let (spec, positions) = try read(yaml: yaml, file: file, overrides: overrides)
        return (spec, ScenarioWarnings.find(spec, positions, file: file))
    }

    /// Parses `yaml` as if read from `file` (the name used in messages), with `overrides` applied
    /// to the document, in order, before anything is checked.
    public static func parse(yaml: String, file: String, overrides: [Override] = []) throws(ScenarioError) -> ScenarioSpec {
        try read(yaml: yaml, file: file, overrides: overrides).spec
    }

    /// The checked spec and where its parts are written.
    static func read(yaml: String, file: String, overrides: [Override]) throws(ScenarioError) -> (spec: ScenarioSpec, positions: SpecPositions) {
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
        var document = root
        let fileLines = yaml.count { $0 == "\n" } + 1
        let valueLines = try apply(overrides, to: &document, file: file, after: fileLines)
        let reader = NodeReader(file: file)
        let draft = SectionReader(reader).scenario(document)
        let network = FamilyReader(reader).expand(draft)
        ReferenceChecks(reader).checkReferences(draft, network)
        if reader.isClean, let spec = SpecBuilder(reader).spec(draft, network) {
            return (spec, reader.positions)
        }
        if reader.isClean {
            reader.report(at: .start, "the scenario could not be read for an unknown reason", expected: "a valid scenario")
        }
        throw ScenarioError(diagnostics: reader.diagnostics.map { attributed($0, overrides, valueLines) })
    }

    /// Applies `overrides` to `document`, composing the values of override i on lines past the
    /// file's `fileLines`; returns the first line of each override's value.
    static func apply(_ overrides: [Override], to document: inout Node, file: String, after fileLines: Int) throws(ScenarioError) -> [Int] {
        var line = fileLines + 1
        var starts: [Int] = []
        for o in overrides {
            starts.append(line)
            do {
                try o.apply(to: &document, valueLine: line)
            } catch {
                throw ScenarioError(diagnostics: [
                    Diagnostic(file: file, line: error.line, column: error.column, message: error.message,
                               expected: error.expected, hint: error.hint, override: o.origin),
                ])
            }
            line += o.valueLines
        }
        return starts
    }

    /// `d` said of the override whose value it lies in, when it lies past the file's own lines.
    static func attributed(_ d: Diagnostic, _ overrides: [Override], _ starts: [Int]) -> Diagnostic {
        guard let i = starts.lastIndex(where: { $0 <= d.line }) else { return d }
        var said = d
        said.override = overrides[i].origin
        said.line = 0
        said.column = 0
        return said
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
