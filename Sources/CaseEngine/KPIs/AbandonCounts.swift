/// People who gave up, by why: what `.abandoned` events carry as their ``AbandonReason``, and no-shows.
public struct AbandonCounts: Sendable, Equatable {
    /// Left the queue after waiting longer than their patience.
    public var reneged = 0
    /// Saw the queue and left at once, without a ticket.
    public var balked = 0
    /// Still waiting at closing time and sent home.
    public var sentHome = 0
    /// Called, or booked, and did not come (`.noShow` events).
    public var noShow = 0
    /// `.abandoned` events with a reason this build does not know.
    public var other = 0

    public init() {}

    /// Everyone who gave up.
    public var total: Int { reneged + balked + sentHome + noShow + other }

    /// Counts one `.abandoned` event with reason `raw` (an ``AbandonReason`` raw value).
    @inline(__always)
    mutating func add(reason raw: UInt16) {
        switch raw {
        case AbandonReason.reneged.rawValue: reneged &+= 1
        case AbandonReason.balked.rawValue: balked &+= 1
        case AbandonReason.sentHome.rawValue: sentHome &+= 1
        default: other &+= 1
        }
    }

    /// Adds another set of counts.
    public static func += (a: inout AbandonCounts, b: AbandonCounts) {
        a.reneged += b.reneged
        a.balked += b.balked
        a.sentHome += b.sentHome
        a.noShow += b.noShow
        a.other += b.other
    }
}
