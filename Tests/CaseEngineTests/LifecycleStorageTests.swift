@testable import CaseEngine
import SimCore
import Testing

@Test func memoryFollowsOpenCasesNotHistoryEvenWithLongLivedCases() throws {
    var rng = RandomStream(seed: 42)
    var book = CaseBook()
    var walkIns: [UInt32] = []
    var stuck: [UInt32] = []
    var clock = SimTime.zero
    for n in 0 ..< 60_000 {
        clock = clock + .seconds(1)
        let online = rng.next() % 100 == 0
        let id = try book.handle(.submit(service: 0, hall: 0, channel: online ? .online : .walkIn), at: clock).caseID
        if online {
            _ = try book.handle(.accept(case: id), at: clock)
            _ = try book.handle(.forward(case: id, department: 1, hall: 0), at: clock)
            stuck.append(id)
        } else {
            _ = try book.handle(.issueTicket(case: id, group: 0), at: clock)
            walkIns.append(id)
        }
        if walkIns.count > 50 || n == 59_999 {
            for w in walkIns {
                _ = try book.handle(.call(case: w, window: 0), at: clock)
                _ = try book.handle(.completeService(case: w), at: clock)
            }
            walkIns.removeAll()
        }
        #expect(book.slots.count - book.head <= max(2 * CaseBook.parkingSpan, 16 * book.openCount))
    }
    #expect(book.openCount == stuck.count)
    #expect(book.openCases.map(\.id) == stuck)
    for id in stuck { #expect(book[id]?.phase == .inBackOffice && book[id]?.group == 1) }
    #expect(!book.parked.isEmpty)
    #expect(book.slots.count <= 2 * CaseBook.parkingSpan)
    for id in stuck {
        _ = try book.handle(.approve(case: id), at: clock)
        _ = try book.handle(.markResultReady(case: id), at: clock)
        _ = try book.handle(.pickUp(case: id), at: clock)
        _ = try book.handle(.close(case: id), at: clock)
    }
    #expect(book.openCount == 0 && book.parked.isEmpty && book.slots.isEmpty)
    #expect(book.nextCaseID == 60_000 && book.count(in: .closed) == 60_000)
    let next = try book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: clock)
    #expect(next.caseID == 60_000 && book[60_000]?.phase == .submitted && book[59_999] == nil)
}

@Test func aParkedCaseRebuildsEqualAndStaysReachable() throws {
    var book = CaseBook()
    var events: [CaseEvent] = []
    func run(_ command: CaseCommand) throws { events.append(try book.handle(command, at: .seconds(Double(events.count)))) }
    try run(.submit(service: 2, hall: 1, channel: .online))
    try run(.accept(case: 0))
    for n in 1 ..< 20_000 {
        try run(.submit(service: 0, hall: 0, channel: .walkIn))
        try run(.abandon(case: UInt32(n)))
    }
    #expect(book.parked[0] != nil)
    try run(.requestMaterials(case: 0))
    try run(.resubmit(case: 0))
    #expect(book[0]?.phase == .accepted && book[0]?.service == 2)
    var rebuilt = CaseBook()
    for e in events { try rebuilt.apply(e) }
    #expect(rebuilt == book)
    try run(.transfer(case: 0))
    #expect(book.openCount == 0 && book[0] == nil)
    let error = #expect(throws: TransitionError.self) { _ = try book.handle(.close(case: 0), at: .zero) }
    #expect(error?.standing == .finished)
}

@Test func theBookHasACountForEveryPhase() throws {
    // The counts are a fixed-size inline array indexed by raw value: it must reach the last phase.
    #expect(CaseState.Phase.allCases.allSatisfy { Int($0.rawValue) < CaseBook().counts.count })
    var book = CaseBook()
    _ = try book.handle(.submit(service: 0, hall: 0, channel: .online), at: .zero)
    _ = try book.handle(.accept(case: 0), at: .zero)
    _ = try book.handle(.transfer(case: 0), at: .zero)
    #expect(book.count(in: .transferred) == 1 && book.count(in: .submitted) == 0)
}

@Test func theLifecycleTableAgreesWithTheLifecycleInEveryState() {
    let table = LifecycleTable.shared
    var conditional = 0
    for kind in CaseEvent.Kind.allCases {
        for phase in CaseState.Phase.allCases {
            if CaseEvent.Channel.allCases.contains(where: { table.entry(kind, phase, $0) == .conditional }) { conditional += 1 }
            for channel in CaseEvent.Channel.allCases {
                for decision in [CaseState.Decision.pending, .approved, .rejected] {
                    for resumes in CaseState.Phase.allCases {
                        var state = CaseState(submitted: CaseEvent(.submitted, at: .zero, channel: channel))
                        state.phase = phase
                        state.decision = decision
                        state.resumes = resumes
                        #expect(table.target(of: state, after: kind) == state.phase(after: kind), "\(kind) in \(phase), \(channel), \(decision), resumes \(resumes)")
                    }
                }
            }
        }
    }
    // Only the moves that read the decision or the resumption take the switch.
    #expect(conditional > 0 && conditional < 10)
}
