import Experiments

/// The sections of replications' summaries merged into one, by their shape: every number
/// becomes the mean across the replications and gains a sibling `<key>_ci95`, its 95% half-width
/// across them (Student-t, replacing a within-run `_ci95`); objects merge member by member; lists
/// of objects merge entry by entry (``mergeEntities(_:)``); lists of numbers element by element.
/// docs/kpis.md (*Replications*) states the rules.
///
/// A value that cannot be merged — text, a flag, a member missing from some replications, lists
/// of different lengths, values of different kinds — is the first replication's, as it is; text
/// that differs between replications therefore reads as the first replication's.
public enum ReplicationMerge {
    /// `objects`, one per replication, merged member by member; members are those of the first.
    public static func merge(_ objects: [[String: JSONValue]]) -> [String: JSONValue] {
        precondition(!objects.isEmpty, "a merge needs at least one replication")
        var merged: [String: JSONValue] = [:]
        for key in objects[0].keys where !key.hasSuffix("_ci95") {
            let values = objects.map { $0[key] }
            merged[key] = mergeValues(values)
            if let numbers = numbers(values), numbers.count > 1, let halfWidth = Estimate(numbers).halfWidth {
                merged[key + "_ci95"] = .number(halfWidth)
            }
        }
        return merged
    }

    /// The replications' values of one member (`nil` where a replication lacks it), merged; the
    /// first replication's value when they cannot be.
    static func mergeValues(_ values: [JSONValue?]) -> JSONValue {
        let first = values[0] ?? .null
        let present = values.compactMap { $0 }
        guard present.count == values.count else { return first }
        let objects = present.compactMap(\.object)
        if objects.count == present.count { return .object(merge(objects)) }
        let arrays = present.compactMap(\.array)
        if arrays.count == present.count {
            let lists = arrays.map { $0.compactMap(\.object) }
            if zip(lists, arrays).allSatisfy({ $0.count == $1.count }) { return .array(mergeEntities(lists).map(JSONValue.object)) }
            guard arrays.allSatisfy({ $0.count == arrays[0].count }) else { return first }
            return .array(arrays[0].indices.map { i in mergeValues(arrays.map { $0[i] }) })
        }
        if let numbers = numbers(present) { return .number(Estimate(numbers).mean) }
        return first
    }

    /// The values as numbers, when every one is present and a number.
    static func numbers(_ values: [JSONValue?]) -> [Double]? {
        let numbers = values.compactMap { $0?.number }
        return numbers.count == values.count ? numbers : nil
    }

    /// Lists of objects (groups, channels, departments …) merged entity by entity: an entry is
    /// identified by its text members (hall, group, channel, department …), never by its
    /// position, so replications that saw different entries (a channel or a late unit in one run
    /// only) do not mix them. Entries keep the order they first appear in; one missing from some
    /// replications is merged over those that have it and says how many in `replications_present`.
    public static func mergeEntities(_ lists: [[[String: JSONValue]]]) -> [[String: JSONValue]] {
        var order: [String] = []
        var byIdentity: [String: [[String: JSONValue]]] = [:]
        for list in lists {
            for entry in list {
                let id = identity(entry)
                if byIdentity[id] == nil { order.append(id) }
                byIdentity[id, default: []].append(entry)
            }
        }
        return order.map { id in
            let entries = byIdentity[id]!
            var merged = merge(entries)
            if entries.count < lists.count { merged["replications_present"] = .integer(entries.count) }
            return merged
        }
    }

    /// What names an entry: its text members, `key=value` in key order.
    static func identity(_ entry: [String: JSONValue]) -> String {
        entry.keys.sorted().compactMap { k in entry[k]?.string.map { "\(k)=\($0)" } }.joined(separator: "\u{1}")
    }
}
