import HallModel

/// How tiers stand to each other, for the checks of parents and approvals.
extension Tier {
    /// 0 for a city, 3 for a village: the larger, the lower the tier.
    var depth: Int { Tier.allCases.firstIndex(of: self) ?? 0 }

    /// The tier a hall's parent must have, or `nil` for a city, which has no parent.
    var parentTier: Tier? {
        switch self {
        case .city: nil
        case .county: .city
        case .town: .county
        case .village: .town
        }
    }
}

/// Checks what entries name across sections once the halls are expanded: unique ids, demand's halls and services, rotations and parents.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct ReferenceChecks {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    /// Checks ids for uniqueness and every reference between services, halls, window groups and demand.
    func checkReferences(_ draft: ScenarioDraft, _ network: ExpandedHalls) {
        let services = draft.services ?? []
        let entries = draft.halls ?? []
        checkUnique(services.map(\.id), noun: "service")
        checkHallIDs(network, entries)
        let serviceIDs = Self.knownIDs(draft.services?.map(\.id))
        let hallIDs: [String]? = network.complete ? network.halls.map(\.id.value) : nil
        var entriesServingUnknown: Set<Int> = []
        for (e, hall) in entries.enumerated() {
            let scope = hall.name.map { " in \($0)" } ?? ""
            checkUnique((hall.windows ?? []).map(\.id), noun: "window group", scope: scope)
            for window in hall.windows ?? [] {
                for service in window.serves ?? [] {
                    let known = checkReference(service, to: serviceIDs, noun: "service", section: "services")
                    if known == false { entriesServingUnknown.insert(e) }
                }
            }
            checkRotation(of: hall, entries: entries, serviceIDs: serviceIDs)
        }
        var parentsChecked: Set<Int> = []
        for hall in network.halls {
            guard case .hall = entries[hall.entry].parent, parentsChecked.insert(hall.entry).inserted else { continue }
            checkParent(of: hall, hallIDs: hallIDs, network: network)
        }
        checkDemand(draft, network, serviceIDs: serviceIDs, hallIDs: hallIDs, entriesServingUnknown: entriesServingUnknown)
        ServiceNetworkChecks(reader).checkServiceNetwork(draft, network, serviceIDs: serviceIDs, hallIDs: hallIDs)
    }

    /// Checks demand entries: known service, known hall or family, someone serving it there, and no hall × service twice.
    private func checkDemand(
        _ draft: ScenarioDraft, _ network: ExpandedHalls, serviceIDs: [String]?, hallIDs: [String]?, entriesServingUnknown: Set<Int>
    ) {
        let entries = draft.halls ?? []
        let patterns = network.families.keys.sorted()
        var seen: [[String]: (position: Position, family: String?)] = [:]
        for entry in draft.demand ?? [] {
            let serviceKnown = entry.service.flatMap { checkReference($0, to: serviceIDs, noun: "service", section: "services") }
            guard let hall = entry.hall else { continue }
            let target: Int?
            let members: [Int]
            if entry.namesFamily {
                let known = checkReference(hall, to: network.complete ? patterns : nil, noun: "family", section: "halls",
                                           what: "the id pattern of a family")
                target = network.families[hall.value]?.entry
                members = network.families[hall.value].map { Array($0.members) } ?? []
                _ = known
            } else {
                let known = checkReference(hall, to: hallIDs, noun: "hall", section: "halls")
                let index = known == true ? network.index[hall.value] : nil
                target = index.map { network.halls[$0].entry }
                members = index.map { [$0] } ?? []
            }
            guard serviceKnown == true, let target, let service = entry.service?.value, !entriesServingUnknown.contains(target),
                  let name = entries[target].name
            else { continue }
            // Online, mobile and kiosk arrivals need no window; walk-ins and appointment holders do.
            if entry.appointmentsKey != nil || entry.walkInShare.map({ $0 > 0 }) ?? false {
                guard let windows = entries[target].windows?.allBuilt({ $0.serves }) else { continue }
                if !windows.contains(where: { $0.contains { $0.value == service } }) {
                    reader.report(at: entry.position, "no window group in \(name) serves '\(service)'",
                           expected: "a window group of \(name) that lists '\(service)' under 'serves'")
                    continue
                }
            }
            let family = entry.namesFamily ? hall.value : nil
            for member in members {
                let id = network.halls[member].id.value
                if let earlier = seen[[id, service]] {
                    let first = earlier.family.map { "the entry for family '\($0)'" } ?? "the entry"
                    reader.report(at: entry.position, "a second demand entry for '\(service)' at hall '\(id)'",
                           expected: "one demand entry per service and hall",
                           hint: "\(first) at line \(earlier.position.line) already covers it; add up the rates in one entry")
                    break
                }
                seen[[id, service]] = (entry.position, family)
            }
        }
    }

    /// Reports ids used twice: a written hall at the repeat, a family once at its id pattern.
    private func checkHallIDs(_ network: ExpandedHalls, _ entries: [HallDraft]) {
        var first: [String: Int] = [:]
        var reportedEntries: Set<Int> = []
        for (i, hall) in network.halls.enumerated() {
            guard let earlier = first[hall.id.value] else {
                first[hall.id.value] = i
                continue
            }
            let other = network.halls[earlier]
            let by = entries[other.entry].family != nil ? " by \(entries[other.entry].name ?? "a family")" : ""
            if entries[hall.entry].family == nil {
                reader.report(at: hall.id.position, "duplicate hall id '\(hall.id.value)'", expected: "a unique hall id",
                       hint: "'\(hall.id.value)' is already used\(by) at line \(other.id.position.line)")
            } else if reportedEntries.insert(hall.entry).inserted {
                let clashes = network.halls[i...].filter { $0.entry == hall.entry && first[$0.id.value] != nil }.count
                let more = clashes > 1 ? " (and \(clashes - 1) more of its ids)" : ""
                reader.report(at: hall.id.position, "\(entries[hall.entry].name ?? "the family") generates the hall id '\(hall.id.value)'\(more), which is already used",
                       expected: "a pattern whose ids no other hall uses",
                       hint: "'\(hall.id.value)' is already used\(by) at line \(other.id.position.line)")
            }
        }
    }

    /// Checks a weekend rotation: groups of this hall, services served by one of them.
    private func checkRotation(of hall: HallDraft, entries: [HallDraft], serviceIDs: [String]?) {
        guard let rotation = hall.rotation, let name = hall.name, let windows = hall.windows else { return }
        let groupIDs = windows.compactMap { $0.id?.value }
        let groupsKnown = groupIDs.count == windows.count
        var listed: [WindowDraft] = []
        for group in rotation.groups ?? [] {
            if let window = windows.first(where: { $0.id?.value == group.value }) {
                listed.append(window)
                continue
            }
            guard groupsKnown else { continue }
            let elsewhere = entries.first { other in other.windows?.contains { $0.id?.value == group.value } == true }?.name
            reader.report(at: group.position, "\(name) has no window group '\(group.value)'",
                   expected: "the id of a window group of \(name) (\(groupIDs.joined(separator: ", ")))",
                   hint: Suggestions.didYouMean(group.value, in: groupIDs)
                       ?? elsewhere.map { "'\(group.value)' is a window group of \($0); a rotation opens groups of its own hall" })
        }
        let allListed = listed.count == rotation.groups?.count
        for service in rotation.services ?? [] {
            guard checkReference(service, to: serviceIDs, noun: "service", section: "services") == true, allListed,
                  let serves = listed.allBuilt({ $0.serves })
            else { continue }
            if !serves.contains(where: { $0.contains { $0.value == service.value } }) {
                let servers = windows.filter { $0.serves?.contains { $0.value == service.value } == true }.compactMap { $0.id?.value }
                reader.report(at: service.position, "no window group on the rotation of \(name) serves '\(service.value)'",
                       expected: "a service that one of the groups \(listed.compactMap { $0.id?.value }.joined(separator: ", ")) serves",
                       hint: servers.isEmpty ? nil : "add \(Suggestions.list(servers)) to the rotation's 'groups'")
            }
        }
    }

    /// All ids of a section, or `nil` when the section or any of its ids could not be read.
    private static func knownIDs(_ ids: [Located<String>?]?) -> [String]? {
        ids?.allBuilt { $0?.value }
    }

    /// Reports every id that repeats an earlier one, at the repeat.
    func checkUnique(_ ids: [Located<String>?], noun: String, scope: String = "") {
        var first: [String: Position] = [:]
        for case let id? in ids {
            if let earlier = first[id.value] {
                reader.report(at: id.position, "duplicate \(noun) id '\(id.value)'\(scope)", expected: "a unique \(noun) id",
                       hint: "'\(id.value)' is already used at line \(earlier.line)")
            } else {
                first[id.value] = id.position
            }
        }
    }

    /// Reports a reference to an id that does not exist; returns whether it exists (`nil` when unknowable).
    @discardableResult
    func checkReference(
        _ reference: Located<String>, to ids: [String]?, noun: String, section: String, what: String? = nil
    ) -> Bool? {
        guard let ids else { return nil }
        if ids.contains(reference.value) { return true }
        let known = ids.count <= 8 && !ids.isEmpty ? " (" + ids.joined(separator: ", ") + ")" : ""
        reader.report(at: reference.position, "unknown \(noun) '\(reference.value)'",
               expected: "\(what ?? "the id of a \(noun)") under '\(section)'\(known)",
               hint: Suggestions.didYouMean(reference.value, in: ids))
        return false
    }

    /// Checks that a hall's parent exists and is exactly one tier up.
    private func checkParent(of hall: ExpandedHall, hallIDs: [String]?, network: ExpandedHalls) {
        guard let parent = hall.parent, let tier = hall.tier else { return }
        guard let wanted = tier.parentTier else {
            reader.report(at: parent.position, "a city hall has no parent", expected: "no 'parent' for a city hall")
            return
        }
        guard let ids = hallIDs else { return }
        guard let index = network.index[parent.value] else {
            let known = ids.count <= 8 ? " (" + ids.joined(separator: ", ") + ")" : ""
            let family = parent.value.contains(FamilyDraft.placeholder) ? "to spread over a family write 'parent: { family: \"\(parent.value)\" }'" : nil
            reader.report(at: parent.position, "unknown parent hall '\(parent.value)'",
                   expected: "the id of a \(wanted.rawValue) hall under 'halls'\(known)",
                   hint: family ?? Suggestions.didYouMean(parent.value, in: ids))
            return
        }
        guard let parentTier = network.halls[index].tier, parentTier != wanted else { return }
        reader.report(at: parent.position, "the parent of a \(tier.rawValue) hall must be a \(wanted.rawValue) hall, but '\(parent.value)' is a \(parentTier.rawValue) hall",
               expected: "a \(wanted.rawValue) hall as parent")
    }
}
