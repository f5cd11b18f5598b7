import SimCore
import Testing

let families: [(String, Distribution)] = [
    ("exponential", .exponential(mean: 60)),
    ("deterministic", .deterministic(42)),
    ("uniform", .uniform(min: 30, max: 90)),
    ("triangular", .triangular(min: 10, mode: 20, max: 60)),
    ("normal truncated, far from zero", .truncatedNormal(mean: 100, sd: 15)),
    ("normal truncated, cut at zero", .truncatedNormal(mean: 20, sd: 30)),
    ("lognormal", .lognormal(mean: 300, sd: 150)),
    ("gamma, shape 2.5", .gamma(shape: 2.5, mean: 50)),
    ("gamma, shape 0.5", .gamma(shape: 0.5, mean: 10)),
    ("erlang-3", .erlang(k: 3, mean: 90)),
    ("empirical", .empirical(values: [30, 60, 120, 600], weights: [5, 3, 1.5, 0.5])),
]

@Test(arguments: families)
func sampleMeanAndVarianceMatchTheory(name: String, distribution: Distribution) {
    #expect(distribution.validated() == nil)
    var rng = RandomStream(seed: 2024, label: name)
    let n = 400_000
    var sum = 0.0
    var sumSq = 0.0
    var minimum = Double.infinity
    for _ in 0 ..< n {
        let x = distribution.sample(&rng)
        sum += x
        sumSq += x * x
        minimum = min(minimum, x)
    }
    let mean = sum / Double(n)
    let variance = (sumSq - sum * sum / Double(n)) / Double(n - 1)
    #expect(minimum >= 0, "\(name) drew a negative value")
    let se = (distribution.variance / Double(n)).squareRoot()
    #expect(abs(mean - distribution.mean) <= max(5 * se, 1e-9), "\(name): mean \(mean) vs \(distribution.mean)")
    if distribution.variance == 0 {
        #expect(variance < 1e-9)
    } else {
        #expect(abs(variance / distribution.variance - 1) < 0.03, "\(name): variance \(variance) vs \(distribution.variance)")
    }
}

@Test func truncatedNormalMomentsAreThoseOfTheTruncatedDistribution() {
    let d = Distribution.truncatedNormal(mean: 0.0000001, sd: 1)
    // A standard normal truncated at zero: mean sqrt(2/pi), variance 1 - 2/pi.
    #expect(abs(d.mean - (2 / Double.pi).squareRoot()) < 1e-6)
    #expect(abs(d.variance - (1 - 2 / Double.pi)) < 1e-6)
}

@Test(arguments: [
    Distribution.exponential(mean: 0), .exponential(mean: -1), .deterministic(-1), .uniform(min: 5, max: 5),
    .triangular(min: 0, mode: 10, max: 5), .truncatedNormal(mean: -3, sd: 1), .lognormal(mean: 10, sd: 0),
    .gamma(shape: 0, scale: 1), .empirical(values: [], weights: []), .empirical(values: [1, 2], weights: [0, 0]),
    .uniform(min: -1, max: 3), .exponential(mean: .nan),
])
func invalidParametersAreReported(_ d: Distribution) {
    #expect(d.validated() != nil)
}

@Test func streamsAreReproducibleAndIndependentByLabel() {
    var a = RandomStream(seed: 7, label: "arrivals/hall/generic")
    var b = RandomStream(seed: 7, label: "arrivals/hall/generic")
    var c = RandomStream(seed: 7, label: "service/hall/generic")
    var d = RandomStream(seed: 8, label: "arrivals/hall/generic")
    let xa = (0 ..< 100).map { _ in a.next() }
    let xb = (0 ..< 100).map { _ in b.next() }
    let xc = (0 ..< 100).map { _ in c.next() }
    let xd = (0 ..< 100).map { _ in d.next() }
    #expect(xa == xb)
    #expect(xa != xc)
    #expect(xa != xd)
    var parent = RandomStream(seed: 1)
    var child = parent.split()
    let fromParent = parent.next()
    let fromChild = child.next()
    #expect(fromParent != fromChild)
}

@Test func openUnitDrawsStayStrictlyInsideZeroAndOne() {
    var rng = RandomStream(seed: 3)
    var lo = 1.0, hi = 0.0, sum = 0.0
    for _ in 0 ..< 100_000 {
        let u = rng.nextOpenUnit()
        lo = min(lo, u); hi = max(hi, u); sum += u
    }
    #expect(lo > 0 && hi < 1)
    #expect(abs(sum / 100_000 - 0.5) < 0.005)
}
