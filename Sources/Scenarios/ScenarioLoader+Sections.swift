import HallModel
import SimCore
import Yams

extension NodeReader {
    static let scenarioKeys = KeySet(required: ["name", "stop", "services", "halls", "demand"], optional: ["seed"])
    static let stopKeys = KeySet(required: [], optional: ["cases", "time"])
    static let serviceKeys = KeySet(required: ["id", "service_time"])
    static let hallKeys = KeySet(required: ["id", "tier", "windows"], optional: ["parent", "hours"])
    static let windowKeys = KeySet(required: ["id", "count", "serves"])
    static let demandKeys = KeySet(required: ["service", "hall", "arrivals"])
    static let arrivalKeys = KeySet(required: ["poisson"])

    /// Reads the whole scenario; parts that fail are reported and left `nil`.
    mutating func scenario(_ root: Node) -> ScenarioDraft {
        var draft = ScenarioDraft(seed: 1)
        guard let fields = self.fields(root, "the scenario", keys: Self.scenarioKeys) else { return draft }
        if let node = fields["name"] { draft.name = text(node, "'name'")?.value }
        if let node = fields["seed"] { draft.seed = seed(node) }
        if let node = fields["stop"] { draft.stop = stop(node) }
        if let node = fields["services"], let items = list(node, "'services'", of: "services") {
            draft.services = items.map { service($0) }
        }
        if let node = fields["halls"], let items = list(node, "'halls'", of: "halls") {
            draft.halls = items.map { hall($0) }
        }
        if let node = fields["demand"], let items = list(node, "'demand'", of: "demand entries") {
            draft.demand = items.map { demand($0) }
        }
        return draft
    }

    /// The random seed: a non-negative integer up to 2^64 - 1.
    mutating func seed(_ node: Node) -> UInt64? {
        if let scalar = node.scalar, node.tagName == .int, let value = UInt64(scalar.string) {
            return value
        }
        return integer(node, "'seed'", minimum: 0, expected: "a non-negative integer").map(UInt64.init)
    }

    /// When the run stops: after a number of cases, at a time, or whichever comes first.
    mutating func stop(_ node: Node) -> StopRule? {
        guard let fields = self.fields(node, "'stop'", keys: Self.stopKeys) else { return nil }
        if fields["cases"] == nil && fields["time"] == nil {
            report(at: fields.position, "'stop' has neither 'cases' nor 'time'", expected: "a mapping with 'cases', 'time' or both")
            return nil
        }
        var rule = StopRule()
        var complete = true
        if let node = fields["cases"] {
            rule.cases = integer(node, "'cases'", minimum: 1, expected: "a positive integer")
            complete = complete && rule.cases != nil
        }
        if let node = fields["time"] {
            rule.horizon = duration(node, "'time'").map(SimTime.seconds)
            complete = complete && rule.horizon != nil
        }
        return complete ? rule : nil
    }

    /// One entry of `services`.
    mutating func service(_ node: Node) -> ServiceDraft {
        var draft = ServiceDraft()
        guard let fields = self.fields(node, "a service", keys: Self.serviceKeys) else { return draft }
        if let node = fields["id"] { draft.id = text(node, "'id'") }
        if let node = fields["service_time"] { draft.serviceTime = distribution(node, "'service_time'") }
        return draft
    }

    /// One entry of `halls`.
    mutating func hall(_ node: Node) -> HallDraft {
        var draft = HallDraft(position: node.position)
        guard let fields = self.fields(node, "a hall", keys: Self.hallKeys) else { return draft }
        if let node = fields["id"] { draft.id = text(node, "'id'") }
        if let node = fields["tier"] { draft.tier = tier(node) }
        if let node = fields["parent"] { draft.parent = text(node, "'parent'", expected: "the id of a hall") }
        if let node = fields["hours"] { draft.hours = hours(node) }
        if let node = fields["windows"], let items = list(node, "'windows'", of: "window groups") {
            draft.windows = items.map { window($0) }
        }
        return draft
    }

    /// A hall's tier.
    mutating func tier(_ node: Node) -> Tier? {
        let names = Tier.allCases.map(\.rawValue)
        let expected = "one of " + names.joined(separator: ", ")
        guard let name = text(node, "'tier'", expected: expected) else { return nil }
        guard let tier = Tier(rawValue: name.value) else {
            report(at: name.position, "unknown tier '\(name.value)'", expected: expected,
                   hint: Suggestions.didYouMean(name.value, in: names))
            return nil
        }
        return tier
    }

    /// A hall's opening hours; only `always` in this version.
    mutating func hours(_ node: Node) -> OpeningHours? {
        if let scalar = node.scalar, scalar.string == "always" { return .always }
        report(at: node.position, "opening hours other than 'always' are not supported yet", expected: "always")
        return nil
    }

    /// One window group of a hall.
    mutating func window(_ node: Node) -> WindowDraft {
        var draft = WindowDraft()
        guard let fields = self.fields(node, "a window group", keys: Self.windowKeys) else { return draft }
        if let node = fields["id"] { draft.id = text(node, "'id'") }
        if let node = fields["count"] { draft.count = integer(node, "'count'", minimum: 1, expected: "a positive integer") }
        if let node = fields["serves"], let items = list(node, "'serves'", of: "service ids") {
            let ids = items.map { text($0, "an item of 'serves'", expected: "the id of a service") }
            draft.serves = ids.allBuilt { $0 }
        }
        return draft
    }

    /// One entry of `demand`.
    mutating func demand(_ node: Node) -> DemandDraft {
        var draft = DemandDraft(position: node.position)
        guard let fields = self.fields(node, "a demand entry", keys: Self.demandKeys) else { return draft }
        if let node = fields["service"] { draft.service = text(node, "'service'", expected: "the id of a service") }
        if let node = fields["hall"] { draft.hall = text(node, "'hall'", expected: "the id of a hall") }
        if let node = fields["arrivals"] { draft.arrivals = arrivals(node) }
        return draft
    }

    /// An arrival process: `{ poisson: { per_hour: 540 } }` or another rate unit.
    mutating func arrivals(_ node: Node) -> ArrivalProcess? {
        guard let fields = self.fields(node, "'arrivals'", keys: Self.arrivalKeys), let poisson = fields["poisson"] else { return nil }
        let rateKeys = Units.rates.map(\.key)
        let expected = "exactly one of " + rateKeys.joined(separator: ", ")
        guard let rates = self.fields(poisson, "'poisson'", keys: KeySet(required: [], optional: rateKeys)) else { return nil }
        guard let first = rates.entries.first else {
            report(at: rates.position, "'poisson' gives no rate", expected: expected)
            return nil
        }
        for extra in rates.entries.dropFirst() {
            report(at: extra.keyPosition, "'poisson' gives more than one rate ('\(first.key)' and '\(extra.key)')", expected: expected)
        }
        guard rates.entries.count == 1, let unit = Units.rates.first(where: { $0.key == first.key }) else { return nil }
        let perUnit = positiveNumber(first.value, "the rate '\(first.key)'", expected: "a positive number of arrivals per \(unit.noun)")
        return perUnit.map { .poisson(perSecond: $0 / unit.seconds) }
    }
}
