/// A command or event that the case's current state does not allow.
///
/// Its description names the case, its state and the command (or event), and
/// lists what the state would allow.
public struct TransitionError: Error, Equatable, CustomStringConvertible {
    /// Where the case stood when the command or event came.
    public enum Standing: Sendable, Equatable {
        /// Open, in this phase.
        case open(CaseState.Phase)
        /// Over: closed, abandoned, no-show or transferred, and dropped from the book.
        case finished
        /// Not submitted yet.
        case unknown
    }

    /// What was tried.
    public enum Attempt: Sendable, Equatable {
        /// A command given to ``CaseBook/handle(_:at:)``.
        case command(CaseCommand)
        /// An event folded by ``CaseBook/apply(_:)``.
        case event(CaseEvent.Kind)

        /// The kind of event the attempt stands for.
        public var kind: CaseEvent.Kind {
            switch self {
            case .command(let c): c.eventKind
            case .event(let k): k
            }
        }
    }

    /// The case.
    public let caseID: UInt32
    /// Where the case stood.
    public let standing: Standing
    /// What was tried.
    public let attempt: Attempt
    /// The kinds of event the case's state allows (empty unless the case is open).
    public let allowed: [CaseEvent.Kind]

    /// An error for `attempt` on case `caseID`, which stands at `standing` and allows `allowed`.
    public init(caseID: UInt32, standing: Standing, attempt: Attempt, allowed: [CaseEvent.Kind] = []) {
        self.caseID = caseID
        self.standing = standing
        self.attempt = attempt
        self.allowed = allowed
    }

    public var description: String {
        let state = switch standing {
        case .open(let phase): "is \(phase)"
        case .finished: "is finished and no longer open"
        case .unknown: "has not been submitted"
        }
        let tried = switch attempt {
        case .command(let c): "command \(c.name)"
        case .event(let k): "event \(k)"
        }
        var text = "case \(caseID) \(state): \(tried) is not allowed"
        if attempt.kind == .submitted {
            text += " (case ids are assigned in arrival order)"
        } else if !allowed.isEmpty {
            let names = allowed.map { kind in
                if case .command = attempt { CaseCommand.name(of: kind) } else { "\(kind)" }
            }
            text += " (allowed: \(names.joined(separator: ", ")))"
        }
        return text
    }
}
