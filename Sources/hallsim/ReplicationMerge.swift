import Foundation
import SimCore

/// Replication summaries merged into one (the replications themselves run in
/// `Experiments.Replications`).
enum ReplicationMerge {
    /// Merges replication summaries (as JSON objects) into one: every number becomes the mean
    /// across replications, and gets a sibling `<key>_ci95`, its 95% half-width across them
    /// (replacing a within-run `_ci95`). Strings must agree and are kept. Keys in `kept` are
    /// taken from the first replication as they are.
    static func merge(_ runs: [[String: Any]], kept: Set<String>) -> [String: Any] {
        var merged: [String: Any] = [:]
        for key in runs[0].keys {
            if kept.contains(key) {
                merged[key] = runs[0][key]
                continue
            }
            if key.hasSuffix("_ci95") { continue }
            let values = runs.map { $0[key] }
            if let value = mergeValues(values) {
                merged[key] = value
                if let numbers = values as? [NSNumber], numbers.count > 1 {
                    merged[key + "_ci95"] = StudentT.halfWidth95(of: numbers.map(\.doubleValue))
                }
            }
        }
        return merged
    }

    static func mergeValues(_ values: [Any?]) -> Any? {
        if let dicts = values as? [[String: Any]] { return merge(dicts, kept: []) }
        if let lists = values as? [[[String: Any]]] { return mergeEntities(lists) }
        if let arrays = values as? [[Any]] {
            guard let first = arrays.first, arrays.allSatisfy({ $0.count == first.count }) else { return values.first ?? nil }
            return (0 ..< first.count).map { i in mergeValues(arrays.map { $0[i] }) ?? NSNull() }
        }
        if let numbers = values as? [NSNumber] {
            return numbers.map(\.doubleValue).reduce(0, +) / Double(numbers.count)
        }
        return values.first ?? nil
    }

    /// Merges lists of objects (groups, channels, departments …) entity by entity: an entry is
    /// identified by its text fields (hall, group, channel, department …), never by its position,
    /// so replications that saw different entries (a channel or a late unit in one run only) do
    /// not mix them. Entries keep the order they first appear in; one missing from some
    /// replications is merged over those that have it and says so in `replications_present`.
    static func mergeEntities(_ lists: [[[String: Any]]]) -> [[String: Any]] {
        func identity(_ entry: [String: Any]) -> String {
            entry.keys.sorted().compactMap { k in (entry[k] as? String).map { "\(k)=\($0)" } }.joined(separator: "\u{1}")
        }
        var order: [String] = []
        var byIdentity: [String: [[String: Any]]] = [:]
        for list in lists {
            for entry in list {
                let id = identity(entry)
                if byIdentity[id] == nil { order.append(id) }
                byIdentity[id, default: []].append(entry)
            }
        }
        return order.map { id in
            let entries = byIdentity[id]!
            var merged = merge(entries, kept: [])
            if entries.count < lists.count { merged["replications_present"] = entries.count }
            return merged
        }
    }
}
