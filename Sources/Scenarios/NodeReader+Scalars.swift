import Yams

extension NodeReader {
    /// A non-empty text such as a name or an id.
    mutating func text(_ node: Node, _ label: String, expected: String = "a non-empty string") -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull, !scalar.string.isEmpty else {
            mismatch(node, label, expected: expected)
            return nil
        }
        return Located(value: scalar.string, position: node.position)
    }

    /// A whole number from `minimum` to `maximum`.
    mutating func integer(_ node: Node, _ label: String, minimum: Int, maximum: Int = .max, expected: String) -> Int? {
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
    mutating func number(_ node: Node, _ label: String, expected: String) -> Double? {
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
    mutating func positiveNumber(_ node: Node, _ label: String, expected: String) -> Double? {
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
    mutating func nonNegativeNumber(_ node: Node, _ label: String, expected: String) -> Double? {
        guard let value = number(node, label, expected: expected) else { return nil }
        if value < 0 {
            report(at: node.position, "\(label) is negative (\(node.scalar?.string ?? "\(value)"))", expected: expected)
            return nil
        }
        return value
    }

    /// A scalar's text whatever YAML made of it (a string, a number, a date), or `nil` for anything else.
    mutating func scalarText(_ node: Node, _ label: String, expected: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            mismatch(node, label, expected: expected)
            return nil
        }
        return Located(value: scalar.string.trimmingWhitespace(), position: node.position)
    }

    /// A duration such as `90s` or `1.5h`, in seconds; `allowZero` admits `0s`.
    mutating func duration(_ node: Node, _ label: String, allowZero: Bool = false) -> Double? {
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
    mutating func reportDuration(
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
    mutating func workingDays(_ node: Node, _ label: String) -> Located<Int>? {
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
    mutating func boolean(_ node: Node, _ label: String) -> Bool? {
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
