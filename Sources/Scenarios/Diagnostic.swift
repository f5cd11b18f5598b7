/// One problem found in a scenario file, with where it is, what was expected and perhaps a hint.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file name as given to the loader.
    public var file: String
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem.
    public var column: Int
    /// What is wrong.
    public var message: String
    /// What was expected instead.
    public var expected: String
    /// A suggestion, such as "did you mean 'services'?".
    public var hint: String?
    /// The command-line override the problem is in (`--set PATH=VALUE`), if it is not in the file
    /// itself; `line` and `column` are then where in the file the override's path stopped, or 0
    /// when the problem is in its value.
    public var override: String?

    public init(file: String, line: Int, column: Int, message: String, expected: String, hint: String? = nil, override: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.expected = expected
        self.hint = hint
        self.override = override
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let origin = override.map { " \($0):" } ?? ""
        return "\(place):\(origin) \(message); expected \(expected)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// The problems that kept a scenario file from loading, all of them, in file order.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// All problems found, sorted by line then column.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
