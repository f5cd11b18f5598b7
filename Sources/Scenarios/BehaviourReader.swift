import HallModel
import SimCore
import Yams

/// Reads how people behave while waiting (patience, balking, return visits), probabilities, the service-level target and demand profiles.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct BehaviourReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let behaviourKeys = KeySet(required: [], optional: ["patience", "balk_at", "return"])
    static let returnKeys = KeySet(required: ["probability", "after"])
    static let serviceLevelKeys = KeySet(required: ["target"])
    static let profileKeys = KeySet(required: [], optional: ["hourly", "every", "factors", "weekday", "monthly", "remote_hourly"])

    /// `behaviour`: patience, balking and return visits; keys left out stay `nil`.
    func behaviour(_ node: Node, _ label: String) -> BehaviourSpec? {
        guard let fields = reader.fields(node, label, keys: Self.behaviourKeys) else { return nil }
        var spec = BehaviourSpec()
        var complete = true
        if let node = fields["patience"] {
            spec.patience = DistributionReader(reader).distribution(node, "'patience'")
            complete = complete && spec.patience != nil
        }
        if let node = fields["balk_at"] {
            spec.balkAt = reader.integer(node, "'balk_at'", minimum: 1, expected: "a positive integer: the queue length at which people leave at once")
            complete = complete && spec.balkAt != nil
        }
        if let node = fields["return"] {
            spec.returnVisit = returnVisit(node)
            complete = complete && spec.returnVisit != nil
        }
        return complete ? spec : nil
    }

    /// `return: { probability, after }`; `after` is read in seconds and kept in days.
    private func returnVisit(_ node: Node) -> ReturnVisitSpec? {
        guard let fields = reader.fields(node, "'return'", keys: Self.returnKeys) else { return nil }
        let probability = fields["probability"].flatMap { self.probability($0, "'probability'") }
        let after = fields["after"].flatMap { DistributionReader(reader).distribution($0, "'after'") }
        guard let probability, let after else { return nil }
        return ReturnVisitSpec(probability: probability, afterDays: after.divided(by: 86_400))
    }

    /// A probability from 0 to 1.
    func probability(_ node: Node, _ label: String) -> Double? {
        let expected = "a probability from 0 to 1, like 0.3"
        if let scalar = node.scalar, node.tagName == .str, scalar.string.hasSuffix("%"),
           let percent = Double(scalar.string.dropLast().trimmingWhitespace()) {
            reader.report(at: node.position, "\(label) is the percentage \(scalar.string)", expected: expected,
                   hint: "write \(scalar.string) as \(Self.plain(percent / 100))")
            return nil
        }
        guard let value = reader.number(node, label, expected: expected) else { return nil }
        if value < 0 {
            reader.report(at: node.position, "\(label) is negative (\(node.scalar?.string ?? "\(value)"))", expected: expected)
            return nil
        }
        if value > 1 {
            reader.report(at: node.position, "\(label) is \(node.scalar?.string ?? "\(value)"), more than 1", expected: expected,
                   hint: value <= 100 && value == value.rounded() ? "for \(Self.plain(value))% write \(Self.plain(value / 100))" : nil)
            return nil
        }
        return value
    }

    /// A number written without a trailing ".0".
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `service_level: { target: 15m }`: the wait within which a case counts as served on time.
    func serviceLevel(_ node: Node) -> SimTime? {
        guard let fields = reader.fields(node, "'service_level'", keys: Self.serviceLevelKeys), let target = fields["target"] else { return nil }
        return reader.duration(target, "'target'").map(SimTime.seconds)
    }

    /// Where a profile's hour mappings leave hours out, and which weekdays it names: what the
    /// warnings need (``ScenarioWarnings``), read from a profile already checked by ``profile(_:)``.
    static func profileShape(_ node: Node) -> (partial: [(key: String, position: Position, listed: Int)], weekdays: [(weekday: Int, position: Position)]) {
        guard case .mapping(let profile) = node else { return ([], []) }
        var partial: [(key: String, position: Position, listed: Int)] = []
        var weekdays: [(weekday: Int, position: Position)] = []
        for (key, value) in profile {
            let name = key.scalar?.string ?? ""
            if name == "hourly" || name == "remote_hourly", case .mapping(let hours) = value, hours.count < 24 {
                partial.append((name, key.position, hours.count))
            }
            guard name == "weekday" else { continue }
            switch value {
            case .sequence(let days):
                for (i, day) in days.enumerated() where i < 7 { weekdays.append((i, day.position)) }
            case .mapping(let days):
                for (day, _) in days {
                    let text = day.scalar?.string.trimmingWhitespace() ?? ""
                    if let i = CalendarReader.weekdayNames.firstIndex(where: { $0.short == text || $0.full == text }) { weekdays.append((i, day.position)) }
                }
            default: break
            }
        }
        return (partial, weekdays)
    }

    /// A demand profile: hourly, weekday and monthly factors.
    func profile(_ node: Node) -> DemandProfile? {
        guard let fields = reader.fields(node, "'profile'", keys: Self.profileKeys) else { return nil }
        var profile = DemandProfile()
        var complete = true
        for key in ["hourly", "remote_hourly"] {
            guard let node = fields[key] else { continue }
            let names = (0 ..< 24).map { String(format2: $0) }
            let hourly = factors(node, "'\(key)'", count: 24, unit: "hour", names: names) { key in
                guard !key.isEmpty, key.count <= 2, key.allSatisfy({ $0.isASCII && $0.isNumber }), let hour = Int(key), hour < 24 else { return nil }
                return hour
            }
            guard let hourly else { complete = false; continue }
            if key == "hourly" { profile.hourly = hourly } else { profile.remoteHourly = hourly }
        }
        if !intraday(fields, node, into: &profile) { complete = false }
        if let node = fields["weekday"] {
            let weekday = factors(node, "'weekday'", count: 7, unit: "weekday", names: CalendarReader.weekdayNames.map(\.short)) { key in
                CalendarReader.weekdayNames.firstIndex { $0.short == key || $0.full == key }
            }
            if let weekday { profile.weekday = weekday } else { complete = false }
        }
        if let node = fields["monthly"] {
            let monthly = factors(node, "'monthly'", count: 12, unit: "month", names: CalendarReader.monthNames.map(\.short)) { key in
                if let month = Int(key), (1 ... 12).contains(month), key.allSatisfy({ $0.isASCII && $0.isNumber }) { return month - 1 }
                return CalendarReader.monthNames.firstIndex { $0.short == key || $0.full == key }
            }
            if let monthly { profile.monthly = monthly } else { complete = false }
        }
        return complete ? profile : nil
    }

    /// `every: 15m` with `factors: [...]`: the day's shape at a finer step than the hour (one factor
    /// per step from 00:00, or a mapping from `HH:MM` to a factor, steps left out being 1).
    /// - Returns: false when something was reported.
    private func intraday(_ fields: Fields, _ node: Node, into profile: inout DemandProfile) -> Bool {
        guard let every = fields["every"] else {
            if let factors = fields["factors"] {
                reader.report(at: factors.position, "'factors' without 'every'", expected: "every: 15m (or 5m, 10m, 20m, 30m, 1h) beside factors, one per step of the day")
                return false
            }
            return true
        }
        guard let seconds = reader.duration(every, "'every'") else { return false }
        let minutes = seconds / 60
        guard minutes == minutes.rounded(), minutes >= 1, minutes <= 60, 60.0.truncatingRemainder(dividingBy: minutes) == 0 else {
            reader.report(at: every.position, "'every' must divide the hour into whole minutes, found \(every.scalar?.string ?? "?")",
                   expected: "one of 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h")
            return false
        }
        if let hourly = fields["hourly"] {
            reader.report(at: hourly.position, "the profile gives both 'hourly' and 'every'", expected: "one shape of the day: 'hourly', or 'every' with 'factors'")
            return false
        }
        guard let list = fields["factors"] else {
            reader.report(at: node.position, "missing key 'factors' beside 'every'", expected: "factors: a list of \(Int(1440 / minutes)) factors, one per \(Int(minutes)) minutes from 00:00")
            return false
        }
        let step = Int(minutes)
        let names = stride(from: 0, to: 1440, by: step).map { String(format2: $0 / 60) + ":" + String(format2: $0 % 60) }
        let values = factors(list, "'factors'", count: names.count, unit: "step", names: names) { key in
            let parts = key.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0 ..< 24).contains(h), (0 ..< 60).contains(m), m % step == 0 else { return nil }
            return (h * 60 + m) / step
        }
        guard let values else { return false }
        profile.hourly = values
        return true
    }

    /// `count` factors ≥ 0, not all zero: a list of exactly `count` numbers, or a mapping from
    /// a key (`index` turns it into a position) to a factor, positions left out being 1.
    private func factors(
        _ node: Node, _ label: String, count: Int, unit: String, names: [String], index: (String) -> Int?
    ) -> [Double]? {
        let example = ["hour": "9: 2, 10: 1.5", "weekday": "mon: 1.4, sat: 0", "month": "mar: 3, sep: 3", "step": "\"09:00\": 2, \"09:15\": 1.5"][unit] ?? ""
        let expected = "a list of \(count) factors (one per \(unit)) or a mapping like { \(example) } (\(unit)s left out are 1)"
        var values = Array(repeating: 1.0, count: count)
        var complete = true
        switch node {
        case .sequence(let sequence):
            guard sequence.count == count else {
                reader.report(at: node.position, "\(label) has \(sequence.count) factor\(sequence.count == 1 ? "" : "s")", expected: expected,
                       hint: sequence.count < count ? "one per \(unit): \(count - sequence.count) missing" : "one per \(unit): \(sequence.count - count) too many")
                return nil
            }
            for (i, item) in sequence.enumerated() {
                if let value = reader.nonNegativeNumber(item, "the factor for \(unit) \(names[i])", expected: "a factor of zero or more") {
                    values[i] = value
                } else {
                    complete = false
                }
            }
        case .mapping(let mapping):
            var seen: [Int: Position] = [:]
            for (key, value) in mapping {
                let name = key.scalar?.string.trimmingWhitespace() ?? ""
                guard let i = index(name) else {
                    let hint = unit == "hour"
                        ? (name.contains(":") ? "write the hour alone, like \(name.split(separator: ":").first ?? "9")" : nil)
                        : Suggestions.didYouMean(name, in: names)
                    reader.report(at: key.position, "\(label) has the key '\(name)', which is no \(unit)",
                           expected: "\(unit)s \(names.first!) … \(names.last!)\(unit == "month" ? " or 1 … 12" : "")", hint: hint)
                    complete = false
                    continue
                }
                if let earlier = seen[i] {
                    reader.report(at: key.position, "\(label) gives the \(unit) \(names[i]) twice", expected: "each \(unit) at most once",
                           hint: "first given at line \(earlier.line)")
                    complete = false
                    continue
                }
                seen[i] = key.position
                if let factor = reader.nonNegativeNumber(value, "the factor for \(unit) \(names[i])", expected: "a factor of zero or more") {
                    values[i] = factor
                } else {
                    complete = false
                }
            }
        default:
            reader.mismatch(node, label, expected: expected)
            return nil
        }
        guard complete else { return nil }
        if values.allSatisfy({ $0 == 0 }) {
            reader.report(at: node.position, "every \(unit) factor in \(label) is zero, so nobody would ever come", expected: "at least one factor above zero")
            return nil
        }
        return values
    }
}
