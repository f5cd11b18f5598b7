import CaseEngine
import SimCore
import Testing

/// Desk utilisation from `workStarted` and `staffingChanged`, on the network catalog's `social`
/// department (3 desks) and `housing` (2 desks).
@Suite("Desk work: busy time, finished tasks, desks stopping when staff leave")
struct DeskWorkTests {
    func work(_ t: SimTime, group: UInt16 = Net.social, desk: UInt16, seconds: Double, case id: UInt32 = 0) -> CaseEvent {
        CaseEvent(.workStarted, at: t, case: id, hall: 0, group: group, service: 0, window: desk, channel: .walkIn, value: SimTime.seconds(seconds).ticks)
    }

    func staffing(_ t: SimTime, group: UInt16 = Net.social, _ n: Int64) -> CaseEvent {
        CaseEvent(.staffingChanged, at: t, hall: 0, group: group, value: n)
    }

    @Test func aDeskIsBusyForTheWorkItStartedUnlessStaffingDropsBelowTheDesksAtWorkAndTheHighestNumberedStopFirst() {
        let start = on("2024-10-08", 9)
        let p = fold([
            staffing(start, 3),
            work(start, desk: 0, seconds: 3600),
            work(start, desk: 2, seconds: 7200),
            work(start + .minutes(30), desk: 1, seconds: 600),
            // At 09:35 staffing drops to 1 with all three desks at work: desks 2 and 1 stop, desk 0 goes on.
            staffing(start + .minutes(35), 1),
            staffing(start + .hours(8), 0),
            CaseEvent(.runEnded, at: start + .hours(9)),
        ], Net.catalog)
        let report = KPIReport(p)
        let social = report.group(Int(Net.social))
        #expect(social.busyWindowSeconds == 3600 + 300 + 2100)
        #expect(social.served == 1)
        // Staffed: 3 desks from time 0 (the catalog's staff) to 09:35 on the 8th, 1 desk until 17:00.
        #expect(social.staffedWindowSeconds == 3 * (start + .minutes(35)).seconds + 26_700)
        // The hall's utilisation counts its window groups only.
        #expect(report.halls()[0].busyWindowSeconds == report.group(Int(Net.windows)).busyWindowSeconds)
    }

    @Test func aResumedTaskAndATaskRunningPastTheEndCountUpToTheirStopAndAreNotFinishedTwice() {
        let start = on("2024-10-08", 16)
        let p = fold([
            staffing(start, group: Net.housing, 2),
            work(start, group: Net.housing, desk: 1, seconds: 7200),
            staffing(start + .hours(1), group: Net.housing, 0),
            staffing(start + .hours(17), group: Net.housing, 2),
            work(start + .hours(17), group: Net.housing, desk: 0, seconds: 3600),
            work(start + .hours(18), group: Net.housing, desk: 1, seconds: 86_400),
            CaseEvent(.runEnded, at: start + .hours(20)),
        ], Net.catalog)
        let housing = KPIReport(p).group(Int(Net.housing))
        #expect(housing.busyWindowSeconds == 3600 + 3600 + 2 * 3600)
        #expect(housing.served == 1)
    }

    /// A log's catalog may name any staff count (the fuzzer found one of 536,870,916 desks, which
    /// made replay allocate gigabytes before reading an event): only desks at work take memory.
    @Test func aDepartmentOfFourBillionDesksFoldsWithMemoryForTheDesksAtWorkOnly() {
        var catalog = Net.catalog
        catalog.groups[Int(Net.social)].servers = Int(UInt32.max)
        let start = on("2024-10-08", 9)
        let p = fold([
            work(start, desk: 65_535, seconds: 3600),
            work(start, desk: 7, seconds: 600),
            staffing(start + .minutes(5), 1),
            CaseEvent(.runEnded, at: start + .hours(2)),
        ], catalog)
        let social = KPIReport(p).group(Int(Net.social))
        // Desk 65,535 stops at 09:05 (the highest-numbered at work); desk 7 finishes at 09:10.
        #expect(social.busyWindowSeconds == 300 + 600)
        #expect(social.served == 1)
    }
}
