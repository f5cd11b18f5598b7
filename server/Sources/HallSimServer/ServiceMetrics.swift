import Foundation

/// The service's counters and histograms, shown by `GET /metrics` in Prometheus's text format.
/// Updated from the request handlers and the writer thread, under one lock.
public final class ServiceMetrics: @unchecked Sendable {
    /// A cumulative histogram over fixed upper bounds.
    struct Histogram {
        let bounds: [Double]
        var counts: [Int]
        var sum = 0.0
        var count = 0

        init(_ bounds: [Double]) {
            self.bounds = bounds
            counts = [Int](repeating: 0, count: bounds.count)
        }

        mutating func observe(_ v: Double) {
            for i in bounds.indices where v <= bounds[i] { counts[i] += 1 }
            sum += v
            count += 1
        }
    }

    static let latencyBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let sizeBounds: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536]

    let lock = NSLock()
    /// Counters by name, then by label text (`code="stale_version"`; empty for none).
    var counters: [String: [String: Double]] = [:]
    var histograms: [String: [String: Histogram]] = [:]
    static let help: [String: (type: String, text: String)] = [
        "hallsim_requests_total": ("counter", "HTTP requests answered, by route and status."),
        "hallsim_request_seconds": ("histogram", "Time from a request's arrival to its answer, by route."),
        "hallsim_commands_applied_total": ("counter", "Commands applied (each appended one event)."),
        "hallsim_commands_rejected_total": ("counter", "Commands refused, nothing appended, by error code."),
        "hallsim_idempotent_replays_total": ("counter", "Requests answered from an earlier answer to their idempotency key."),
        "hallsim_appends_total": ("counter", "Events appended to the log and made durable."),
        "hallsim_fsyncs_total": ("counter", "Group commits: one fsync of the log and one of the commit journal each."),
        "hallsim_fsync_seconds": ("histogram", "Time of a group commit's two fsyncs and journal write."),
        "hallsim_commit_requests": ("histogram", "Requests answered per group commit."),
        "hallsim_commit_commands": ("histogram", "Commands per group commit."),
        "hallsim_connections_refused_total": ("counter", "Connections answered 503 because the connection limit was reached."),
    ]

    public init() {}

    /// Adds `by` to counter `name` (with one label, when given).
    public func count(_ name: String, by: Int = 1, label: String? = nil, _ value: String? = nil) {
        let key = label.map { "\($0)=\"\(value ?? "")\"" } ?? ""
        lock.lock()
        counters[name, default: [:]][key, default: 0] += Double(by)
        lock.unlock()
    }

    /// Records one answered request.
    public func request(route: String, status: Int, seconds: Double) {
        lock.lock()
        counters["hallsim_requests_total", default: [:]]["route=\"\(route)\",status=\"\(status)\"", default: 0] += 1
        histograms["hallsim_request_seconds", default: [:]]["route=\"\(route)\"", default: Histogram(Self.latencyBounds)].observe(seconds)
        lock.unlock()
    }

    /// Records one group commit.
    func commit(requests: Int, commands: Int, events: Int, seconds: Double) {
        lock.lock()
        counters["hallsim_fsyncs_total", default: [:]]["", default: 0] += 1
        counters["hallsim_appends_total", default: [:]]["", default: 0] += Double(events)
        histograms["hallsim_fsync_seconds", default: [:]]["", default: Histogram(Self.latencyBounds)].observe(seconds)
        histograms["hallsim_commit_requests", default: [:]]["", default: Histogram(Self.sizeBounds)].observe(Double(requests))
        histograms["hallsim_commit_commands", default: [:]]["", default: Histogram(Self.sizeBounds)].observe(Double(commands))
        lock.unlock()
    }

    /// Group commits so far and the seconds their flushes took.
    public var fsyncs: (count: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        let h = histograms["hallsim_fsync_seconds"]?[""]
        return (h?.count ?? 0, h?.sum ?? 0)
    }

    /// Every metric in Prometheus's text exposition format (version 0.0.4).
    public func text() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        for name in Self.help.keys.sorted() {
            let (type, help) = Self.help[name]!
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            if type == "counter" {
                let series = counters[name] ?? ["": 0]
                for (labels, v) in series.sorted(by: { $0.key < $1.key }) {
                    out += labels.isEmpty ? "\(name) \(Self.number(v))\n" : "\(name){\(labels)} \(Self.number(v))\n"
                }
            } else {
                for (labels, h) in (histograms[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let prefix = labels.isEmpty ? "" : labels + ","
                    for (i, b) in h.bounds.enumerated() { out += "\(name)_bucket{\(prefix)le=\"\(Self.number(b))\"} \(h.counts[i])\n" }
                    out += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(h.count)\n"
                    let tail = labels.isEmpty ? "" : "{\(labels)}"
                    out += "\(name)_sum\(tail) \(h.sum)\n\(name)_count\(tail) \(h.count)\n"
                }
            }
        }
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}
