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

extension ScenarioLoader {
    /// One diagnostic for a YAML error: where libyaml stopped and what it said.
    static func syntaxDiagnostic(_ error: any Error, file: String) -> Diagnostic {
        func diagnostic(_ position: Position, _ problem: String, hint: String? = nil) -> Diagnostic {
            Diagnostic(file: file, line: position.line, column: position.column,
                       message: "YAML syntax error: \(problem)", expected: "valid YAML", hint: hint)
        }
        guard let error = error as? YamlError else {
            return diagnostic(.start, "\(error)")
        }
        switch error {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            let position = Position(line: mark.line, column: mark.column)
            let hint = character(at: position, in: yaml) == "\t" ? "indent with spaces, not tabs" : nil
            return diagnostic(position, describe(problem, context), hint: hint)
        case let .reader(problem, offset, _, yaml):
            return diagnostic(offset.map { position(ofCharacter: $0, in: yaml) } ?? .start, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = Suggestions.list(duplicates, conjunction: "and")
            return Diagnostic(file: file, line: context.mark.line, column: context.mark.column,
                              message: "the key \(keys) appears more than once in one mapping",
                              expected: "each key at most once per mapping")
        default:
            return diagnostic(.start, error.description)
        }
    }

    /// libyaml's problem, with what it was doing and where that began.
    private static func describe(_ problem: String, _ context: YamlError.Context?) -> String {
        guard let context else { return problem }
        guard context.text.hasPrefix("while") else { return "\(context.text), \(problem)" }
        return "\(problem) (\(context.text) that started at line \(context.mark.line), column \(context.mark.column))"
    }

    /// The character at a 1-based line and column, counting columns in Unicode scalars as libyaml does.
    private static func character(at position: Position, in text: String) -> Unicode.Scalar? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let scalars = Array(lines[position.line - 1].unicodeScalars)
        guard position.column >= 1, position.column <= scalars.count else { return nil }
        return scalars[position.column - 1]
    }

    /// The line and column of the character at `offset`.
    static func position(ofCharacter offset: Int, in text: String) -> Position {
        var position = Position.start
        for character in text.prefix(offset) {
            if character.isNewline {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
        }
        return position
    }
}

extension ScenarioLoader {
    /// Parses a duration written as in scenario files (`90s`, `15m`, `31d`) into seconds, or explains what is wrong.
    public static func seconds(ofDuration text: String) -> Result<Double, DurationError> {
        switch Units.seconds(in: text) {
        case .success(let s): .success(s)
        case .failure(let problem): .failure(DurationError(description: "'\(text)' is not a duration (\(problem)); expected a number and a unit: \(Units.durationUnitList)"))
        }
    }

    /// A duration that could not be read.
    public struct DurationError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }
}
