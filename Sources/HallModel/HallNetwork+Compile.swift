import CaseEngine
import SimCore

/// Compiles a ``ScenarioSpec`` into the tables of a ``HallNetwork``, one named step at a time
/// (the order is in ``HallNetwork/init(_:)``).
///
/// A spec read by `Scenarios` has been checked with every problem's position; the invariants
/// here (``invalid(_:)``) stop a spec built in code that breaks those rules, and keep indices
/// inside their 16-bit and 32-bit fields.
struct NetworkCompiler {
    typealias Group = HallNetwork.Group
    typealias Hall = HallNetwork.Hall

    let spec: ScenarioSpec
    var serviceIndex: [String: Int] = [:]
    var hallIndex: [String: Int] = [:]
    var catalogHalls: [Catalog.Hall] = []
    var catalogGroups: [Catalog.Group] = []
    var halls: [Hall] = []
    var groups: [Group] = []
    /// Window groups serving each [hall, service].
    var groupsServing: [[Int]: [Int]] = [:]
    /// [hall, service] pairs offered on rotated weekend days.
    var rotationServices: Set<[Int]> = []
    /// The kiosk group offering each [hall, service].
    var kioskServing: [[Int]: Int] = [:]
    var departmentIndex: [DepartmentKey: Int] = [:]
    var escalationGroup: Int?
    var sources: [HallNetwork.Source] = []
    var routes: [Int] = []
    /// The next global window index.
    var window = 0

    /// Step 1: indexes the services, and checks the stop rule and the scenario's behaviour.
    init(_ spec: ScenarioSpec) {
        self.spec = spec
        for (i, s) in spec.services.enumerated() {
            guard serviceIndex.updateValue(i, forKey: s.id) == nil else { invalid("duplicate service '\(s.id)'") }
            if let problem = s.serviceTime.validated() { invalid("service '\(s.id)': \(problem)") }
        }
        guard spec.services.count <= Int(UInt16.max) else { invalid("more than 65,535 services") }
        guard spec.stop.cases != nil || spec.stop.horizon != nil else { invalid("the stop rule needs cases or a horizon") }
        if let n = spec.stop.cases, n <= 0 || n > Int(UInt32.max) { invalid("stop.cases must be in 1...\(UInt32.max)") }
        if let h = spec.stop.horizon, h <= .zero || h >= .end { invalid("the horizon must be positive and before the end of the clock") }
        HallNetwork.check(spec.behaviour, "the scenario's behaviour")
    }

    /// Adds a group of `count` windows (kiosks, desks) and its catalog entry; returns its index.
    mutating func addGroup(_ group: (Range<Int>) -> Group, _ entry: Catalog.Group, count: Int, _ what: String) -> Int {
        guard count > 0 else { invalid("\(what) needs at least one window") }
        guard count <= Int(UInt16.max), groups.count < Int(UInt16.max) else {
            invalid("\(what): more than 65,535 windows in a group or groups in the network")
        }
        groups.append(group(window ..< window + count))
        catalogGroups.append(entry)
        window += count
        return groups.count - 1
    }

    /// Step 2: the halls in file order, each followed by its window groups, its kiosks and its departments.
    mutating func compileHalls() {
        guard spec.halls.count <= Int(UInt16.max) else { invalid("more than 65,535 halls") }
        let noRoster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        for (h, hall) in spec.halls.enumerated() {
            guard hallIndex.updateValue(h, forKey: hall.id) == nil else { invalid("duplicate hall '\(hall.id)'") }
            catalogHalls.append(Catalog.Hall(id: hall.id, tier: hall.tier.rawValue, kind: hall.kind.rawValue, waitTarget: hall.waitTarget))
            halls.append(HallNetwork.compileHall(hall))
            let groupIDs = Set(hall.windows.map(\.id))
            if let rotation = hall.rotation {
                for g in rotation.groups where !groupIDs.contains(g) {
                    invalid("the rotation of hall '\(hall.id)' names unknown window group '\(g)'")
                }
            }
            for g in hall.windows {
                let what = "window group '\(hall.id)/\(g.id)'"
                let roster = HallNetwork.roster(g.roster, count: g.count, what)
                let onRotation = hall.rotation?.groups.contains(g.id) ?? false
                let index = addGroup(
                    { Group(hall: h, windows: $0, roster: roster, onRotation: onRotation, atBreak: g.atBreak ?? hall.atBreak) },
                    Catalog.Group(id: g.id, hall: h, servers: g.count), count: g.count, what
                )
                for s in g.serves {
                    guard let si = serviceIndex[s] else { invalid("\(what) serves unknown service '\(s)'") }
                    groupsServing[[h, si], default: []].append(index)
                    if onRotation, hall.rotation?.services.contains(s) == true { rotationServices.insert([h, si]) }
                }
            }
            if let kiosks = hall.kiosks {
                let hours = HallNetwork.groupHours(kiosks.hours, hall.id, "kiosks")
                let index = addGroup(
                    { Group(hall: h, windows: $0, roster: noRoster, onRotation: false, kind: .kiosk, ownHours: hours) },
                    Catalog.Group(id: "kiosks", hall: h, servers: kiosks.count, kind: .kiosk), count: kiosks.count,
                    "the kiosks of hall '\(hall.id)'"
                )
                for s in kiosks.services {
                    guard let si = serviceIndex[s] else { invalid("the kiosks of hall '\(hall.id)' offer unknown service '\(s)'") }
                    kioskServing[[h, si]] = index
                }
            }
            for d in hall.departments {
                let key = DepartmentKey(hall: h, id: d.id)
                guard departmentIndex[key] == nil else { invalid("hall '\(hall.id)' lists department '\(d.id)' twice") }
                let what = "department '\(hall.id)/\(d.id)'"
                guard d.staff > 0 else { invalid("\(what) needs a staff of at least 1") }
                let roster = HallNetwork.roster(d.roster, count: d.staff, "\(hall.id)/\(d.id)")
                let hours = HallNetwork.groupHours(d.hours ?? DepartmentSpec.standardHours, hall.id, "department '\(d.id)'")
                departmentIndex[key] = addGroup(
                    { Group(hall: h, windows: $0, roster: roster, onRotation: false, kind: .department, ownHours: hours) },
                    Catalog.Group(id: d.id, hall: h, servers: d.staff, kind: .department), count: d.staff, what
                )
            }
        }
    }

    /// Step 3: the escalation desk, after every hall's groups.
    mutating func compileEscalationDesk() {
        guard let e = spec.escalation else { return }
        guard let h = hallIndex[e.hall] else { invalid("the escalation desk names unknown hall '\(e.hall)'") }
        guard e.staff > 0 else { invalid("the escalation desk needs a staff of at least 1") }
        if let problem = e.handling.validated() { invalid("the escalation desk's handling time: \(problem)") }
        guard (0 ... 1).contains(e.transfer), (0 ... 1).contains(e.contest), e.maxVisits >= 1 else {
            invalid("the escalation desk's shares must be in 0...1 and max_visits at least 1")
        }
        let hours = HallNetwork.groupHours(e.hours ?? DepartmentSpec.standardHours, e.hall, "the escalation desk")
        let noRoster = Array(repeating: [RosterShift](), count: DayType.allCases.count)
        escalationGroup = addGroup(
            { Group(hall: h, windows: $0, roster: noRoster, onRotation: false, kind: .escalation, ownHours: hours) },
            Catalog.Group(id: "escalation", hall: h, servers: e.staff, kind: .escalation), count: e.staff, "the escalation desk"
        )
    }

    /// Step 5: links each hall to its parent in the catalog.
    mutating func linkParents() {
        for (h, hall) in spec.halls.enumerated() {
            guard let parent = hall.parent else { continue }
            guard let p = hallIndex[parent] else { invalid("hall '\(hall.id)' names unknown parent '\(parent)'") }
            catalogHalls[h].parent = p
        }
    }

    /// Step 5: the catalog of names the projections report under.
    func catalog() -> Catalog {
        Catalog(
            scenario: spec.name, seed: spec.seed, halls: catalogHalls, groups: catalogGroups, services: spec.services.map(\.id),
            calendar: spec.calendar, serviceLevelTarget: spec.serviceLevelTarget
        )
    }
}
