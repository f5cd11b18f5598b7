/// What happens to people waiting when their group's staffing drops to zero during the day
/// (a lunch break, a roster gap) and the group is staffed again later that day.
public enum BreakPolicy: String, Sendable, Equatable, CaseIterable {
    /// The windows go on until the queue is empty, as at closing with `serve`.
    case serve
    /// Everyone still waiting is sent home, as at closing with `send_home`.
    case sendHome = "send_home"
    /// The windows stop calling and the queue waits, patience still running, until the group is staffed again.
    case wait
}

/// What a person who came for a result and gave up in the queue does next: the case stays open.
public enum UncollectedPolicy: String, Sendable, Equatable, CaseIterable {
    /// They come back another day: after the pick-up delay again, on the next day a pick-up group is staffed.
    case returnLater = "return"
    /// The hall mails the result: it arrives after the mail delay.
    case mail
}
