import HallModel

/// Where a case accepted at a hall would be approved, or why it could not be.
enum Approval: Equatable {
    /// A hall on the way up has the department (at the right tier).
    case found
    /// Something on the way could not be read (and was reported).
    case unknown
    /// No hall on the chain (listed from the accepting hall up) has the department.
    case noDepartment(chain: [Int])
    /// The accepting hall is above the approving tier.
    case aboveTier
    /// The chain (listed from the accepting hall up) ends before a hall of the approving tier.
    case noHallOfTier(chain: [Int])
    /// The hall of the approving tier on the chain lacks the department.
    case missingAt(Int)
}

/// Checks the service network once the halls are expanded: bundle parts, channels and that every accepted case reaches a department that decides it.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct ServiceNetworkChecks {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    /// Checks the keys of the service network: departments, kiosks, bundles, channels,
    /// back-office departments reachable from every hall with demand, the escalation desk and ratings.
    func checkServiceNetwork(_ draft: ScenarioDraft, _ network: ExpandedHalls, serviceIDs: [String]?, hallIDs: [String]?) {
        let services = draft.services ?? []
        let entries = draft.halls ?? []
        for hall in entries {
            let scope = hall.name.map { " in \($0)" } ?? ""
            ReferenceChecks(reader).checkUnique((hall.departments ?? []).map(\.id), noun: "department", scope: scope)
            for service in hall.kiosks?.services ?? [] {
                ReferenceChecks(reader).checkReference(service, to: serviceIDs, noun: "service", section: "services")
            }
        }
        // Department ids of each hall entry, `nil` when an entry's departments could not be read.
        let departments: [Set<String>?] = entries.map { hall in hall.departments?.allBuilt { $0.id?.value }.map(Set.init) }
        let allDepartments: [String]? = departments.allBuilt { $0 }.map { Array(Set($0.flatMap { $0 })).sorted() }
        var byID: [String: ServiceDraft] = [:]
        for service in services {
            guard let id = service.id?.value, byID[id] == nil else { continue }
            byID[id] = service
        }
        var departmentKnown: Set<String> = []
        for service in services {
            if let department = service.backOffice?.department, let known = allDepartments {
                if known.contains(department.value) {
                    departmentKnown.insert(department.value)
                } else {
                    let listed = known.isEmpty ? "; no hall has 'departments'" : known.count <= 8 ? " (" + known.joined(separator: ", ") + ")" : ""
                    reader.report(at: department.position, "unknown department '\(department.value)'",
                           expected: "the id of a department of some hall\(listed)",
                           hint: Suggestions.didYouMean(department.value, in: known)
                               ?? "add departments: [{ id: \(department.value), staff: 2 }] to the hall that approves \(service.id.map { "'\($0.value)'" } ?? "the service")")
                }
            }
            checkParts(of: service, byID: byID, serviceIDs: serviceIDs)
        }
        for entry in draft.demand ?? [] {
            checkChannels(of: entry, network, entries: entries, serviceIDs: serviceIDs)
            checkApproval(of: entry, network, entries: entries, departments: departments, byID: byID, departmentKnown: departmentKnown)
        }
        if let escalation = draft.escalation, let hall = escalation.hall {
            ReferenceChecks(reader).checkReference(hall, to: hallIDs, noun: "hall", section: "halls", what: "the id of the hall that holds the desk")
        }
        if let complaint = draft.ratings?.complaint, draft.escalation == nil {
            reader.report(at: complaint, "bad ratings turn into complaints, but the scenario has no 'escalation' desk",
                   expected: "an 'escalation' desk to take the complaints, or complaint: 0",
                   hint: "a complaint is a new case escalated at once; add escalation: { hall: ..., handling: ... }")
        }
    }

    /// A bundle's parts: known services, not the bundle itself, not bundles, each with a back office, each once.
    private func checkParts(of service: ServiceDraft, byID: [String: ServiceDraft], serviceIDs: [String]?) {
        guard let parts = service.parts, let bundle = service.id?.value else { return }
        var seen: [String: Position] = [:]
        for part in parts {
            if let earlier = seen[part.value] {
                reader.report(at: part.position, "the part '\(part.value)' is listed twice", expected: "each part once",
                       hint: "first listed at line \(earlier.line), column \(earlier.column)")
                continue
            }
            seen[part.value] = part.position
            if part.value == bundle {
                reader.report(at: part.position, "the bundle '\(bundle)' lists itself as a part", expected: "the ids of other services, each with a back office")
                continue
            }
            guard ReferenceChecks(reader).checkReference(part, to: serviceIDs, noun: "service", section: "services") == true, let other = byID[part.value] else { continue }
            if let subparts = other.parts, !subparts.isEmpty {
                reader.report(at: part.position, "the part '\(part.value)' is a bundle itself", expected: "services that are not bundles",
                       hint: "list its parts instead: \(subparts.map(\.value).joined(separator: ", "))")
            } else if other.backOffice == nil {
                reader.report(at: part.position, "the part '\(part.value)' has no back office", expected: "parts that a department decides (services with a 'back_office')",
                       hint: "the parts of a bundle are decided in parallel by their departments; give '\(part.value)' a 'back_office'")
            }
        }
    }

    /// The hall entry and the network halls a demand entry reaches, when both are known.
    private func targets(of entry: DemandDraft, _ network: ExpandedHalls) -> (entry: Int, members: [Int])? {
        guard let hall = entry.hall else { return nil }
        if entry.namesFamily {
            return network.families[hall.value].map { ($0.entry, Array($0.members)) }
        }
        return network.index[hall.value].map { (network.halls[$0].entry, [$0]) }
    }

    /// Channels and appointments only at halls of kind `hall`; a kiosk share needs kiosks offering the service.
    private func checkChannels(of entry: DemandDraft, _ network: ExpandedHalls, entries: [HallDraft], serviceIDs: [String]?) {
        guard let target = targets(of: entry, network), let name = entries[target.entry].name, let kind = entries[target.entry].kind else { return }
        let place = ServiceNetworkReader.describe(kind)
        if kind != .hall {
            let implied = kind == .outlet ? "outlet" : "hotline"
            if let key = entry.channelsKey {
                reader.report(at: key, "demand at \(name), a \(place), has 'channels'",
                       expected: "no 'channels' at a \(place): its channel is \(implied)",
                       hint: "online, mobile and kiosk demand goes in an entry for a hall of kind 'hall'")
            }
            if let key = entry.appointmentsKey {
                reader.report(at: key, "demand at \(name), a \(place), has 'appointments'",
                       expected: "no 'appointments' at a \(place): its channel is \(implied)",
                       hint: "appointments are booked at halls of kind 'hall'")
            }
            return
        }
        guard let key = entry.kioskKey, let service = entry.service?.value else { return }
        guard let kiosks = entries[target.entry].kiosks else {
            reader.report(at: key, "\(name) has no kiosks", expected: "kiosks at \(name) that offer '\(service)'",
                   hint: "add kiosks: { count: 2, services: [\(service)] } to \(name), or move the kiosk share to another channel")
            return
        }
        guard let offered = kiosks.services, let serviceIDs, offered.allSatisfy({ serviceIDs.contains($0.value) }) else { return }
        if !offered.contains(where: { $0.value == service }) {
            reader.report(at: key, "the kiosks of \(name) do not offer '\(service)'",
                   expected: "a service listed under the kiosks' 'services' (\(offered.map(\.value).joined(separator: ", ")))",
                   hint: "add '\(service)' to the kiosks' 'services' at line \(kiosks.key.line)")
        }
    }

    /// Checks that every hall a demand entry reaches can have its cases (and a bundle's parts) approved
    /// by the back office's department, at or above the hall, at the back office's tier when it names one.
    private func checkApproval(
        of entry: DemandDraft, _ network: ExpandedHalls, entries: [HallDraft], departments: [Set<String>?], byID: [String: ServiceDraft],
        departmentKnown: Set<String>
    ) {
        guard network.complete, let target = targets(of: entry, network), let id = entry.service?.value, let service = byID[id] else { return }
        var decided: [(id: String, label: String, backOffice: BackOfficeDraft)] = []
        if let backOffice = service.backOffice { decided.append((id, "'\(id)'", backOffice)) }
        for part in service.parts ?? [] {
            if let backOffice = byID[part.value]?.backOffice { decided.append((part.value, "'\(part.value)', a part of '\(id)',", backOffice)) }
        }
        for (serviceID, label, backOffice) in decided {
            guard backOffice.spec != nil, let department = backOffice.department?.value, departmentKnown.contains(department) else { continue }
            var failures: [(hall: Int, approval: Approval)] = []
            for member in target.members {
                let approval = self.approval(from: member, department: department, tier: backOffice.tier, network, departments: departments)
                if approval != .found && approval != .unknown { failures.append((member, approval)) }
            }
            guard let (hall, approval) = failures.first else { continue }
            let more = failures.count > 1 ? " (and \(failures.count - 1) more halls of \(entries[target.entry].name ?? "the family"))" : ""
            let accepting = network.halls[hall].id.value
            let chain = { (halls: [Int]) in halls.map { network.halls[$0].id.value }.joined(separator: " → ") }
            let holders = entries.indices.filter { departments[$0]?.contains(department) == true }.compactMap { entries[$0].name }
            switch approval {
            case .noDepartment(let halls):
                reader.report(at: entry.position, "\(label) has no department '\(department)' to approve it at hall '\(accepting)' or above (\(chain(halls)))\(more)",
                       expected: "a '\(department)' department at hall '\(accepting)' or one of its parents",
                       hint: holders.isEmpty ? nil : "'\(department)' is a department of \(holders.prefix(3).joined(separator: ", ")), which \(accepting) does not reach")
            case .aboveTier:
                let tier = backOffice.tier?.rawValue ?? "?"
                reader.report(at: entry.position, "\(label) is approved at the \(tier) tier, but hall '\(accepting)' is a \(network.halls[hall].tier?.rawValue ?? "?") hall, above it\(more)",
                       expected: "demand for '\(serviceID)' at \(tier) halls or below",
                       hint: "cases are forwarded up the tiers, never down; leave out the back office's 'tier' to approve at the nearest hall with '\(department)'")
            case .noHallOfTier(let halls):
                let tier = backOffice.tier?.rawValue ?? "?"
                reader.report(at: entry.position, "\(label) is approved at the \(tier) tier, but no \(tier) hall is above hall '\(accepting)' (\(chain(halls)))\(more)",
                       expected: "a chain of 'parent' halls from '\(accepting)' up to a \(tier) hall")
            case .missingAt(let approver):
                let tier = backOffice.tier?.rawValue ?? "?"
                let where_ = approver == hall ? "hall '\(accepting)' itself" : "'\(network.halls[approver].id.value)', the \(tier) hall above '\(accepting)',"
                let owner = entries[network.halls[approver].entry].name ?? "that hall"
                reader.report(at: entry.position, "\(label) is approved at the \(tier) tier, but \(where_) has no department '\(department)'\(more)",
                       expected: "a '\(department)' department at every \(tier) hall that demand for '\(serviceID)' reaches",
                       hint: "add { id: \(department), staff: 1 } to the departments of \(owner)")
            case .found, .unknown:
                break
            }
        }
    }

    /// Where a case accepted at network hall `start` is approved: the hall itself or the nearest
    /// parent with `department`, or, with a `tier`, the hall of that tier on the way up.
    func approval(from start: Int, department: String, tier: Tier?, _ network: ExpandedHalls, departments: [Set<String>?]) -> Approval {
        var chain: [Int] = []
        var i = start
        while chain.count <= Tier.allCases.count {
            chain.append(i)
            let hall = network.halls[i]
            guard let hallTier = hall.tier, let own = departments[hall.entry] else { return .unknown }
            if let tier {
                if hallTier.depth < tier.depth { return i == start ? .aboveTier : .unknown }
                if hallTier == tier { return own.contains(department) ? .found : .missingAt(i) }
            } else if own.contains(department) {
                return .found
            }
            guard let parent = hall.parent else { return tier == nil ? .noDepartment(chain: chain) : .noHallOfTier(chain: chain) }
            guard let next = network.index[parent.value] else { return .unknown }
            i = next
        }
        return .unknown
    }
}
