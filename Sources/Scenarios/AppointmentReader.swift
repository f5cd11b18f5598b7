import HallModel
import SimCore
import Yams

/// Reads a demand entry's appointments: the booked share, slots, no-shows and punctuality.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct AppointmentReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let appointmentKeys = KeySet(required: ["share", "slot"], optional: ["no_show", "punctuality", "lead", "per_slot"])
    /// Families a punctuality may name: bounded ones whose values may be negative.
    static let punctualityFamilies = ["uniform", "triangular", "deterministic"]

    /// `appointments: { share, slot, no_show, punctuality, lead, per_slot }` of a demand entry.
    func appointments(_ node: Node) -> AppointmentSpec? {
        guard let fields = reader.fields(node, "'appointments'", keys: Self.appointmentKeys) else { return nil }
        let share = fields["share"].flatMap { BehaviourReader(reader).probability($0, "'share'") }
        let slot = fields["slot"].flatMap { reader.duration($0, "'slot'") }
        var spec = AppointmentSpec(share: 0, slot: .minutes(15))
        var complete = share != nil && slot != nil
        if let node = fields["no_show"] {
            if let p = BehaviourReader(reader).probability(node, "'no_show'") { spec.noShow = p } else { complete = false }
        }
        if let node = fields["punctuality"] {
            if let p = punctuality(node) { spec.punctuality = p } else { complete = false }
        }
        if let node = fields["lead"] {
            if let d = reader.duration(node, "'lead'", allowZero: true) { spec.lead = .seconds(d) } else { complete = false }
        }
        if let node = fields["per_slot"] {
            if let n = reader.integer(node, "'per_slot'", minimum: 1, expected: "a positive integer: people booked into one slot") {
                spec.perSlot = n
            } else {
                complete = false
            }
        }
        guard complete, let share, let slot else { return nil }
        spec.share = share
        spec.slot = .seconds(slot)
        return spec
    }

    /// `punctuality`: an offset from the slot's start, negative for early, as
    /// `{ uniform: { min: -10m, max: 5m } }`, `{ triangular: { min, mode, max } }` or `{ deterministic: -5m }`.
    func punctuality(_ node: Node) -> PunctualitySpec? {
        let families = Self.punctualityFamilies.joined(separator: ", ")
        let expected = "an offset distribution such as { uniform: { min: -10m, max: 5m } } (one of \(families))"
        guard case .mapping(let mapping) = node, let (key, parameters) = mapping.first.map({ ($0.key, $0.value) }) else {
            reader.mismatch(node, "'punctuality'", expected: expected,
                     hint: node.scalar != nil && !node.isNull ? "for a fixed offset write { deterministic: -5m }" : nil)
            return nil
        }
        for (extra, _) in mapping.dropFirst() {
            reader.report(at: extra.position, "'punctuality' names more than one distribution", expected: expected)
        }
        guard mapping.count == 1 else { return nil }
        let family = key.scalar?.string ?? ""
        guard Self.punctualityFamilies.contains(family) else {
            let hint = DistributionReader.distributionFamilies.contains(family)
                ? "an offset may be negative, so only the bounded families \(families) are allowed here"
                : Suggestions.didYouMean(family, in: Self.punctualityFamilies)
            reader.report(at: key.position, "unknown punctuality distribution '\(family)'", expected: "one of \(families)", hint: hint)
            return nil
        }
        if family == "deterministic" {
            let valueNode = parameters.mapping == nil ? parameters : nil
            if let valueNode {
                return offset(valueNode, "'deterministic'").map { PunctualitySpec(shift: $0) }
            }
            guard let fields = reader.fields(parameters, "the deterministic offset", keys: KeySet(required: ["value"])),
                  let value = fields["value"].flatMap({ offset($0, "'value'") })
            else { return nil }
            return PunctualitySpec(shift: value)
        }
        let keys = family == "uniform" ? ["min", "max"] : ["min", "mode", "max"]
        guard let fields = reader.fields(parameters, "the \(family) offset", keys: KeySet(required: keys)) else { return nil }
        let values = keys.map { k in fields[k].flatMap { offset($0, "'\(k)'") } }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { $0! }
        let lo = v.first!, hi = v.last!
        guard lo < hi else {
            reader.report(at: fields["max"]?.position ?? parameters.position, "the punctuality's max is not above its min",
                   expected: "min < max, like { min: -10m, max: 5m }", hint: "negative offsets are early, positive late")
            return nil
        }
        if family == "uniform" { return PunctualitySpec.uniform(min: lo, max: hi) }
        let mode = v[1]
        guard lo <= mode, mode <= hi else {
            reader.report(at: fields["mode"]?.position ?? parameters.position, "the punctuality's mode is outside min … max",
                   expected: "min ≤ mode ≤ max")
            return nil
        }
        return PunctualitySpec(shift: lo, spread: .triangular(min: 0, mode: mode - lo, max: hi - lo))
    }

    /// A signed duration in seconds, like `-10m` or `5m`.
    func offset(_ node: Node, _ label: String) -> Double? {
        let expected = "a duration with a unit, negative for early, like -10m, 0s or 5m"
        guard case .scalar(let scalar) = node, !node.isNull, node.tagName != .bool else {
            reader.mismatch(node, label, expected: expected)
            return nil
        }
        let text = scalar.string
        switch Units.seconds(in: text) {
        case .success(let seconds):
            return seconds
        case .failure(let problem):
            reader.reportDuration(problem, at: node, label, text: text, expected: expected, bareHint: "write \(text)m for \(text) minutes", noun: "an offset")
        }
        return nil
    }
}
