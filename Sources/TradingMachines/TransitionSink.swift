import TradingVocabulary

/// A state change of one of the machines, as handed to a `TransitionSink`.
public enum TransitionEvent: Hashable, Sendable {
    case position(PositionTransition)
    case superState(SuperStateTransition)
    case tradingMode(TradingModeTransition)
}

/// Receives every state change of a machine, once, as it happens.
///
/// Plug in your own logger here. The machines call `record` only on an actual change of state,
/// never on the decision path of an accepted or rejected order, so a sink may be slow without
/// slowing decisions.
public protocol TransitionSink: Sendable {
    /// Called once per state change, after the change.
    func record(_ event: TransitionEvent)
}

/// The default sink: prints nothing, keeps nothing.
public struct NoTransitionSink: TransitionSink {
    public init() {}
    public func record(_ event: TransitionEvent) {}
}
