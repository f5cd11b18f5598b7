/// Units of time and rate as scenario files spell them.
enum Units {
    /// Duration units and their length in seconds, in the order messages list them.
    static let durations: [(unit: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800),
    ]

    /// Rate keys of a Poisson process and the length of their period in seconds.
    static let rates: [(key: String, seconds: Double, noun: String)] = [
        ("per_second", 1, "second"), ("per_minute", 60, "minute"), ("per_hour", 3_600, "hour"), ("per_day", 86_400, "day"),
    ]

    /// The units listed for a reader, e.g. "ms, s, m (or min), h, d, w".
    static let durationUnitList = "ms, s, m (or min), h, d, w"

    /// Why a text is not a duration.
    enum DurationProblem: Error, Equatable {
        /// A number without a unit.
        case bareNumber
        /// Not a number followed by a unit.
        case malformed
        /// A number followed by a word that is no unit.
        case unknownUnit(String)
        /// Working days, which only deadlines may use.
        case workingDays
    }

    /// Spellings people write for a unit, mapped to the unit meant.
    static let unitAliases: [String: String] = [
        "msec": "ms", "millisecond": "ms", "milliseconds": "ms",
        "sec": "s", "secs": "s", "second": "s", "seconds": "s",
        "mins": "min", "minute": "min", "minutes": "min",
        "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "day": "d", "days": "d",
        "wk": "w", "week": "w", "weeks": "w",
    ]

    /// The number of seconds in a duration such as `90s`, `1.5h` or `15 m`.
    static func seconds(in text: String) -> Result<Double, DurationProblem> {
        let trimmed = text.trimmingWhitespace()
        let (number, rest) = splitNumber(trimmed)
        guard !number.isEmpty, let value = Double(number), value.isFinite else { return .failure(.malformed) }
        let unit = rest.trimmingWhitespace()
        if unit.isEmpty { return .failure(.bareNumber) }
        guard unit.allSatisfy(\.isLetter) else { return .failure(.malformed) }
        if unit == "wd" { return .failure(.workingDays) }
        guard let scale = durations.first(where: { $0.unit == unit })?.seconds else {
            return .failure(.unknownUnit(unit))
        }
        return .success(value * scale)
    }

    /// The most working days a limit may have (about forty years).
    static let maximumWorkingDays = 10_000

    /// Why a text is not a number of working days.
    enum WorkingDaysProblem: Error, Equatable {
        /// A number without a unit.
        case bareNumber
        /// Not a number followed by a unit.
        case malformed
        /// A number of working days that is not whole.
        case fraction
        /// Fewer than zero working days.
        case negative
        /// More than ``maximumWorkingDays``.
        case tooLarge
        /// A duration on the clock (`20d`, `4w`), which a deadline does not count in.
        case calendarUnit(String)
        /// A number followed by a word that is no unit.
        case unknownUnit(String)
    }

    /// Spellings people write for working days.
    static let workingDayAliases: Set<String> = ["wds", "workday", "workdays", "workingday", "workingdays"]

    /// The number of working days in a limit such as `20wd` or `5 wd`.
    static func workingDays(in text: String) -> Result<Int, WorkingDaysProblem> {
        let trimmed = text.trimmingWhitespace()
        let (number, rest) = splitNumber(trimmed)
        guard !number.isEmpty, let value = Double(number), value.isFinite else { return .failure(.malformed) }
        let unit = rest.trimmingWhitespace()
        if unit.isEmpty { return .failure(.bareNumber) }
        guard unit.allSatisfy(\.isLetter) else { return .failure(.malformed) }
        guard unit == "wd" else {
            if durations.contains(where: { $0.unit == unit }) || unitAliases[unit.lowercased()] != nil {
                return .failure(.calendarUnit(unit))
            }
            return .failure(.unknownUnit(unit))
        }
        if value < 0 { return .failure(.negative) }
        guard value == value.rounded() else { return .failure(.fraction) }
        guard value <= Double(maximumWorkingDays) else { return .failure(.tooLarge) }
        return .success(Int(value))
    }

    /// The unit a misspelt one probably meant.
    static func suggestion(forUnit unit: String) -> String? {
        let lowered = unit.lowercased()
        if let alias = unitAliases[lowered] { return alias }
        return durations.first { $0.unit == lowered }?.unit
    }

    /// Splits a leading decimal number (sign, digits, fraction, exponent) from what follows it.
    private static func splitNumber(_ text: String) -> (number: String, rest: Substring) {
        let chars = Array(text)
        var i = 0
        if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
        var digits = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        }
        guard digits > 0 else { return ("", Substring(text)) }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
            let start = j
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j > start { i = j }
        }
        return (String(chars[..<i]), Substring(String(chars[i...])))
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
