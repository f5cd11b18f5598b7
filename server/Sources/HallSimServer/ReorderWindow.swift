import Foundation
import SimCore

/// Where a command goes in the log's order: by its time, then its client-given `seq` (none: after
/// every `seq` of the same time), then its arrival at the writer.
struct OrderKey: Comparable {
    var time: Int64
    var seq: UInt64
    var arrival: UInt64

    static func < (a: OrderKey, b: OrderKey) -> Bool {
        (a.time, a.seq, a.arrival) < (b.time, b.seq, b.arrival)
    }
}

/// One request's commands on their way through the writer: their results as they are applied,
/// and the requests waiting for its answer (itself, and retries with its idempotency key).
final class PendingRequest {
    let commands: [ServedCommand]
    let single: Bool
    let key: String?
    var results: [String]
    var statuses: [Int]
    var applied = 0
    var remaining: Int
    var waiting: [EventStore.Answer]
    /// The largest key of its commands (set when held).
    var maxKey = OrderKey(time: .min, seq: 0, arrival: 0)

    init(_ commands: [ServedCommand], single: Bool, key: String?, _ answer: @escaping EventStore.Answer) {
        self.commands = commands
        self.single = single
        self.key = key
        results = Array(repeating: "", count: commands.count)
        statuses = Array(repeating: 200, count: commands.count)
        remaining = commands.count
        waiting = [answer]
    }

    /// Keeps command `index`'s result; says whether the request is now complete.
    func finish(_ index: Int, status: Int, json: String) -> Bool {
        results[index] = json
        statuses[index] = status
        if status == 200 { applied += 1 }
        remaining -= 1
        return remaining == 0
    }

    /// The answer: the command's own for a single command, else the batch's.
    var reply: Reply {
        if single { return Reply(status: statuses[0], json: results[0]) }
        let body = "{\"applied\":\(applied),\"rejected\":\(commands.count - applied),\"results\":[" + results.joined(separator: ",") + "]}"
        return Reply(status: 200, json: body)
    }
}

/// The bounded reordering window (docs/api.md, *Ordering*): commands are held up to `hold` after
/// their request reaches the writer, and applied in the order of their ``OrderKey``.
///
/// When a request's hold ends, every held command whose key is at most the request's largest key
/// is released, in key order; a released command whose request holds larger keys extends the
/// release to them, so a request is always applied whole (never half of it before a commit).
struct ReorderWindow {
    /// Nanoseconds a request is held.
    let hold: UInt64
    /// Held commands, a binary min-heap by key.
    var heap: [(key: OrderKey, request: PendingRequest, index: Int)] = []
    /// Held requests in arrival order (so in order of their deadlines): deadline and largest key.
    var expiries: [(deadline: UInt64, maxKey: OrderKey)] = []
    var expiryHead = 0
    /// Commands numbered in order of arrival.
    var arrivals: UInt64 = 0

    init(hold: UInt64) { self.hold = hold }

    var isEmpty: Bool { heap.isEmpty }

    /// When the earliest hold ends (monotonic nanoseconds), or `nil` with nothing held.
    var nextDeadline: UInt64? { heap.isEmpty || expiryHead == expiries.count ? nil : expiries[expiryHead].deadline }

    /// Holds the commands of `request`, which reached the writer at `now`.
    mutating func hold(_ request: PendingRequest, now: UInt64) {
        var largest = OrderKey(time: .min, seq: 0, arrival: 0)
        for (i, c) in request.commands.enumerated() {
            let key = OrderKey(time: c.time.ticks, seq: c.seq ?? .max, arrival: arrivals)
            arrivals += 1
            push((key, request, i))
            largest = max(largest, key)
        }
        request.maxKey = largest
        expiries.append((now &+ hold, largest))
    }

    /// The commands released at `now` (all of them when `everything`), in the order to apply them.
    mutating func release(now: UInt64, everything: Bool) -> [(request: PendingRequest, index: Int)] {
        var limit: OrderKey?
        while expiryHead < expiries.count, everything || expiries[expiryHead].deadline <= now {
            limit = max(limit ?? expiries[expiryHead].maxKey, expiries[expiryHead].maxKey)
            expiryHead += 1
        }
        if expiryHead > 1_024, expiryHead * 2 > expiries.count {
            expiries.removeFirst(expiryHead)
            expiryHead = 0
        }
        guard var bound = limit else { return [] }
        var out: [(request: PendingRequest, index: Int)] = []
        while let top = heap.first, everything || top.key <= bound {
            pop()
            if top.request.maxKey > bound { bound = top.request.maxKey }
            out.append((top.request, top.index))
        }
        return out
    }

    mutating func push(_ entry: (key: OrderKey, request: PendingRequest, index: Int)) {
        heap.append(entry)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].key < heap[parent].key else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() {
        let last = heap.count - 1
        heap.swapAt(0, last)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var least = i
            if l < heap.count, heap[l].key < heap[least].key { least = l }
            if r < heap.count, heap[r].key < heap[least].key { least = r }
            guard least != i else { return }
            heap.swapAt(i, least)
            i = least
        }
    }
}
