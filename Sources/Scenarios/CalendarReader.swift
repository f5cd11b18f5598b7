import CaseEngine
import HallModel
import Yams

/// Reads the `calendar` section (weekend, holidays, working days), dates and weekday names.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct CalendarReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let calendarKeys = KeySet(required: [], optional: ["weekend", "holidays", "working_days"])

    /// Short and full weekday names, Monday first, as ISO numbers them.
    static let weekdayNames: [(short: String, full: String)] = Weekday.allCases.map { ($0.shortName, $0.fullName) }

    /// Every accepted spelling of a weekday, short ones first.
    static var weekdaySpellings: [String] { weekdayNames.map(\.short) + weekdayNames.map(\.full) }

    /// How a date reads in an "expected" text.
    static let dateExpected = "a date written YYYY-MM-DD, like 2024-10-01"

    /// A calendar date, written as a YAML date (`2024-01-01`) or a string `"2024-01-01"`.
    func date(_ node: Node, _ label: String) -> Located<CalendarDate>? {
        guard let text = reader.scalarText(node, label, expected: Self.dateExpected) else { return nil }
        return date(text, label, expected: Self.dateExpected)
    }

    /// Parses `YYYY-MM-DD`, reporting what is wrong with it.
    private func date(_ text: Located<String>, _ label: String, expected: String) -> Located<CalendarDate>? {
        if let date = CalendarDate(text.value) { return Located(value: date, position: text.position) }
        var message = "\(label) is not a date ('\(text.value)')"
        var hint: String?
        let parts = text.value.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            if parts[0].count != 4 {
                hint = "write the year first, with four digits: YYYY-MM-DD"
            } else if !(1 ... 12).contains(m) {
                message = "\(label) has no month \(m) ('\(text.value)')"
                hint = "the month comes second and runs from 01 to 12"
            } else if let length = (28 ... 31).last(where: { CalendarDate(year: y, month: m, day: $0) != nil }), !(1 ... length).contains(d) {
                message = "\(label) is not a day of the calendar ('\(text.value)')"
                hint = "\(Self.monthNames[m - 1].full.capitalisedWord) \(y) has \(length) days"
            } else {
                hint = "write months and days with two digits: \(String(format4: y))-\(String(format2: m))-\(String(format2: d))"
            }
        } else if text.value.contains("/") || text.value.contains(".") || text.value.contains(" ") {
            hint = "write dates as YYYY-MM-DD, like 2024-10-01"
        }
        reader.report(at: text.position, message, expected: expected, hint: hint)
        return nil
    }

    /// A date or an inclusive range `"YYYY-MM-DD..YYYY-MM-DD"`: the dates it covers.
    private func dates(_ node: Node, _ label: String) -> Located<[CalendarDate]>? {
        let expected = "a date YYYY-MM-DD or a range of dates \"YYYY-MM-DD..YYYY-MM-DD\""
        guard let text = reader.scalarText(node, label, expected: expected) else { return nil }
        guard let separator = text.value.firstRange(of: "..") else {
            return date(text, label, expected: expected).map { Located(value: [$0.value], position: $0.position) }
        }
        let first = Located(value: text.value[..<separator.lowerBound].trimmingWhitespace(), position: text.position)
        let last = Located(value: text.value[separator.upperBound...].trimmingWhitespace(), position: text.position)
        let from = date(first, "the first date of the range", expected: expected)
        let to = date(last, "the last date of the range", expected: expected)
        guard let from, let to else { return nil }
        guard from.value <= to.value else {
            reader.report(at: text.position, "the range '\(text.value)' ends before it starts", expected: "a range from an earlier to a later date",
                   hint: "write it as \(to.value)..\(from.value)")
            return nil
        }
        let days = to.value.epochDay - from.value.epochDay
        guard days < 3_660 else {
            reader.report(at: text.position, "the range '\(text.value)' spans more than ten years", expected: "a range of holidays or working days")
            return nil
        }
        return Located(value: (0 ... days).map { from.value.adding(days: $0) }, position: text.position)
    }

    /// A weekday name: `mon` … `sun` or `monday` … `sunday`.
    func weekday(_ node: Node, _ label: String) -> Located<Weekday>? {
        let expected = "a weekday: mon, tue, wed, thu, fri, sat, sun (or the full name)"
        guard let name = reader.text(node, label, expected: expected) else { return nil }
        guard let index = Self.weekdayNames.firstIndex(where: { $0.short == name.value || $0.full == name.value }) else {
            reader.report(at: name.position, "unknown weekday '\(name.value)'", expected: expected,
                   hint: Suggestions.didYouMean(name.value, in: Self.weekdaySpellings)
                       ?? Self.weekdaySpellings.first { name.value.lowercased().hasPrefix($0) }.map { "did you mean '\($0)'?" })
            return nil
        }
        return Located(value: Weekday(rawValue: index + 1)!, position: name.position)
    }

    /// The `calendar` mapping; its start is filled in by the caller.
    func calendar(_ node: Node) -> ServiceCalendar? {
        guard let fields = reader.fields(node, "'calendar'", keys: Self.calendarKeys) else { return nil }
        var calendar = ServiceCalendar(start: ScenarioSpec.defaultStart)
        var complete = true
        var weekendKnown = true
        if let node = fields["weekend"] {
            if let items = reader.possiblyEmptyList(node, "'weekend'", of: "weekdays like sat, sun") {
                var days: [Weekday: Position] = [:]
                for item in items {
                    guard let day = weekday(item, "a weekend day") else { complete = false; weekendKnown = false; continue }
                    if let earlier = days[day.value] {
                        reader.report(at: day.position, "the weekday '\(day.value.fullName)' is listed twice", expected: "each weekend day once",
                               hint: "first listed at line \(earlier.line), column \(earlier.column)")
                        complete = false
                    } else {
                        days[day.value] = day.position
                    }
                }
                calendar.weekend = Set(days.keys)
            } else {
                complete = false
                weekendKnown = false
            }
        }
        var holidays: [CalendarDate: Position] = [:]
        if let node = fields["holidays"] {
            if let items = reader.possiblyEmptyList(node, "'holidays'", of: "dates or ranges of dates") {
                for item in items {
                    guard let covered = dates(item, "the holiday") else { complete = false; continue }
                    for day in covered.value where holidays[day] == nil { holidays[day] = covered.position }
                }
            } else {
                complete = false
            }
            calendar.holidays = Set(holidays.keys)
        }
        if let node = fields["working_days"] {
            if let items = reader.possiblyEmptyList(node, "'working_days'", of: "dates or ranges of dates") {
                for item in items {
                    guard let covered = dates(item, "the working day") else { complete = false; continue }
                    if weekendKnown, let weekday = covered.value.first(where: { !calendar.weekend.contains($0.weekday) }) {
                        let weekend = calendar.weekend.sorted().map(\.fullName)
                        reader.report(at: covered.position, "\(weekday) is a \(weekday.weekday.fullName.capitalisedWord), which is a working day anyway",
                               expected: "a weekend day (\(weekend.isEmpty ? "there are none" : weekend.joined(separator: ", "))) worked in exchange for a holiday",
                               hint: "'working_days' lists weekend days that are worked; a weekday is closed only when it is a holiday")
                        complete = false
                        continue
                    }
                    if let clash = covered.value.first(where: { holidays[$0] != nil }), let holiday = holidays[clash] {
                        reader.report(at: covered.position, "\(clash) is both a working day and a holiday",
                               expected: "a date that is not a holiday",
                               hint: "it is a holiday by line \(holiday.line); remove it from one of the lists")
                        complete = false
                        continue
                    }
                    calendar.workingDays.formUnion(covered.value)
                }
            } else {
                complete = false
            }
        }
        return complete ? calendar : nil
    }

    /// Short and full month names, January first.
    static let monthNames: [(short: String, full: String)] = [
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may", "may"), ("jun", "june"),
        ("jul", "july"), ("aug", "august"), ("sep", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
    ]
}

extension String {
    /// A number with at least two digits.
    init(format2 n: Int) { self = Self.padded(n, to: 2) }
    /// A number with at least four digits.
    init(format4 n: Int) { self = Self.padded(n, to: 4) }

    /// The word with its first letter in upper case (`monday` → `Monday`).
    var capitalisedWord: String { prefix(1).uppercased() + dropFirst() }

    /// `n` with leading zeros up to `width` digits.
    static func padded(_ n: Int, to width: Int) -> String {
        let digits = "\(n)"
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
