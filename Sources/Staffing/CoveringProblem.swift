/// min Σ c_j·x_j subject to Σ_j A_ij·x_j ≥ r_i, x_j ≥ 0 integer, A 0/1: exact by branch and bound.
struct CoveringProblem {
    /// works[j][i] = A_ij: column j covers row i.
    let works: [[Bool]]
    let requirement: [Int]
    let costs: [Double]
    /// The common grid of the costs (every cost a whole multiple of it), if there is one.
    let quantum: Double?
    private var best: [Int] = []
    private var bestCost = Double.infinity

    init(works: [[Bool]], requirement: [Int], costs: [Double]) {
        self.works = works
        self.requirement = requirement
        self.costs = costs
        quantum = Self.grid(costs)
    }

    /// The optimal counts (all-zero when nothing is required). Every row with r_i > 0 must be covered by some column.
    func solve() -> [Int] {
        var search = self
        search.branch(lower: [Int](repeating: 0, count: costs.count), upper: [Int?](repeating: nil, count: costs.count))
        return search.best.isEmpty ? [Int](repeating: 0, count: costs.count) : search.best
    }

    private mutating func branch(lower: [Int], upper: [Int?]) {
        guard let (value, x) = relaxation(lower: lower, upper: upper) else { return }
        var bound = value
        if let q = quantum, q > 0 { bound = (bound / q - 1e-7).rounded(.up) * q }
        guard bound < bestCost - 1e-9 else { return }
        let rounded = x.map { Int(($0 - 1e-7).rounded(.up)) }
        offer(rounded)
        var pick = -1, distance = 0.0
        for (j, v) in x.enumerated() {
            let f = v - v.rounded(.down)
            let d = min(f, 1 - f)
            if d > 1e-7 && d > distance { (pick, distance) = (j, d) }
        }
        guard pick >= 0 else { return }
        let v = x[pick]
        var down = upper, up = lower
        down[pick] = Int(v.rounded(.down))
        up[pick] = Int(v.rounded(.up))
        if v - v.rounded(.down) >= 0.5 {
            branch(lower: up, upper: upper)
            branch(lower: lower, upper: down)
        } else {
            branch(lower: lower, upper: down)
            branch(lower: up, upper: upper)
        }
    }

    /// Keeps `counts` as the incumbent when feasible and cheaper.
    private mutating func offer(_ counts: [Int]) {
        let total = zip(counts, costs).reduce(0) { $0 + Double($1.0) * $1.1 }
        guard total < bestCost - 1e-9 else { return }
        for (i, r) in requirement.enumerated() where r > 0 {
            var covered = 0
            for j in counts.indices where works[j][i] { covered += counts[j] }
            if covered < r { return }
        }
        (best, bestCost) = (counts, total)
    }

    /// The linear relaxation with lower ≤ x ≤ upper: its value and solution, `nil` when infeasible.
    ///
    /// With x = lower + x′ it solves the dual, max Σ r′_i·y_i − Σ u′_j·z_j subject to
    /// Σ_i A_ij·y_i − z_j ≤ c_j, y, z ≥ 0, whose origin is feasible (c ≥ 0); the primal x′_j are
    /// the dual prices of its rows. An unbounded dual means an infeasible primal.
    private func relaxation(lower: [Int], upper: [Int?]) -> (Double, [Double])? {
        var fixedCost = 0.0
        for j in costs.indices { fixedCost += Double(lower[j]) * costs[j] }
        var rows: [Int] = [], need: [Double] = []
        for (i, r) in requirement.enumerated() {
            var residual = r
            for j in costs.indices where works[j][i] { residual -= lower[j] }
            if residual > 0 { rows.append(i); need.append(Double(residual)) }
        }
        var x = lower.map(Double.init)
        if rows.isEmpty { return (fixedCost, x) }
        let free = costs.indices.filter { j in upper[j].map { $0 > lower[j] } ?? true }
        let bounded = free.filter { upper[$0] != nil }
        var lp = SimplexTableau(constraints: free.count, variables: rows.count + bounded.count)
        for (k, j) in free.enumerated() {
            lp.rhs[k] = costs[j]
            for (p, i) in rows.enumerated() where works[j][i] { lp.set(row: k, column: p, 1) }
            if let b = bounded.firstIndex(of: j) { lp.set(row: k, column: rows.count + b, -1) }
        }
        for p in rows.indices { lp.objective[p] = need[p] }
        for (b, j) in bounded.enumerated() { lp.objective[rows.count + b] = -Double(upper[j]! - lower[j]) }
        guard let value = lp.maximize() else { return nil }
        for (k, j) in free.enumerated() { x[j] += lp.price(ofConstraint: k) }
        return (fixedCost + value, x)
    }

    /// The largest grid g = (whole number)/k, k ∈ {1, 2, 4, 10, 12, 60, 100, 3600}, of which every cost is a multiple.
    static func grid(_ costs: [Double]) -> Double? {
        for k in [1.0, 2, 4, 10, 12, 60, 100, 3600] {
            let scaled = costs.map { $0 * k }
            guard scaled.allSatisfy({ abs($0 - $0.rounded()) < 1e-9 && $0 < 1e12 }) else { continue }
            var g = 0
            for s in scaled { g = gcd(g, Int(s.rounded())) }
            return g > 0 ? Double(g) / k : nil
        }
        return nil
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
