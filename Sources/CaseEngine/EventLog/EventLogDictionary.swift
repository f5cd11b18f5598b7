import SimCore

/// The dictionary block's payload: the run's ``Catalog`` in little-endian binary (format version 3;
/// version 2 is read too).
///
/// ```
/// string   = u32 byte count, UTF-8 bytes
/// scenario : string
/// seed     : u64
/// calendar : start i32 (epoch day), weekend u8 (bit i = ISO weekday i + 1),
///            holidays u32 count then i32 epoch days, strictly ascending,
///            adjusted working days u32 count then i32 epoch days, strictly ascending
/// target   : i64 service-level target in ticks, -1 when there is none
/// halls    : u32 count, then per hall: id string, tier string, parent u32 (0xFFFFFFFF: none),
///            [3] kind string, [3] wait target i64 in ticks (-1: none)
/// groups   : u32 count, then per group: id string, hall u32, servers u32, [3] kind u8 (GroupKind raw value)
/// services : u32 count, then per service: id string
/// [3] terms: u32 count (0, or the number of services), then per service: statutory i32 (-1: none),
///            promised i32 (-1: none), parts u32 count then that many u32 service indices
/// ```
///
/// Fields marked [3] are absent in version 2, which reads them as their defaults (kind `hall`,
/// no wait target, group kind `window`, no terms). Sets are written sorted, so the same catalog
/// always gives the same bytes (and digest).
enum EventLogDictionary {
    struct Malformed: Error {
        var message: String
    }

    /// The epoch days a stored date may have: 0001-01-01 through 9999-12-31.
    static let storableDays = CalendarDate(year: 1, month: 1, day: 1)!.epochDay...CalendarDate(year: 9999, month: 12, day: 31)!.epochDay
    /// A parent index meaning "no parent".
    static let noParent = UInt32.max
    /// A target meaning "no service-level target" (or no wait target at a hall).
    static let noTarget: Int64 = -1
    /// A working-day limit meaning "no limit".
    static let noLimit: Int32 = -1

    static func encode(_ catalog: Catalog) throws(Malformed) -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ v: Int, _ what: String) throws(Malformed) {
            guard let x = UInt32(exactly: v) else { throw Malformed(message: "\(what) (\(v)) does not fit in 32 bits") }
            withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) }
        }
        func string(_ s: String) throws(Malformed) {
            let bytes = Array(s.utf8)
            try u32(bytes.count, "a name's length")
            out.append(contentsOf: bytes)
        }
        func date(_ d: CalendarDate, _ what: String) throws(Malformed) {
            guard storableDays.contains(d.epochDay) else { throw Malformed(message: "\(what) \(d) is outside the years 1 to 9999") }
            withUnsafeBytes(of: Int32(d.epochDay).littleEndian) { out.append(contentsOf: $0) }
        }
        try string(catalog.scenario)
        withUnsafeBytes(of: catalog.seed.littleEndian) { out.append(contentsOf: $0) }
        let calendar = catalog.calendar
        try date(calendar.start, "the start date")
        out.append(calendar.weekend.reduce(UInt8(0)) { $0 | 1 << UInt8($1.rawValue - 1) })
        for (days, what) in [(calendar.holidays, "holiday"), (calendar.workingDays, "adjusted working day")] {
            try u32(days.count, "the number of \(what)s")
            for d in days.sorted() { try date(d, what) }
        }
        let target = catalog.serviceLevelTarget?.ticks ?? noTarget
        guard target >= noTarget else { throw Malformed(message: "the service-level target (\(target) ticks) is negative") }
        withUnsafeBytes(of: target.littleEndian) { out.append(contentsOf: $0) }
        try u32(catalog.halls.count, "the number of halls")
        for (i, h) in catalog.halls.enumerated() {
            try string(h.id)
            try string(h.tier)
            if let parent = h.parent {
                if let problem = parentProblem(of: i, parent: parent, in: catalog.halls) { throw Malformed(message: problem) }
                try u32(parent, "hall '\(h.id)' parent index")
            } else {
                withUnsafeBytes(of: noParent.littleEndian) { out.append(contentsOf: $0) }
            }
            try string(h.kind)
            let waitTarget = h.waitTarget?.ticks ?? noTarget
            guard waitTarget >= noTarget else { throw Malformed(message: "hall '\(h.id)' wait target (\(waitTarget) ticks) is negative") }
            withUnsafeBytes(of: waitTarget.littleEndian) { out.append(contentsOf: $0) }
        }
        try u32(catalog.groups.count, "the number of groups")
        for g in catalog.groups {
            guard catalog.halls.indices.contains(g.hall) else {
                throw Malformed(message: "group '\(g.id)' refers to hall \(g.hall), but the catalog has \(catalog.halls.count) halls")
            }
            try string(g.id)
            try u32(g.hall, "group '\(g.id)' hall index")
            try u32(g.servers, "group '\(g.id)' servers")
            out.append(g.kind.rawValue)
        }
        try u32(catalog.services.count, "the number of services")
        for s in catalog.services { try string(s) }
        guard catalog.terms.isEmpty || catalog.terms.count == catalog.services.count else {
            throw Malformed(message: "the catalog has terms for \(catalog.terms.count) services but \(catalog.services.count) services")
        }
        try u32(catalog.terms.count, "the number of service terms")
        for (s, t) in catalog.terms.enumerated() {
            for (limit, what) in [(t.statutory, "statutory"), (t.promised, "promised")] {
                let days = limit ?? Int(noLimit)
                guard let v = Int32(exactly: days), v >= noLimit else {
                    throw Malformed(message: "service '\(catalog.services[s])' \(what) limit (\(days) working days) is negative or too large")
                }
                withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
            }
            try u32(t.parts.count, "service '\(catalog.services[s])' number of parts")
            for part in t.parts {
                guard catalog.services.indices.contains(part) else {
                    throw Malformed(message: "service '\(catalog.services[s])' has part \(part), but the catalog has \(catalog.services.count) services")
                }
                try u32(part, "service '\(catalog.services[s])' part index")
            }
        }
        return out
    }

    /// What is wrong with hall `i` having `parent` as its parent: an index outside the halls, or a cycle.
    static func parentProblem(of i: Int, parent: Int, in halls: [Catalog.Hall]) -> String? {
        guard halls.indices.contains(parent) else {
            return "hall \(i) ('\(halls[i].id)') has parent \(parent), but there are \(halls.count) halls"
        }
        var at: Int? = parent
        var steps = 0
        while let h = at, steps <= halls.count {
            if h == i { return "hall \(i) ('\(halls[i].id)') is its own ancestor" }
            at = halls[h].parent.flatMap { halls.indices.contains($0) ? $0 : nil }
            steps += 1
        }
        return nil
    }

    /// The catalog in `bytes`, a dictionary payload of format `version` (2 or 3).
    static func decode(_ bytes: [UInt8], version: UInt16 = EventLog.formatVersion) throws(Malformed) -> Catalog {
        let v3 = version >= 3
        var at = 0
        func u32(_ what: String) throws(Malformed) -> Int {
            guard bytes.count - at >= 4 else { throw Malformed(message: "dictionary ends inside \(what) at payload byte \(at)") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[at + i]) << (8 * i) }
            at += 4
            return Int(v)
        }
        func u64(_ what: String) throws(Malformed) -> UInt64 {
            guard bytes.count - at >= 8 else { throw Malformed(message: "dictionary ends inside \(what) at payload byte \(at)") }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * i) }
            at += 8
            return v
        }
        func u8(_ what: String) throws(Malformed) -> UInt8 {
            guard bytes.count - at >= 1 else { throw Malformed(message: "dictionary ends inside \(what) at payload byte \(at)") }
            at += 1
            return bytes[at - 1]
        }
        func date(_ what: String) throws(Malformed) -> CalendarDate {
            let start = at
            let day = Int(Int32(bitPattern: UInt32(try u32(what))))
            guard storableDays.contains(day) else { throw Malformed(message: "\(what) (epoch day \(day), payload byte \(start)) is outside the years 1 to 9999") }
            return CalendarDate(epochDay: day)
        }
        func string(_ what: String) throws(Malformed) -> String {
            let n = try u32("the length of \(what)")
            guard bytes.count - at >= n else { throw Malformed(message: "\(what) runs past the dictionary's end (payload byte \(at))") }
            guard let s = String(validating: bytes[at..<(at + n)], as: UTF8.self) else {
                throw Malformed(message: "\(what) is not valid UTF-8 (payload byte \(at))")
            }
            at += n
            return s
        }
        /// A count of items of at least `minSize` bytes each, checked against what is left, so a bad count cannot make us allocate.
        func count(_ what: String, minSize: Int) throws(Malformed) -> Int {
            let n = try u32("the number of \(what)")
            guard n <= (bytes.count - at) / minSize else { throw Malformed(message: "\(n) \(what) cannot fit in the dictionary's remaining \(bytes.count - at) bytes") }
            return n
        }
        /// Dates in strictly ascending order, so each set has exactly one encoding.
        func dates(_ what: String) throws(Malformed) -> Set<CalendarDate> {
            var days: [CalendarDate] = []
            for i in 0..<(try count("\(what)s", minSize: 4)) {
                let d = try date("\(what) \(i)")
                if let last = days.last, last >= d { throw Malformed(message: "\(what)s are not in ascending order (\(last), then \(d))") }
                days.append(d)
            }
            return Set(days)
        }
        let scenario = try string("the scenario name")
        let seed = try u64("the seed")
        let start = try date("the start date")
        let weekendBits = try u8("the weekend days")
        guard weekendBits & 0x80 == 0 else { throw Malformed(message: "the weekend days (bits \(weekendBits)) name an eighth day of the week") }
        let weekend = Set(Weekday.allCases.filter { weekendBits & (1 << UInt8($0.rawValue - 1)) != 0 })
        let holidays = try dates("holiday")
        let workingDays = try dates("adjusted working day")
        let target = Int64(bitPattern: try u64("the service-level target"))
        guard target >= noTarget else { throw Malformed(message: "the service-level target (\(target) ticks) is negative") }
        var halls: [Catalog.Hall] = []
        for i in 0..<(try count("halls", minSize: v3 ? 24 : 12)) {
            let id = try string("hall \(i) id")
            let tier = try string("hall \(i) tier")
            let parent = try u32("hall \(i) parent")
            var hall = Catalog.Hall(id: id, tier: tier, parent: parent == Int(noParent) ? nil : parent)
            if v3 {
                hall.kind = try string("hall \(i) kind")
                let waitTarget = Int64(bitPattern: try u64("hall \(i) wait target"))
                guard waitTarget >= noTarget else { throw Malformed(message: "hall \(i) wait target (\(waitTarget) ticks) is negative") }
                hall.waitTarget = waitTarget == noTarget ? nil : SimTime(ticks: waitTarget)
            }
            halls.append(hall)
        }
        for (i, h) in halls.enumerated() {
            if let parent = h.parent, let problem = parentProblem(of: i, parent: parent, in: halls) { throw Malformed(message: problem) }
        }
        var groups: [Catalog.Group] = []
        for i in 0..<(try count("groups", minSize: v3 ? 13 : 12)) {
            let id = try string("group \(i) id")
            let hall = try u32("group \(i) hall")
            guard hall < halls.count else { throw Malformed(message: "group \(i) refers to hall \(hall), but there are \(halls.count) halls") }
            let servers = try u32("group \(i) servers")
            var kind = Catalog.GroupKind.window
            if v3 {
                let raw = try u8("group \(i) kind")
                guard let k = Catalog.GroupKind(rawValue: raw) else { throw Malformed(message: "group \(i) has an unknown kind \(raw)") }
                kind = k
            }
            groups.append(Catalog.Group(id: id, hall: hall, servers: servers, kind: kind))
        }
        var services: [String] = []
        for i in 0..<(try count("services", minSize: 4)) {
            services.append(try string("service \(i) id"))
        }
        var terms: [Catalog.ServiceTerms] = []
        if v3 {
            let n = try count("service terms", minSize: 12)
            guard n == 0 || n == services.count else { throw Malformed(message: "terms for \(n) services, but there are \(services.count) services") }
            for s in 0..<n {
                func limit(_ what: String) throws(Malformed) -> Int? {
                    let days = Int(Int32(bitPattern: UInt32(try u32("service \(s) \(what) limit"))))
                    guard days >= Int(noLimit) else { throw Malformed(message: "service \(s) \(what) limit (\(days) working days) is negative") }
                    return days == Int(noLimit) ? nil : days
                }
                let statutory = try limit("statutory")
                let promised = try limit("promised")
                var parts: [Int] = []
                for p in 0..<(try count("parts of service \(s)", minSize: 4)) {
                    let part = try u32("service \(s) part \(p)")
                    guard part < services.count else { throw Malformed(message: "service \(s) has part \(part), but there are \(services.count) services") }
                    parts.append(part)
                }
                terms.append(Catalog.ServiceTerms(statutory: statutory, promised: promised, parts: parts))
            }
        }
        guard at == bytes.count else { throw Malformed(message: "\(bytes.count - at) unexpected bytes after the catalog") }
        return Catalog(
            scenario: scenario, seed: seed, halls: halls, groups: groups, services: services,
            calendar: ServiceCalendar(start: start, weekend: weekend, holidays: holidays, workingDays: workingDays),
            serviceLevelTarget: target == noTarget ? nil : SimTime(ticks: target), terms: terms
        )
    }
}
