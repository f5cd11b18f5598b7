import HallModel
import Yams

/// Builds the ``ScenarioSpec`` once everything has been read and checked, and checks what only the built spec shows.
///
/// Reports what it finds wrong to the ``NodeReader`` it reads from, with each problem's position.
struct SpecBuilder {
    /// The reader whose nodes this reads and to which it reports.
    let reader: NodeReader

    init(_ reader: NodeReader) {
        self.reader = reader
    }

    /// Builds the spec once everything has been read and checked; reports what only the built
    /// spec shows (group sizes after a family's staff factor, rates after its demand factor).
    func spec(_ draft: ScenarioDraft, _ network: ExpandedHalls) -> ScenarioSpec? {
        guard let name = draft.name, let seed = draft.seed, let stop = draft.stop, let calendar = draft.calendar,
              let behaviour = draft.behaviour, let entries = draft.halls, let demandDrafts = draft.demand,
              let services = draft.services?.allBuilt(\.spec), network.complete,
              let halls = network.halls.allBuilt({ hall in
                  entries[hall.entry].spec(id: hall.id.value, parent: hall.parent?.value, staff: hall.staffFactor)
              })
        else { return nil }
        var escalation: EscalationSpec?
        if let draft = draft.escalation {
            guard let spec = draft.spec else { return nil }
            escalation = spec
        }
        var ratings: RatingSpec?
        if let draft = draft.ratings {
            guard let spec = draft.spec else { return nil }
            ratings = spec
        }
        var demand: [DemandSpec] = []
        var positions: [Position] = []
        var drafts: [Int] = []
        for (d, entry) in demandDrafts.enumerated() {
            guard let hall = entry.hall?.value else { return nil }
            if entry.namesFamily {
                guard let family = network.families[hall] else { return nil }
                for member in family.members {
                    let generated = network.halls[member]
                    guard let spec = entry.spec(hall: generated.id.value, variation: generated.demandFactor) else { return nil }
                    demand.append(spec)
                    positions.append(entry.position)
                    drafts.append(d)
                }
            } else {
                guard let spec = entry.spec(hall: hall, variation: 1) else { return nil }
                demand.append(spec)
                positions.append(entry.position)
                drafts.append(d)
            }
        }
        guard checkSizes(halls, network, entries), checkRates(demand, at: positions) else { return nil }
        reader.positions = SpecPositions(
            demand: drafts.map { d in
                let e = demandDrafts[d]
                return SpecPositions.Demand(entry: e.position, partialHourly: e.partialHourly, weekdays: e.weekdayKeys)
            },
            halls: network.halls.map(\.id.position),
            groups: network.halls.map { hall in (entries[hall.entry].windows ?? []).map { $0.id?.position ?? hall.id.position } }
        )
        return ScenarioSpec(
            name: name, seed: seed, stop: stop, calendar: calendar, behaviour: behaviour,
            serviceLevelTarget: draft.serviceLevelTarget, services: services, halls: halls, demand: demand,
            escalation: escalation, ratings: ratings
        )
    }

    /// Whether every group of the built halls fits the simulator (a family's staff factor can
    /// multiply a count past ``Limits/groupSize``), and all of them together fit ``Limits/windows``.
    func checkSizes(_ halls: [HallSpec], _ network: ExpandedHalls, _ entries: [HallDraft]) -> Bool {
        var clean = true
        var total = 0
        var groupCount = 0
        for (h, hall) in halls.enumerated() {
            let entry = entries[network.halls[h].entry]
            if h == Limits.groupSize {
                reader.report(at: network.halls[h].id.position, "the network has more than \(Limits.groupSize) halls by hall '\(hall.id)'",
                       expected: "at most \(Limits.groupSize) halls in all")
                return false
            }
            groupCount += hall.windows.count + hall.departments.count + (hall.kiosks == nil ? 0 : 1)
            if groupCount > Limits.groupSize - 1 {
                reader.report(at: network.halls[h].id.position, "the network has more than \(Limits.groupSize - 1) window groups, kiosks and departments by hall '\(hall.id)'",
                       expected: "at most \(Limits.groupSize - 1) groups in all (one more is kept for the escalation desk)")
                return false
            }
            for (g, group) in hall.windows.enumerated() {
                total += group.count
                guard group.count > Limits.groupSize else { continue }
                let id = entry.windows?[g].id
                reader.report(at: id?.position ?? network.halls[h].id.position,
                       "window group '\(group.id)' of hall '\(hall.id)' has \(group.count) windows after the family's staff factor",
                       expected: "at most \(Limits.groupSize) windows in a group", hint: "lower the 'staff' factor under 'vary'")
                clean = false
            }
            for (d, department) in hall.departments.enumerated() {
                total += department.staff
                guard department.staff > Limits.groupSize else { continue }
                let id = entry.departments?[d].id
                reader.report(at: id?.position ?? network.halls[h].id.position,
                       "department '\(department.id)' of hall '\(hall.id)' has \(department.staff) staff after the family's staff factor",
                       expected: "at most \(Limits.groupSize) staff in a department", hint: "lower the 'staff' factor under 'vary'")
                clean = false
            }
            total += hall.kiosks?.count ?? 0
            if clean, total > Limits.windows {
                reader.report(at: network.halls[h].id.position, "the network has more than \(Limits.windows) windows, kiosks and desks by hall '\(hall.id)'",
                       expected: "at most \(Limits.windows) in all")
                return false
            }
        }
        return clean
    }

    /// Whether every demand entry's rate, times its factor, its hall's variation and each channel's
    /// share, stays in the range the clock can draw gaps for.
    func checkRates(_ demand: [DemandSpec], at positions: [Position]) -> Bool {
        for (spec, position) in zip(demand, positions) {
            guard case .poisson(let perSecond) = spec.arrivals else { continue }
            let shares = spec.channels.isEmpty ? [1] : spec.channels.map(\.share).filter { $0 > 0 }
            for share in shares where !SectionReader.rateInRange(perSecond * spec.factor * share) {
                reader.report(at: position,
                       "the demand for '\(spec.service)' at '\(spec.hall)' arrives at \(perSecond * spec.factor * share) a second after its factor and shares, out of the simulator's range",
                       expected: "a rate from one in \(Limits.longest) to \(Int(Limits.fastestRate)) a second")
                return false
            }
        }
        return true
    }
}
