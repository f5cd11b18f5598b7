import Yams

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
