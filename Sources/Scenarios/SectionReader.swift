import CaseEngine
import HallModel
import SimCore
import Yams

/// Reads the scenario's top-level sections and their entries (stop rule, services, halls, windows, demand) into a ``ScenarioDraft``.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct SectionReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let scenarioKeys = KeySet(
        required: ["name", "services", "halls", "demand"],
        optional: ["seed", "start", "stop", "horizon", "calendar", "behaviour", "service_level", "escalation", "ratings"]
    )
    static let stopKeys = KeySet(required: [], optional: ["cases", "time"])
    static let serviceKeys = KeySet(
        required: ["id", "service_time"], optional: ["self_service_time", "back_office", "incomplete", "result", "parts"],
        elsewhere: Dictionary(uniqueKeysWithValues: ["department", "work", "statutory", "promised", "promised_share", "reject", "transfer"].map {
            ($0, "'\($0)' goes inside 'back_office', like back_office: { department: market, work: { exponential: { mean: 2h } }, statutory: 20wd }")
        })
    )
    /// Keys a hall and a family entry both have beyond the first slice's.
    static let hallNetworkKeys = ["kind", "wait_target", "departments", "kiosks"]
    static let hallKeys = KeySet(
        required: ["id", "tier", "windows"], optional: ["parent", "hours", "at_close", "at_break", "rotation"] + hallNetworkKeys,
        elsewhere: [
            "channels": "'channels' belongs to a demand entry: the shares of walk_in, online, mobile and kiosk arrivals",
            "vary": "'vary' belongs to a family of halls, an entry with 'family: { id: \"village-{n}\", count: 10, tier: village }'",
            "count": "a single hall has no count; to generate many halls write 'family: { id: \"village-{n}\", count: 10, tier: village }' instead of 'id'",
            "family": "a hall entry with 'family' must not also have 'id'",
        ]
    )
    static let familyEntryKeys = KeySet(
        required: ["family", "windows"], optional: ["vary", "hours", "at_close", "at_break", "rotation"] + hallNetworkKeys,
        elsewhere: Dictionary(uniqueKeysWithValues: ["id", "tier", "parent", "count"].map {
            ($0, "in a family entry '\($0)' goes inside 'family', like family: { id: \"village-{n}\", count: 10, tier: village, parent: { tier: town } }")
        })
    )
    static let windowKeys = KeySet(required: ["id", "count", "serves"], optional: ["roster", "at_break"])
    static let demandKeys = KeySet(
        required: ["service", "hall", "arrivals"], optional: ["factor", "profile", "behaviour", "appointments", "channels", "closed_days"],
        elsewhere: Dictionary(uniqueKeysWithValues: ChannelKey.all.map(\.key).map {
            ($0, "channel shares go under 'channels', like channels: { walk_in: 0.4, online: 0.6 }")
        })
    )
    static let arrivalKeys = KeySet(required: ["poisson"])

    /// Reads the whole scenario; parts that fail are reported and left `nil`.
    func scenario(_ root: Node) -> ScenarioDraft {
        var draft = ScenarioDraft(seed: 1)
        guard let fields = reader.fields(root, "the scenario", keys: Self.scenarioKeys) else { return draft }
        if let node = fields["name"] { draft.name = reader.text(node, "'name'")?.value }
        if let node = fields["seed"] { draft.seed = seed(node) }
        var start: CalendarDate? = ScenarioSpec.defaultStart
        if let node = fields["start"] { start = CalendarReader(reader).date(node, "'start'")?.value }
        if let node = fields["calendar"] {
            let calendar = CalendarReader(reader).calendar(node)
            draft.calendar = start.flatMap { start in calendar.map { ServiceCalendar(start: start, weekend: $0.weekend, holidays: $0.holidays, workingDays: $0.workingDays) } }
        } else {
            draft.calendar = start.map { ServiceCalendar(start: $0) }
        }
        draft.stop = stopRule(fields)
        if let node = fields["behaviour"] { draft.behaviour = BehaviourReader(reader).behaviour(node, "'behaviour'") }
        if let node = fields["service_level"] { draft.serviceLevelTarget = BehaviourReader(reader).serviceLevel(node) }
        if let node = fields["services"], let items = reader.list(node, "'services'", of: "services") {
            draft.services = items.map { service($0) }
        }
        if let node = fields["halls"], let items = reader.list(node, "'halls'", of: "halls") {
            draft.halls = items.map { hall($0) }
        }
        if let node = fields["demand"], let items = reader.list(node, "'demand'", of: "demand entries") {
            draft.demand = items.map { demand($0) }
        }
        if let node = fields["escalation"] { draft.escalation = EscalationReader(reader).escalation(node) }
        if let node = fields["ratings"] { draft.ratings = EscalationReader(reader).ratings(node) }
        return draft
    }

    /// The random seed: a non-negative integer up to 2^64 - 1.
    func seed(_ node: Node) -> UInt64? {
        if let scalar = node.scalar, node.tagName == .int, let value = UInt64(scalar.string) {
            return value
        }
        return reader.integer(node, "'seed'", minimum: 0, expected: "a non-negative integer").map(UInt64.init)
    }

    /// When the run stops, from `stop` and `horizon` (at least one of them, and not both `horizon` and `stop: time`).
    private func stopRule(_ fields: Fields) -> StopRule? {
        var horizon: SimTime??
        if let node = fields["horizon"] { horizon = .some(reader.duration(node, "'horizon'").map(SimTime.seconds)) }
        guard let node = fields["stop"] else {
            guard let horizon else {
                reader.report(at: fields.position, "missing key 'stop' in the scenario",
                       expected: "'stop: { cases: N }', 'stop: { time: D }' or a top-level 'horizon: D'",
                       hint: "for a year of simulated time write 'horizon: 365d'")
                return nil
            }
            return horizon.map { StopRule(horizon: $0) }
        }
        guard let given = stop(node, horizonGiven: horizon != nil) else { return nil }
        guard let horizon else { return given.rule }
        if let timeKey = given.timeKey, let horizonKey = fields.keyPosition("horizon") {
            reader.report(at: horizonKey, "'horizon' and 'time' under 'stop' both say when the run ends",
                   expected: "either 'horizon' or 'stop: { time: ... }', not both",
                   hint: "'time' is given at line \(timeKey.line)")
            return nil
        }
        guard var rule = given.rule, let horizon else { return nil }
        rule.horizon = horizon
        return rule
    }

    /// The `stop` mapping, and where its `time` key is; with `horizonGiven` it may be empty.
    func stop(_ node: Node, horizonGiven: Bool) -> (rule: StopRule?, timeKey: Position?)? {
        guard let fields = reader.fields(node, "'stop'", keys: Self.stopKeys) else { return nil }
        if fields["cases"] == nil && fields["time"] == nil && !horizonGiven {
            reader.report(at: fields.position, "'stop' has neither 'cases' nor 'time'", expected: "a mapping with 'cases', 'time' or both")
            return nil
        }
        var rule = StopRule()
        var complete = true
        if let node = fields["cases"] {
            rule.cases = reader.integer(node, "'cases'", minimum: 1, maximum: Limits.cases, expected: "a positive integer")
            complete = complete && rule.cases != nil
        }
        if let node = fields["time"] {
            rule.horizon = reader.duration(node, "'time'").map(SimTime.seconds)
            complete = complete && rule.horizon != nil
        }
        return (complete ? rule : nil, fields.keyPosition("time"))
    }

    /// One entry of `services`.
    func service(_ node: Node) -> ServiceDraft {
        var draft = ServiceDraft()
        guard let fields = reader.fields(node, "a service", keys: Self.serviceKeys) else { return draft }
        if let node = fields["id"] { draft.id = reader.text(node, "'id'") }
        if let node = fields["service_time"] { draft.serviceTime = DistributionReader(reader).distribution(node, "'service_time'") }
        ServiceNetworkReader(reader).serviceNetwork(fields, into: &draft)
        return draft
    }

    /// One entry of `halls`: a hall, or a family of halls when it has the key `family`.
    func hall(_ node: Node) -> HallDraft {
        var draft = HallDraft(position: node.position)
        if NodeReader.keyPosition(node, "family") != nil, NodeReader.keyPosition(node, "id") == nil {
            guard let fields = reader.fields(node, "a family of halls", keys: Self.familyEntryKeys) else { return draft }
            if let node = fields["family"] { FamilyReader(reader).family(node, into: &draft) }
            if let node = fields["vary"] { FamilyReader(reader).vary(node, into: &draft) }
            hallBody(fields, into: &draft)
            return draft
        }
        guard let fields = reader.fields(node, "a hall", keys: Self.hallKeys) else { return draft }
        if let node = fields["id"] {
            draft.id = reader.text(node, "'id'")
            if let id = draft.id, id.value.contains(FamilyDraft.placeholder) {
                reader.report(at: id.position, "the hall id '\(id.value)' contains '\(FamilyDraft.placeholder)'",
                       expected: "a plain hall id",
                       hint: "to generate numbered halls write 'family: { id: \"\(id.value)\", count: ..., tier: ... }' instead of 'id' and 'tier'")
                draft.id = nil
            }
        }
        if let node = fields["tier"] { draft.tier = tier(node) }
        if let node = fields["parent"] {
            if node.mapping != nil {
                reader.mismatch(node, "'parent'", expected: "the id of a hall",
                         hint: "'{ tier: ... }' and '{ family: ... }' spread the halls of a family; a single hall names its parent's id")
            } else if let parent = reader.text(node, "'parent'", expected: "the id of a hall") {
                draft.parent = .hall(parent)
            }
        }
        hallBody(fields, into: &draft)
        return draft
    }

    /// The keys a hall and a family share: opening hours, closing policy, rotation, window groups.
    private func hallBody(_ fields: Fields, into draft: inout HallDraft) {
        ServiceNetworkReader(reader).hallNetwork(fields, into: &draft)
        var weekendHours: Position?
        if let node = fields["hours"] {
            draft.hours = HoursReader(reader).hours(node)
            weekendHours = NodeReader.keyPosition(node, "weekend")
        }
        if let node = fields["at_close"] { draft.atClose = HoursReader(reader).closingPolicy(node) }
        if let node = fields["at_break"] { draft.atBreak = VisitReader(reader).breakPolicy(node).map { .some($0) } }
        if let node = fields["windows"], let items = reader.list(node, "'windows'", of: "window groups") {
            draft.windows = items.map { window($0) }
        }
        if let node = fields["rotation"] {
            draft.rotation = HoursReader(reader).rotation(node)
            draft.rotationFailed = draft.rotation == nil
            let key = fields.keyPosition("rotation") ?? node.position
            if let weekendHours {
                reader.report(at: weekendHours, "weekend opening hours are given and so is a 'rotation'",
                       expected: "either 'weekend' hours or a 'rotation'",
                       hint: "with a rotation, its hours are the weekend hours; the rotation is at line \(key.line)")
            } else if draft.hours == .always && fields["hours"] != nil {
                reader.report(at: key, "a hall open 'always' cannot have a weekend rotation",
                       expected: "opening hours per day type, like hours: { workday: [\"09:00-12:00\", \"14:30-17:30\"] }",
                       hint: "the rotation opens the hall on weekends; give the workday hours under 'hours'")
            } else if fields["hours"] == nil {
                reader.report(at: key, "a hall with a weekend rotation needs opening hours",
                       expected: "opening hours per day type, like hours: { workday: [\"09:00-12:00\", \"14:30-17:30\"] }",
                       hint: "without 'hours' a hall is open always, and the rotation would not change anything")
            }
        }
    }

    /// A hall's tier.
    func tier(_ node: Node) -> Tier? {
        let names = Tier.allCases.map(\.rawValue)
        let expected = "one of " + names.joined(separator: ", ")
        guard let name = reader.text(node, "'tier'", expected: expected) else { return nil }
        guard let tier = Tier(rawValue: name.value) else {
            reader.report(at: name.position, "unknown tier '\(name.value)'", expected: expected,
                   hint: Suggestions.didYouMean(name.value, in: names))
            return nil
        }
        return tier
    }

    /// One window group of a hall.
    func window(_ node: Node) -> WindowDraft {
        var draft = WindowDraft()
        guard let fields = reader.fields(node, "a window group", keys: Self.windowKeys) else { return draft }
        if let node = fields["id"] { draft.id = reader.text(node, "'id'") }
        if let node = fields["count"] { draft.count = reader.integer(node, "'count'", minimum: 1, maximum: Limits.groupSize, expected: "a positive integer") }
        if let node = fields["serves"], let items = reader.list(node, "'serves'", of: "service ids") {
            let ids = items.map { reader.text($0, "an item of 'serves'", expected: "the id of a service") }
            draft.serves = ids.allBuilt { $0 }
        }
        if let node = fields["roster"] { draft.roster = HoursReader(reader).roster(node, groupCount: draft.count, group: draft.id?.value) }
        if let node = fields["at_break"] { draft.atBreak = VisitReader(reader).breakPolicy(node).map { .some($0) } }
        return draft
    }

    /// One entry of `demand`.
    func demand(_ node: Node) -> DemandDraft {
        var draft = DemandDraft(position: node.position)
        guard let fields = reader.fields(node, "a demand entry", keys: Self.demandKeys) else { return draft }
        if let node = fields["service"] { draft.service = reader.text(node, "'service'", expected: "the id of a service") }
        if let node = fields["hall"] { draft.hall = reader.text(node, "'hall'", expected: "the id of a hall or the id pattern of a family") }
        if let node = fields["arrivals"] { draft.arrivals = arrivals(node) }
        if let node = fields["factor"] { draft.factor = reader.positiveNumber(node, "'factor'", expected: "a positive number, like 1.5") }
        if let node = fields["profile"] {
            draft.profile = BehaviourReader(reader).profile(node)
            (draft.partialHourly, draft.weekdayKeys) = BehaviourReader.profileShape(node)
        }
        if let node = fields["behaviour"] { draft.behaviour = BehaviourReader(reader).behaviour(node, "'behaviour'").map { .some($0) } }
        if let node = fields["appointments"] {
            draft.appointments = AppointmentReader(reader).appointments(node).map { .some($0) }
            draft.appointmentsKey = fields.keyPosition("appointments")
        }
        if let node = fields["closed_days"] { draft.closedDays = HoursReader(reader).closedDays(node) }
        if ChannelKey.all.contains(where: { NodeReader.keyPosition(node, $0.key) != nil }) {
            draft.channels = nil  // a share written outside 'channels' (reported): the split is unknown
        } else if let node = fields["channels"] {
            draft.channelsKey = fields.keyPosition("channels")
            let read = ServiceNetworkReader(reader).channels(node)
            draft.channels = read?.shares
            draft.kioskKey = read?.kioskKey
        }
        return draft
    }

    /// An arrival process: `{ poisson: { per_hour: 540 } }` or another rate unit.
    func arrivals(_ node: Node) -> ArrivalProcess? {
        guard let fields = reader.fields(node, "'arrivals'", keys: Self.arrivalKeys), let poisson = fields["poisson"] else { return nil }
        let rateKeys = Units.rates.map(\.key)
        let expected = "exactly one of " + rateKeys.joined(separator: ", ")
        guard let rates = reader.fields(poisson, "'poisson'", keys: KeySet(required: [], optional: rateKeys)) else { return nil }
        guard let first = rates.entries.first else {
            reader.report(at: rates.position, "'poisson' gives no rate", expected: expected)
            return nil
        }
        for extra in rates.entries.dropFirst() {
            reader.report(at: extra.keyPosition, "'poisson' gives more than one rate ('\(first.key)' and '\(extra.key)')", expected: expected)
        }
        guard rates.entries.count == 1, let unit = Units.rates.first(where: { $0.key == first.key }) else { return nil }
        let perUnitExpected = "a positive number of arrivals per \(unit.noun)"
        guard let perUnit = reader.positiveNumber(first.value, "the rate '\(first.key)'", expected: perUnitExpected) else { return nil }
        let perSecond = perUnit / unit.seconds
        guard Self.rateInRange(perSecond) else {
            let text = first.value.scalar?.string ?? "\(perUnit)"
            reader.report(at: first.value.position, "the rate '\(first.key)' is out of the simulator's range (\(text))",
                   expected: "\(perUnitExpected), from one in \(Limits.longest) to \(Int(Limits.fastestRate)) a second")
            return nil
        }
        return .poisson(perSecond: perSecond)
    }

    /// Whether an arrival rate per second is one the clock can draw gaps for.
    static func rateInRange(_ perSecond: Double) -> Bool {
        perSecond >= Limits.slowestRate && perSecond <= Limits.fastestRate
    }
}
