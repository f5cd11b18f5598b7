import CJemalloc

/// The memory allocator this binary runs on.
enum Allocator {
    /// "jemalloc VERSION", read from the allocator itself.
    static let name: String = {
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "jemalloc" }
        return "jemalloc " + String(cString: version)
    }()
}
