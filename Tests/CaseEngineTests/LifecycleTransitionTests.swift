import CaseEngine
import SimCore
import Testing

@Test func theCommandListCoversEveryCaseEventKind() {
    let kinds = Set(everyCommand(for: 0).map(\.eventKind))
    let expected = Set(CaseEvent.Kind.allCases).subtracting([.submitted, .runEnded, .staffingChanged, .rated, .callbackDone, .workStarted])
    #expect(kinds == expected)
    #expect(everyCommand(for: 0).count == expected.count)
}

@Test func caseEventsStayThirtyTwoBytes() {
    #expect(MemoryLayout<CaseEvent>.size == 32)
    #expect(MemoryLayout<CaseEvent>.stride == 32)
}

@Test func everyStateAllowsExactlyTheDocumentedCommands() throws {
    for situation in everyOpenSituation() {
        let expected = expectedMoves(situation.phase, channel: situation.channel, resumes: situation.resumes, decided: situation.decided)
        for command in everyCommand(for: 2) {
            var clock = SimTime.zero
            var (book, id) = try book(channel: situation.channel, path: situation.path, clock: &clock)
            #expect(book[id]?.phase == situation.phase, "\(situation)")
            let before = book
            clock = clock + .seconds(10)
            if let target = expected[command.name] {
                let event = try book.handle(command, at: clock)
                #expect(event.kind == command.eventKind && event.caseID == id && event.time == clock, "\(situation): \(command)")
                if target.isTerminal {
                    #expect(book[id] == nil, "\(situation): \(command)")
                    #expect(book.count(in: target) == before.count(in: target) + 1)
                } else {
                    #expect(book[id]?.phase == target, "\(situation): \(command)")
                }
            } else {
                let error = #expect(throws: TransitionError.self, "\(situation): \(command)") {
                    _ = try book.handle(command, at: clock)
                }
                #expect(error?.caseID == id)
                #expect(error?.standing == .open(situation.phase))
                #expect(error?.attempt == .command(command))
                let message = error?.description ?? ""
                #expect(message.contains("case \(id) ") && message.contains("\(situation.phase)") && message.contains(command.name), "\(message)")
                #expect(book == before, "\(situation): a rejected \(command) changed the book")
            }
        }
    }
}

@Test func everyStateFoldsExactlyTheDocumentedEvents() throws {
    for situation in everyOpenSituation() {
        let expected = expectedMoves(situation.phase, channel: situation.channel, resumes: situation.resumes, decided: situation.decided)
        for command in everyCommand(for: 2) {
            var clock = SimTime.zero
            var (book, id) = try book(channel: situation.channel, path: situation.path, clock: &clock)
            let before = book
            let event = CaseEvent(command.eventKind, at: clock, case: id, hall: 1, group: 1, service: 1)
            if let target = expected[command.name] {
                try book.apply(event)
                #expect(book[id]?.phase == (target.isTerminal ? nil : target), "\(situation): \(event.kind)")
            } else {
                let error = #expect(throws: TransitionError.self, "\(situation): \(event.kind)") { try book.apply(event) }
                #expect(error?.standing == .open(situation.phase) && error?.attempt == .event(event.kind))
                let message = error?.description ?? ""
                #expect(message.contains("case \(id) ") && message.contains("\(situation.phase)") && message.contains("\(event.kind)"))
                #expect(book == before)
            }
        }
    }
}

@Test func aFinishedCaseCannotBeTouchedAgain() throws {
    for (name, channel, path, phase) in everyTerminalPath() {
        var clock = SimTime.zero
        var (book, id) = try book(channel: channel, path: path, clock: &clock)
        #expect(book[id] == nil, "\(name)")
        #expect(book.count(in: phase) == 1, "\(name)")
        let before = book
        for command in everyCommand(for: id) {
            let error = #expect(throws: TransitionError.self, "\(name): \(command)") { _ = try book.handle(command, at: clock) }
            #expect(error?.standing == .finished)
            let message = error?.description ?? ""
            #expect(message.contains("case \(id) ") && message.contains("finished") && message.contains(command.name), "\(message)")
            #expect(throws: TransitionError.self) { try book.apply(CaseEvent(command.eventKind, at: clock, case: id)) }
        }
        #expect(throws: TransitionError.self) { try book.apply(CaseEvent(.submitted, at: clock, case: id, channel: .walkIn)) }
        #expect(book == before)
    }
}

@Test func aCaseNeverSubmittedCannotBeTouched() throws {
    var book = CaseBook()
    _ = try book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .zero)
    for command in everyCommand(for: 7) {
        let error = #expect(throws: TransitionError.self) { _ = try book.handle(command, at: .zero) }
        #expect(error?.standing == .unknown)
        #expect(error?.description.contains("case 7 has not been submitted") == true)
    }
    let skipped = #expect(throws: TransitionError.self) { try book.apply(CaseEvent(.submitted, at: .zero, case: 3, channel: .walkIn)) }
    #expect(skipped?.description.contains("arrival order") == true)
    #expect(book.nextCaseID == 1 && book.openCount == 1)
}

@Test func submitAlwaysOpensTheNextCaseInArrivalOrder() throws {
    var book = CaseBook()
    for (n, channel) in CaseEvent.Channel.allCases.enumerated() {
        let event = try book.handle(.submit(service: 4, hall: 2, channel: channel), at: .seconds(Double(n)))
        #expect(event == CaseEvent(.submitted, at: .seconds(Double(n)), case: UInt32(n), hall: 2, service: 4, channel: channel))
        #expect(book[UInt32(n)]?.phase == .submitted && book[UInt32(n)]?.channel == channel)
    }
    #expect(book.openCount == CaseEvent.Channel.allCases.count)
    #expect(book.count(in: .submitted) == book.openCount)
}

@Test func resubmittedMaterialsReturnTheCaseToWhereItWasAskedForThem() throws {
    for situation in everyOpenSituation() where situation.phase == .materialsRequested {
        var clock = SimTime.zero
        var (book, id) = try book(channel: situation.channel, path: situation.path, clock: &clock)
        #expect(book[id]?.resumes == situation.resumes, "\(situation)")
        _ = try book.handle(.resubmit(case: id), at: clock)
        #expect(book[id]?.phase == situation.resumes, "\(situation)")
    }
}

@Test func theErrorMessageListsWhatTheStateAllows() throws {
    var book = CaseBook()
    let id = try book.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .zero).caseID
    _ = try book.handle(.issueTicket(case: id, group: 0), at: .zero)
    let error = #expect(throws: TransitionError.self) { _ = try book.handle(.approve(case: id), at: .zero) }
    #expect(error?.description == "case 0 is queued: command approve is not allowed (allowed: call, abandon, escalate)")
}
