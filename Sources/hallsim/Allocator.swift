import CJemalloc

/// The memory allocator this binary runs on.
enum Allocator {
    /// "jemalloc VERSION" (e.g. "jemalloc 5.3.0"), read from the allocator itself.
    static let name: String = {
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "jemalloc" }
        let full = String(cString: version)
        return "jemalloc " + (full.split(separator: "-").first.map(String.init) ?? full)
    }()
}
