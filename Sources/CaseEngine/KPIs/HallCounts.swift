extension KPIProjection {
    /// Hall-level counts that no window group sees.
    struct HallCounts {
        var arrived = 0
        var returns = 0
        var abandoned = AbandonCounts()

        @inline(__always)
        mutating func arrive(visit: UInt16) {
            arrived &+= 1
            if visit > 0 { returns &+= 1 }
        }
    }
}
