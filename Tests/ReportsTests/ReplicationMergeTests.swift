import Foundation
import Reports
import Testing

/// Replications' sections as JSON text, read as the merge reads them.
func objects(_ texts: [String]) throws -> [[String: JSONValue]] {
    try texts.map { try JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8)) }
}

/// The two-sided 95% Student-t half-width of the mean of `xs`, computed here from its definition.
func halfWidth(_ xs: [Double]) -> Double {
    let quantiles = [1: 12.706204736, 2: 4.302652730]
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
    return quantiles[xs.count - 1]! * (variance / n).squareRoot()
}

@Test func numbersBecomeMeansWithHalfWidthsThatReplaceTheRunsOwn() throws {
    let merged = ReplicationMerge.merge(try objects([
        #"{"arrived": 10, "wait": {"mean": 1.5, "mean_ci95": 0.2}}"#,
        #"{"arrived": 14, "wait": {"mean": 2.5, "mean_ci95": 0.3}}"#,
        #"{"arrived": 15, "wait": {"mean": 4.0, "mean_ci95": 0.1}}"#,
    ]))
    #expect(merged["arrived"]?.number == 13)
    #expect(merged["arrived_ci95"]?.number == halfWidth([10, 14, 15]))
    let wait = try #require(merged["wait"])
    #expect(wait["mean"]?.number == 8.0 / 3)
    #expect(wait["mean_ci95"]?.number == halfWidth([1.5, 2.5, 4.0]))
    #expect(wait.object?.count == 2)
}

@Test func anEntityInOnlySomeReplicationsIsMergedOverThoseAndSaysHowMany() throws {
    let merged = ReplicationMerge.merge(try objects([
        #"{"channels": [{"channel": "walk_in", "arrived": 10}, {"channel": "online", "arrived": 2}]}"#,
        #"{"channels": [{"channel": "online", "arrived": 4}, {"channel": "walk_in", "arrived": 12}, {"channel": "phone", "arrived": 1}]}"#,
        #"{"channels": [{"channel": "walk_in", "arrived": 14}, {"channel": "phone", "arrived": 3}]}"#,
    ]))
    let channels = try #require(merged["channels"]?.array)
    #expect(channels.map { $0["channel"]?.string } == ["walk_in", "online", "phone"], "in the order they first appear")
    #expect(channels[0]["arrived"]?.number == 12)
    #expect(channels[0]["replications_present"] == nil)
    #expect(channels[1]["arrived"]?.number == 3)
    #expect(channels[1]["arrived_ci95"]?.number == halfWidth([2, 4]))
    #expect(channels[1]["replications_present"] == .integer(2))
    #expect(channels[2]["arrived"]?.number == 2)
    #expect(channels[2]["replications_present"] == .integer(2))
}

@Test func entitiesAreNamedByAllTheirTextMembers() throws {
    // The same group id in two halls: two entries, never one.
    let merged = ReplicationMerge.merge(try objects([
        #"{"groups": [{"hall": "a", "group": "w", "served": 1}, {"hall": "b", "group": "w", "served": 5}]}"#,
        #"{"groups": [{"hall": "b", "group": "w", "served": 7}, {"hall": "a", "group": "w", "served": 3}]}"#,
    ]))
    let groups = try #require(merged["groups"]?.array)
    #expect(groups.map { $0["hall"]?.string } == ["a", "b"])
    #expect(groups.map { $0["served"]?.number } == [2, 6])
}

@Test func textThatDisagreesAndMembersMissingSomewhereAreTheFirstReplications() throws {
    let merged = ReplicationMerge.merge(try objects([
        #"{"method": "given", "lateness": {"p90": 3}, "level": 0.5, "note": 1}"#,
        #"{"method": "mser5", "level": 0.7, "note": "nan"}"#,
        #"{"method": "given", "lateness": {"p90": 9}, "level": 0.9, "note": 2}"#,
    ]))
    #expect(merged["method"] == .string("given"))
    #expect(merged["lateness"] == .object(["p90": .integer(3)]), "absent from replication 2: replication 1's, unmerged")
    #expect(merged["lateness_ci95"] == nil)
    #expect(merged["note"] == .integer(1), "a number in some and text in others: replication 1's")
    #expect(merged["note_ci95"] == nil)
    #expect(merged["level"]?.number == (0.5 + 0.7 + 0.9) / 3)
}

@Test func listsOfNumbersMergeElementByElementOnlyWhenAlike() throws {
    let merged = ReplicationMerge.merge(try objects([
        #"{"series": [1, 4], "ragged": [1, 2, 3]}"#,
        #"{"series": [3, 8], "ragged": [5]}"#,
    ]))
    #expect(merged["series"] == .array([.number(2), .number(6)]))
    #expect(merged["series_ci95"] == nil, "elements have no half-widths")
    #expect(merged["ragged"] == .array([.integer(1), .integer(2), .integer(3)]))
}

@Test func aJSONValueReadsAndWritesTheSameText() throws {
    let text = #"{"a":[1,2.5,"x",true,null,{"b":-3}],"c":1e-05}"#
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(value["a"]?.array?.first == .integer(1))
    #expect(value["c"]?.number == 1e-05)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let again = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    #expect(again == value)
}
