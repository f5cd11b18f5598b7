/// The calibration loop: a fixed amount of plain-Swift work of the same character as the
/// kernel (a hold model on a binary heap of integer keys, driven by xorshift, with a little
/// floating point), using nothing from hallsim, so no change to hallsim can change its speed.
///
/// Its rate, measured in the same process right next to a workload, is the unit the gated
/// metrics are expressed in: a workload's throughput divided by the calibration rate is
/// what it does per unit of this machine's current speed, which varies far less from run
/// to run (and under load from other processes) than the throughput itself.
/// On the reference machine (2-core AMD EPYC VM) it runs about 22 million steps a second.
public enum Calibration {
    /// Calibration steps per calibration unit: gated metrics are "per 1,000,000 steps"
    /// (about 45 ms of this loop on the reference machine), which keeps them whole numbers
    /// with four or more digits.
    public static let stepsPerUnit = 1_000_000.0
    static let size = 1_024

    /// The heap, allocated once per process (before any measured region).
    nonisolated(unsafe) static let heap = UnsafeMutablePointer<UInt64>.allocate(capacity: size)

    /// The loop itself: from the same keys, `steps` steps, always the same result.
    @inline(never)
    public static func run(steps: Int) -> UInt64 {
        let heap = Self.heap
        let n = size
        for i in 0 ..< n { heap[i] = UInt64(i) << 12 }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        var acc = 0.0
        for _ in 0 ..< steps {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            acc += Double(x >> 11) * 0x1.0p-53
            // Replace the smallest key by a later one and sift it down: one pop and one push.
            let moving = heap[0] &+ 1 &+ (x >> 44)
            var hole = 0
            while true {
                var child = 2 &* hole &+ 1
                if child >= n { break }
                if child &+ 1 < n, heap[child &+ 1] < heap[child] { child &+= 1 }
                guard heap[child] < moving else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = moving
        }
        return heap[0] ^ acc.bitPattern
    }
}
