import CaseEngine
import SimCore

/// Step 6 of compiling a network (``HallNetwork/init(_:)``): what follows acceptance, per
/// service — back office, materials, results and bundle parts — and the department that decides
/// a case accepted at each hall.
struct OfficeTables {
    typealias Office = HallNetwork.Office

    /// Per service: its back office, or `nil` when cases end at the window.
    var offices: [Office?] = []
    /// Per service: what happens when materials are missing.
    var incomplete: [IncompleteSpec?] = []
    /// Per service: how results reach people.
    var results: [ResultSpec] = []
    /// Part services of each bundle (empty for other services).
    var parts: [[Int]] = []
    /// Per hall × service (`hall * services + service`): the department group that decides a case accepted there, or -1.
    var officeRoute: [Int32] = []
    /// Per hall × service: tiers the file travels up to reach that department.
    var officeHops: [UInt8] = []

    /// Compiles the services of `spec`: their back offices, materials, results and bundles, and
    /// the department deciding every (hall, service) that needs one, up the halls' parents; every
    /// one of `sources` that accepts such a service must reach its department.
    init(
        _ spec: ScenarioSpec, serviceIndex: [String: Int], departmentIndex: [DepartmentKey: Int], hallParents: [Int?],
        sources: [HallNetwork.Source]
    ) {
        let serviceCount = spec.services.count
        for service in spec.services {
            let what = "service '\(service.id)'"
            if let t = service.selfServiceTime, let problem = t.validated() { invalid("\(what): self-service time \(problem)") }
            if let o = service.backOffice {
                guard service.parts.isEmpty else { invalid("\(what) is a bundle and cannot have a back office of its own") }
                guard (0 ... 1).contains(o.share), (0 ... 1).contains(o.reject) else { invalid("\(what): back-office shares must be in 0...1") }
                guard o.statutory >= 0, o.promised >= 0, o.promised <= o.statutory else {
                    invalid("\(what): limits must be working days, the promised one at most the statutory one")
                }
                guard o.transfer >= .zero else { invalid("\(what): the transfer time cannot be negative") }
                if let problem = o.work.validated() { invalid("\(what): work time \(problem)") }
                offices.append(Office(
                    share: o.share, work: o.work, reject: o.reject, transfer: o.transfer.ticks, statutory: o.statutory, promised: o.promised
                ))
            } else {
                offices.append(nil)
            }
            if let m = service.incomplete {
                guard (0 ... 1).contains(m.share), (0 ... 1).contains(m.giveUp) else { invalid("\(what): materials shares must be in 0...1") }
                if let problem = m.delay.validated() { invalid("\(what): materials delay \(problem)") }
            }
            incomplete.append(service.incomplete)
            let r = service.result
            guard (0 ... 1).contains(r.mail) else { invalid("\(what): the mailed share must be in 0...1") }
            for (name, d) in [("mail delay", r.mailDelay), ("pick-up delay", r.pickupDelay), ("pick-up time", r.pickupTime)] {
                if let problem = d.validated() { invalid("\(what): \(name) \(problem)") }
            }
            if let problem = r.patience?.validated() { invalid("\(what): pick-up patience \(problem)") }
            results.append(r)
            var list: [Int] = []
            for p in service.parts {
                guard let i = serviceIndex[p] else { invalid("bundle '\(service.id)' names unknown part '\(p)'") }
                guard spec.services[i].backOffice != nil, spec.services[i].parts.isEmpty else {
                    invalid("part '\(p)' of bundle '\(service.id)' needs a back office and cannot be a bundle")
                }
                list.append(i)
            }
            parts.append(list)
        }

        officeRoute = Array(repeating: -1, count: spec.halls.count * serviceCount)
        officeHops = Array(repeating: 0, count: spec.halls.count * serviceCount)
        for (s, service) in spec.services.enumerated() {
            guard let o = service.backOffice else { continue }
            for h in spec.halls.indices {
                var at: Int? = h
                var hops = 0
                while let x = at, hops < 64 {
                    if o.tier == nil || spec.halls[x].tier == o.tier, let g = departmentIndex[DepartmentKey(hall: x, id: o.department)] {
                        officeRoute[h * serviceCount + s] = Int32(g)
                        officeHops[h * serviceCount + s] = UInt8(hops)
                        break
                    }
                    at = hallParents[x]
                    hops += 1
                }
            }
        }
        // Every place a case of a service with a back office can be accepted must reach its department.
        for source in sources {
            let needed = offices[source.service] != nil ? [source.service] : parts[source.service]
            for s in needed where officeRoute[source.hall * serviceCount + s] < 0 {
                let o = spec.services[s].backOffice!
                let tier = o.tier.map { " at tier \($0.rawValue)" } ?? ""
                invalid(
                    "service '\(spec.services[s].id)' accepted at hall '\(spec.halls[source.hall].id)' finds no department '\(o.department)'\(tier) in that hall or up its parents"
                )
            }
        }
    }
}
