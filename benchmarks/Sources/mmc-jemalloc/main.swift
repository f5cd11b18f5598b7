import HallWorkloads
import JemallocLink
import Workloads

/// jemalloc's version, read from the allocator; the program stops if its allocations do not come from jemalloc.
func jemallocVersion() -> String {
    var version: UnsafePointer<CChar>?
    var size = MemoryLayout<UnsafePointer<CChar>?>.size
    guard mallctl("version", &version, &size, nil, 0) == 0, let version else { fatalError("mallctl failed") }
    var before: UInt64 = 0, after: UInt64 = 0
    var n = MemoryLayout<UInt64>.size
    mallctl("thread.allocated", &before, &n, nil, 0)
    let p = malloc(1 << 20)
    Sink.keep(UInt64(UInt(bitPattern: p)))  // escapes, so the optimiser cannot drop the allocation
    mallctl("thread.allocated", &after, &n, nil, 0)
    free(p)
    precondition(after &- before >= 1 << 20, "malloc does not come from jemalloc")
    return "jemalloc " + (String(cString: version).split(separator: "-").first.map(String.init) ?? "")
}

ReplicaTool.main(allocator: jemallocVersion())
