import CaseEngine
import HallModel
import SimCore

/// A legal scenario that is probably not what was meant, with where it is written.
public struct ScenarioWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    /// `FILE:LINE:COLUMN: warning: message (hint)`.
    public var description: String {
        "\(file):\(line):\(column): warning: \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// Where the parts of a built spec are written: the demand entries (one per built entry, a
/// family's entry repeated for each hall), each hall's id and each hall's window groups.
struct SpecPositions {
    struct Demand {
        var entry: Position
        var partialHourly: [(key: String, position: Position, listed: Int)]
        var weekdays: [(weekday: Int, position: Position)]
    }

    var demand: [Demand] = []
    var halls: [Position] = []
    var groups: [[Position]] = []
}

/// The warnings of a scenario, all found here, in file order (one per place and kind: a
/// family's halls share one warning, naming the first and how many).
///
/// 1. a hall whose window groups are offered more work than their staffed time over a whole
///    day type (the queue can never empty; a busy peak hour alone is normal);
/// 2. `hourly` or `remote_hourly` as a mapping leaving hours out, on an entry with an online or
///    mobile share (the hours left out are factor 1: remote cases come all night);
/// 3. a weekday given a demand factor on which the entry's hall is never open in the run;
/// 4. a window group with demand that its roster never staffs.
enum ScenarioWarnings {
    static func find(_ spec: ScenarioSpec, _ positions: SpecPositions, file: String) -> [ScenarioWarning] {
        guard positions.demand.count == spec.demand.count else { return [] }
        let network = HallNetwork(spec)
        let days = spec.stop.horizon.map { Int((Double($0.ticks) / Double(ServiceCalendar.dayTicks)).rounded(.up)) } ?? 366
        let counts = DayCounts(calendar: spec.calendar, days: min(days, 4 * 366))
        let load = OfferedLoad(network)
        var found: [(position: Position, kind: Int, message: String, hint: String?)] = []
        var repeats: [String: Int] = [:]
        func add(_ position: Position, _ kind: Int, _ message: String, hint: String? = nil) {
            let key = "\(position.line):\(position.column):\(kind)"
            repeats[key, default: 0] += 1
            if repeats[key] == 1 { found.append((position, kind, message, hint)) }
        }
        for load in load.overloads(over: counts) {
            let hall = spec.halls[load.hall].id
            add(positions.halls[load.hall], 1,
                "hall '\(hall)' is offered \(Int((load.offered / 3600).rounded())) window-hours of service on its \(Self.days(load.type)) but staffs \(Int((load.capacity / 3600).rounded())): its queue can never empty",
                hint: "add windows or staff, or check the rates")
        }
        var staffedDemand = Set<Int>()
        var firstSource: [String: Int] = [:]
        for s in network.sources.indices.reversed() {
            firstSource[network.catalog.halls[network.sources[s].hall].id + "\u{0}" + network.catalog.services[network.sources[s].service]] = s
        }
        for (d, demand) in spec.demand.enumerated() {
            let at = positions.demand[d]
            let remote = demand.channels.contains { ($0.channel == .online || $0.channel == .mobile) && $0.share > 0 }
            if remote {
                for partial in at.partialHourly {
                    let rest = "'\(partial.key)' lists \(partial.listed) of 24 hours; the other \(24 - partial.listed) are factor 1, not 0"
                    add(partial.position, 2, partial.key == "remote_hourly"
                        ? rest + ", so online and mobile cases of '\(demand.service)' arrive in them, all night included"
                        : rest + "; online and mobile cases of '\(demand.service)' do not follow it but 'remote_hourly' (the default online shape unless given)",
                        hint: "list all 24 hours, or give the quiet hours a factor")
                }
            }
            for (weekday, position) in at.weekdays where demand.profile.weekday[weekday] > 0 && demand.closedDays == .lost {
                if let source = firstSource[demand.hall + "\u{0}" + demand.service], load.neverOpen(source: source, weekday: weekday + 1, days: days) {
                    add(position, 3,
                        "demand for '\(demand.service)' on \(CalendarReader.weekdayNames[weekday].full.prefix(1).uppercased() + CalendarReader.weekdayNames[weekday].full.dropFirst()) at '\(demand.hall)', which is never open that day in the run",
                        hint: "give the day a factor of 0, or set closed_days: next_opening to move its volume to the next opening")
                }
            }
        }
        for s in network.sources.indices where !network.sources[s].spreadsVolume && load.expectedVolume(source: s, over: counts) > 0 {
            for r in network.sources[s].routes { staffedDemand.insert(network.routes[r]) }
        }
        var windowGroups = Array(repeating: [Int](), count: spec.halls.count)
        for (g, group) in network.groups.enumerated() where group.kind == .window && group.hall < windowGroups.count {
            windowGroups[group.hall].append(g)
        }
        for (h, hall) in spec.halls.enumerated() {
            for (w, group) in windowGroups[h].enumerated() where w < hall.windows.count && w < positions.groups[h].count {
                if staffedDemand.contains(group), load.neverStaffed(group: group, over: counts) {
                    add(positions.groups[h][w], 4,
                        "window group '\(hall.windows[w].id)' of hall '\(hall.id)' has demand but its roster never staffs it",
                        hint: "give it a roster shift with a count above 0, or remove it")
                }
            }
        }
        return found.sorted { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) }.map { w in
            let more = repeats["\(w.position.line):\(w.position.column):\(w.kind)", default: 1] - 1
            let message = more > 0 ? w.message + " (and \(more) more like it from this line)" : w.message
            return ScenarioWarning(file: file, line: w.position.line, column: w.position.column, message: message, hint: w.hint)
        }
    }

    /// Days of a type as a sentence says them.
    static func days(_ type: DayType) -> String {
        switch type {
        case .workday: "working days"
        case .weekend: "weekend days"
        case .holiday: "holidays"
        }
    }
}
