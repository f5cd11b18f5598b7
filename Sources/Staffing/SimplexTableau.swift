/// A dense simplex tableau for max objective·v subject to M·v ≤ rhs, v ≥ 0, with rhs ≥ 0 (the
/// origin is feasible, so no first phase). The lowest-index rule (lowest index enters; ties in the ratio
/// test leave by lowest index) rules out cycling on degenerate problems.
struct SimplexTableau {
    let constraints: Int
    let variables: Int
    /// Row-major: `constraints` rows of `variables + constraints` columns (the slacks last).
    var matrix: [Double]
    var rhs: [Double]
    /// The objective coefficients; after `maximize`, the reduced costs.
    var objective: [Double]
    var basis: [Int]
    private var width: Int { variables + constraints }

    init(constraints: Int, variables: Int) {
        self.constraints = constraints
        self.variables = variables
        matrix = [Double](repeating: 0, count: constraints * (variables + constraints))
        rhs = [Double](repeating: 0, count: constraints)
        objective = [Double](repeating: 0, count: variables + constraints)
        basis = (0 ..< constraints).map { variables + $0 }
        for k in 0 ..< constraints { matrix[k * (variables + constraints) + variables + k] = 1 }
    }

    mutating func set(row: Int, column: Int, _ value: Double) {
        matrix[row * width + column] = value
    }

    /// The optimal value, or `nil` when the problem is unbounded.
    mutating func maximize() -> Double? {
        let eps = 1e-9
        var value = 0.0
        while true {
            guard let enter = (0 ..< width).first(where: { objective[$0] > eps }) else { return value }
            var leave = -1, ratio = Double.infinity
            for r in 0 ..< constraints {
                let a = matrix[r * width + enter]
                guard a > eps else { continue }
                let q = rhs[r] / a
                if q < ratio - 1e-12 || (abs(q - ratio) <= 1e-12 && basis[r] < basis[leave]) { (leave, ratio) = (r, q) }
            }
            guard leave >= 0 else { return nil }
            pivot(row: leave, column: enter)
            value += objective[enter] * rhs[leave]
            let factor = objective[enter]
            for c in 0 ..< width { objective[c] -= factor * matrix[leave * width + c] }
        }
    }

    /// The dual price of constraint `k` at the optimum: minus the slack's reduced cost.
    func price(ofConstraint k: Int) -> Double {
        max(0, -objective[variables + k])
    }

    private mutating func pivot(row: Int, column: Int) {
        let base = row * width
        let p = matrix[base + column]
        for c in 0 ..< width { matrix[base + c] /= p }
        rhs[row] /= p
        for r in 0 ..< constraints where r != row {
            let f = matrix[r * width + column]
            guard f != 0 else { continue }
            for c in 0 ..< width { matrix[r * width + c] -= f * matrix[base + c] }
            rhs[r] = max(0, rhs[r] - f * rhs[row])
        }
        basis[row] = column
    }
}
