import HallModel
import SimCore

/// A scenario as read so far: each part is `nil` when reading it failed (and was reported).
struct ScenarioDraft {
    var name: String?
    var seed: UInt64?
    var stop: StopRule?
    var services: [ServiceDraft]?
    var halls: [HallDraft]?
    var demand: [DemandDraft]?

    /// The finished spec, when every part was read.
    var spec: ScenarioSpec? {
        guard let name, let seed, let stop,
              let services = services?.allBuilt(\.spec),
              let halls = halls?.allBuilt(\.spec),
              let demand = demand?.allBuilt(\.spec)
        else { return nil }
        return ScenarioSpec(name: name, seed: seed, stop: stop, services: services, halls: halls, demand: demand)
    }
}

/// A service as read so far.
struct ServiceDraft {
    var id: Located<String>?
    var serviceTime: Distribution?

    var spec: ServiceSpec? {
        guard let id, let serviceTime else { return nil }
        return ServiceSpec(id: id.value, serviceTime: serviceTime)
    }
}

/// A hall as read so far.
struct HallDraft {
    var position: Position
    var id: Located<String>?
    var tier: Tier?
    var parent: Located<String>?
    var hours: OpeningHours? = .always
    var windows: [WindowDraft]?

    var spec: HallSpec? {
        guard let id, let tier, let hours, let windows = windows?.allBuilt(\.spec) else { return nil }
        return HallSpec(id: id.value, tier: tier, parent: parent?.value, hours: hours, windows: windows)
    }
}

/// A window group as read so far.
struct WindowDraft {
    var id: Located<String>?
    var count: Int?
    var serves: [Located<String>]?

    var spec: WindowGroupSpec? {
        guard let id, let count, let serves else { return nil }
        return WindowGroupSpec(id: id.value, count: count, serves: serves.map(\.value))
    }
}

/// A demand entry as read so far.
struct DemandDraft {
    var position: Position
    var service: Located<String>?
    var hall: Located<String>?
    var arrivals: ArrivalProcess?

    var spec: DemandSpec? {
        guard let service, let hall, let arrivals else { return nil }
        return DemandSpec(service: service.value, hall: hall.value, arrivals: arrivals)
    }
}

extension Array {
    /// Every element built, or `nil` if any failed to build.
    func allBuilt<Built>(_ build: (Element) -> Built?) -> [Built]? {
        var built: [Built] = []
        built.reserveCapacity(count)
        for element in self {
            guard let value = build(element) else { return nil }
            built.append(value)
        }
        return built
    }
}
