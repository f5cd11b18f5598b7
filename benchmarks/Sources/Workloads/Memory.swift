#if canImport(Glibc)
import Glibc
#endif

/// The process's peak resident memory, from the kernel's own high-water mark (VmHWM), which
/// can be reset. Read and reset with plain system calls into a fixed buffer: no allocation,
/// no sampling thread.
public enum PeakMemory {
    /// Resets the high-water mark to the current resident size (`/proc/self/clear_refs` ← 5).
    public static func reset() {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        var five: UInt8 = 0x35
        _ = write(fd, &five, 1)
        close(fd)
        #endif
    }

    /// The peak resident size since the last ``reset()`` (or since the process started), in bytes; 0 if unknown.
    public static func bytes() -> Int {
        #if os(Linux)
        let fd = open("/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Int in
            let n = read(fd, buffer.baseAddress, buffer.count)
            guard n > 0 else { return 0 }
            let text = UnsafeBufferPointer(rebasing: buffer[..<n])
            // Find "VmHWM:" then the number of kB after it.
            let key: [UInt8] = Array("VmHWM:".utf8)
            var i = 0
            while i + key.count <= text.count {
                if text[i] == key[0], (0 ..< key.count).allSatisfy({ text[i + $0] == key[$0] }) {
                    var j = i + key.count
                    var kB = 0
                    while j < text.count, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
                    while j < text.count, text[j] >= 0x30, text[j] <= 0x39 {
                        kB = kB * 10 + Int(text[j] - 0x30)
                        j += 1
                    }
                    return kB * 1024
                }
                i += 1
            }
            return 0
        }
        #else
        return 0
        #endif
    }
}
