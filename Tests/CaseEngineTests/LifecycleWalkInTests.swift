import CaseEngine
import SimCore
import Testing

/// The events HallFloor records for walk-ins at one hall with one FIFO window group, as it records them today.
func hallFloorWalkIns(count: Int, windows: Int, seed: UInt64) -> [CaseEvent] {
    var rng = RandomStream(seed: seed)
    var freeAt = [Int64](repeating: 0, count: windows)
    var arrival: Int64 = 0
    let hall: UInt16 = 1, group: UInt16 = 2, service: UInt16 = 3
    var pending: [(time: Int64, event: CaseEvent)] = []
    for n in 0 ..< count {
        arrival += Int64(rng.next() % 60_000_000)
        let id = UInt32(n)
        pending.append((arrival, CaseEvent(.submitted, at: SimTime(ticks: arrival), case: id, hall: hall, service: service, channel: .walkIn)))
        pending.append((arrival, CaseEvent(.ticketIssued, at: SimTime(ticks: arrival), case: id, hall: hall, group: group, service: service)))
        let w = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
        let start = max(arrival, freeAt[w])
        let duration = Int64(rng.next() % 200_000_000)
        freeAt[w] = start + duration
        pending.append((start, CaseEvent(
            .called, at: SimTime(ticks: start), case: id, hall: hall, group: group, service: service, window: UInt16(w), value: start - arrival
        )))
        pending.append((start + duration, CaseEvent(
            .serviceCompleted, at: SimTime(ticks: start + duration), case: id, hall: hall, group: group, service: service,
            window: UInt16(w), value: duration
        )))
    }
    return pending.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element.event)
}

@Test func theSimulatorsFourEventWalkInClosesTheCase() throws {
    var book = CaseBook()
    let t0 = SimTime.seconds(5), t1 = SimTime.seconds(65), t2 = SimTime.seconds(125)
    try book.apply(CaseEvent(.submitted, at: t0, case: 0, hall: 1, service: 2, channel: .walkIn))
    try book.apply(CaseEvent(.ticketIssued, at: t0, case: 0, hall: 1, group: 3, service: 2))
    #expect(book[0]?.phase == .queued && book[0]?.group == 3)
    try book.apply(CaseEvent(.called, at: t1, case: 0, hall: 1, group: 3, service: 2, window: 4, value: (t1 - t0).ticks))
    #expect(book[0]?.phase == .called && book[0]?.window == 4)
    try book.apply(CaseEvent(.serviceCompleted, at: t2, case: 0, hall: 1, group: 3, service: 2, window: 4, value: (t2 - t1).ticks))
    #expect(book.openCount == 0 && book[0] == nil)
    #expect(book.count(in: .closed) == 1)
    #expect(book == CaseBook().afterSubmitting(1))
}

@Test func manyInterleavedWalkInsFoldAndLeaveNoOpenCase() throws {
    for seed in 0 ..< 20 {
        var book = CaseBook()
        var open = 0
        for event in hallFloorWalkIns(count: 2000, windows: 3, seed: UInt64(seed)) {
            try book.apply(event)
            if event.kind == .submitted { open += 1 }
            if event.kind == .serviceCompleted { open -= 1 }
            #expect(book.openCount == open)
        }
        try book.apply(CaseEvent(.runEnded, at: .days(1)))
        #expect(book.openCount == 0 && book.count(in: .closed) == 2000 && book.nextCaseID == 2000, "seed \(seed)")
    }
}

@Test func commandsProduceTheEventsTheSimulatorRecordsPlusTheChannel() throws {
    let recorded = hallFloorWalkIns(count: 500, windows: 2, seed: 9)
    var book = CaseBook()
    for event in recorded {
        let time = event.time
        let command: CaseCommand = switch event.kind {
        case .submitted: .submit(service: event.service, hall: event.hall, channel: event.channel)
        case .ticketIssued: .issueTicket(case: event.caseID, group: event.group)
        case .called: .call(case: event.caseID, window: event.window)
        default: .completeService(case: event.caseID)
        }
        var made = try book.handle(command, at: time)
        #expect(made.channel == .walkIn)
        made.channel = event.channel
        #expect(made == event)
    }
    #expect(book.openCount == 0)
}

@Test func aBackOfficeCaseCarriesItsDepartmentAndEndsClosed() throws {
    var book = CaseBook()
    var t = SimTime.zero
    func at() -> SimTime { t = t + .minutes(1); return t }
    let id = try book.handle(.submit(service: 5, hall: 3, channel: .online), at: at()).caseID
    let accepted = try book.handle(.accept(case: id), at: at())
    #expect(accepted.value == Int64(Phase.submitted.rawValue) && accepted.channel == .online && accepted.hall == 3)
    let forwarded = try book.handle(.forward(case: id, department: 7, hall: 0), at: at())
    #expect(forwarded.group == 7 && forwarded.hall == 0 && forwarded.service == 5 && forwarded.value == Int64(Phase.accepted.rawValue))
    #expect(book[id]?.phase == .inBackOffice && book[id]?.group == 7 && book[id]?.hall == 0)
    let approved = try book.handle(.approve(case: id), at: at())
    #expect(approved.group == 7 && approved.hall == 0)
    _ = try book.handle(.markResultReady(case: id), at: at())
    #expect(book[id]?.decision == .approved && book[id]?.phase == .resultReady)
    _ = try book.handle(.deliver(case: id), at: at())
    let closed = try book.handle(.close(case: id), at: at())
    #expect(closed.value == Int64(Phase.delivered.rawValue) && closed.group == 7)
    #expect(book.openCount == 0 && book.count(in: .closed) == 1)
}

@Test func eventValuesCarryWaitServiceTimeOrThePhaseLeft() throws {
    var book = CaseBook()
    let id = try book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .seconds(10)).caseID
    _ = try book.handle(.issueTicket(case: id, group: 1), at: .seconds(12))
    #expect(try book.handle(.call(case: id, window: 3), at: .seconds(100)).value == SimTime.seconds(88).ticks)
    #expect(try book.handle(.startService(case: id), at: .seconds(110)).value == Int64(Phase.called.rawValue))
    let accepted = try book.handle(.accept(case: id), at: .seconds(400))
    #expect(accepted.value == Int64(Phase.inService.rawValue) && accepted.group == 1 && accepted.window == 3)
    #expect(book[id]?.submittedAt == .seconds(10) && book[id]?.since == .seconds(400))
}

@Test func theKPIProjectionReleasesQueuesAndWindowsThatCasesLeave() throws {
    let catalog = Catalog(
        scenario: "t", seed: 0, halls: [.init(id: "h", tier: "city")], groups: [.init(id: "g", hall: 0, servers: 2)],
        services: ["s"]
    )
    var kpis = KPIProjection(catalog: catalog)
    var book = CaseBook()
    var t = SimTime.zero
    func run(_ command: CaseCommand) throws -> CaseEvent {
        t = t + .seconds(1)
        let event = try book.handle(command, at: t)
        kpis.record(event)
        return event
    }
    let ids = try (0 ..< 4).map { _ in try run(.submit(service: 0, hall: 0, channel: .walkIn)).caseID }
    for id in ids { _ = try run(.issueTicket(case: id, group: 0)) }
    _ = try run(.abandon(case: ids[0]))
    #expect(kpis.groups[0].queue.level == 3)
    _ = try run(.call(case: ids[1], window: 0))
    _ = try run(.call(case: ids[2], window: 1))
    #expect(kpis.groups[0].busy.level == 2)
    _ = try run(.noShow(case: ids[1]))
    _ = try run(.accept(case: ids[2]))
    #expect(kpis.groups[0].busy.level == 0 && kpis.groups[0].served == 1)
    _ = try run(.call(case: ids[3], window: 0))
    _ = try run(.completeService(case: ids[3]))
    _ = try run(.forward(case: ids[2], department: 0, hall: 0))
    _ = try run(.transfer(case: ids[2]))
    #expect(kpis.groups[0].queue.level == 0 && kpis.groups[0].busy.level == 0)
    #expect(kpis.inSystem == 0 && kpis.abandoned == 2 && kpis.completed == 2)
    #expect(book.openCount == 0)
}

extension CaseBook {
    /// An empty book that has seen `count` cases submitted and closed on the spot.
    func afterSubmitting(_ count: Int) -> CaseBook {
        var book = CaseBook()
        for _ in 0 ..< count {
            let id = try! book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .zero).caseID
            _ = try! book.handle(.issueTicket(case: id, group: 0), at: .zero)
            _ = try! book.handle(.call(case: id, window: 0), at: .zero)
            _ = try! book.handle(.completeService(case: id), at: .zero)
        }
        return book
    }
}
