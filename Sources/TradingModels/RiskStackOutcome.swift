import TradingVocabulary

/// What applying one `RiskStackCommand` observably produced.
public enum RiskStackOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `submit`: accepted with its route, or the first layer that refused.
    case decision(RiskDecision)
    /// `setCap`, `setForcedUnwind`: the position-management state change, if any.
    case position(PositionTransition?)
    /// `cycle`: the exit orders.
    case orders([ExitOrder])
    /// `update`: the classification and the super-state change, if any.
    case updated(classification: PortfolioState, transition: SuperStateTransition?)
    /// `halt` (nil when already halted), `resume`: the super-state change.
    case superState(SuperStateTransition?)
    /// `enableDryRun`, `goLive`, `pause`, `stop`: what the trading mode did.
    case mode(TradingModeOutcome)
    /// `restart`: reloaded.
    case restarted
    /// `restartAfter`: what the faulty save and the reload reported.
    case faultyRestart(RestartReport)
    /// `close`, `adopt`, `mark`, `markToMarket`, `setPortfolioValue`, `setLimits`,
    /// `setGroupLimit`: applied.
    case done
    /// The input was malformed; nothing changed in any layer.
    case error(RiskStackError)

    public var description: String {
        switch self {
        case .decision(.accepted(let route)): ".decision(.accepted(.\(route.rawValue)))"
        case .decision(.rejected(let reason)): ".decision(.rejected(\(reason)))"
        case .position(let t): ".position(\(t.map(Describe.position) ?? "nil"))"
        case .orders(let orders):
            ".orders([\(orders.map { "\(Literal.symbol($0.symbol)) .\($0.reason.rawValue)" }.joined(separator: ", "))])"
        case .updated(let c, let t): ".updated(classification: .\(c.rawValue), transition: \(t.map(Describe.superState) ?? "nil"))"
        case .superState(let t): ".superState(\(t.map(Describe.superState) ?? "nil"))"
        case .mode(let outcome): TradingModeCommandOutcome.mode(outcome).description
        case .restarted: ".restarted"
        case .faultyRestart(let report): ".faultyRestart(\(report))"
        case .done: ".done"
        case .error(let error): ".error(\(error))"
        }
    }
}
