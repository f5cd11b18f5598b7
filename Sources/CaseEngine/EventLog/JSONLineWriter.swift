import SimCore

/// Renders catalog and events as JSON, with names pre-escaped once.
struct JSONLineWriter {
    let catalog: Catalog
    let halls: [[UInt8]]
    let groups: [[UInt8]]
    let services: [[UInt8]]
    let kinds: [[UInt8]]
    let channels: [[UInt8]]
    /// ``AbandonReason`` names by raw value, then `"unknown"` for any other value.
    let reasons: [[UInt8]]

    init(catalog: Catalog) {
        self.catalog = catalog
        halls = catalog.halls.map { Self.quoted($0.id) }
        groups = catalog.groups.map { Self.quoted($0.id) }
        services = catalog.services.map { Self.quoted($0) }
        kinds = (0...255).map { raw in
            CaseEvent.Kind(rawValue: UInt8(raw)).map { Self.quoted(String(describing: $0)) } ?? Self.quoted("kind\(raw)")
        }
        channels = (0...255).map { raw in
            CaseEvent.Channel(rawValue: UInt8(raw)).map { Self.quoted(String(describing: $0)) } ?? Self.quoted("channel\(raw)")
        }
        reasons = AbandonReason.allCases.map { Self.quoted(String(describing: $0)) } + [Self.quoted("unknown")]
    }

    /// `s` as a JSON string literal, quotes included.
    static func quoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    func appendCatalog(to out: inout [UInt8]) {
        out += Array("{\"catalog\":{\"scenario\":".utf8) + Self.quoted(catalog.scenario)
        out += Array(",\"seed\":\(catalog.seed),\"calendar\":{\"start\":".utf8) + Self.quoted(catalog.calendar.start.description)
        func list(_ key: String, _ names: [String]) {
            out += Array(",\"\(key)\":[".utf8)
            for (i, name) in names.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out += Self.quoted(name)
            }
            out.append(UInt8(ascii: "]"))
        }
        list("weekend", catalog.calendar.weekend.sorted().map { String(describing: $0) })
        list("holidays", catalog.calendar.holidays.sorted().map(\.description))
        list("working_days", catalog.calendar.workingDays.sorted().map(\.description))
        out.append(UInt8(ascii: "}"))
        if let target = catalog.serviceLevelTarget {
            Self.append(",\"service_level_target_s\":", to: &out)
            Self.appendSeconds(target.ticks, to: &out)
        }
        out += Array(",\"halls\":[".utf8)
        for (i, h) in catalog.halls.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"id\":".utf8) + Self.quoted(h.id) + Array(",\"tier\":".utf8) + Self.quoted(h.tier)
            if let parent = h.parent {
                out += Array(",\"parent\":".utf8)
                if halls.indices.contains(parent) { out += halls[parent] } else { Self.append(signed: Int64(parent), to: &out) }
            }
            out += Array(",\"kind\":".utf8) + Self.quoted(h.kind)
            if let target = h.waitTarget {
                Self.append(",\"wait_target_s\":", to: &out)
                Self.appendSeconds(target.ticks, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],\"groups\":[".utf8)
        for (i, g) in catalog.groups.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"id\":".utf8) + Self.quoted(g.id) + Array(",\"hall\":\(g.hall),\"servers\":\(g.servers),\"kind\":".utf8)
            out += Self.quoted(g.kind.name) + [UInt8(ascii: "}")]
        }
        out += Array("],\"services\":[".utf8)
        for (i, s) in catalog.services.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Self.quoted(s)
        }
        out += Array("],\"terms\":[".utf8)
        var first = true
        for (s, t) in catalog.terms.enumerated() where t != Catalog.ServiceTerms() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += Array("{\"service\":".utf8)
            name(services, UInt16(truncatingIfNeeded: s), to: &out)
            if let days = t.statutory { out += Array(",\"statutory_wd\":\(days)".utf8) }
            if let days = t.promised { out += Array(",\"promised_wd\":\(days)".utf8) }
            if !t.parts.isEmpty {
                out += Array(",\"parts\":[".utf8)
                for (j, part) in t.parts.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    if services.indices.contains(part) { out += services[part] } else { Self.append(signed: Int64(part), to: &out) }
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out += Array("]}}\n".utf8)
    }

    @inline(__always)
    static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func append(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var n = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 {
                d[23 - count] = UInt8(ascii: "0") &+ UInt8(n % 10)
                n /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(24 - count)...]))
        }
    }

    static func append(signed value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        append(value.magnitude, to: &out)
    }

    /// Ticks as exact decimal seconds (no trailing zeros, no exponent).
    static func appendSeconds(_ ticks: Int64, to out: inout [UInt8]) {
        if ticks < 0 { out.append(UInt8(ascii: "-")) }
        let perSecond = UInt64(SimTime.ticksPerSecond)
        let m = ticks.magnitude
        append(m / perSecond, to: &out)
        var frac = m % perSecond
        guard frac > 0 else { return }
        out.append(UInt8(ascii: "."))
        var scale = perSecond / 10
        while frac > 0 {
            out.append(UInt8(ascii: "0") &+ UInt8(frac / scale))
            frac %= scale
            scale /= 10
        }
    }

    func name(_ table: [[UInt8]], _ index: UInt16, to out: inout [UInt8]) {
        if Int(index) < table.count {
            out += table[Int(index)]
        } else {
            Self.append(UInt64(index), to: &out)
        }
    }

    func append(_ e: CaseEvent, to out: inout [UInt8]) {
        Self.append("{\"kind\":", to: &out)
        out += kinds[Int(e.kind.rawValue)]
        Self.append(",\"time_s\":", to: &out)
        Self.appendSeconds(e.time.ticks, to: &out)
        let raw = e.kind.rawValue
        if raw == CaseEvent.Kind.runEnded.rawValue {
            Self.append("}\n", to: &out)
            return
        }
        if raw == CaseEvent.Kind.staffingChanged.rawValue {
            Self.append(",\"hall\":", to: &out)
            name(halls, e.hall, to: &out)
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
            Self.append(",\"staffed\":", to: &out)
            Self.append(signed: e.value, to: &out)
            Self.append("}\n", to: &out)
            return
        }
        Self.append(",\"case\":", to: &out)
        Self.append(UInt64(e.caseID), to: &out)
        Self.append(",\"hall\":", to: &out)
        name(halls, e.hall, to: &out)
        Self.append(",\"service\":", to: &out)
        name(services, e.service, to: &out)
        Self.append(",\"channel\":", to: &out)
        out += channels[Int(e.channel.rawValue)]
        switch raw {
        case CaseEvent.Kind.submitted.rawValue:
            Self.append(",\"visit\":", to: &out)
            Self.append(UInt64(e.window), to: &out)
        case CaseEvent.Kind.ticketIssued.rawValue:
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
        case CaseEvent.Kind.called.rawValue, CaseEvent.Kind.serviceCompleted.rawValue:
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
            Self.append(",\"window\":", to: &out)
            Self.append(UInt64(e.window), to: &out)
            if raw == CaseEvent.Kind.called.rawValue {
                Self.append(",\"wait_s\":", to: &out)
            } else {
                Self.append(",\"service_s\":", to: &out)
            }
            Self.appendSeconds(e.value, to: &out)
        case CaseEvent.Kind.rated.rawValue:
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
            switch e.window {
            case 0: Self.append(",\"rating\":\"good\"", to: &out)
            case 1: Self.append(",\"rating\":\"bad\"", to: &out)
            default: Self.append(",\"rating\":\"unknown\"", to: &out)
            }
            Self.append(",\"wait_s\":", to: &out)
            Self.appendSeconds(e.value, to: &out)
        case CaseEvent.Kind.workStarted.rawValue:
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
            Self.append(",\"desk\":", to: &out)
            Self.append(UInt64(e.window), to: &out)
            Self.append(",\"work_s\":", to: &out)
            Self.appendSeconds(e.value, to: &out)
        case CaseEvent.Kind.callbackDone.rawValue:
            Self.append(",\"group\":", to: &out)
            name(groups, e.group, to: &out)
            Self.append(",\"since_rating_s\":", to: &out)
            Self.appendSeconds(e.value, to: &out)
        default:
            // Kinds whose `group` may be a department rather than a window group: raw numbers.
            Self.append(",\"group\":", to: &out)
            Self.append(UInt64(e.group), to: &out)
            Self.append(",\"window\":", to: &out)
            Self.append(UInt64(e.window), to: &out)
            Self.append(",\"value\":", to: &out)
            Self.append(signed: e.value, to: &out)
            if raw == CaseEvent.Kind.abandoned.rawValue || raw == CaseEvent.Kind.uncollected.rawValue {
                Self.append(",\"reason\":", to: &out)
                out += reasons[Int(Swift.min(e.window, UInt16(reasons.count - 1)))]
            }
        }
        // Log format 5: the visit a queue event belongs to, when not the first.
        switch e.reserved {
        case 0: break
        case CaseEvent.Visit.returning.rawValue: Self.append(",\"queue_visit\":\"returning\"", to: &out)
        case CaseEvent.Visit.pickup.rawValue: Self.append(",\"queue_visit\":\"pickup\"", to: &out)
        default: Self.append(",\"queue_visit\":\"unknown\"", to: &out)
        }
        Self.append("}\n", to: &out)
    }
}
