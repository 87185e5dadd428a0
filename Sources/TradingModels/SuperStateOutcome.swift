import TradingVocabulary

/// What applying one `SuperStateCommand` observably produced.
public enum SuperStateOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `update`: the classification of the conditions and the state change it caused, if any
    /// (production's `SuperStateUpdate`).
    case updated(classification: PortfolioState, transition: SuperStateTransition?)
    /// `halt` (nil when already halted) and `resume`: the state change.
    case transition(SuperStateTransition?)
    /// `canOpen`: allowed or refused with a reason.
    case decision(Decision<SuperStateRejection>)
    /// `restart`: reloaded.
    case restarted
    /// `restartAfter`: what the faulty restart reported.
    case faultyRestart(RestartReport)
    /// The input was malformed; nothing changed.
    case error(SuperStateError)

    public var description: String {
        switch self {
        case .updated(let classification, let transition):
            ".updated(classification: .\(classification.rawValue), transition: \(transition.map(Describe.superState) ?? "nil"))"
        case .transition(let transition): ".transition(\(transition.map(Describe.superState) ?? "nil"))"
        case .decision(.accepted): ".decision(.accepted)"
        case .decision(.rejected(let reason)): ".decision(.rejected(\(reason)))"
        case .restarted: ".restarted"
        case .faultyRestart(let report): ".faultyRestart(\(report))"
        case .error(let error): ".error(\(error))"
        }
    }
}
