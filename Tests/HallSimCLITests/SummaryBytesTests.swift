import Foundation
import HallSimTesting
import Reports
import Testing

/// summary.json as written (``Summary/jsonData()``) is, byte for byte, what a JSON encoder
/// pretty-printing with sorted keys writes for the same summary: read back, encoded again by the
/// encoder, compared. Every bundled network, so that every section a summary can hold is written.
@Test(arguments: [
    ["scenarios/huaibei-network.yaml", "--horizon", "3d"],
    ["scenarios/jiangmen-hotline.yaml", "--horizon", "3d"],
    ["scenarios/wenling-channels.yaml", "--horizon", "3d"],
    ["scenarios/tongling-weekend.yaml", "--horizon", "7d"],
    ["scenarios/pooling.yaml", "--horizon", "2d"],
    ["scenarios/mmc.yaml", "--set", "stop.cases=2000"],
])
func summaryBytesAreTheJSONEncoders(_ arguments: [String]) throws {
    let out = try CommandRunner.temporaryFolder().appendingPathComponent("out").path
    let r = try CommandRunner.hallsim(["run"] + arguments + ["--no-log", "--out", out], in: CommandRunner.repositoryRoot)
    try #require(r.status == 0, "\(r.stderr)")
    let written = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let summary = try JSONDecoder().decode(Summary.self, from: written)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var reference = try encoder.encode(summary)
    reference.append(0x0A)
    #expect(written == reference)
    #expect(try summary.jsonData() == reference)
}
