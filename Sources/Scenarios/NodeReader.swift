import Yams

/// Walks a composed YAML tree, collecting every problem rather than stopping at the first: the
/// positioned cursor every part of the loading reads through.
///
/// It checks mappings' keys and lists, reads scalars (texts, numbers, durations, booleans) and
/// records each problem with its FILE:LINE:COLUMN. The sections of a scenario are read by types
/// of their own that report to it — ``SectionReader`` (the top level), ``CalendarReader``,
/// ``HoursReader``, ``BehaviourReader``, ``DistributionReader``, ``AppointmentReader``,
/// ``ServiceNetworkReader``, ``VisitReader``, ``EscalationReader`` and ``FamilyReader`` — then
/// checked across sections by ``ReferenceChecks`` and ``ServiceNetworkChecks``, and built by
/// ``SpecBuilder``. One reader serves one file; the loader shares it among them.
final class NodeReader {
    /// The file's name, as problems give it.
    let file: String
    private var found: [(order: Int, diagnostic: Diagnostic)] = []
    /// Where the parts of the built spec are written, for warnings (set by ``SpecBuilder/spec(_:_:)``).
    var positions = SpecPositions()

    init(file: String) {
        self.file = file
    }

    /// All problems reported so far, without repeats, sorted by line then column.
    var diagnostics: [Diagnostic] {
        var seen: [Diagnostic] = []
        for entry in found.sorted(by: { ($0.diagnostic.line, $0.diagnostic.column, $0.order) < ($1.diagnostic.line, $1.diagnostic.column, $1.order) })
        where !seen.contains(entry.diagnostic) {
            seen.append(entry.diagnostic)
        }
        return seen
    }

    /// Whether nothing has been reported.
    var isClean: Bool { found.isEmpty }

    /// Records a problem at `position`.
    func report(at position: Position, _ message: String, expected: String, hint: String? = nil) {
        let diagnostic = Diagnostic(
            file: file, line: position.line, column: position.column,
            message: message, expected: expected, hint: hint
        )
        found.append((found.count, diagnostic))
    }

    /// Reports that `node`, called `label`, is not the kind of value expected.
    func mismatch(_ node: Node, _ label: String, expected: String, hint: String? = nil) {
        report(at: node.position, "\(label) is \(Self.describe(node))", expected: expected, hint: hint)
    }

    /// A short description of what a node holds, for messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence(let items): return items.isEmpty ? "an empty list" : "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "empty"
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            default: return scalar.string.isEmpty ? "an empty string" : "the string '\(scalar.string)'"
            }
        }
    }

    /// Checks that `node` is a mapping with only the given keys and all the required ones.
    func fields(_ node: Node, _ label: String, keys: KeySet) -> Fields? {
        guard case .mapping(let mapping) = node else {
            mismatch(node, label, expected: "a mapping with \(keys.summary)",
                     hint: Self.isListOfMappings(node) ? "remove the '- ' in front of the keys" : nil)
            return nil
        }
        var fields = Fields(position: node.position, entries: [])
        var merged: [Node] = []
        var suggested: Set<String> = []
        /// The key's name when it is one of `keys`; otherwise reports it (with its position) and returns `nil`.
        func known(_ key: Node) -> String? {
            guard case .scalar(let scalar) = key else {
                report(at: key.position, "a key in \(label) is \(Self.describe(key))", expected: keys.choices)
                return nil
            }
            guard keys.all.contains(scalar.string) else {
                if let explanation = keys.elsewhere[scalar.string] {
                    report(at: key.position, "the key '\(scalar.string)' does not belong in \(label)", expected: keys.choices, hint: explanation)
                    return nil
                }
                let suggestion = Suggestions.closest(to: scalar.string, in: keys.all + keys.elsewhere.keys.sorted())
                if let suggestion { suggested.insert(suggestion) }
                report(at: key.position, "unknown key '\(scalar.string)' in \(label)",
                       expected: keys.choices,
                       hint: suggestion.map { "did you mean '\($0)'?" })
                return nil
            }
            return scalar.string
        }
        for (key, value) in mapping {
            if key.tagName == .merge {
                merged.append(value)
                continue
            }
            guard let name = known(key) else { continue }
            fields.entries.append((name, key.position, value))
        }
        // Merge keys (`<<: {…}` or `<<: [*a, *b]`): their keys are checked like any other and
        // fill in what the mapping does not say itself; merges inside them are followed too.
        var seen = 0
        while seen < merged.count, seen < 10_000 {
            let source = merged[seen]
            seen += 1
            let sources = source.sequence.map(Array.init) ?? [source]
            for inherited in sources {
                guard case .mapping(let entries) = inherited else {
                    mismatch(inherited, "a merge ('<<') in \(label)", expected: "a mapping, or a list of mappings")
                    continue
                }
                for (key, value) in entries {
                    if key.tagName == .merge {
                        merged.append(value)
                        continue
                    }
                    guard let name = known(key), fields[name] == nil else { continue }
                    fields.entries.append((name, key.position, value))
                }
            }
        }
        // A misspelt key that belongs to another kind of entry means the file meant that kind: its keys would differ.
        let meantOtherKind = !suggested.isDisjoint(with: keys.elsewhere.keys)
        for key in keys.required where fields[key] == nil && !suggested.contains(key) && !meantOtherKind {
            report(at: fields.position, "missing key '\(key)' in \(label)", expected: "a mapping with \(keys.summary)")
        }
        return fields
    }

    /// The items of a non-empty list; `itemNoun` names them in the expected text.
    func list(_ node: Node, _ label: String, of itemNoun: String) -> [Node]? {
        let expected = "a non-empty list of \(itemNoun)"
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            mismatch(node, label, expected: expected,
                     hint: node.mapping != nil ? "start each item with '- '" : nil)
            return nil
        }
        let items = Array(sequence)
        return items
    }

    /// The items of a list that may be empty; `itemNoun` names them in the expected text.
    func possiblyEmptyList(_ node: Node, _ label: String, of itemNoun: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            mismatch(node, label, expected: "a list of \(itemNoun), like [a, b] or []",
                     hint: node.mapping != nil ? "start each item with '- '" : nil)
            return nil
        }
        return Array(sequence)
    }

    /// Where `key` is written as a key of `node`, when `node` is a mapping that has it.
    static func keyPosition(_ node: Node, _ key: String) -> Position? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.first { $0.key.scalar?.string == key && $0.key.tagName != .merge }?.key.position
    }

    /// Whether `node` is a non-empty list of mappings, as when a mapping was written with list dashes.
    private static func isListOfMappings(_ node: Node) -> Bool {
        guard let sequence = node.sequence, !sequence.isEmpty else { return false }
        return sequence.allSatisfy { $0.mapping != nil }
    }

    /// A non-empty text such as a name or an id.
    func text(_ node: Node, _ label: String, expected: String = "a non-empty string") -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull, !scalar.string.isEmpty else {
            mismatch(node, label, expected: expected)
            return nil
        }
        return Located(value: scalar.string, position: node.position)
    }

    /// A whole number from `minimum` to `maximum`.
    func integer(_ node: Node, _ label: String, minimum: Int, maximum: Int = .max, expected: String) -> Int? {
        guard case .scalar(let scalar) = node, node.tagName == .int else {
            mismatch(node, label, expected: expected, hint: Self.quotedNumberHint(node))
            return nil
        }
        guard let value = Int.construct(from: scalar) else {
            report(at: node.position, "\(label) is too large (\(scalar.string))", expected: expected)
            return nil
        }
        guard value >= minimum else {
            report(at: node.position, "\(label) must be at least \(minimum), found \(value)", expected: expected)
            return nil
        }
        guard value <= maximum else {
            report(at: node.position, "\(label) is too large (\(value)); the simulator holds at most \(maximum)", expected: expected)
            return nil
        }
        return value
    }

    /// A finite number, integer or decimal.
    func number(_ node: Node, _ label: String, expected: String) -> Double? {
        guard case .scalar(let scalar) = node, node.tagName == .int || node.tagName == .float else {
            mismatch(node, label, expected: expected, hint: Self.quotedNumberHint(node))
            return nil
        }
        let value = node.tagName == .int ? Int.construct(from: scalar).map(Double.init) : Double.construct(from: scalar)
        guard let value, value.isFinite else {
            report(at: node.position, "\(label) is not a finite number (\(scalar.string))", expected: expected)
            return nil
        }
        return value
    }

    /// A number greater than zero.
    func positiveNumber(_ node: Node, _ label: String, expected: String) -> Double? {
        guard let value = number(node, label, expected: expected) else { return nil }
        if value == 0 {
            report(at: node.position, "\(label) is zero", expected: expected)
            return nil
        }
        if value < 0 {
            report(at: node.position, "\(label) is negative (\(node.scalar?.string ?? "\(value)"))", expected: expected)
            return nil
        }
        return value
    }

    /// A number of zero or more.
    func nonNegativeNumber(_ node: Node, _ label: String, expected: String) -> Double? {
        guard let value = number(node, label, expected: expected) else { return nil }
        if value < 0 {
            report(at: node.position, "\(label) is negative (\(node.scalar?.string ?? "\(value)"))", expected: expected)
            return nil
        }
        return value
    }

    /// A scalar's text whatever YAML made of it (a string, a number, a date), or `nil` for anything else.
    func scalarText(_ node: Node, _ label: String, expected: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            mismatch(node, label, expected: expected)
            return nil
        }
        return Located(value: scalar.string.trimmingWhitespace(), position: node.position)
    }

    /// A duration such as `90s` or `1.5h`, in seconds; `allowZero` admits `0s`.
    func duration(_ node: Node, _ label: String, allowZero: Bool = false) -> Double? {
        let expected = allowZero ? "a duration of zero or more, like 0s, 90s or 15m" : "a positive duration like 90s, 15m, 2h or 3d"
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            mismatch(node, label, expected: expected)
            return nil
        }
        let text = scalar.string
        switch Units.seconds(in: text) {
        case .success(let seconds):
            if seconds < 0 {
                report(at: node.position, "\(label) is negative (\(text))", expected: expected)
            } else if seconds == 0 && !allowZero {
                report(at: node.position, "\(label) is zero (\(text))", expected: expected)
            } else if seconds > 0 && seconds < Limits.tick {
                report(at: node.position, "\(label) is shorter than the clock's tick of one microsecond (\(text))", expected: expected,
                       hint: allowZero ? "write 0s for no time at all" : nil)
            } else if seconds > Limits.seconds {
                report(at: node.position, "\(label) is too long (\(text)); the simulator holds durations up to \(Limits.longest)",
                       expected: "a duration of at most \(Limits.longest), like 365250d")
            } else {
                return seconds
            }
        case .failure(let problem):
            reportDuration(problem, at: node, label, text: text, expected: expected, bareHint: "write 60s for sixty seconds")
        }
        return nil
    }
    /// Reports why `text` is not a duration, the same way wherever durations are read.
    func reportDuration(
        _ problem: Units.DurationProblem, at node: Node, _ label: String, text: String, expected: String, bareHint: String,
        noun: String = "a duration"
    ) {
        switch problem {
        case .bareNumber:
            report(at: node.position, "\(label) is the bare number \(text); \(noun) needs a unit", expected: expected, hint: bareHint)
        case .malformed:
            report(at: node.position, "\(label) is not a duration ('\(text)')", expected: expected)
        case .unknownUnit(let unit):
            report(at: node.position, "\(label) has the unknown unit '\(unit)' ('\(text)')",
                   expected: "a duration in one of the units \(Units.durationUnitList)",
                   hint: Units.suggestion(forUnit: unit).map { "did you mean '\($0)'?" })
        case .workingDays:
            report(at: node.position, "\(label) is in working days ('\(text)'), which are not allowed here",
                   expected: "a duration in one of the units \(Units.durationUnitList)",
                   hint: "working days count only for deadlines")
        }
    }


    /// A limit in working days such as `20wd`: a whole number of zero or more.
    func workingDays(_ node: Node, _ label: String) -> Located<Int>? {
        let expected = "a whole number of working days, like 20wd"
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            mismatch(node, label, expected: expected)
            return nil
        }
        let text = scalar.string
        switch Units.workingDays(in: text) {
        case .success(let days):
            return Located(value: days, position: node.position)
        case .failure(let problem):
            let number = text.trimmingWhitespace().prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
            switch problem {
            case .bareNumber:
                report(at: node.position, "\(label) is the bare number \(text); a limit needs the unit wd", expected: expected,
                       hint: "write \(text)wd for \(text) working days")
            case .malformed:
                report(at: node.position, "\(label) is not a number of working days ('\(text)')", expected: expected)
            case .fraction:
                report(at: node.position, "\(label) is not a whole number of working days ('\(text)')", expected: expected,
                       hint: "limits count whole working days")
            case .negative:
                report(at: node.position, "\(label) is negative (\(text))", expected: expected)
            case .tooLarge:
                report(at: node.position, "\(label) is too large (\(text))", expected: "at most \(Units.maximumWorkingDays)wd")
            case .calendarUnit:
                let days = number.isEmpty ? "20" : String(number)
                report(at: node.position, "\(label) is a duration on the clock ('\(text)'), not in working days", expected: expected,
                       hint: "deadlines count only working days, not weekends or holidays: write \(days)wd if \(days) working days are meant")
            case .unknownUnit(let unit):
                let meant = unit.lowercased() == "wd" || Units.workingDayAliases.contains(unit.lowercased())
                report(at: node.position, "\(label) has the unknown unit '\(unit)' ('\(text)')", expected: expected,
                       hint: meant ? "did you mean 'wd'?" : nil)
            }
            return nil
        }
    }

    /// A YAML boolean: `true` or `false`.
    func boolean(_ node: Node, _ label: String) -> Bool? {
        guard case .scalar(let scalar) = node, node.tagName == .bool, let value = Bool.construct(from: scalar) else {
            let text = node.scalar?.string.lowercased() ?? ""
            let hint = node.tagName == .str && ["true", "false"].contains(text) ? "remove the quotes around \(text)"
                : node.tagName == .int ? "write true or false, not a number" : nil
            mismatch(node, label, expected: "true or false", hint: hint)
            return nil
        }
        return value
    }

    /// A hint for a number written in quotes, which YAML reads as a string.
    static func quotedNumberHint(_ node: Node) -> String? {
        guard let scalar = node.scalar, node.tagName == .str, Double(scalar.string) != nil else { return nil }
        return "remove the quotes around \(scalar.string)"
    }
}
