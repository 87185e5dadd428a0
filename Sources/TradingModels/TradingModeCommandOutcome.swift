import TradingVocabulary

/// What applying one `TradingModeCommand` observably produced.
///
/// (Named apart from the vocabulary's `TradingModeOutcome`, which is what one mode input
/// returns and which `.mode` carries.)
public enum TradingModeCommandOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `enableDryRun`, `goLive`, `pause`, `stop`, `setHalted`: transitioned, unchanged or rejected.
    case mode(TradingModeOutcome)
    /// `submit`: where the order goes, or why it is refused.
    case routing(RoutingDecision)
    /// `restart`: the transition the restart appended (LIVE_ACTIVE → DRY_RUN), if any.
    case restarted(TradingModeTransition?)
    /// `restartAfter`: what the faulty restart reported, and the transition its reload appended.
    case faultyRestart(RestartReport, TradingModeTransition?)

    public var description: String {
        switch self {
        case .mode(.transitioned(let t)): ".mode(.transitioned(\(Describe.tradingMode(t))))"
        case .mode(.unchanged): ".mode(.unchanged)"
        case .mode(.rejected(let reason)): ".mode(.rejected(\(reason)))"
        case .routing(.routed(let route)): ".routing(.routed(.\(route.rawValue)))"
        case .routing(.rejected(let reason)): ".routing(.rejected(\(reason)))"
        case .restarted(let t): ".restarted(\(t.map(Describe.tradingMode) ?? "nil"))"
        case .faultyRestart(let report, let t): ".faultyRestart(\(report), \(t.map(Describe.tradingMode) ?? "nil"))"
        }
    }
}
