import Foundation

extension LoadSummary {
    /// The summary as the text `hallsim load` prints.
    public func text() -> String {
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.3g", x) }
        func ms(_ x: Double) -> String { x >= 100 ? String(format: "%.0f", x) : x >= 10 ? String(format: "%.1f", x) : String(format: "%.2f", x) }
        var out = "load of \(scenario) (seed \(seed)) against \(target)\n"
        out += "speed \(n(speed))x, \(connections) connection\(connections == 1 ? "" : "s"), batch \(batch)\(sequence ? ", seq" : ""): "
        out += "\(n(simulated_s)) simulated s in \(String(format: "%.2f", wall_s)) wall s\n"
        out += "commands  \(commands.planned) planned, \(commands.applied) applied, \(commands.refused) refused, \(commands.lost) lost\(commands.skipped > 0 ? ", \(commands.skipped) not sent (the ramp stopped)" : "")\n"
        out += "requests  \(requests.sent) sent, \(requests.retried) retried (\(requests.replayed) answered from their keys), \(requests.reconnects) reconnects\n"
        out += "rate      offered \(n(offered_per_s))/s, achieved \(n(achieved_per_s))/s\n"
        out += "errors    \(String(format: "%.3f%%", errors.share * 100))"
        if !errors.by_status.isEmpty {
            out += ": " + errors.by_status.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if !errors.retried_by_status.isEmpty {
            out += "; answered and retried: " + errors.retried_by_status.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        out += "\n\n"
        let header = ["", "count", "mean", "p50", "p90", "p99", "p99.9", "max"]
        var rows: [[String]] = []
        func row(_ name: String, _ p: Percentiles) -> [String] {
            [name, String(p.count), ms(p.mean_ms), ms(p.p50_ms), ms(p.p90_ms), ms(p.p99_ms), ms(p.p99_9_ms), ms(p.max_ms)]
        }
        rows.append(row("latency (ms)", latency))
        for (name, p) in latency_by_command.sorted(by: { $0.key < $1.key }) { rows.append(row("  " + name, p)) }
        rows.append(row("send lateness", send_lateness))
        rows.append(row("connection wait", connection_wait))
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for r in [header] + rows {
            out += r.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        if let max {
            out += "\nmax: " + (max.saturated ? "" : "not saturated (the plan ran out); at least ")
            out += "\(n(max.sustained_per_s)) commands/s sustained at speed \(n(max.sustained_speed))x (p99 < \(n(max.p99_bound_ms)) ms, errors < \(String(format: "%g%%", max.error_bound * 100)))\n"
            func line(_ s: MaxResult.Stage) -> String {
                "speed \(n(s.speed))x: offered \(n(s.offered_per_s))/s, achieved \(n(s.achieved_per_s))/s, p99 \(ms(s.p99_ms)) ms, errors \(String(format: "%.2f%%", s.error_share * 100))"
            }
            if let w = max.warmup { out += "  warm-up \(n(max.warmup_s)) s, not judged: \(line(w))\n" }
            for s in max.stages {
                out += "  \(line(s))\(s.passed ? "" : s.transient ? "  crossed (transient: the next stage passed)" : "  crossed")\n"
            }
        }
        if let thresholds {
            out += "\n"
            for t in thresholds { out += "threshold \(t.threshold): \(t.passed ? "passed" : "FAILED") (\(n(t.value)))\n" }
        }
        for f in failures ?? [] { out += "failure: \(f)\n" }
        return out
    }
}
