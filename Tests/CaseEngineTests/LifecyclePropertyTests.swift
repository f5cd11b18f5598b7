import CaseEngine
import SimCore
import Testing

/// What the test believes about an open case, tracked apart from the engine.
private struct Belief {
    var phase: Phase
    var channel: CaseEvent.Channel
    var resumes: Phase = .submitted
    /// Approved or rejected: a person back for the result may leave the queue without it.
    var decided = false
}

private extension RandomStream {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A random command: mostly ones the case allows, often any command at all, now and then one for a finished or unknown case.
private func randomCommand(_ rng: inout RandomStream, open: [UInt32], beliefs: [UInt32: Belief], next: UInt32) -> CaseCommand {
    if open.isEmpty || rng.below(6) == 0 {
        let channel = CaseEvent.Channel.allCases[rng.below(CaseEvent.Channel.allCases.count)]
        return .submit(service: UInt16(rng.below(4)), hall: UInt16(rng.below(3)), channel: channel)
    }
    let id = rng.below(10) == 0 ? UInt32(rng.below(Int(next) + 2)) : open[rng.below(open.count)]
    let commands = everyCommand(for: id).map { command -> CaseCommand in
        switch command {
        case .issueTicket: .issueTicket(case: id, group: UInt16(rng.below(3)))
        case .call: .call(case: id, window: UInt16(rng.below(5)))
        case .forward: .forward(case: id, department: UInt16(rng.below(6)), hall: UInt16(rng.below(3)))
        default: command
        }
    }
    if let belief = beliefs[id], rng.below(10) < 7 {
        let allowed = expectedMoves(belief.phase, channel: belief.channel, resumes: belief.resumes, decided: belief.decided)
        let valid = commands.filter { allowed[$0.name] != nil }
        if !valid.isEmpty { return valid[rng.below(valid.count)] }
    }
    return commands[rng.below(commands.count)]
}

@Test func aBookRebuiltFromItsEventsEqualsTheLiveBookAfterEveryEvent() throws {
    for seed in 0 ..< 500 {
        var rng = RandomStream(seed: UInt64(seed), label: "lifecycle")
        var live = CaseBook()
        var incremental = CaseBook()
        var events: [CaseEvent] = []
        var beliefs: [UInt32: Belief] = [:]
        var open: [UInt32] = []
        var clock = SimTime.zero
        for _ in 0 ..< 120 {
            clock = clock + SimTime(ticks: Int64(rng.below(5_000_000)))
            let command = randomCommand(&rng, open: open, beliefs: beliefs, next: live.nextCaseID)
            let before = live
            let expected: Phase?
            if case .submit(_, _, let channel) = command {
                expected = .submitted
                beliefs[live.nextCaseID] = Belief(phase: .submitted, channel: channel)
                open.append(live.nextCaseID)
            } else if let id = command.caseID, let belief = beliefs[id] {
                expected = expectedMoves(belief.phase, channel: belief.channel, resumes: belief.resumes, decided: belief.decided)[command.name]
            } else {
                expected = nil
            }
            do {
                let event = try live.handle(command, at: clock)
                #expect(expected != nil, "seed \(seed): \(command) was accepted")
                #expect(event.kind == command.eventKind && event.time == clock)
                if let target = expected, var belief = beliefs[event.caseID] {
                    if target == .materialsRequested {
                        belief.resumes = switch belief.phase {
                        case .called, .inService: .submitted
                        case .accepted: .accepted
                        default: .inBackOffice
                        }
                    }
                    belief.phase = target
                    if target == .approved || target == .rejected { belief.decided = true }
                    if target.isTerminal {
                        beliefs[event.caseID] = nil
                        open.removeAll { $0 == event.caseID }
                    } else {
                        beliefs[event.caseID] = belief
                    }
                }
                events.append(event)
                try incremental.apply(event)
                var rebuilt = CaseBook()
                for e in events { try rebuilt.apply(e) }
                #expect(incremental == live, "seed \(seed) after \(events.count) events")
                #expect(rebuilt == live, "seed \(seed) after \(events.count) events")
            } catch {
                #expect(expected == nil, "seed \(seed): \(command) was refused: \(error)")
                #expect(error.caseID == command.caseID && error.attempt == .command(command))
                #expect(error.description.contains("case \(error.caseID) ") && error.description.contains(command.name))
                #expect(live == before, "seed \(seed): refused \(command) changed the book")
            }
            #expect(live.openCount == beliefs.count)
            for (id, belief) in beliefs { #expect(live[id]?.phase == belief.phase, "seed \(seed) case \(id)") }
        }
    }
}

@Test func booksWithDifferentCasesAreNotEqual() throws {
    var a = CaseBook()
    var b = CaseBook()
    _ = try a.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .zero)
    _ = try b.handle(.submit(service: 0, hall: 0, channel: .walkIn), at: .zero)
    #expect(a == b)
    _ = try a.handle(.issueTicket(case: 0, group: 0), at: .zero)
    _ = try b.handle(.issueTicket(case: 0, group: 1), at: .zero)
    #expect(a != b)
    _ = try a.handle(.abandon(case: 0), at: .zero)
    _ = try b.handle(.call(case: 0, window: 0), at: .zero)
    #expect(a != b)
}
