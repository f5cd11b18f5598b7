import CaseEngine
import SimCore

extension HallNetwork {
    /// Per group, per day type (index by `DayType.rawValue`): the intervals of the day when at least
    /// one of its windows is staffed, from its hours, roster and rotation (``staffingSteps(group:on:)``).
    func staffedHours() -> [[[DayInterval]]] {
        groups.indices.map { g in
            var table = Array(repeating: [DayInterval](), count: DayType.allCases.count)
            for type in DayType.allCases {
                let steps = staffingSteps(group: g, on: Day(index: 0, type: type, weekday: .monday, month: 1))
                var out: [DayInterval] = []
                for (i, step) in steps.enumerated() where step.count > 0 {
                    let end = i + 1 < steps.count ? steps[i + 1].at : ServiceCalendar.dayTicks
                    if let last = out.last, last.to == step.at {
                        out[out.count - 1].to = end
                    } else {
                        out.append(DayInterval(from: step.at, to: end))
                    }
                }
                table[Int(type.rawValue)] = out
            }
            return table
        }
    }
}
