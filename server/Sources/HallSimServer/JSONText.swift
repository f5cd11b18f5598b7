public import CaseEngine
import Foundation
import Reports
import SimCore

/// Writes the service's JSON answers (events, case states, errors) with the catalog's ids.
public struct JSONText: Sendable {
    public let catalog: Catalog

    /// Groups whose id names another group too: written as their index.
    let sharedGroups: Set<Int>

    public init(catalog: Catalog) {
        self.catalog = catalog
        var byID: [String: [Int]] = [:]
        for (i, g) in catalog.groups.enumerated() { byID[g.id, default: []].append(i) }
        sharedGroups = Set(byID.values.filter { $0.count > 1 }.joined())
    }

    /// `s` as a JSON string literal (``JSONString``).
    public static func quoted(_ s: String) -> String { JSONString.quoted(s) }

    func hall(_ i: UInt16) -> String { Int(i) < catalog.halls.count ? Self.quoted(catalog.halls[Int(i)].id) : "\(i)" }
    /// A group by its id, or by its index when the id names several groups (as commands may give it).
    func group(_ i: UInt16) -> String {
        Int(i) < catalog.groups.count && !sharedGroups.contains(Int(i)) ? Self.quoted(catalog.groups[Int(i)].id) : "\(i)"
    }
    func service(_ i: UInt16) -> String { Int(i) < catalog.services.count ? Self.quoted(catalog.services[Int(i)]) : "\(i)" }

    /// One event: its command's name, time and every field of its record (docs/api.md, *Events*),
    /// its case (and a submitted case's parent, in `value`) by the clients' ids.
    public func event(_ e: CaseEvent, ids: CaseIDs) -> String {
        var out = "{\"kind\":\"\(e.kind)\",\"time_us\":\(e.time.ticks)"
        switch e.kind {
        case .runEnded:
            out += ",\"value\":\(e.value)"
        case .staffingChanged:
            out += ",\"hall\":\(hall(e.hall)),\"group\":\(group(e.group)),\"staffed\":\(e.value)"
        default:
            let value = e.kind == .submitted && e.value > 0 ? Int64(ids.clientID(of: UInt32(truncatingIfNeeded: e.value - 1))) + 1 : e.value
            out += ",\"case\":\(ids.clientID(of: e.caseID)),\"hall\":\(hall(e.hall)),\"group\":\(group(e.group)),\"window\":\(e.window)"
            out += ",\"service\":\(service(e.service)),\"channel\":\"\(e.channel)\",\"value\":\(value)"
            if e.visit != .first { out += ",\"purpose\":\"\(e.visit)\"" }
        }
        return out + "}"
    }

    /// The answer to one applied command.
    public func applied(_ e: CaseEvent, version: UInt32?, ids: CaseIDs) -> String {
        var out = "{\"status\":200"
        if e.kind != .runEnded, e.kind != .staffingChanged { out += ",\"case\":\(ids.clientID(of: e.caseID))" }
        if let version { out += ",\"version\":\(version)" }
        return out + ",\"events\":[\(event(e, ids: ids))]}"
    }

    /// The answer to one refused command.
    public func rejected(_ r: CommandRejection) -> String {
        var out = "{\"status\":\(r.status),\"error\":{\"code\":\"\(r.code.rawValue)\",\"message\":\(Self.quoted(r.message)),\"command\":\"\(r.command)\""
        if let id = r.caseID { out += ",\"case\":\(id)" }
        if let state = r.state { out += ",\"state\":\"\(state)\"" }
        return out + "}}"
    }

    /// A request-level error body: `{"error":{"code":…,"message":…}}`.
    public static func error(_ code: String, _ message: String) -> String {
        "{\"error\":{\"code\":\"\(code)\",\"message\":\(quoted(message))}}"
    }

    /// Case `id` (the client's id) as `GET /cases/{id}` shows it, or `nil` when it was never submitted.
    public func caseState(_ id: UInt32, in ledger: CaseLedger) -> String? {
        guard let version = ledger.version(of: id), let logID = ledger.ids.logID(of: id) else { return nil }
        guard let s = ledger.book[logID] else {
            return "{\"case\":\(id),\"version\":\(version),\"open\":false,\"state\":\"finished\"}"
        }
        let allowed = s.allowedKinds.map { "\"\(CaseCommand.name(of: $0))\"" }.joined(separator: ",")
        return "{\"case\":\(id),\"version\":\(version),\"open\":true,\"state\":\"\(s.phase)\",\"channel\":\"\(s.channel)\""
            + ",\"hall\":\(hall(s.hall)),\"group\":\(group(s.group)),\"window\":\(s.window),\"service\":\(service(s.service))"
            + ",\"decision\":\"\(s.decision)\",\"submitted_us\":\(s.submittedAt.ticks),\"since_us\":\(s.since.ticks),\"allowed\":[\(allowed)]}"
    }
}

extension ServedCommand {
    /// The command as a JSON object a client sends, with the catalog's ids (one line of JSON Lines).
    public func json(_ catalog: Catalog) -> String {
        let text = JSONText(catalog: catalog)
        var out = "{\"command\":\"\(name)\",\"time_us\":\(time.ticks)"
        if let caseID { out += ",\"case\":\(caseID)" }
        if let hall { out += ",\"hall\":\(text.hall(hall))" }
        if let group { out += ",\"group\":\(text.group(group))" }
        if let service { out += ",\"service\":\(text.service(service))" }
        if let window { out += ",\"window\":\(window)" }
        if let channel { out += ",\"channel\":\"\(channel)\"" }
        if let value { out += ",\"value\":\(value)" }
        if let visitNumber { out += ",\"visit\":\(visitNumber)" }
        if let parent { out += ",\"parent\":\(parent)" }
        if let purpose, purpose != .first { out += ",\"purpose\":\"\(purpose)\"" }
        if let reason { out += ",\"reason\":\"\(reason)\"" }
        if let badRating { out += ",\"rating\":\"\(badRating ? "bad" : "good")\"" }
        if let expectedVersion { out += ",\"expected_version\":\(expectedVersion)" }
        if let seq { out += ",\"seq\":\(seq)" }
        return out + "}"
    }
}
