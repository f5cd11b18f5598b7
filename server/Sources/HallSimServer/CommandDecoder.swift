public import CaseEngine
public import Foundation
import SimCore

/// A request body or command that cannot be read: its message says what and where.
public struct CommandInputError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads commands from JSON (one object, an array, or JSON Lines) against the catalog's ids,
/// and writes them back (what a client such as the load tester sends). docs/api.md lists the fields.
public struct CommandDecoder: Sendable {
    public let catalog: Catalog
    let halls: [String: Int]
    /// Every group by id: the same id may name groups in several halls (`stations`), or a window
    /// group and a department of one hall (`estate`).
    let groupsByID: [String: [Int]]
    let services: [String: Int]

    public init(catalog: Catalog) {
        self.catalog = catalog
        halls = Dictionary(catalog.halls.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byID: [String: [Int]] = [:]
        for (i, g) in catalog.groups.enumerated() { byID[g.id, default: []].append(i) }
        groupsByID = byID
        services = Dictionary(catalog.services.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The fields a command may carry; any other is refused, so a misspelt field is not silently ignored.
    public static let fields: Set<String> = [
        "command", "time_us", "time_s", "case", "hall", "group", "department", "service", "window", "desk",
        "channel", "value", "staffed", "visit", "parent", "purpose", "reason", "rating", "expected_version", "seq",
    ]

    /// The commands of a request body, and whether it was a single object (not a batch).
    /// - Throws: ``CommandInputError`` for malformed JSON or a command that cannot be read (none is then applied).
    public func decode(body: Data) throws(CommandInputError) -> (commands: [ServedCommand], single: Bool) {
        // The quick reader takes what clients send; anything else, or a command it cannot read,
        // goes through the general reader, which gives the same commands and the messages.
        if let quick = FlatJSON.read(body) {
            var out: [ServedCommand] = []
            out.reserveCapacity(quick.objects.count)
            for object in quick.objects {
                guard let c = try? command(fields: object, at: nil) else { break }
                out.append(c)
            }
            if !out.isEmpty, out.count == quick.objects.count { return (out, quick.single) }
        }
        return try general(body: body)
    }

    /// ``decode(body:)`` by Foundation's general JSON reader alone (what the quick reader must agree with).
    public func general(body: Data) throws(CommandInputError) -> (commands: [ServedCommand], single: Bool) {
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !trimmed.isEmpty else { throw CommandInputError("the body is empty: expected a command object, an array of them, or JSON Lines") }
        if let whole = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) {
            if let object = whole as? [String: Any] { return ([try command(object, at: nil)], true) }
            if let array = whole as? [Any] {
                guard !array.isEmpty else { throw CommandInputError("the batch is empty") }
                var out: [ServedCommand] = []
                out.reserveCapacity(array.count)
                for (i, item) in array.enumerated() {
                    guard let object = item as? [String: Any] else { throw CommandInputError("item \(i): expected a command object") }
                    out.append(try command(object, at: i))
                }
                return (out, false)
            }
            throw CommandInputError("expected a command object, an array of them, or JSON Lines, not a bare value")
        }
        var out: [ServedCommand] = []
        var lineNumber = 0
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw CommandInputError(out.isEmpty && lineNumber == 1 && !body.contains(0x0A)
                    ? "malformed JSON: expected a command object, an array of them, or JSON Lines"
                    : "line \(lineNumber): malformed JSON (JSON Lines: one command object per line)")
            }
            out.append(try command(object, at: lineNumber - 1, line: true))
        }
        guard !out.isEmpty else { throw CommandInputError("the body holds no command") }
        return (out, out.count == 1 && !body.contains(0x0A))
    }

    /// One command from its JSON object; `index` places it in a batch for error messages.
    public func command(_ o: [String: Any], at index: Int?, line: Bool = false) throws(CommandInputError) -> ServedCommand {
        try command(fields: CommandFields(o), at: index, line: line)
    }

    /// One command from its fields; `index` places it in a batch for error messages.
    public func command(fields o: CommandFields, at index: Int?, line: Bool = false) throws(CommandInputError) -> ServedCommand {
        let place = index.map { line ? "line \($0 + 1): " : "item \($0): " } ?? ""
        func fail(_ text: String) -> CommandInputError { CommandInputError(place + text) }
        if o.keys.contains(where: { !Self.fields.contains($0) }), let unknown = o.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw fail("unknown field \"\(unknown)\"")
        }
        guard let name = o["command"] as? String else { throw fail("\"command\" (a string) is required") }
        guard let kind = ServedCommand.kindsByName[name] else {
            throw fail("unknown command \"\(name)\" (one of \(ServedCommand.kindsByName.keys.sorted().joined(separator: ", ")))")
        }
        func integer(_ key: String, _ range: ClosedRange<Int64>) throws(CommandInputError) -> Int64? {
            guard let raw = o[key] else { return nil }
            guard let number = Self.number(raw), let exact = number.integer else { throw fail("\"\(key)\" must be an integer") }
            guard range.contains(exact) else { throw fail("\"\(key)\" \(exact) is out of range \(range.lowerBound)…\(range.upperBound)") }
            return exact
        }
        func reference(_ key: String, _ ids: [String: Int], _ count: Int, _ what: String) throws(CommandInputError) -> UInt16? {
            guard let raw = o[key] else { return nil }
            if let id = raw as? String {
                guard let i = ids[id] else { throw fail("unknown \(what) \"\(id)\"") }
                return UInt16(i)
            }
            guard let i = try integer(key, 0...Int64(UInt16.max)) else { return nil }
            guard i < count else { throw fail("\(what) index \(i) is outside the catalog's \(count) \(what)s") }
            return UInt16(i)
        }
        /// A group by index, or by id: of `hall` when given, and a department or desk for `department`.
        func group(_ key: String, hall: UInt16?) throws(CommandInputError) -> UInt16? {
            guard let id = o[key] as? String else { return try reference(key, [:], catalog.groups.count, "group") }
            guard let all = groupsByID[id] else { throw fail("unknown group \"\(id)\"") }
            let found = all.filter { i in
                (hall.map { catalog.groups[i].hall == Int($0) } ?? true) && (key != "department" || catalog.groups[i].kind.isDesk)
            }
            guard found.count == 1 else {
                throw fail(found.isEmpty ? "hall \(hall.map { catalog.halls[Int($0)].id } ?? "") has no group \"\(id)\""
                                         : "group \"\(id)\" names \(found.count) groups: give \"hall\", or the group's index")
            }
            return UInt16(found[0])
        }
        func named<T>(_ key: String, _ all: [T]) throws(CommandInputError) -> T? {
            guard let raw = o[key] else { return nil }
            guard let text = raw as? String, let v = all.first(where: { String(describing: $0) == text }) else {
                throw fail("\"\(key)\" must be one of \(all.map { String(describing: $0) }.joined(separator: ", "))")
            }
            return v
        }

        let ticks: Int64
        if let us = try integer("time_us", 0...Int64.max) {
            ticks = us
        } else if let raw = o["time_s"] {
            guard let seconds = Self.number(raw)?.value, seconds.isFinite, seconds >= 0, seconds < 9e12 else {
                throw fail("\"time_s\" must be a number of seconds from the run's start, at least 0")
            }
            ticks = Int64((seconds * 1_000_000).rounded())
        } else {
            throw fail("\"time_us\" (microseconds) or \"time_s\" (seconds) from the run's start is required")
        }
        var c = ServedCommand(kind, at: SimTime(ticks: ticks))
        c.caseID = try integer("case", 0...Int64(UInt32.max - 1)).map { UInt32($0) }
        c.hall = try reference("hall", halls, catalog.halls.count, "hall")
        c.group = try group("group", hall: c.hall)
        if let department = try group("department", hall: c.hall) { c.group = department }
        c.service = try reference("service", services, catalog.services.count, "service")
        c.window = try integer("window", 0...Int64(UInt16.max)).map { UInt16($0) }
        if let desk = try integer("desk", 0...Int64(UInt16.max)) { c.window = UInt16(desk) }
        c.channel = try named("channel", CaseEvent.Channel.allCases)
        c.value = try integer("value", Int64.min...Int64.max)
        if let staffed = try integer("staffed", 0...Int64.max) { c.value = staffed }
        c.visitNumber = try integer("visit", 0...Int64(UInt16.max)).map { UInt16($0) }
        c.parent = try integer("parent", 0...Int64(UInt32.max - 1)).map { UInt32($0) }
        c.purpose = try named("purpose", CaseEvent.Visit.allCases)
        c.reason = try named("reason", AbandonReason.allCases)
        if let rating = o["rating"] {
            guard let text = rating as? String, text == "good" || text == "bad" else { throw fail("\"rating\" must be good or bad") }
            c.badRating = text == "bad"
        }
        c.expectedVersion = try integer("expected_version", 0...Int64(UInt32.max)).map { UInt32($0) }
        c.seq = try integer("seq", 0...Int64.max).map { UInt64($0) }
        try requireFields(c, fail)
        return c
    }

    /// A JSON number as parsed (an integer when it is one exactly), or `nil` for anything else (`true` included).
    static func number(_ raw: Any) -> (value: Double, integer: Int64?)? {
        if let quick = raw as? FlatJSON.Integer { return (Double(quick.value), quick.value) }
        // Foundation hands JSON numbers and booleans over as NSNumber alike; a boolean's own type tells them apart.
        guard !(raw is String), !String(describing: type(of: raw)).contains("Boolean"), let n = raw as? NSNumber else { return nil }
        let d = n.doubleValue
        if let i = raw as? Int64 { return (d, i) }
        if let i = raw as? Int { return (d, Int64(i)) }
        return (d, nil)
    }

    /// The fields each command cannot do without.
    func requireFields(_ c: ServedCommand, _ fail: (String) -> CommandInputError) throws(CommandInputError) {
        func need(_ present: Bool, _ field: String) throws(CommandInputError) {
            if !present { throw fail("\(c.name) needs \"\(field)\"") }
        }
        switch c.kind {
        case .submitted:
            try need(c.hall != nil, "hall")
            try need(c.service != nil, "service")
            try need(c.channel != nil, "channel")
        case .runEnded: break
        case .staffingChanged:
            try need(c.hall != nil, "hall")
            try need(c.group != nil, "group")
            try need(c.value != nil, "staffed")
        case .rated, .callbackDone, .workStarted:
            try need(c.caseID != nil, "case")
            try need(c.hall != nil, "hall")
            try need(c.group != nil, "group")
            try need(c.value != nil, "value")
        default:
            try need(c.caseID != nil, "case")
            if c.kind == .ticketIssued { try need(c.group != nil, "group") }
            if c.kind == .called { try need(c.window != nil, "window") }
            if c.kind == .forwarded { try need(c.group != nil, "department") }
        }
    }
}
