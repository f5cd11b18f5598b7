import CaseEngine
import SimCore

/// What every stage of the floor reaches: the network and the run's limits, the sink, the records
/// of open cases, the counts of cases in and out, and the day's staffed hours.
///
/// The floor holds one and passes it `inout` to the role handling an event, with the other roles
/// that role needs; nothing in it is copied per event.
struct FloorContext<Sink: CaseEventSink>: ~Copyable {
    typealias Phase = CaseState.Phase

    let network: HallNetwork
    /// The network day by day: what each day is, its hours, staffing and rates.
    let daily: NetworkDays
    let serviceCount: Int
    let followsCalendar: Bool
    /// When each group has windows staffed (``NetworkDays/staffedHours()``); empty without a calendar.
    let staffedHours: StaffedHours
    /// The stop rule's horizon, or the end of the clock.
    let horizon: SimTime
    let caseLimit: Int
    /// The day under way (set at each midnight when the network follows the calendar).
    var currentDay: NetworkDays.Day?
    /// Receives every case event, through ``CaseEventSink/recordOwned(_:)``: the floor takes the
    /// sink's storage alone (``ownSink()``) at the start of each kernel event, and no copy of the
    /// sink is made while it handles one.
    var sink: Sink
    /// Whether a copy of `sink` may have been made since the floor last took its storage alone:
    /// at first (the caller may keep the sink it passed), and whenever the floor lent it out.
    var sinkMayBeShared = true
    var records = CaseRecords()
    var arrivedCount = 0
    var finishedCount = 0

    /// The context of a run of `network` reporting to `sink`.
    init(network: HallNetwork, sink: Sink) {
        self.network = network
        daily = NetworkDays(network)
        serviceCount = network.serviceTimes.count
        followsCalendar = network.followsCalendar
        staffedHours = followsCalendar ? daily.staffedHours() : StaffedHours(table: [])
        horizon = network.stop.horizon ?? .end
        caseLimit = network.stop.cases ?? Int.max
        self.sink = sink
    }

    /// Takes the sink's storage alone if a copy of it may have been made: before the floor records
    /// anything in a kernel event (one copy-on-write check per kernel event, none per case event).
    @inline(__always)
    mutating func ownSink() {
        guard sinkMayBeShared else { return }
        sink.takeOwnership()
        sinkMayBeShared = false
    }

    /// Whether another case may arrive under the stop rule.
    @inline(__always)
    var takesCases: Bool { arrivedCount < caseLimit }

    /// The id of the next case to arrive, counted in.
    @inline(__always)
    mutating func nextCaseID() -> UInt32 {
        let caseID = UInt32(truncatingIfNeeded: arrivedCount)
        arrivedCount &+= 1
        return caseID
    }

    /// Records an event of case `r` where the case stands; `value` is the phase left unless given.
    mutating func emit(_ kind: CaseEvent.Kind, _ r: Int, from phase: Phase, value: Int64? = nil, _ now: SimTime) {
        let c = records[r]
        sink.recordOwned(CaseEvent(
            kind, at: now, case: c.caseID, hall: c.atHall, group: c.atGroup, service: c.service, window: c.atWindow,
            channel: c.channel, value: value ?? Int64(phase.rawValue)
        ))
    }

    /// Opens a new case of source `source` at `hall`: the next case id, with its `submitted` event and a record.
    mutating func submitCase(
        service: UInt16, hall: UInt16, channel: CaseEvent.Channel, source: Int, link: Int64 = 0, _ now: SimTime
    ) -> Int {
        let caseID = nextCaseID()
        sink.recordOwned(CaseEvent(.submitted, at: now, case: caseID, hall: hall, service: service, channel: channel, value: link))
        return records.open(CaseRecord(
            caseID: caseID, service: service, hall: hall, atHall: hall, channel: channel, source: Int32(source)
        ))
    }

    /// Stops the run when the stop rule's cases have all arrived and left.
    @inline(__always)
    func stopIfDone(_ scheduler: inout Scheduler<HallEvent>) {
        if finishedCount >= caseLimit, finishedCount == arrivedCount { scheduler.stop() }
    }

    /// A case reached a terminal phase: its record (if any) is freed, and the run may stop.
    mutating func caseEnded(_ r: Int?, _ scheduler: inout Scheduler<HallEvent>) {
        if let r { records.close(r) }
        finishedCount &+= 1
        stopIfDone(&scheduler)
    }

    /// Whether group `g` has staffed windows again later today, from `now` on (a shift starting at
    /// this very moment counts: its staffing event may come later in the same tick).
    func staffedLater(_ g: Int, after now: SimTime) -> Bool {
        guard followsCalendar, let day = currentDay else { return true }
        let tod = network.calendar.timeOfDay(now)
        return staffedHours.intervals(group: g, on: day).contains { $0.from >= tod }
    }

    /// A walk-in with eligible groups `candidates` (a range into the network's routes) was routed
    /// to group `g`, which has no window on duty: the group they wait for (staffed again later
    /// today), or `nil` when none of their groups is. Out of line: it is off the walk-in's fast path.
    @inline(never)
    func waitingRoute(_ candidates: Range<Int>, routed g: Int, at now: SimTime) -> Int? {
        if staffedLater(g, after: now) { return g }
        for r in candidates where staffedLater(network.routes[r], after: now) { return network.routes[r] }
        return nil
    }

    /// The first moment at or after `time` when one of the groups `candidates` (a range into the
    /// network's routes) is staffed, looking up to a year ahead.
    func nextStaffed(_ candidates: Range<Int>, from time: SimTime) -> SimTime? {
        guard followsCalendar else { return time }
        let calendar = network.calendar
        let first = calendar.dayIndex(at: time)
        for index in first ..< first + 366 {
            let day = daily.day(index)
            let tod = index == first ? calendar.timeOfDay(time) : 0
            var best = Int64.max
            for r in candidates {
                for x in staffedHours.intervals(group: network.routes[r], on: day) where x.to > tod {
                    best = min(best, max(x.from, tod))
                    break
                }
            }
            if best != .max { return calendar.midnight(ofDay: index) + SimTime(ticks: best) }
        }
        return nil
    }
}
