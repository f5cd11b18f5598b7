import CaseEngine
import HallModel
import SimCore
import Yams

/// Reads opening hours, day types, clock intervals, closing and closed-day policies, rotations and rosters.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct HoursReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let dayTypeNames = DayType.allCases.map(\.description)
    static let hoursKeys = KeySet(required: [], optional: dayTypeNames)
    static let rotationKeys = KeySet(required: ["groups", "services"], optional: ["hours"])
    static let shiftKeys = KeySet(required: ["day", "hours", "count"], optional: ["weekdays", "months"])

    /// How an interval reads in an "expected" text.
    static let intervalExpected = "an interval \"HH:MM-HH:MM\" on the 24-hour clock, like \"09:00-12:00\""

    /// Ticks in one minute.
    private static let minuteTicks = SimTime.minutes(1).ticks

    /// An interval as written in a file, e.g. `09:00-12:00`.
    static func describe(_ interval: DayInterval) -> String {
        func clock(_ ticks: Int64) -> String {
            let minutes = Int(ticks / minuteTicks)
            return String(format2: minutes / 60) + ":" + String(format2: minutes % 60)
        }
        return clock(interval.from) + "-" + clock(interval.to)
    }

    /// A hall's opening hours: `always`, or a mapping from day type to opening intervals.
    func hours(_ node: Node) -> OpeningHours? {
        let expected = "always, or a mapping from day type (workday, weekend, holiday) to intervals, like { workday: [\"09:00-12:00\", \"14:30-17:30\"] }"
        if let scalar = node.scalar, !node.isNull {
            if scalar.string == "always" { return .always }
            reader.mismatch(node, "'hours'", expected: expected,
                     hint: Suggestions.closest(to: scalar.string, in: ["always"]).map { "did you mean '\($0)'?" }
                         ?? (Self.dayTypeNames.contains(scalar.string) ? "give the intervals, like { \(scalar.string): [\"09:00-17:00\"] }" : nil))
            return nil
        }
        guard node.mapping != nil else {
            reader.mismatch(node, "'hours'", expected: expected)
            return nil
        }
        guard let fields = reader.fields(node, "'hours'", keys: Self.hoursKeys) else { return nil }
        guard !fields.entries.isEmpty else {
            reader.report(at: fields.position, "'hours' gives no day type, so the hall would never open", expected: expected,
                   hint: "write 'hours: always' for a hall open around the clock")
            return nil
        }
        var table: [DayType: [DayInterval]] = [:]
        var complete = true
        for entry in fields.entries {
            let day = DayType.allCases.first { $0.description == entry.key }!
            if let intervals = intervals(entry.value, "the \(entry.key) hours", allowEmpty: true, touching: false) {
                table[day] = intervals
            } else {
                complete = false
            }
        }
        return complete ? .schedule(table) : nil
    }

    /// A day type: workday, weekend or holiday.
    func dayType(_ node: Node, _ label: String) -> DayType? {
        let expected = "one of " + Self.dayTypeNames.joined(separator: ", ")
        guard let name = reader.text(node, label, expected: expected) else { return nil }
        guard let day = DayType.allCases.first(where: { $0.description == name.value }) else {
            let weekday = CalendarReader.weekdaySpellings.contains(name.value.lowercased())
            reader.report(at: name.position, "unknown day type '\(name.value)'", expected: expected,
                   hint: weekday ? "hours are per kind of day ('workday' covers Monday to Friday and adjusted working days); a roster shift takes a kind of day and may add weekdays: [\(name.value.lowercased().prefix(3))]"
                       : Suggestions.didYouMean(name.value, in: Self.dayTypeNames))
            return nil
        }
        return day
    }

    /// One interval `"HH:MM-HH:MM"` within a day (`to` may be 24:00).
    func interval(_ node: Node, _ label: String) -> Located<DayInterval>? {
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            reader.mismatch(node, label, expected: Self.intervalExpected)
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }
        guard parts.count == 2 else {
            let hint = text.contains(" to ") ? "write a dash between the times: 09:00-12:00"
                : text.contains(",") ? "write each interval as its own item: [\"09:00-12:00\", \"14:00-17:00\"]" : nil
            reader.report(at: node.position, "'\(text)' is not an interval", expected: Self.intervalExpected, hint: hint)
            return nil
        }
        var times: [Int64] = []
        for part in parts {
            let clock = part.trimmingWhitespace()
            switch Self.clockTime(clock) {
            case .success(let minutes):
                times.append(Int64(minutes) * Self.minuteTicks)
            case .failure(let problem):
                let hint: String? = switch problem {
                case .noMinutes: "write hours and minutes, like \(String(format2: Int(clock) ?? 9)):00"
                case .outOfRange: "times run from 00:00 to 24:00"
                case .malformed: clock.lowercased().hasSuffix("pm") || clock.lowercased().hasSuffix("am") ? "use the 24-hour clock, like 14:30" : nil
                }
                reader.report(at: node.position, "'\(text)' has '\(clock)', which is not a time of day",
                       expected: Self.intervalExpected, hint: hint)
                return nil
            }
        }
        let interval = DayInterval(from: times[0], to: times[1])
        let day = SimTime.days(1).ticks
        if interval.from == day {
            reader.report(at: node.position, "the interval '\(text)' starts at 24:00", expected: "an interval that starts before 24:00",
                   hint: "24:00 may only end an interval; the next day starts at 00:00")
            return nil
        }
        if interval.to == interval.from {
            reader.report(at: node.position, "the interval '\(text)' is empty", expected: "an interval that ends after it starts")
            return nil
        }
        if interval.to < interval.from {
            reader.report(at: node.position, "the interval '\(text)' ends before it starts", expected: "an interval that ends after it starts",
                   hint: "an interval cannot run past midnight; end it at 24:00 and start the next at 00:00")
            return nil
        }
        return Located(value: interval, position: node.position)
    }

    /// Why a clock time could not be read.
    enum ClockProblem: Error { case malformed, noMinutes, outOfRange }

    /// Minutes since midnight of `H:MM` or `HH:MM`, up to 24:00.
    static func clockTime(_ text: String) -> Result<Int, ClockProblem> {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        let digits = { (piece: Substring) in !piece.isEmpty && piece.allSatisfy { $0.isASCII && $0.isNumber } }
        if pieces.count == 1, digits(pieces[0]), pieces[0].count <= 2 { return .failure(.noMinutes) }
        guard pieces.count == 2, digits(pieces[0]), digits(pieces[1]), pieces[0].count <= 2, pieces[1].count == 2,
              let hour = Int(pieces[0]), let minute = Int(pieces[1])
        else { return .failure(.malformed) }
        guard minute < 60, hour < 24 || (hour == 24 && minute == 0) else { return .failure(.outOfRange) }
        return .success(hour * 60 + minute)
    }

    /// Intervals of one day: one interval, or a list of them in order, none overlapping
    /// (nor touching, unless `touching`). `allowEmpty` admits `[]`.
    func intervals(_ node: Node, _ label: String, allowEmpty: Bool, touching: Bool) -> [DayInterval]? {
        let items: [Node]
        if node.scalar != nil && !node.isNull {
            items = [node]
        } else if case .sequence(let sequence) = node, !sequence.isEmpty || allowEmpty {
            items = Array(sequence)
        } else {
            reader.mismatch(node, label, expected: "a list of intervals like [\"09:00-12:00\", \"14:30-17:30\"]\(allowEmpty ? ", or [] for closed" : "")")
            return nil
        }
        var read: [Located<DayInterval>] = []
        var complete = true
        for item in items {
            guard let next = interval(item, "an interval") else { complete = false; continue }
            if let previous = read.last {
                let (p, n) = (Self.describe(previous.value), Self.describe(next.value))
                if next.value.from < previous.value.from {
                    reader.report(at: next.position, "the interval '\(n)' comes after '\(p)' but starts earlier",
                           expected: "intervals in order of time", hint: "list '\(n)' before '\(p)'")
                    complete = false
                    continue
                }
                if next.value.from < previous.value.to {
                    reader.report(at: next.position, "the interval '\(n)' overlaps '\(p)'", expected: "intervals that do not overlap",
                           hint: "start '\(n)' at \(Self.describe(previous.value).split(separator: "-")[1]) or later")
                    complete = false
                    continue
                }
                if next.value.from == previous.value.to && !touching {
                    let merged = Self.describe(DayInterval(from: previous.value.from, to: next.value.to))
                    reader.report(at: next.position, "the interval '\(n)' starts when '\(p)' ends", expected: "intervals with a break between them",
                           hint: "write one interval '\(merged)'")
                    complete = false
                    continue
                }
            }
            read.append(next)
        }
        return complete ? read.map(\.value) : nil
    }

    /// One of a fixed set of named choices (`at_close`, `at_break`, `closed_days`, `uncollected`):
    /// the choice, or a report at the value naming it as `unknown(value)`, with "did you mean" or
    /// else `fallback(value)` as the hint.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node, _ label: String, expected: String, unknown: (String) -> String, fallback: (String) -> String? = { _ in nil }
    ) -> Choice? where Choice.RawValue == String {
        guard let name = reader.text(node, label, expected: expected) else { return nil }
        guard let choice = Choice(rawValue: name.value) else {
            let hint = Suggestions.didYouMean(name.value, in: Choice.allCases.map(\.rawValue)) ?? fallback(name.value)
            reader.report(at: name.position, unknown(name.value), expected: expected, hint: hint)
            return nil
        }
        return choice
    }

    /// Hints for a `send_home` written another way.
    static func sendHomeHint(_ value: String) -> String? {
        ["send home", "sendhome", "send-home", "home"].contains(value.lowercased()) ? "did you mean 'send_home'?" : nil
    }

    /// `at_close`: what happens to people still waiting at closing time.
    func closingPolicy(_ node: Node) -> ClosingPolicy? {
        choice(
            node, "'at_close'", expected: "serve (finish the queue after closing) or send_home (everyone waiting leaves)",
            unknown: { "unknown closing policy '\($0)'" }, fallback: Self.sendHomeHint
        )
    }

    /// `closed_days`: what becomes of a demand entry's volume on days its hall or service is closed.
    func closedDays(_ node: Node) -> ClosedDays? {
        choice(
            node, "'closed_days'",
            expected: "lost (nobody comes that day, the default) or next_opening (the day's volume comes on the next day the service is offered)",
            unknown: { "unknown closed-day choice '\($0)'" }
        )
    }

    /// A weekend rotation: which groups open, which services they offer, in which hours.
    func rotation(_ node: Node) -> RotationDraft? {
        guard let fields = reader.fields(node, "'rotation'", keys: Self.rotationKeys) else { return nil }
        var draft = RotationDraft(position: fields.position)
        if let node = fields["hours"] {
            draft.hours = intervals(node, "the rotation hours", allowEmpty: false, touching: false)
        }
        if let node = fields["groups"], let items = reader.list(node, "'groups'", of: "window group ids") {
            draft.groups = items.map { reader.text($0, "an item of 'groups'", expected: "the id of a window group of this hall") }.allBuilt { $0 }
        }
        if let node = fields["services"], let items = reader.list(node, "'services'", of: "service ids") {
            draft.services = items.map { reader.text($0, "an item of 'services'", expected: "the id of a service") }.allBuilt { $0 }
        }
        guard draft.hours != nil, draft.groups != nil, draft.services != nil else { return nil }
        return draft
    }

    /// A shift's `weekdays`: a list of weekdays (`[mon, fri]`), none twice.
    func weekdays(_ node: Node) -> [Weekday]? {
        daySet(node, key: "weekdays", noun: "weekday", example: "mon", every: "on every weekday", name: \.shortName) { item in
            CalendarReader(reader).weekday(item, "an item of 'weekdays'")
        }
    }

    /// A shift's `months`: a list of months by name (`[mar, apr]`) or number (1 to 12), none twice.
    func months(_ node: Node) -> [Int]? {
        let expected = "a month: jan, feb, …, dec (or the full name, or 1 to 12)"
        return daySet(node, key: "months", noun: "month", example: "mar", every: "in every month", name: { DayClass.monthNames[$0 - 1] }) { item in
            guard let name = reader.text(item, "an item of 'months'", expected: expected) else { return nil }
            let text = name.value.lowercased()
            let month = Int(text).flatMap { (1 ... 12).contains($0) ? $0 : nil }
                ?? Self.monthNames.firstIndex { $0 == text || $0.prefix(3) == text }.map { $0 + 1 }
            guard let month else {
                reader.report(at: name.position, "unknown month '\(name.value)'", expected: expected,
                              hint: Suggestions.didYouMean(text, in: Self.monthNames + DayClass.monthNames))
                return nil
            }
            return Located(value: month, position: name.position)
        }
    }

    /// A non-empty list under `key` of days read by `item`, none twice; `every` says when a shift
    /// without the key is worked ("on every weekday").
    private func daySet<Day: Equatable>(
        _ node: Node, key: String, noun: String, example: String, every: String, name: (Day) -> String, item: (Node) -> Located<Day>?
    ) -> [Day]? {
        guard let items = reader.possiblyEmptyList(node, "'\(key)'", of: "\(noun)s") else { return nil }
        guard !items.isEmpty else {
            reader.report(at: node.position, "'\(key)' is empty, so the shift would never be worked", expected: "at least one \(noun), like [\(example)]",
                          hint: "leave '\(key)' out for a shift worked \(every)")
            return nil
        }
        var days: [Day] = []
        for node in items {
            guard let day = item(node) else { return nil }
            guard !days.contains(day.value) else {
                reader.report(at: day.position, "'\(key)' lists \(name(day.value)) twice", expected: "each \(noun) once")
                return nil
            }
            days.append(day.value)
        }
        return days
    }

    /// Months in full, as a file may write them.
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// Whose roster is read: a window group's (windows) or a department's (desks).
    enum RosterOwner {
        case windowGroup, department
    }

    /// A window group's roster: shifts of staffed windows per day type (a department's: staff on duty).
    func roster(_ node: Node, groupCount: Int?, group: String?, owner: RosterOwner = .windowGroup) -> [RosterShift]? {
        guard let items = reader.list(node, "'roster'", of: "shifts like { day: workday, hours: \"08:30-12:00\", count: 4 }") else { return nil }
        var shifts: [(shift: RosterShift, position: Position)] = []
        var complete = true
        for item in items {
            guard let fields = reader.fields(item, "a shift", keys: Self.shiftKeys) else { complete = false; continue }
            var day: DayType?
            var intervals: [DayInterval]?
            var count: Int?
            if let node = fields["day"] { day = dayType(node, "'day'") }
            if let node = fields["hours"] { intervals = self.intervals(node, "the shift hours", allowEmpty: false, touching: true) }
            if let node = fields["count"] {
                let expected = switch owner {
                case .windowGroup: groupCount.map { "a number of windows from 1 to \($0), the group's count" } ?? "a positive integer"
                case .department: groupCount.map { "a number of staff from 1 to \($0), the department's staff" } ?? "a positive integer"
                }
                count = reader.integer(node, "'count'", minimum: 1, maximum: Limits.groupSize, expected: expected)
                if let groupCount, let staffed = count, staffed > groupCount {
                    switch owner {
                    case .windowGroup:
                        reader.report(at: node.position, "the shift staffs \(staffed) windows, but group '\(group ?? "?")' has only \(groupCount)",
                               expected: expected, hint: "raise the group's 'count' to \(staffed), or staff fewer windows")
                    case .department:
                        reader.report(at: node.position, "the shift puts \(staffed) staff on duty, but department '\(group ?? "?")' has only \(groupCount)",
                               expected: expected, hint: "raise the department's 'staff' to \(staffed), or put fewer on duty")
                    }
                    count = nil
                }
            }
            var weekdays: [Weekday]? = []
            var months: [Int]? = []
            if let node = fields["weekdays"] { weekdays = self.weekdays(node) }
            if let node = fields["months"] { months = self.months(node) }
            guard let day, let intervals, let count, let weekdays, let months, let hoursNode = fields["hours"] else { complete = false; continue }
            for interval in intervals {
                let position = hoursNode.position
                let shift = RosterShift(day: day, interval: interval, count: count, weekdays: weekdays, months: months)
                if let clash = shifts.first(where: { $0.shift.sharesDays(with: shift) && $0.shift.interval.from < interval.to && interval.from < $0.shift.interval.to }) {
                    let days = shift.isFiltered || clash.shift.isFiltered ? "shifts worked on the same days" : "shifts of one day type"
                    reader.report(at: position, "the \(day) shift '\(Self.describe(interval))' overlaps the \(day) shift '\(Self.describe(clash.shift.interval))'",
                           expected: "\(days) that do not overlap",
                           hint: "the other shift is at line \(clash.position.line); \(owner == .department ? "staff on duty" : "windows staffed") at the same time go in one shift with their total count"
                               + (shift.isFiltered || clash.shift.isFiltered ? ", or give the shifts weekdays or months that do not meet" : ""))
                    complete = false
                    continue
                }
                shifts.append((shift, position))
            }
        }
        return complete ? shifts.map(\.shift) : nil
    }
}
