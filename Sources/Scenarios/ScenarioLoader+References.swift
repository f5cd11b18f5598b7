import HallModel

extension Tier {
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

extension NodeReader {
    /// Checks ids for uniqueness and every reference between services, halls, window groups and demand.
    mutating func checkReferences(_ draft: ScenarioDraft) {
        let services = draft.services ?? []
        let halls = draft.halls ?? []
        checkUnique(services.map(\.id), noun: "service")
        checkUnique(halls.map(\.id), noun: "hall")
        for hall in halls {
            checkUnique((hall.windows ?? []).map(\.id), noun: "window group", scope: hall.id.map { " in hall '\($0.value)'" } ?? "")
        }
        let serviceIDs = Self.knownIDs(draft.services?.map(\.id))
        let hallIDs = Self.knownIDs(draft.halls?.map(\.id))
        let hallsByID = Dictionary(halls.compactMap { hall in hall.id.map { ($0.value, hall) } }, uniquingKeysWith: { first, _ in first })
        var hallsServingUnknown: Set<String> = []
        for hall in halls {
            checkParent(of: hall, hallIDs: hallIDs, hallsByID: hallsByID)
            for window in hall.windows ?? [] {
                for service in window.serves ?? [] {
                    let known = checkReference(service, to: serviceIDs, noun: "service", section: "services")
                    if known == false, let id = hall.id { hallsServingUnknown.insert(id.value) }
                }
            }
        }
        for entry in draft.demand ?? [] {
            let serviceKnown = entry.service.flatMap { checkReference($0, to: serviceIDs, noun: "service", section: "services") }
            let hallKnown = entry.hall.flatMap { checkReference($0, to: hallIDs, noun: "hall", section: "halls") }
            guard serviceKnown == true, hallKnown == true, let service = entry.service?.value, let hallID = entry.hall?.value,
                  !hallsServingUnknown.contains(hallID), let hall = hallsByID[hallID],
                  let windows = hall.windows?.allBuilt({ $0.serves })
            else { continue }
            if !windows.contains(where: { $0.contains { $0.value == service } }) {
                report(at: entry.position, "no window group in hall '\(hallID)' serves '\(service)'",
                       expected: "a window group of hall '\(hallID)' that lists '\(service)' under 'serves'")
            }
        }
    }

    /// All ids of a section, or `nil` when the section or any of its ids could not be read.
    private static func knownIDs(_ ids: [Located<String>?]?) -> [String]? {
        ids?.allBuilt { $0?.value }
    }

    /// Reports every id that repeats an earlier one, at the repeat.
    private mutating func checkUnique(_ ids: [Located<String>?], noun: String, scope: String = "") {
        var first: [String: Position] = [:]
        for case let id? in ids {
            if let earlier = first[id.value] {
                report(at: id.position, "duplicate \(noun) id '\(id.value)'\(scope)", expected: "a unique \(noun) id",
                       hint: "'\(id.value)' is already used at line \(earlier.line)")
            } else {
                first[id.value] = id.position
            }
        }
    }

    /// Reports a reference to an id that does not exist; returns whether it exists (`nil` when unknowable).
    @discardableResult
    private mutating func checkReference(_ reference: Located<String>, to ids: [String]?, noun: String, section: String) -> Bool? {
        guard let ids else { return nil }
        if ids.contains(reference.value) { return true }
        let known = ids.count <= 8 ? " (" + ids.joined(separator: ", ") + ")" : ""
        report(at: reference.position, "unknown \(noun) '\(reference.value)'",
               expected: "the id of a \(noun) under '\(section)'\(known)",
               hint: Suggestions.didYouMean(reference.value, in: ids))
        return false
    }

    /// Checks that a hall's parent exists and is exactly one tier up.
    private mutating func checkParent(of hall: HallDraft, hallIDs: [String]?, hallsByID: [String: HallDraft]) {
        guard let parent = hall.parent, let tier = hall.tier else { return }
        guard let wanted = tier.parentTier else {
            report(at: parent.position, "a city hall has no parent", expected: "no 'parent' for a city hall")
            return
        }
        guard let ids = hallIDs else { return }
        guard ids.contains(parent.value) else {
            let known = ids.count <= 8 ? " (" + ids.joined(separator: ", ") + ")" : ""
            report(at: parent.position, "unknown parent hall '\(parent.value)'",
                   expected: "the id of a \(wanted.rawValue) hall under 'halls'\(known)",
                   hint: Suggestions.didYouMean(parent.value, in: ids))
            return
        }
        guard let parentTier = hallsByID[parent.value]?.tier, parentTier != wanted else { return }
        report(at: parent.position, "the parent of a \(tier.rawValue) hall must be a \(wanted.rawValue) hall, but '\(parent.value)' is a \(parentTier.rawValue) hall",
               expected: "a \(wanted.rawValue) hall as parent")
    }
}
