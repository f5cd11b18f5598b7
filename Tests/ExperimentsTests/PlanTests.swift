import Experiments
import Foundation
import Testing

@Test func aFinishedRunCarriesItsWarmupAndLinesWithoutOneStillRead() throws {
    var figures = FigureSet()
    figures.set(.overall, .waitMean, 12.5)
    let plain = FinishedRun(id: "v001-r001", figures: figures)
    #expect(try !plain.jsonLine().contains("warmup"), "a run without a warm-up writes the line it always did")
    let cut = WarmupCut(method: "mser5", truncation_s: 900, series: 400, batches: 80, truncated_batches: 3, reliable: true, replication: 1)
    let warm = FinishedRun(id: "v001-r001", figures: figures, warmup: cut)
    let read = try JSONDecoder().decode(FinishedRun.self, from: Data(try warm.jsonLine().utf8))
    #expect(read == warm)
    let older = try JSONDecoder().decode(FinishedRun.self, from: Data(#"{"figures":[],"id":"v002-r001"}"#.utf8))
    #expect(older.warmup == nil)
}

@Test func aPlansWarmupsAreEachVariantsAsItsRunsSayThem() throws {
    let design = try SweepDesign(parameters: [SweepDesign.parameter("halls.h.windows.w.count=1,2,3")], zipped: false)
    let plan = Plan(scenario: "s.yaml", set: [], demandFactor: nil, design: design, replications: 2, seed: 1, horizon: nil, warmup: "auto")
    let cut = { (s: Double) in WarmupCut(method: "mser5", truncation_s: s) }
    let finished = [
        FinishedRun(id: "v001-r002", figures: FigureSet(), warmup: cut(10)), FinishedRun(id: "v001-r001", figures: FigureSet(), warmup: cut(10)),
        FinishedRun(id: "v002-r001", figures: FigureSet(), warmup: cut(20)), FinishedRun(id: "v002-r002", figures: FigureSet(), warmup: cut(20)),
        FinishedRun(id: "v003-r001", figures: FigureSet()), FinishedRun(id: "v003-r002", figures: FigureSet()),
    ]
    #expect(plan.warmups(finished) == [cut(10), cut(20), nil])
    let unwarmed = Plan(scenario: "s.yaml", set: [], demandFactor: nil, design: design, replications: 2, seed: 1, horizon: nil)
    #expect(unwarmed.warmups(finished) == nil)
}
