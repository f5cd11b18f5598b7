import SimCore

/// What the network fold reads of its catalog, fixed for the run: which groups are departments,
/// which halls are hotlines and their wait targets, each service's promised and statutory limits
/// and whether it is a bundle, and the calendar that dates deadlines in working days.
struct NetworkTerms: Sendable {
    /// Per group: its index among the departments, -1 for other kinds.
    let departmentOf: [Int32]
    /// The groups that are departments, in catalog order.
    let departments: [Int]
    /// Per hall: the hotline wait target in ticks, or -1 for a hall that is not a hotline.
    let hotlineTarget: [Int64]
    /// Per service: promised and statutory limits in working days (-1: none); whether it is a bundle.
    let promised: [Int32]
    let statutory: [Int32]
    let isBundle: [Bool]
    /// The catalog's calendar, by day.
    let days: DayTypeTable

    /// The hotline's wait target when a hotline hall sets none.
    static let defaultHotlineTarget = SimTime.seconds(15)

    /// The terms of `catalog`, dating deadlines by `days` (its calendar).
    init(catalog: Catalog, days: DayTypeTable) {
        var slot = [Int32](repeating: -1, count: catalog.groups.count)
        var departments: [Int] = []
        for (g, group) in catalog.groups.enumerated() where group.kind == .department {
            slot[g] = Int32(departments.count)
            departments.append(g)
        }
        departmentOf = slot
        self.departments = departments
        hotlineTarget = catalog.halls.map { h in
            h.kind == "hotline" ? (h.waitTarget ?? Self.defaultHotlineTarget).ticks : -1
        }
        let terms = catalog.services.indices.map { catalog.terms(of: $0) }
        promised = terms.map { Int32(clamping: $0.promised ?? -1) }
        statutory = terms.map { Int32(clamping: $0.statutory ?? -1) }
        isBundle = terms.map { !$0.parts.isEmpty }
        self.days = days
    }

    /// Terms that know no halls, groups or services and allocate nothing (a fold of ratings only).
    init(ratingsOnlyWith days: DayTypeTable) {
        departmentOf = []
        departments = []
        hotlineTarget = []
        promised = []
        statutory = []
        isBundle = []
        self.days = days
    }

    /// Whether hall `hall` is a hotline.
    @inline(__always)
    func isHotline(_ hall: UInt16) -> Bool { Int(hall) < hotlineTarget.count && hotlineTarget[Int(hall)] >= 0 }

    /// The department index of group `group`, -1 when it is not a department.
    @inline(__always)
    func department(_ group: UInt16) -> Int { Int(group) < departmentOf.count ? Int(departmentOf[Int(group)]) : -1 }

    /// Whether service `service` is a bundle.
    @inline(__always)
    func bundles(_ service: UInt16) -> Bool { Int(service) < isBundle.count && isBundle[Int(service)] }

    /// The promised and statutory limits of service `s` in working days (-1: none).
    func limits(_ s: Int) -> (promised: Int, statutory: Int) {
        (s < promised.count ? Int(promised[s]) : -1, s < statutory.count ? Int(statutory[s]) : -1)
    }
}
