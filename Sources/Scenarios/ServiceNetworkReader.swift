import CaseEngine
import HallModel
import SimCore
import Yams

/// Reads what follows acceptance for a service (back office, materials, results) and a hall's place in the network (kind, departments, kiosks, channels).
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct ServiceNetworkReader {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    static let backOfficeKeys = KeySet(
        required: ["department", "work", "statutory"],
        optional: ["share", "tier", "promised", "promised_share", "reject", "transfer"]
    )
    static let incompleteKeys = KeySet(required: ["share", "delay"], optional: ["policy", "give_up"])
    static let resultKeys = KeySet(required: [], optional: ["mail", "mail_delay", "pickup_delay", "pickup_time", "behaviour", "uncollected"])
    static let departmentKeys = KeySet(required: ["id", "staff"], optional: ["hours", "roster"])
    static let kioskKeys = KeySet(required: ["count", "services"], optional: ["hours"])
    static let channelKeys = KeySet(
        required: [], optional: ChannelKey.all.map(\.key),
        elsewhere: [
            "appointment": "appointments are given by the demand entry's own 'appointments' key, not as a channel share",
            "appointments": "appointments are given by the demand entry's own 'appointments' key, not as a channel share",
            "outlet": "bank outlets are halls of 'kind: outlet'; give their demand as entries for those halls",
            "hotline": "the hotline is a hall of 'kind: hotline'; give the calls as demand entries for that hall",
        ]
    )

    /// The keys of a service beyond its service time: kiosk time, back office, missing materials, results, parts.
    func serviceNetwork(_ fields: Fields, into draft: inout ServiceDraft) {
        if let node = fields["self_service_time"] { draft.selfServiceTime = DistributionReader(reader).distribution(node, "'self_service_time'").map { .some($0) } }
        if let node = fields["back_office"] {
            draft.backOffice = backOffice(node, key: fields.keyPosition("back_office") ?? node.position)
        }
        if let node = fields["incomplete"] { draft.incomplete = incomplete(node, decidedLater: fields["back_office"] != nil || fields["parts"] != nil).map { .some($0) } }
        if let node = fields["result"] { draft.result = result(node) }
        if let node = fields["parts"], let items = reader.list(node, "'parts'", of: "service ids") {
            draft.parts = items.map { reader.text($0, "an item of 'parts'", expected: "the id of a service with a back office") }.allBuilt { $0 }
            if let backOffice = draft.backOffice {
                reader.report(at: backOffice.key, "a bundle has a 'back_office'", expected: "either 'parts' (a bundle) or 'back_office', not both",
                       hint: "each part of a bundle is decided by its own back office; the bundle itself is only accepted once")
            }
        } else if fields["parts"] != nil {
            draft.parts = nil
        }
    }

    /// `back_office: { department, work, statutory, share, tier, promised | promised_share, reject, transfer }`.
    func backOffice(_ node: Node, key: Position) -> BackOfficeDraft {
        var draft = BackOfficeDraft(key: key)
        guard let fields = reader.fields(node, "'back_office'", keys: Self.backOfficeKeys) else { return draft }
        var complete = true
        func read<T>(_ value: T?) -> T? {
            if value == nil { complete = false }
            return value
        }
        draft.department = fields["department"].flatMap { reader.text($0, "'department'", expected: "the id of a department of a hall") }
        let work = fields["work"].flatMap { read(DistributionReader(reader).distribution($0, "'work'")) }
        let statutory = fields["statutory"].flatMap { read(reader.workingDays($0, "'statutory'")) }
        var spec = BackOfficeSpec(department: "", work: .deterministic(0), statutory: 0)
        if let node = fields["share"], let share = read(BehaviourReader(reader).probability(node, "'share'")) { spec.share = share }
        if let node = fields["tier"] {
            draft.tier = read(SectionReader(reader).tier(node))
            spec.tier = draft.tier
        }
        if let node = fields["reject"], let reject = read(BehaviourReader(reader).probability(node, "'reject'")) { spec.reject = reject }
        if let node = fields["transfer"], let transfer = read(reader.duration(node, "'transfer'", allowZero: true)) { spec.transfer = .seconds(transfer) }
        var promised: Int?
        if let node = fields["promised"], let days = read(reader.workingDays(node, "'promised'")) {
            if let statutory, days.value > statutory.value {
                reader.report(at: days.position, "'promised' is \(days.value)wd, more than the statutory \(statutory.value)wd",
                       expected: "a promised limit of at most the statutory limit (\(statutory.value)wd)",
                       hint: "a promised limit shortens the statutory one; promised_share: 0.6 gives 60% of it")
                complete = false
            } else {
                promised = days.value
            }
        }
        if let node = fields["promised_share"] {
            if fields["promised"] != nil, let key = fields.keyPosition("promised_share") {
                reader.report(at: key, "'promised' and 'promised_share' both give the promised limit",
                       expected: "either 'promised: 12wd' or 'promised_share: 0.6', not both")
                complete = false
            } else if let share = read(BehaviourReader(reader).probability(node, "'promised_share'")), let statutory {
                promised = Self.promisedDays(share: share, statutory: statutory.value)
            }
        }
        guard complete, let department = draft.department, let work, let statutory else { return draft }
        spec.department = department.value
        spec.work = work
        spec.statutory = statutory.value
        spec.promised = promised ?? statutory.value
        draft.spec = spec
        return draft
    }

    /// `share` × `statutory` working days, rounded up (a share of 1 is the statutory limit itself).
    static func promisedDays(share: Double, statutory: Int) -> Int {
        max(0, Int((share * Double(statutory) - 1e-9).rounded(.up)))
    }

    /// `incomplete: { share, delay, policy, give_up }`; `decidedLater` says whether the service has a back office or parts.
    func incomplete(_ node: Node, decidedLater: Bool) -> IncompleteSpec? {
        guard let fields = reader.fields(node, "'incomplete'", keys: Self.incompleteKeys) else { return nil }
        var complete = true
        let share = fields["share"].flatMap { BehaviourReader(reader).probability($0, "'share'") }
        let delay = fields["delay"].flatMap { DistributionReader(reader).distribution($0, "'delay'") }
        var spec = IncompleteSpec(share: 0, delay: .deterministic(0))
        if let node = fields["policy"] {
            if let policy = incompletePolicy(node, decidedLater: decidedLater) { spec.policy = policy } else { complete = false }
        }
        if let node = fields["give_up"] {
            if let p = BehaviourReader(reader).probability(node, "'give_up'") { spec.giveUp = p } else { complete = false }
        }
        guard complete, let share, let delay else { return nil }
        spec.share = share
        spec.delay = delay
        return spec
    }

    /// `policy: return_visit | deficiency`; accepting with a deficiency needs something that decides later.
    private func incompletePolicy(_ node: Node, decidedLater: Bool) -> IncompletePolicy? {
        let names = IncompletePolicy.allCases.map(\.rawValue)
        let expected = "return_visit (the person comes back with the materials) or deficiency (accepted now, materials later)"
        guard let name = reader.text(node, "'policy'", expected: expected) else { return nil }
        guard let policy = IncompletePolicy(rawValue: name.value) else {
            let lowered = name.value.lowercased()
            let hint = Suggestions.didYouMean(name.value, in: names)
                ?? (lowered.hasPrefix("return") ? "did you mean 'return_visit'?" : lowered.hasPrefix("defic") ? "did you mean 'deficiency'?" : nil)
            reader.report(at: name.position, "unknown policy '\(name.value)'", expected: expected, hint: hint)
            return nil
        }
        if policy == .deficiency && !decidedLater {
            reader.report(at: name.position, "the policy 'deficiency' needs a back office", expected: "return_visit for a service decided on the spot",
                   hint: "a case accepted with a deficiency waits for its materials before the back office decides it; give the service a 'back_office' or use return_visit")
            return nil
        }
        return policy
    }

    /// `result: { mail, mail_delay, pickup_delay, pickup_time, behaviour, uncollected }`, each key defaulting as ``ResultSpec`` does.
    func result(_ node: Node) -> ResultSpec? {
        guard let fields = reader.fields(node, "'result'", keys: Self.resultKeys) else { return nil }
        var spec = ResultSpec()
        var complete = true
        if let node = fields["mail"] {
            if let p = BehaviourReader(reader).probability(node, "'mail'") { spec.mail = p } else { complete = false }
        }
        if let node = fields["mail_delay"] {
            if let d = DistributionReader(reader).distribution(node, "'mail_delay'") { spec.mailDelay = d } else { complete = false }
        }
        if let node = fields["pickup_delay"] {
            if let d = DistributionReader(reader).distribution(node, "'pickup_delay'") { spec.pickupDelay = d } else { complete = false }
        }
        if let node = fields["pickup_time"] {
            if let d = DistributionReader(reader).distribution(node, "'pickup_time'") { spec.pickupTime = d } else { complete = false }
        }
        if let node = fields["behaviour"] {
            if let p = VisitReader(reader).pickupPatience(node) { spec.patience = p } else { complete = false }
        }
        if let node = fields["uncollected"] {
            if let u = VisitReader(reader).uncollectedPolicy(node) { spec.uncollected = u } else { complete = false }
        }
        return complete ? spec : nil
    }

    /// The keys of a hall (or a family's template) beyond the first slice's: kind, wait target, departments, kiosks.
    func hallNetwork(_ fields: Fields, into draft: inout HallDraft) {
        if let node = fields["kind"] { draft.kind = hallKind(node) }
        if let node = fields["wait_target"] { draft.waitTarget = reader.duration(node, "'wait_target'").map { .some(.seconds($0)) } }
        if let node = fields["departments"], let items = reader.list(node, "'departments'", of: "departments like { id: market, staff: 4 }") {
            draft.departments = items.map { department($0) }
        } else if fields["departments"] != nil {
            draft.departments = nil
        }
        if let node = fields["kiosks"], let key = fields.keyPosition("kiosks") {
            draft.kiosks = kiosks(node, key: key)
            if let kind = draft.kind, kind != .hall {
                reader.report(at: key, "a \(Self.describe(kind)) has kiosks", expected: "kiosks only in halls of kind 'hall'",
                       hint: "people use kiosks through a demand entry's 'kiosk' channel, which \(Self.describe(kind))s do not have")
            }
        }
    }

    /// How a hall kind reads in messages.
    static func describe(_ kind: HallKind) -> String {
        switch kind {
        case .hall: "hall"
        case .outlet: "bank outlet"
        case .hotline: "hotline"
        }
    }

    /// `kind: hall | outlet | hotline`.
    func hallKind(_ node: Node) -> HallKind? {
        let names = HallKind.allCases.map(\.rawValue)
        let expected = "hall (a service hall), outlet (a bank or post outlet) or hotline (the 12345 hotline)"
        guard let name = reader.text(node, "'kind'", expected: expected) else { return nil }
        guard let kind = HallKind(rawValue: name.value) else {
            let lowered = name.value.lowercased()
            let hint = Suggestions.didYouMean(name.value, in: names)
                ?? (["bank", "post", "bank_outlet", "post_office"].contains(lowered) ? "did you mean 'outlet'?"
                    : ["12345", "call_centre", "call_center", "phone"].contains(lowered) ? "did you mean 'hotline'?" : nil)
            reader.report(at: name.position, "unknown hall kind '\(name.value)'", expected: expected, hint: hint)
            return nil
        }
        return kind
    }

    /// One department of a hall: `{ id, staff, hours, roster }`.
    func department(_ node: Node) -> DepartmentDraft {
        var draft = DepartmentDraft()
        guard let fields = reader.fields(node, "a department", keys: Self.departmentKeys) else { return draft }
        if let node = fields["id"] { draft.id = reader.text(node, "'id'") }
        if let node = fields["staff"] { draft.staff = reader.integer(node, "'staff'", minimum: 1, maximum: Limits.groupSize, expected: "a positive integer: desks staffed while the department works") }
        if let node = fields["hours"] { draft.hours = HoursReader(reader).hours(node).map { .some($0) } }
        if let node = fields["roster"] { draft.roster = HoursReader(reader).roster(node, groupCount: draft.staff, group: draft.id?.value, owner: .department) }
        return draft
    }

    /// `kiosks: { count, services, hours }`.
    func kiosks(_ node: Node, key: Position) -> KioskDraft {
        var draft = KioskDraft(key: key)
        guard let fields = reader.fields(node, "'kiosks'", keys: Self.kioskKeys) else {
            draft.hours = nil
            return draft
        }
        if let node = fields["count"] { draft.count = reader.integer(node, "'count'", minimum: 1, maximum: Limits.groupSize, expected: "a positive integer: the number of kiosks") }
        if let node = fields["services"], let items = reader.list(node, "'services'", of: "service ids") {
            draft.services = items.map { reader.text($0, "an item of 'services'", expected: "the id of a service") }.allBuilt { $0 }
        }
        if let node = fields["hours"] { draft.hours = HoursReader(reader).hours(node) }
        return draft
    }

    /// `channels: { walk_in, online, mobile, kiosk }`: shares from 0 to 1 adding up to 1, and where a kiosk share above zero is written.
    func channels(_ node: Node) -> (shares: [ChannelShare], kioskKey: Position?)? {
        guard let fields = reader.fields(node, "'channels'", keys: Self.channelKeys) else { return nil }
        guard !fields.entries.isEmpty else {
            reader.report(at: fields.position, "'channels' gives no channel",
                   expected: "shares of walk_in, online, mobile and kiosk that add up to 1, like { walk_in: 0.4, online: 0.6 }",
                   hint: "leave 'channels' out when everyone walks in")
            return nil
        }
        var shares: [ChannelShare] = []
        var complete = true
        var kioskKey: Position?
        for (key, channel) in ChannelKey.all {
            guard let value = fields[key] else { continue }
            guard let share = BehaviourReader(reader).probability(value, "the '\(key)' share") else { complete = false; continue }
            shares.append(ChannelShare(channel, share))
            if channel == .kiosk && share > 0 { kioskKey = fields.keyPosition(key) }
        }
        // A share under a key that is no channel (reported) would leave the sum short: say nothing more.
        let unknownKey = node.mapping?.contains { $0.key.tagName != .merge && !Self.channelKeys.all.contains($0.key.scalar?.string ?? "") } ?? false
        guard complete, !unknownKey else { return nil }
        let sum = shares.reduce(0) { $0 + $1.share }
        guard abs(sum - 1) <= 1e-9 else {
            let gap = Self.decimal(abs(1 - sum))
            let hint = sum < 1 && fields["walk_in"] == nil ? "write walk_in: \(gap) for the people who walk in"
                : sum < 1 ? "they fall \(gap) short of 1" : "they are \(gap) more than 1"
            reader.report(at: fields.position, "the channel shares add up to \(Self.decimal(sum))", expected: "shares that add up to 1", hint: hint)
            return nil
        }
        return (shares, kioskKey)
    }

    /// A number as a reader would write it: at most nine decimals, without a trailing ".0".
    static func decimal(_ value: Double) -> String {
        let rounded = (value * 1e9).rounded() / 1e9
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
